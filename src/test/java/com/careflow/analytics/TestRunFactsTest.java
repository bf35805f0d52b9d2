package com.careflow.analytics;

import static com.careflow.analytics.Facts.at;
import static com.careflow.analytics.Facts.paid;
import static com.careflow.analytics.Facts.placed;
import static com.careflow.analytics.Facts.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.analytics.AnalyticsFacts.CouponIssuedFact;
import com.careflow.analytics.AnalyticsFacts.SendFact;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Campaign test runs (SEED_LIST offers to the shop's staff, their skips and coupons) are facts of
 * the test, never results (R23, R24): every figure kind the reports give is the same with and
 * without them, fact by fact and after a rebuild, and they are kept apart in {@code
 * analytics_test_send} / {@code analytics_test_coupon}.
 */
class TestRunFactsTest extends AnalyticsTestBase {

  static final LocalDate D10 = LocalDate.of(2026, 11, 10);
  static final LocalDate D12 = LocalDate.of(2026, 11, 12);
  static final String TEST_RUN =
      "DOUBLE11-2026" + AnalyticsFacts.TEST_RUN_MARK + "2251799813685249";

  /** Every figure kind the reports answer, by name, for the fixture's days. */
  Map<String, Supplier<Object>> figureKinds() {
    Map<String, Supplier<Object>> kinds = new LinkedHashMap<>();
    kinds.put(
        "summary: sent, cost, attributed orders, conversion, ROI, buyers, influenced, shop",
        () -> reports.summary(D10, D12));
    for (Breakdown by : Breakdown.values()) {
      for (String basis : List.of("SEND", "PAY")) {
        kinds.put("breakdown " + by + " " + basis, () -> reports.breakdown(by, basis, D10, D12));
      }
    }
    kinds.put("trend (R26)", () -> reports.trend(D10, D12));
    kinds.put("decay (R26)", () -> reports.decay(D10, D12));
    kinds.put("members (R25)", () -> reports.members(D10, D12));
    kinds.put("payment reminders", () -> reports.paymentReminders(D10, D12));
    kinds.put("skips", () -> reports.skips(D10, D12));
    kinds.put(
        "step detail (campaign offer)",
        () -> reports.step("campaign-offer", "Activity_SendOffer", D10, D12));
    kinds.put(
        "step detail (payment reminder)",
        () -> reports.step("order-journey", "Activity_PaymentReminder", D10, D12));
    return kinds;
  }

  Map<String, String> answers() {
    Map<String, String> answers = new LinkedHashMap<>();
    // the instant the figures are as of is the only field allowed to differ
    figureKinds()
        .forEach((k, v) -> answers.put(k, v.get().toString().replaceAll("asOf=[^,]+", "")));
    return answers;
  }

  void realFacts() {
    recorder.recordSend(send("m1", "c1", at("2026-11-10T02:00:00Z"), "DELIVERED"));
    recorder.recordSend(
        send(
            "m2",
            "c2",
            at("2026-11-10T02:00:00Z"),
            "DELIVERED",
            "campaign-offer",
            "Activity_SendOffer",
            "DOUBLE11-2026",
            ""));
    recorder.recordOrderPlaced(placed("o1", "c1", at("2026-11-10T01:00:00Z"), 0));
    recorder.recordPayment(paid("o1", "c1", at("2026-11-11T02:00:00Z"), "100.00"));
    recorder.recordPayment(paid("o2", "c2", at("2026-11-11T02:00:00Z"), "80.00", 2, "TEST-CP"));
    recorder.recordPayment(paid("o3", "c3", at("2026-11-11T02:00:00Z"), "60.00"));
  }

  /** A test run's facts, later than the real messages, so they would take the credit if counted. */
  List<Runnable> testRunFacts() {
    List<Runnable> facts = new ArrayList<>();
    // a seed-list offer to each buyer, after the real message and before the payment
    for (String c : List.of("c1", "c2", "c3")) {
      facts.add(() -> recorder.recordSend(testSend("t-" + c, c, "DELIVERED", "holiday-offer")));
    }
    // a seed-list send of the payment-reminder template on the order, a failed and a skipped one
    facts.add(() -> recorder.recordSend(testSend("t-rem", "c1", "SENT", "payment-reminder-new")));
    facts.add(() -> recorder.recordSend(testSend("t-fail", "c3", "FAILED", "holiday-offer")));
    facts.add(() -> recorder.recordSend(testSend("t-skip", "c9", "SKIPPED", "holiday-offer")));
    // its receipts (one before its send is recorded), and its coupon redeemed on a real order (o2)
    facts.add(() -> recorder.recordStatus("SMt-rem", "delivered", at("2026-11-10T13:00:00Z")));
    facts.add(() -> recorder.recordStatus("SMt-late", "delivered", at("2026-11-10T13:00:00Z")));
    facts.add(() -> recorder.recordSend(testSend("t-late", "c2", "SENT", "holiday-offer")));
    facts.add(
        () ->
            recorder.recordCouponIssued(
                new CouponIssuedFact(
                    "TEST-CP",
                    "c2",
                    "campaign-offer",
                    1,
                    "Activity_IssueCoupon",
                    "Issue coupon",
                    TEST_RUN,
                    "double11",
                    at("2026-11-10T12:00:00Z"))));
    return facts;
  }

  static SendFact testSend(String id, String customer, String status, String template) {
    SendFact s =
        send(
            id,
            customer,
            at("2026-11-10T12:00:00Z"),
            status,
            "campaign-offer",
            "Activity_SendOffer",
            TEST_RUN,
            template.startsWith("payment-reminder") ? "o1" : "");
    return new SendFact(
        s.sendId(),
        s.messageSid(),
        s.customerId(),
        s.orderId(),
        s.processId(),
        s.processVersion(),
        s.stepId(),
        s.stepName(),
        s.campaign(),
        s.occasion(),
        s.segment(),
        s.category(),
        s.channel(),
        template,
        s.locale(),
        s.status(),
        s.segments(),
        s.cost(),
        s.costCurrency(),
        s.skipReason(),
        s.sentAt());
  }

  @Test
  @DisplayName(
      "R23/R24 a campaign test run's sends and coupons count in no figure kind: attributed orders,"
          + " conversion, cost, ROI, buyers, influenced, steps, trend, decay, members, reminders")
  void testRunsCountInNoFigure() {
    start();
    realFacts();
    Map<String, String> without = answers();
    assertThat(reports.summary(D10, D12).bySendDay().attributedOrders()).isEqualTo(2);

    testRunFacts().forEach(Runnable::run);
    Map<String, String> with = answers();
    without.forEach((kind, answer) -> assertThat(with.get(kind)).as(kind).isEqualTo(answer));
    assertThat(creditOf("o1")).isEqualTo("m1");
    assertThat(creditOf("o2")).isEqualTo("m2");
    assertThat(creditOf("o3")).isNull();
    var figures = reports.summary(D10, D12).bySendDay();
    assertThat(figures.couponCost()).as("the test run's coupon costs nothing").isZero();
    assertThat(figures.messagesSent()).isEqualTo(2);

    rebuild.rebuildAll();
    Map<String, String> rebuilt = answers();
    without.forEach((kind, answer) -> assertThat(rebuilt.get(kind)).as(kind).isEqualTo(answer));

    // kept apart, nothing lost: the test run's facts with their statuses
    assertThat(
            jdbc.queryForList(
                "SELECT send_id || ' ' || status FROM analytics_test_send ORDER BY send_id",
                String.class))
        .containsExactly(
            "t-c1 DELIVERED",
            "t-c2 DELIVERED",
            "t-c3 DELIVERED",
            "t-fail FAILED",
            "t-late DELIVERED",
            "t-rem DELIVERED",
            "t-skip SKIPPED");
    assertThat(jdbc.queryForList("SELECT coupon_code FROM analytics_test_coupon", String.class))
        .containsExactly("TEST-CP");
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM analytics_send WHERE campaign LIKE ?",
                Long.class,
                "%" + AnalyticsFacts.TEST_RUN_MARK + "%"))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM analytics_pending_status WHERE message_sid <> 'SMt-late'",
                Long.class))
        .as("a test run's receipt after its send is its own row's, not a pending one")
        .isZero();
  }

  @Test
  @DisplayName(
      "R23/R24 a seed-list run's recorded sends, skips, segments, cost and coupons are in its"
          + " test-run report (coupons at no cost), while the summary and campaign breakdown stay"
          + " as without them")
  void testRunSendsAreReportedApart() {
    start();
    realFacts();
    String summary = reports.summary(D10, D12).toString().replaceAll("asOf=[^,]+", "");
    String byCampaign =
        reports
            .breakdown(Breakdown.CAMPAIGN, "SEND", D10, D12)
            .toString()
            .replaceAll("asOf=[^,]+", "");
    var real = reports.summary(D10, D12).bySendDay();
    assertThat(real.messagesSent()).isEqualTo(2);
    BigDecimal perMessage = real.messageCost().divide(BigDecimal.valueOf(2));
    assertThat(perMessage).isPositive();
    assertThat(reports.testRunSends(List.of(TEST_RUN))).isEmpty();

    testRunFacts().forEach(Runnable::run);
    // another run in messaging's dry-run mode: its DRY_RUN send counts as a message sent
    String dryMode = "DOUBLE11-2026" + AnalyticsFacts.TEST_RUN_MARK + "2251799813685250";
    SendFact dry = testSend("t-dry", "c1", "DRY_RUN", "holiday-offer");
    recorder.recordSend(
        new SendFact(
            dry.sendId(),
            dry.messageSid(),
            dry.customerId(),
            dry.orderId(),
            dry.processId(),
            dry.processVersion(),
            dry.stepId(),
            dry.stepName(),
            dryMode,
            dry.occasion(),
            dry.segment(),
            dry.category(),
            dry.channel(),
            dry.templateKey(),
            dry.locale(),
            dry.status(),
            dry.segments(),
            dry.cost(),
            dry.costCurrency(),
            dry.skipReason(),
            dry.sentAt()));

    var runs = reports.testRunSends(List.of(TEST_RUN, dryMode, "DOUBLE11-2026"));
    assertThat(runs).containsOnlyKeys(TEST_RUN, dryMode);
    var seed = runs.get(TEST_RUN);
    // t-c1..3, t-rem, t-late delivered and t-fail failed were handed to the provider; t-skip not
    assertThat(seed.messagesSent()).isEqualTo(6);
    assertThat(seed.skipped()).isEqualTo(1);
    assertThat(seed.segments()).isEqualTo(6);
    assertThat(seed.messageCost()).isEqualByComparingTo(perMessage.multiply(BigDecimal.valueOf(6)));
    assertThat(seed.couponsIssued()).isEqualTo(1);
    assertThat(seed.couponCost()).as("a test run's coupon is never counted").isZero();
    assertThat(runs.get(dryMode).messagesSent()).isEqualTo(1);
    assertThat(runs.get(dryMode).messageCost()).isEqualByComparingTo(perMessage);

    assertThat(reports.summary(D10, D12).toString().replaceAll("asOf=[^,]+", ""))
        .isEqualTo(summary);
    assertThat(
            reports
                .breakdown(Breakdown.CAMPAIGN, "SEND", D10, D12)
                .toString()
                .replaceAll("asOf=[^,]+", ""))
        .isEqualTo(byCampaign);
  }

  @Test
  @DisplayName("R23 the test-run mark: a campaign id with -TEST- is a test run; others are not")
  void testRunMark() {
    assertThat(AnalyticsFacts.isTestRun(TEST_RUN)).isTrue();
    assertThat(AnalyticsFacts.isTestRun("DOUBLE11-2026")).isFalse();
    assertThat(AnalyticsFacts.isTestRun("")).isFalse();
    assertThat(AnalyticsFacts.isTestRun(null)).isFalse();
  }
}
