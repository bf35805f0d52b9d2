package com.careflow.messaging;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Throttles calls to the provider to the sender's messages-per-second (long code 1/s, toll-free
 * 3/s, short code 30/s), so a backlog drains at the limit instead of meeting 429s. A Bucket4j token
 * bucket holding a single token that refills every {@code 1s / rate}: sends are spaced evenly, no
 * burst above the rate. The bucket is per app instance; with several instances give each its share.
 *
 * <p>Waiting senders queue on a fair lock and take the token without reserving it. Bucket4j's
 * blocking consume reserves tokens on a fixed schedule instead, so a thread that wakes late (a busy
 * machine, a GC pause) sends right before the next one's slot, and the provider sees two requests
 * closer than the limit allows: the benchmark's send scenario met 14 429s in 5,000 that way.
 * Without the reservation, a full bucket holds no more than its one token, so the next send is
 * spaced from when this one actually went.
 */
final class SendRateLimiter {

  private final Bucket bucket;
  private final ReentrantLock queue = new ReentrantLock(true);
  private final Duration maxWait;
  private final double perSecond;

  SendRateLimiter(double messagesPerSecond, Duration maxWait) {
    if (messagesPerSecond <= 0) {
      throw new IllegalArgumentException("careflow.messaging.messages-per-second must be positive");
    }
    this.perSecond = messagesPerSecond;
    this.maxWait = maxWait;
    Duration spacing = Duration.ofNanos(Math.round(1_000_000_000d / messagesPerSecond));
    this.bucket =
        Bucket.builder()
            .addLimit(
                Bandwidth.builder().capacity(1).refillGreedy(1, spacing).initialTokens(1).build())
            .build();
  }

  /**
   * Waits for a permit.
   *
   * @throws SendFailedException (retryable, nothing was sent) when none came within the max wait
   */
  void acquire() {
    long deadline = System.nanoTime() + maxWait.toNanos();
    try {
      if (!queue.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw noPermit();
      }
      try {
        while (!bucket.tryConsume(1)) {
          long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
          if (System.nanoTime() + wait > deadline) {
            throw noPermit();
          }
          LockSupport.parkNanos(wait);
        }
      } finally {
        queue.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw noPermit();
    }
  }

  private SendFailedException noPermit() {
    return new SendFailedException(
        "Send rate limit of " + perSecond + "/s: no permit within " + maxWait + ", nothing sent",
        null,
        0,
        SendFailedException.Kind.RETRYABLE,
        null);
  }

  /** Permits available right now (0 or 1), for the accounting test. */
  long availablePermits() {
    return bucket.getAvailableTokens();
  }
}
