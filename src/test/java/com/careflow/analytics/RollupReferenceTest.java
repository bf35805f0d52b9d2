package com.careflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SQL rollups — kept fact by fact, and rebuilt from the raw facts — agree with the plain Java
 * reference of the definitions on random nights (on PostgreSQL when CAREFLOW_TEST_DB_URL is set).
 */
class RollupReferenceTest extends AnalyticsTestBase {

  @ParameterizedTest(name = "R23-R26 rollups agree with the Java reference, seed {0}")
  @ValueSource(longs = {1, 2, 3, 11, 1111})
  void rollupsAgreeWithTheReference(long seed) {
    List<Object> facts = randomNight(seed);

    List<String> expected =
        new ReferenceModel(facts, Duration.ofHours(72), ZoneId.of("Asia/Shanghai")).snapshot();
    assertThat(rollupSnapshot()).isEqualTo(expected);
    // the night is not trivial: credits, failures, skips, coupons and refunds all occur
    assertThat(expected).anyMatch(l -> l.startsWith("PAY|") && !l.contains("credited_orders=0.0"));
    assertThat(expected).anyMatch(l -> !l.contains("failed=0.0") && l.startsWith("SEND|"));
    assertThat(expected).anyMatch(l -> !l.contains("skipped=0.0") && l.startsWith("SEND|"));
    assertThat(expected).anyMatch(l -> !l.contains("coupon_cost=0.0") && l.startsWith("SEND|"));
    assertThat(expected).anyMatch(l -> l.startsWith("SHOP|") && !l.contains("refunds=0.0"));

    ReferenceModel reference =
        new ReferenceModel(facts, Duration.ofHours(72), ZoneId.of("Asia/Shanghai"));
    assertDistinctFigures(reference, "kept fact by fact");

    rebuild.rebuildAll();
    assertThat(rollupSnapshot()).as("rebuilt from raw facts").isEqualTo(expected);
    assertDistinctFigures(reference, "rebuilt from raw facts");

    var day = RandomFacts.START.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().plusDays(2);
    rebuild.rebuildDay(day);
    assertThat(rollupSnapshot()).as("one day rebuilt").isEqualTo(expected);
    assertDistinctFigures(reference, "one day rebuilt");
  }

  /**
   * R23-R26: rebuilding each day alone, from emptied rollups and reset reminder columns, gives
   * exactly what the recorder kept fact by fact (every rollup, buyer set, influence, member and
   * reminder row) and what the reference computes.
   */
  @ParameterizedTest(
      name = "R23-R26 every day rebuilt alone equals the upkeep fact by fact, seed {0}")
  @ValueSource(longs = {5, 8})
  void everyDayRebuiltAloneEqualsTheUpkeepFactByFact(long seed) {
    List<Object> facts = randomNight(seed);
    List<String> rollups = rollupSnapshot();
    List<String> dayRollups = Snapshots.dayRollups(jdbc);
    assertThat(dayRollups).anyMatch(l -> l.startsWith("SET|"));
    assertThat(dayRollups).anyMatch(l -> l.startsWith("WEEK|"));
    assertThat(dayRollups).anyMatch(l -> l.startsWith("INFLUENCE|"));
    assertThat(dayRollups).anyMatch(l -> l.startsWith("FOLLOW|"));
    assertThat(dayRollups).anyMatch(l -> l.startsWith("LAG|"));
    assertThat(dayRollups).anyMatch(l -> l.startsWith("HOUR|"));

    for (String table : Snapshots.ROLLUP_TABLES) {
      jdbc.update("DELETE FROM " + table);
    }
    jdbc.update("UPDATE analytics_order SET reminded = FALSE, reminder_lag_seconds = NULL");
    assertThat(rollupSnapshot()).isEmpty();

    var first = RandomFacts.START.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    for (var day = first.minusDays(1);
        day.isBefore(first.plusDays(DAYS + 5));
        day = day.plusDays(1)) {
      rebuild.rebuildDay(day);
    }
    assertThat(rollupSnapshot()).as("rollups, day by day").isEqualTo(rollups);
    assertThat(Snapshots.dayRollups(jdbc))
        .as("exact day rollups, day by day")
        .isEqualTo(dayRollups);
    assertDistinctFigures(
        new ReferenceModel(facts, Duration.ofHours(72), ZoneId.of("Asia/Shanghai")),
        "every day rebuilt alone");
  }

  /**
   * Days the random facts fall on, from Tuesday 2026-11-10: across two ISO week boundaries (11-16
   * and 11-23), with one whole week (11-16..11-22) of sends.
   */
  static final int DAYS = 13;

  /** Starts, then records a random night's facts in a shuffled order, fact by fact. */
  private List<Object> randomNight(long seed) {
    start();
    List<Object> facts = RandomFacts.generate(seed, 25, 500, 250, DAYS);
    List<Object> shuffled = new ArrayList<>(facts);
    Collections.shuffle(shuffled, new Random(seed));
    shuffled.forEach(f -> RandomFacts.apply(recorder, f));
    return facts;
  }

  /**
   * R23, R25: distinct buyers reached and attributed, influenced orders and GMV — from the day
   * bitmaps and influence rows — equal the reference's distinct counts for the summary, every
   * breakdown on the send basis and a step, over several periods; members (R25) and payment
   * reminders from the day rollups equal the reference's over the raw facts.
   */
  private void assertDistinctFigures(ReferenceModel reference, String when) {
    var first = RandomFacts.START.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    List<List<java.time.LocalDate>> periods =
        List.of(
            List.of(first.minusDays(1), first.plusDays(8)),
            List.of(first.plusDays(1), first.plusDays(1)),
            List.of(first.plusDays(1), first.plusDays(3)),
            List.of(first.plusDays(4), first.plusDays(9)),
            // whole ISO weeks (from Monday 11-09 and 11-16) with odd days around them
            List.of(first.minusDays(1), first.plusDays(13)),
            List.of(first.plusDays(2), first.plusDays(16)),
            List.of(first.plusDays(6), first.plusDays(12)));
    boolean influencedSomewhere = false;
    DistinctRollups distinct = new DistinctRollups(jdbc, rules);
    for (List<java.time.LocalDate> p : periods) {
      var from = p.get(0);
      var to = p.get(1);
      // the week rows give the figures of the day rows alone, for every grouping
      for (var grouping : DistinctRollups.GROUPINGS.values()) {
        assertThat(distinct.counts(grouping, from, to, true))
            .as(when + " week and day rows " + grouping + " " + p)
            .isEqualTo(distinct.counts(grouping, from, to, false));
      }
      var all = reference.buyers(List.of(), from, to, Duration.ofHours(72));
      AnalyticsReports.Buyers b = reports.summary(from, to).buyers();
      assertThat(text(b))
          .as(when + " summary " + p)
          .isEqualTo(all.getOrDefault(List.of(), "0/0/0/0.00"));
      influencedSomewhere |= b.influencedOrders() > 0 && b.attributedBuyers() > 0;
      for (Breakdown by : Breakdown.values()) {
        var expected = reference.buyers(by.columns(), from, to, Duration.ofHours(72));
        var report = reports.breakdown(by, "SEND", from, to);
        java.util.Map<List<Object>, String> actual = new java.util.HashMap<>();
        for (var row : report.rows()) {
          List<Object> key = new ArrayList<>(row.dimensions().values());
          if (!text(row.buyers()).equals("0/0/0/0.00")) {
            actual.put(key, text(row.buyers()));
          }
        }
        expected.values().removeIf(v -> v.equals("0/0/0/0.00"));
        // the answer names the journey version as a number, null when unknown ('' in the keys)
        int version = by.columns().indexOf("process_version");
        if (version >= 0) {
          java.util.Map<List<Object>, String> named = new java.util.HashMap<>();
          expected.forEach(
              (k, v) -> {
                List<Object> key = new ArrayList<>(k);
                String text = (String) key.get(version);
                key.set(version, text.isEmpty() ? null : Integer.valueOf(text));
                named.put(key, v);
              });
          expected = named;
        }
        assertThat(actual).as(when + " " + by + " " + p).isEqualTo(expected);
      }
      List<String> members = new ArrayList<>();
      for (var row : reports.members(from, to).rows()) {
        members.add(
            row.buyerKind()
                + " "
                + row.buyers()
                + "/"
                + row.orders()
                + "/"
                + row.units()
                + "/"
                + row.gmv()
                + "/"
                + row.netGmv());
      }
      assertThat(members).as(when + " R25 members " + p).isEqualTo(reference.members(from, to));
      var r = reports.paymentReminders(from, to);
      assertThat(
              r.remindedUnpaidOrders()
                  + "/"
                  + r.paidAfterReminder()
                  + "/"
                  + r.recoveredGmv()
                  + "/"
                  + r.recoveredNetGmv()
                  + "/"
                  + r.medianMinutesReminderToPayment())
          .as(when + " payment reminders " + p)
          .isEqualTo(reference.reminders(from, to, "payment-reminder"));
      var step =
          reference
              .buyers(List.of("process_id", "step_id"), from, to, Duration.ofHours(72))
              .getOrDefault(List.of("order-journey", "Activity_PaymentReminder"), "0/0/0/0.00");
      assertThat(text(reports.step("order-journey", "Activity_PaymentReminder", from, to).buyers()))
          .as(when + " step " + p)
          .isEqualTo(step);
    }
    assertThat(influencedSomewhere).isTrue();
  }

  private static String text(AnalyticsReports.Buyers b) {
    return b.buyersReached()
        + "/"
        + b.attributedBuyers()
        + "/"
        + b.influencedOrders()
        + "/"
        + b.influencedGmv();
  }
}
