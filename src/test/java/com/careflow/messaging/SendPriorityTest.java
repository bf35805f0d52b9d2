package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #19, target 4: transactional messages go before marketing ones while the send limit is
 * saturated. The limiter runs on a manual clock: a wait moves the clock instead of sleeping, and
 * what "another worker" does meanwhile runs inside that wait (the {@code whileWaiting} queue), so
 * the order of the grants is exact and nothing here is timed.
 */
class SendPriorityTest {

  private static final long SECOND = 1_000_000_000L;

  /** Bucket4j's clock and its way to wait, both on one manual time line. */
  static final class ManualTime implements TimeMeter, BlockingStrategy {
    long now;
    final Deque<Runnable> whileWaiting = new ArrayDeque<>();

    @Override
    public long currentTimeNanos() {
      return now;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }

    /** Another worker acts while this one waits; then this one wakes at its own wake-up time. */
    @Override
    public void park(long nanos) {
      long wakeUp = now + nanos;
      Runnable meanwhile = whileWaiting.poll();
      if (meanwhile != null) {
        meanwhile.run();
      }
      now = Math.max(now, wakeUp);
    }
  }

  final ManualTime time = new ManualTime();
  final List<String> granted = new ArrayList<>();

  /** 1 segment per second, a bucket of 1: one send per second, evenly spaced. */
  SegmentRateLimiter limiter(int marketingWaiting, Duration maxWait) {
    return SegmentRateLimiter.local(
        MessagingTestSupport.sendLimit(
            Map.of(
                "careflow.messaging.send-limit.segments-per-second",
                "1",
                "careflow.messaging.send-limit.marketing-waiting",
                String.valueOf(marketingWaiting))),
        maxWait,
        time,
        time);
  }

  void send(SegmentRateLimiter limiter, String name, MessageCategory category) {
    limiter.acquire(1, category);
    granted.add(name + "@" + time.now / SECOND);
  }

  @Test
  void aTransactionalSendArrivingWhileAMarketingSendWaitsTakesTheNextSlot() {
    SegmentRateLimiter limiter = limiter(4, Duration.ofSeconds(30));
    send(limiter, "marketing-1", MessageCategory.MARKETING); // the idle token, at 0 s
    // marketing-2 waits for the refill at 1 s; meanwhile a payment reminder comes
    time.whileWaiting.add(() -> send(limiter, "payment-reminder", MessageCategory.TRANSACTIONAL));

    send(limiter, "marketing-2", MessageCategory.MARKETING);

    assertThat(granted).containsExactly("marketing-1@0", "payment-reminder@1", "marketing-2@2");
  }

  @Test
  void withoutThePriorityTheSendThatCameFirstWouldGoFirst() {
    // the same arrivals, both reserving as transactional sends do: first come, first served
    SegmentRateLimiter limiter = limiter(4, Duration.ofSeconds(30));
    send(limiter, "first", MessageCategory.TRANSACTIONAL);
    time.whileWaiting.add(() -> send(limiter, "later", MessageCategory.TRANSACTIONAL));

    send(limiter, "second", MessageCategory.TRANSACTIONAL); // holds the slot at 1 s

    // the one that came later gets the slot after it (the manual clock then stands at 2 s, so
    // when "second" returns is no measure of its slot)
    assertThat(granted).startsWith("first@0", "later@2").hasSize(3);
  }

  @Test
  void everyWaitingTransactionalSendGoesBeforeTheWaitingMarketingSend() {
    SegmentRateLimiter limiter = limiter(4, Duration.ofSeconds(30));
    send(limiter, "marketing-1", MessageCategory.MARKETING);
    // while marketing-2 waits, three reminders come one after another
    time.whileWaiting.add(
        () -> {
          send(limiter, "reminder-1", MessageCategory.TRANSACTIONAL);
          send(limiter, "reminder-2", MessageCategory.TRANSACTIONAL);
          send(limiter, "reminder-3", MessageCategory.TRANSACTIONAL);
        });

    send(limiter, "marketing-2", MessageCategory.MARKETING);

    assertThat(granted)
        .containsExactly(
            "marketing-1@0", "reminder-1@1", "reminder-2@2", "reminder-3@3", "marketing-2@4");
  }

  @Test
  void marketingBeyondTheWaitingLineIsDeferredWithoutTouchingTheBucket() {
    SegmentRateLimiter limiter = limiter(1, Duration.ofSeconds(30));
    send(limiter, "marketing-1", MessageCategory.MARKETING);
    List<Object> seenMeanwhile = new ArrayList<>();
    time.whileWaiting.add(
        () -> {
          long before = limiter.availableSegments();
          seenMeanwhile.add(limiter.marketingDeferral().isPresent());
          try {
            limiter.acquire(1, MessageCategory.MARKETING);
            seenMeanwhile.add("granted");
          } catch (SegmentRateLimiter.SendDeferred deferred) {
            // spread over ½–1½ of the default 10 s
            seenMeanwhile.add(
                deferred.retryAfter().compareTo(Duration.ofSeconds(5)) >= 0
                    && deferred.retryAfter().compareTo(Duration.ofSeconds(15)) < 0);
          }
          seenMeanwhile.add(limiter.availableSegments() == before);
        });

    send(limiter, "marketing-2", MessageCategory.MARKETING); // the one waiting in line

    assertThat(seenMeanwhile).containsExactly(true, true, true);
    assertThat(granted).containsExactly("marketing-1@0", "marketing-2@1");
    assertThat(limiter.marketingDeferral()).isEmpty(); // the line is free again
  }

  @Test
  void aMarketingSendOutwaitedByReservationsIsDeferredAndGivesBackWhatItTook() {
    SegmentRateLimiter limiter = limiter(4, Duration.ofMillis(1_500));
    // two segments, the first from the idle bucket at 0 s, the second due at 1 s; a reminder
    // reserves that slot meanwhile, so the second would come at 2 s, after the max wait
    time.whileWaiting.add(() -> send(limiter, "payment-reminder", MessageCategory.TRANSACTIONAL));

    assertThatThrownBy(() -> limiter.acquire(2, MessageCategory.MARKETING))
        .isInstanceOf(SegmentRateLimiter.SendDeferred.class)
        .hasMessageContaining("marketing waits for transactional sends");

    assertThat(granted).containsExactly("payment-reminder@1");
    assertThat(time.now).isEqualTo(SECOND);
    // the segment marketing had taken is back: the next reminder goes at once
    assertThat(limiter.availableSegments()).isEqualTo(1);
    send(limiter, "next-reminder", MessageCategory.TRANSACTIONAL);
    assertThat(granted).containsExactly("payment-reminder@1", "next-reminder@1");
  }
}
