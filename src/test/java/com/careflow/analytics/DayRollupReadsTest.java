package com.careflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * The day rollups' read path at scale (issue #16): distinct counts as the cardinality of a union of
 * stored sets read in place, and the payment reminders' median found through hours of minute
 * buckets, both against a plain computation.
 */
class DayRollupReadsTest extends AnalyticsTestBase {

  static final LocalDate DAY = LocalDate.of(2026, 11, 10);

  @BeforeEach
  void setUp() {
    start();
    jdbc.update("DELETE FROM analytics_reminder_lag");
    jdbc.update("DELETE FROM analytics_reminder_day");
  }

  @Test
  void unionCardinalityIsTheCardinalityOfTheBuiltUnion() {
    Random random = new Random(16);
    for (int round = 0; round < 20; round++) {
      RoaringBitmap union = new RoaringBitmap();
      List<ImmutableRoaringBitmap> stored = new ArrayList<>();
      for (int day = 0; day < 1 + random.nextInt(30); day++) {
        RoaringBitmap b = new RoaringBitmap();
        int chunk = random.nextInt(4);
        int size = random.nextInt(round % 2 == 0 ? 100 : 20_000); // array and bitmap containers
        for (int i = 0; i < size; i++) {
          b.add((chunk << 16) | random.nextInt(1 << 16));
        }
        union.or(b);
        byte[] bytes = Bitmaps.write(b);
        if (bytes != null) {
          stored.add(Bitmaps.view(bytes));
        }
      }
      assertThat(Bitmaps.unionCardinality(stored)).isEqualTo(union.getLongCardinality());
    }
    assertThat(Bitmaps.unionCardinality(List.of())).isZero();
  }

  /** Lag rows: bucket (whole minutes) with that many paid orders at seconds = 60 * bucket. */
  private void lag(LocalDate day, long bucket, long paid, long minSeconds, long maxSeconds) {
    jdbc.update(
        "INSERT INTO analytics_reminder_lag (placed_day, bucket, paid, min_seconds, max_seconds)"
            + " VALUES (?,?,?,?,?)",
        day,
        bucket,
        paid,
        minSeconds,
        maxSeconds);
  }

  private Long median(LocalDate from, LocalDate to) {
    return reports.paymentReminders(from, to).medianMinutesReminderToPayment();
  }

  @Test
  void medianOfTwoMiddleElementsInDifferentHoursIsTheirMeanExactly() {
    // 1 order at 59 min (3,545 s), 1 at 61 min (3,655 s): the middle pair straddles hour 0 and 1
    lag(DAY, 59, 1, 3_545, 3_545);
    lag(DAY.plusDays(1), 61, 1, 3_655, 3_655);
    assertThat(median(DAY, DAY.plusDays(1))).isEqualTo(Math.round(3_600 / 60.0));
    // a period of one day holds only its own bucket
    assertThat(median(DAY, DAY)).isEqualTo(59);
    assertThat(median(DAY.plusDays(1), DAY.plusDays(1))).isEqualTo(61);
    assertThat(median(DAY.plusDays(2), DAY.plusDays(3))).isNull();
  }

  @Test
  void medianRanksCountTheHoursBeforeTheMiddleOnes() {
    // hours 0, 2 and 5 hold 3, 4 and 2 orders: 9 in all, the middle (rank 4) is the 2nd of hour 2
    lag(DAY, 10, 3, 570, 629);
    lag(DAY, 125, 1, 7_480, 7_480);
    lag(DAY.plusDays(1), 126, 1, 7_540, 7_540);
    lag(DAY, 130, 2, 7_790, 7_820);
    lag(DAY, 300, 2, 17_990, 18_020);
    assertThat(median(DAY, DAY.plusDays(1))).isEqualTo(126);
    // without the day after: 8 orders, ranks 3 and 4 are 125 (7,480 s) and 130 (7,790 s)
    assertThat(median(DAY, DAY)).isEqualTo(Math.round(((7_480 + 7_790) / 2) / 60.0));
  }

  @Test
  void medianAgreesWithThePlainMedianOfRandomBuckets() {
    Random random = new Random(25);
    List<Long> seconds = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      long s = random.nextInt(3 * 24 * 3_600);
      seconds.add(s);
    }
    // one row per order and day (distinct buckets per day as the recorder keeps them)
    java.util.Map<List<Long>, long[]> rows =
        new java.util.TreeMap<>(
            java.util.Comparator.<List<Long>, Long>comparing(k -> k.get(0))
                .thenComparing(k -> k.get(1)));
    for (int i = 0; i < seconds.size(); i++) {
      long s = seconds.get(i);
      long day = i % 5;
      long bucket = MemberRollups.bucket(s);
      long[] r = rows.computeIfAbsent(List.of(day, bucket), k -> new long[] {0, s, s});
      r[0]++;
      r[1] = Math.min(r[1], s);
      r[2] = Math.max(r[2], s);
    }
    rows.forEach((k, r) -> lag(DAY.plusDays(k.get(0)), k.get(1), r[0], r[1], r[2]));
    List<Long> sorted = seconds.stream().sorted().toList();
    int n = sorted.size();
    double mid = (sorted.get((n - 1) / 2) + sorted.get(n / 2)) / 2.0;
    long low = MemberRollups.bucket(sorted.get((n - 1) / 2));
    long high = MemberRollups.bucket(sorted.get(n / 2));
    long expected =
        low == high ? low : Math.round(((sorted.get((n - 1) / 2) + sorted.get(n / 2)) / 2) / 60.0);
    assertThat(median(DAY, DAY.plusDays(4))).isEqualTo(expected);
    assertThat(Math.abs(expected - mid / 60.0)).isLessThanOrEqualTo(1.0);
  }
}
