package com.careflow.messaging;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Throttles calls to the provider to the sender's messages-per-second (long code 1/s, toll-free
 * 3/s, short code 30/s), so a backlog drains at the limit instead of meeting 429s. A Bucket4j token
 * bucket holding a single token that refills every {@code 1s / rate}: sends are spaced evenly, no
 * burst above the rate. The bucket is per app instance; with several instances give each its share.
 */
final class SendRateLimiter {

  private final Bucket bucket;
  private final Duration maxWait;
  private final double perSecond;

  SendRateLimiter(double messagesPerSecond, Duration maxWait) {
    if (messagesPerSecond <= 0) {
      throw new IllegalArgumentException("careflow.messaging.messages-per-second must be positive");
    }
    this.perSecond = messagesPerSecond;
    this.maxWait = maxWait;
    Duration spacing = Duration.ofNanos(Math.round(1_000_000_000d / messagesPerSecond));
    this.bucket = Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, spacing).initialTokens(1).build())
        .build();
  }

  /**
   * Waits for a permit.
   *
   * @throws SendFailedException (retryable, nothing was sent) when none came within the max wait
   */
  void acquire() {
    boolean granted;
    try {
      granted = maxWait.isPositive() ? bucket.asBlocking().tryConsume(1, maxWait) : bucket.tryConsume(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      granted = false;
    }
    if (!granted) {
      throw new SendFailedException("Send rate limit of " + perSecond + "/s: no permit within " + maxWait
          + ", nothing sent", null, 0, SendFailedException.Kind.RETRYABLE, null);
    }
  }

  /** Permits available right now (0 or 1), for the accounting test. */
  long availablePermits() {
    return bucket.getAvailableTokens();
  }
}
