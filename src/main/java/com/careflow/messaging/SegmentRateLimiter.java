package com.careflow.messaging;

import com.careflow.backoff.ExponentialBackoff;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Throttles calls to the provider to the sender's segments per second ({@link
 * SendLimitProperties}). A Bucket4j token bucket whose tokens are SMS segments, refilled one at a
 * time every {@code 1s / segmentsPerSecond}, holding at most {@code burstSegments}: a backlog
 * drains at the limit, spaced evenly, instead of meeting 429s.
 *
 * <p>The bucket is either this instance's own ({@link #local}) or one row of the {@code
 * send_rate_bucket} table that every instance consumes from ({@link #shared}, Bucket4j's PostgreSQL
 * proxy manager: each consumption is one transaction holding the row's lock), so two instances
 * behind one Twilio sender together stay within its limit.
 *
 * <p>A send reserves its tokens (Bucket4j's blocking consume: the bucket hands out the next free
 * slot and the thread sleeps until it), one database round trip per send however long the queue. A
 * thread that wakes late sends closer to the next one's slot than the rate spaces them, so set the
 * rate a few per cent under the sender's limit (the benchmark uses 95 %). Polling the bucket
 * instead (take a token only when one is there, never reserve) avoids that bunching but costs a
 * round trip per waiting interval: in the reminder-storm benchmark on a busy machine two instances
 * drained at 41 % of the limit that way with no 429, and at 53–64 % with reservations and 18–36
 * 429s, each paused for and repeated (docs/benchmarks.md).
 *
 * <p>After a 429 {@link #pause} puts the bucket in debt for the backoff: every instance, not only
 * the one that met it, waits before its next send.
 *
 * <p><b>Priority when the sender is saturated</b> (issue #19, target 4): transactional sends
 * reserve as described; marketing sends never reserve. A marketing send takes a token only when one
 * is in the bucket now (Bucket4j's verbose probe: {@code tryConsumeAndReturnRemaining}), so every
 * slot a transactional send reserved stays its own, and while any transactional send waits (the
 * bucket in debt) no marketing send goes. On each instance marketing sends queue behind one fair
 * lock (first come, first served; one probe at a time, so a waiting line costs one database round
 * trip per refill, not one per waiting thread), and at most {@code marketingWaiting} of them wait
 * at once: a further marketing send is deferred ({@link SendDeferred}: its job goes back to the
 * engine with a backoff of about {@code marketingYieldBackoff}, retries untouched) instead of
 * holding a job-worker slot. That keeps the worker's slots free for the jobs behind it in the
 * engine's queue, so a transactional job activated behind thousands of marketing jobs reaches the
 * bucket after the deferrals ahead of it, not after their sends.
 */
final class SegmentRateLimiter {

  private final Bucket bucket;
  private final Duration maxWait;
  private final SendLimitProperties props;
  private final BlockingStrategy blocking;
  private final TimeMeter time;
  private final AtomicLong lastPause = new AtomicLong();
  private final ReentrantLock marketingLine = new ReentrantLock(true);
  private final AtomicInteger marketingWaiting = new AtomicInteger();

  private SegmentRateLimiter(
      Bucket bucket,
      SendLimitProperties props,
      Duration maxWait,
      BlockingStrategy blocking,
      TimeMeter time) {
    this.bucket = bucket;
    this.props = props;
    this.maxWait = maxWait;
    this.blocking = blocking;
    this.time = time;
  }

  private SegmentRateLimiter(Bucket bucket, SendLimitProperties props, Duration maxWait) {
    this(bucket, props, maxWait, BlockingStrategy.PARKING, TimeMeter.SYSTEM_NANOTIME);
  }

  /** A bucket of this instance alone. */
  static SegmentRateLimiter local(SendLimitProperties props, Duration maxWait) {
    return new SegmentRateLimiter(
        Bucket.builder().addLimit(bandwidth(props)).build(), props, maxWait);
  }

  /**
   * A bucket of this instance alone on the given clock: every wait (reservation or marketing's wait
   * for a refill) goes through {@code blocking}, every deadline is read from {@code time}, so a
   * test steps a manual clock instead of sleeping.
   */
  static SegmentRateLimiter local(
      SendLimitProperties props, Duration maxWait, TimeMeter time, BlockingStrategy blocking) {
    return new SegmentRateLimiter(
        Bucket.builder().withCustomTimePrecision(time).addLimit(bandwidth(props)).build(),
        props,
        maxWait,
        blocking,
        time);
  }

  /**
   * The bucket {@code props.bucketId()} in the {@code send_rate_bucket} table (Flyway V14), shared
   * by every instance on the same database. The configuration of the instance started last replaces
   * the stored one (tokens carried over proportionally), so a changed limit takes effect without
   * clearing the table; instances of one sender should share one configuration.
   */
  static SegmentRateLimiter shared(
      DataSource dataSource, SendLimitProperties props, Duration maxWait) {
    ProxyManager<Long> buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .table("send_rate_bucket")
            .idColumn("id")
            .stateColumn("state")
            .build();
    BucketConfiguration configuration =
        BucketConfiguration.builder().addLimit(bandwidth(props)).build();
    Bucket bucket =
        buckets
            .builder()
            .withImplicitConfigurationReplacement(
                System.currentTimeMillis(), TokensInheritanceStrategy.PROPORTIONALLY)
            .build(props.bucketId(), () -> configuration);
    return new SegmentRateLimiter(bucket, props, maxWait);
  }

  private static Bandwidth bandwidth(SendLimitProperties props) {
    Duration spacing = Duration.ofNanos(Math.round(1_000_000_000d / props.segmentsPerSecond()));
    return Bandwidth.builder()
        .capacity(props.burstSegments())
        .refillGreedy(1, spacing)
        .initialTokens(props.burstSegments())
        .build();
  }

  /** Segments Twilio counts against the sender's throughput for one message. */
  static int segments(OutboundMessage message) {
    return message.channel() == Channel.SMS ? SmsSegments.count(message.body()).segments() : 1;
  }

  /**
   * Waits until {@code segments} tokens were taken from the bucket, in pieces of at most {@code
   * burstSegments}. Each piece is one reservation: the bucket gives the token's slot at once (one
   * database round trip for the shared bucket, never a poll) and this thread sleeps until it.
   *
   * @throws SendFailedException (retryable, nothing was sent) when they would not come within the
   *     max wait ({@code careflow.messaging.rate-limit-max-wait}); tokens reserved for it are given
   *     back
   */
  void acquire(int segments) {
    long deadline = time.currentTimeNanos() + maxWait.toNanos();
    long taken = 0;
    try {
      while (taken < segments) {
        long piece = Math.min(segments - taken, props.burstSegments());
        long left = deadline - time.currentTimeNanos();
        boolean got =
            left > 0
                ? bucket.asBlocking().tryConsume(piece, Duration.ofNanos(left), blocking)
                : bucket.tryConsume(piece);
        if (!got) {
          throw noPermit(segments);
        }
        taken += piece;
      }
      taken = 0; // spent on the send that follows
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw noPermit(segments);
    } finally {
      if (taken > 0) {
        bucket.addTokens(taken);
      }
    }
  }

  /**
   * Waits for {@code segments} tokens as a send of {@code category} does: a transactional send
   * reserves ({@link #acquire(int)}); a marketing send takes only tokens nobody reserved, after the
   * marketing sends that came before it on this instance (see the class comment).
   *
   * @throws SendDeferred a marketing send when {@code marketingWaiting} marketing sends already
   *     wait on this instance, or when no unreserved token came within the max wait (tokens taken
   *     for it are given back); nothing was sent, the job should come back later without using a
   *     retry
   * @throws SendFailedException a transactional send, as {@link #acquire(int)}
   */
  void acquire(int segments, MessageCategory category) {
    if (category != MessageCategory.MARKETING) {
      acquire(segments);
      return;
    }
    if (marketingWaiting.incrementAndGet() > props.marketingWaiting()) {
      marketingWaiting.decrementAndGet();
      throw deferred(props.marketingWaiting() + " marketing sends already wait on this instance");
    }
    long deadline = time.currentTimeNanos() + maxWait.toNanos();
    try {
      if (!marketingLine.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw deferred("the marketing sends ahead did not go within " + maxWait);
      }
      try {
        takeUnreserved(segments, deadline);
      } finally {
        marketingLine.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw deferred("interrupted while waiting");
    } finally {
      marketingWaiting.decrementAndGet();
    }
  }

  /**
   * Whether a marketing send should not even start on this instance now: as many marketing sends as
   * {@code marketingWaiting} already wait for the limit (no database round trip; {@link
   * #acquire(int, MessageCategory)} checks again).
   *
   * @return the backoff to defer it by, empty when it may go ahead
   */
  java.util.Optional<Duration> marketingDeferral() {
    return marketingWaiting.get() >= props.marketingWaiting()
        ? java.util.Optional.of(yieldBackoff())
        : java.util.Optional.empty();
  }

  /** Marketing's wait: takes tokens only when they are in the bucket, never a reserved slot. */
  private void takeUnreserved(int segments, long deadline) throws InterruptedException {
    long taken = 0;
    try {
      while (taken < segments) {
        long piece = Math.min(segments - taken, props.burstSegments());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(piece);
        if (probe.isConsumed()) {
          taken += piece;
          continue;
        }
        long wait = probe.getNanosToWaitForRefill();
        if (time.currentTimeNanos() + wait > deadline) {
          throw deferred("no unreserved permit within " + maxWait);
        }
        blocking.park(wait);
      }
      taken = 0; // spent on the send that follows
    } finally {
      if (taken > 0) {
        bucket.addTokens(taken);
      }
    }
  }

  private SendDeferred deferred(String why) {
    Duration backoff = yieldBackoff();
    return new SendDeferred(
        "Send limit of "
            + props.segmentsPerSecond()
            + " segments/s saturated: marketing waits for transactional sends ("
            + why
            + "); job back in "
            + backoff
            + ", nothing sent",
        backoff);
  }

  /** {@code marketingYieldBackoff} spread over ½–1½ of it, so deferred jobs come back apart. */
  private Duration yieldBackoff() {
    long nanos = props.marketingYieldBackoff().toNanos();
    return Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, nanos)));
  }

  /**
   * A marketing send that gives way to transactional ones: nothing was sent, nothing is wrong; the
   * job comes back after {@link #retryAfter()} with its retries untouched.
   */
  static final class SendDeferred extends RuntimeException {
    private final transient Duration retryAfter;

    SendDeferred(String message, Duration retryAfter) {
      super(message, null, false, false);
      this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
      return retryAfter;
    }
  }

  /**
   * After a 429: the bucket goes further into debt by {@code backoffOn429 × 2^(earlier429s)} worth
   * of segments, which moves every slot not yet handed out (on every instance) that much later. A
   * first 429 within the backoff of this instance's last pause adds nothing: the sends in flight
   * when the provider pushed back meet the same 429, and one pause answers them all.
   *
   * @return the pause
   */
  Duration pause(int earlier429s) {
    Duration backoff =
        new ExponentialBackoff(props.backoffOn429(), props.backoffOn429().multipliedBy(1 << 10))
            .after(earlier429s + 1);
    long now = time.currentTimeNanos();
    long last = lastPause.get();
    boolean fresh = last == 0 || now - last >= props.backoffOn429().toNanos();
    if ((fresh && lastPause.compareAndSet(last, now)) || earlier429s > 0) {
      long debt = Math.round(backoff.toNanos() / 1e9 * props.segmentsPerSecond());
      bucket.consumeIgnoringRateLimits(Math.max(1, debt));
    }
    return backoff;
  }

  int retriesOn429() {
    return props.retriesOn429();
  }

  /**
   * Tokens (segments) available right now; negative while sends have reserved slots ahead or the
   * bucket is paused after a 429.
   */
  long availableSegments() {
    return bucket.getAvailableTokens();
  }

  private SendFailedException noPermit(int segments) {
    return new SendFailedException(
        "Send rate limit of "
            + props.segmentsPerSecond()
            + " segments/s: no permit for "
            + segments
            + " segment(s) within "
            + maxWait
            + ", nothing sent",
        null,
        0,
        SendFailedException.Kind.RETRYABLE,
        null);
  }
}
