package com.careflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
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
    jdbc.update("DELETE FROM analytics_reminder_hour");
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

  /**
   * Lag rows: bucket (whole minutes) with that many paid orders at seconds = 60 * bucket, and their
   * day's hour row, as the recorder keeps them.
   */
  private void lag(LocalDate day, long bucket, long paid, long minSeconds, long maxSeconds) {
    jdbc.update(
        "INSERT INTO analytics_reminder_lag (placed_day, bucket, paid, min_seconds, max_seconds)"
            + " VALUES (?,?,?,?,?)",
        day,
        bucket,
        paid,
        minSeconds,
        maxSeconds);
    long hour = Math.floorDiv(bucket, 60);
    jdbc.update(
        "INSERT INTO analytics_reminder_hour (placed_day, lag_hour) VALUES (?,?) ON CONFLICT DO"
            + " NOTHING",
        day,
        hour);
    jdbc.update(
        "UPDATE analytics_reminder_hour SET paid = paid + ? WHERE placed_day = ? AND lag_hour = ?",
        paid,
        day,
        hour);
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

  /** A message of the payment-reminder step to a buyer, sent (not yet delivered) at the instant. */
  private void send(String id, String customer, String at) {
    recorder.recordSend(
        new AnalyticsFacts.SendFact(
            id,
            "SM-" + id,
            customer,
            null,
            "order-journey",
            1,
            "Activity_PaymentReminder",
            "PaymentReminder",
            null,
            null,
            "A",
            "TRANSACTIONAL",
            "SMS",
            "payment-reminder-new",
            "zh-CN",
            "SENT",
            1,
            new BigDecimal("0.0079"),
            "USD",
            null,
            Instant.parse(at)));
  }

  /** The buyers reached in a table's row of the ALL grouping (day or week), as text. */
  private String reached(String table, String dayColumn, LocalDate day) {
    List<String> sets =
        jdbc.query(
            "SELECT reached FROM "
                + table
                + " WHERE grouping_name = 'ALL' AND "
                + dayColumn
                + " = ? ORDER BY chunk",
            (rs, i) -> Bitmaps.read(rs.getBytes(1)).toString(),
            day);
    return String.join(",", sets);
  }

  private long reachedInPeriod(LocalDate from, LocalDate to) {
    return reports.summary(from, to).buyers().buyersReached();
  }

  @Test
  void aBuyerLeavesAWeekOnlyWhenNoDayOfTheWeekStillReachesThem() {
    LocalDate monday = LocalDate.of(2026, 11, 9);
    // one buyer reached on Tuesday 11-10 and Thursday 11-12 (Shanghai), another on Friday 11-13
    send("w1", "c-week", "2026-11-10T02:00:00Z");
    send("w2", "c-week", "2026-11-12T02:00:00Z");
    send("w3", "c-other", "2026-11-13T02:00:00Z");
    int buyer =
        jdbc.queryForObject(
            "SELECT buyer_no FROM analytics_customer_lock WHERE customer_id = 'c-week'",
            Integer.class);
    int other =
        jdbc.queryForObject(
            "SELECT buyer_no FROM analytics_customer_lock WHERE customer_id = 'c-other'",
            Integer.class);
    String both = buyer < other ? "{" + buyer + "," + other + "}" : "{" + other + "," + buyer + "}";
    assertThat(reached("analytics_buyer_week", "week_start", monday)).isEqualTo(both);
    assertThat(reachedInPeriod(monday, monday.plusDays(6))).isEqualTo(2);

    // Thursday's message fails: the buyer leaves Thursday, not the week (Tuesday keeps them)
    recorder.recordStatus("SM-w2", "UNDELIVERED", Instant.parse("2026-11-12T03:00:00Z"));
    assertThat(reached("analytics_buyer_set", "shop_day", monday.plusDays(3))).isEqualTo("{}");
    assertThat(reached("analytics_buyer_week", "week_start", monday)).isEqualTo(both);
    assertThat(reachedInPeriod(monday, monday.plusDays(6))).isEqualTo(2);

    // Tuesday's fails too: no day of the week reaches the buyer any more, so the week drops them
    recorder.recordStatus("SM-w1", "UNDELIVERED", Instant.parse("2026-11-10T03:00:00Z"));
    assertThat(reached("analytics_buyer_week", "week_start", monday)).isEqualTo("{" + other + "}");
    assertThat(reachedInPeriod(monday, monday.plusDays(6))).isEqualTo(1);
    assertThat(reachedInPeriod(monday.minusDays(3), monday.plusDays(9))).isEqualTo(1);

    // the rebuild gives the same week row, from the day rows
    rebuild.rebuildDay(monday.plusDays(3));
    assertThat(reached("analytics_buyer_week", "week_start", monday)).isEqualTo("{" + other + "}");
    assertThat(reachedInPeriod(monday, monday.plusDays(6))).isEqualTo(1);
  }

  @Test
  void aWeekWithBuyerSetsFromBeforeTheWeekRowsIsReadFromItsDaysUntilRebuilt() {
    LocalDate monday = LocalDate.of(2026, 11, 9);
    send("v1", "c-a", "2026-11-10T02:00:00Z");
    send("v2", "c-b", "2026-11-12T02:00:00Z");
    send("v3", "c-a", "2026-11-17T02:00:00Z");
    // as V26 found a database with buyer sets: no week rows, their days marked
    jdbc.update("DELETE FROM analytics_buyer_week");
    jdbc.update(
        "INSERT INTO analytics_buyer_week_stale (shop_day) SELECT DISTINCT shop_day FROM"
            + " analytics_buyer_set");
    assertThat(reachedInPeriod(monday, monday.plusDays(6))).isEqualTo(2);
    assertThat(reachedInPeriod(monday, monday.plusDays(13))).isEqualTo(2);
    // a later fact enters the week row, which stays unread while the week is marked
    send("v4", "c-c", "2026-11-13T02:00:00Z");
    assertThat(reachedInPeriod(monday, monday.plusDays(6))).isEqualTo(3);

    // one day's rebuild builds its whole week from the day rows: read from the week row now
    rebuild.rebuildDay(monday.plusDays(1));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM analytics_buyer_week_stale", Long.class))
        .isEqualTo(1); // the next week's day
    assertThat(reached("analytics_buyer_week", "week_start", monday)).contains(",");
    assertThat(reachedInPeriod(monday, monday.plusDays(6))).isEqualTo(3);
    assertThat(reachedInPeriod(monday, monday.plusDays(13))).isEqualTo(3);
    rebuild.rebuildAll();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM analytics_buyer_week_stale", Long.class))
        .isZero();
    assertThat(reachedInPeriod(monday, monday.plusDays(13))).isEqualTo(3);
    assertThat(reachedInPeriod(monday.plusDays(7), monday.plusDays(13))).isEqualTo(1);
  }
}
