package com.careflow.analytics;

import static com.careflow.analytics.Facts.T0;
import static com.careflow.analytics.Facts.paid;
import static com.careflow.analytics.Facts.placed;
import static com.careflow.analytics.Facts.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** R23 attribution, case by case: which message (if any) each paid order is credited to. */
class AttributionTest extends AnalyticsTestBase {

  @BeforeEach
  void setUp() {
    start();
  }

  record Case(String name, List<Consumer<AnalyticsFacts>> facts, Map<String, String> credits) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String NONE = "-";

  static Instant h(double hours) {
    return T0.plusSeconds(Math.round(hours * 3600));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
            new Case(
                "R23 window edge: a payment exactly 72 h after the message is outside",
                List.of(
                    f -> f.recordSend(send("m1", "c1", T0, "DELIVERED")),
                    f -> f.recordPayment(paid("o1", "c1", h(72), "100.00"))),
                Map.of("o1", NONE)),
            new Case(
                "R23 window edge: a payment one second inside 72 h is credited",
                List.of(
                    f -> f.recordSend(send("m1", "c1", T0, "DELIVERED")),
                    f -> f.recordPayment(paid("o1", "c1", h(72).minusSeconds(1), "100.00"))),
                Map.of("o1", "m1")),
            new Case(
                "R23 a payment before any message earns nothing",
                List.of(
                    f -> f.recordPayment(paid("o1", "c1", T0, "100.00")),
                    f -> f.recordSend(send("m1", "c1", h(1), "DELIVERED"))),
                Map.of("o1", NONE)),
            new Case(
                "R23 a message sent at the very instant of the payment is not before it",
                List.of(
                    f -> f.recordSend(send("m1", "c1", T0, "DELIVERED")),
                    f -> f.recordPayment(paid("o1", "c1", T0, "100.00"))),
                Map.of("o1", NONE)),
            new Case(
                "R23 two messages before one payment: the latest gets the one credit",
                List.of(
                    f -> f.recordSend(send("m1", "c1", T0, "DELIVERED")),
                    f -> f.recordSend(send("m2", "c1", h(5), "DELIVERED")),
                    f -> f.recordPayment(paid("o1", "c1", h(6), "100.00"))),
                Map.of("o1", "m2")),
            new Case(
                "R23 across journeys: a campaign message after the reminder takes the credit",
                List.of(
                    f ->
                        f.recordSend(
                            send(
                                "m1",
                                "c1",
                                T0,
                                "DELIVERED",
                                "order-journey",
                                "Activity_PaymentReminder",
                                "",
                                "o1")),
                    f ->
                        f.recordSend(
                            send(
                                "m2",
                                "c1",
                                h(1),
                                "DELIVERED",
                                "campaign-offer",
                                "Activity_Offer",
                                "c-1",
                                "")),
                    f -> f.recordPayment(paid("o1", "c1", h(2), "100.00"))),
                Map.of("o1", "m2")),
            new Case(
                "R23 an order placed before a payment reminder and paid after it counts for the"
                    + " reminder",
                List.of(
                    f ->
                        f.recordSend(
                            send(
                                "m0",
                                "c1",
                                h(-10),
                                "DELIVERED",
                                "campaign-offer",
                                "Activity_Offer",
                                "c-1",
                                "")),
                    f -> f.recordOrderPlaced(placed("o1", "c1", h(-1), 0)),
                    f ->
                        f.recordSend(
                            send(
                                "m1",
                                "c1",
                                T0,
                                "DELIVERED",
                                "order-journey",
                                "Activity_PaymentReminder",
                                "",
                                "o1")),
                    f -> f.recordPayment(paid("o1", "c1", h(3), "100.00"))),
                Map.of("o1", "m1")),
            new Case(
                "R23 a failed message earns nothing; the earlier delivered one is credited",
                List.of(
                    f -> f.recordSend(send("m1", "c1", T0, "DELIVERED")),
                    f -> f.recordSend(send("m2", "c1", h(1), "FAILED")),
                    f -> f.recordPayment(paid("o1", "c1", h(2), "100.00"))),
                Map.of("o1", "m1")),
            new Case(
                "R23 an undelivered receipt after the payment moves the credit to the message before",
                List.of(
                    f -> f.recordSend(send("m1", "c1", T0, "DELIVERED")),
                    f -> f.recordSend(send("m2", "c1", h(1), "SENT")),
                    f -> f.recordPayment(paid("o1", "c1", h(2), "100.00")),
                    f -> f.recordStatus("SMm2", "undelivered", h(3))),
                Map.of("o1", "m1")),
            new Case(
                "R23 a late delivered receipt does not bring a failed message back",
                List.of(
                    f -> f.recordSend(send("m1", "c1", T0, "FAILED")),
                    f -> f.recordStatus("SMm1", "delivered", h(1)),
                    f -> f.recordPayment(paid("o1", "c1", h(2), "100.00"))),
                Map.of("o1", NONE)),
            new Case(
                "R23 a late failed receipt after delivered changes nothing: delivered is final, as"
                    + " in the message log",
                List.of(
                    f -> f.recordSend(send("m1", "c1", T0, "DELIVERED")),
                    f -> f.recordStatus("SMm1", "failed", h(1)),
                    f -> f.recordPayment(paid("o1", "c1", h(2), "100.00"))),
                Map.of("o1", "m1")),
            new Case(
                "R23 a late queued receipt after sent changes nothing; read after it still credits",
                List.of(
                    f -> f.recordSend(send("m1", "c1", T0, "SENT")),
                    f -> f.recordStatus("SMm1", "queued", h(1)),
                    f -> f.recordStatus("SMm1", "read", h(1)),
                    f -> f.recordPayment(paid("o1", "c1", h(2), "100.00"))),
                Map.of("o1", "m1")),
            new Case(
                "R23 a skipped send (no consent) earns nothing",
                List.of(
                    f -> f.recordSend(send("m1", "c1", T0, "SKIPPED")),
                    f -> f.recordPayment(paid("o1", "c1", h(2), "100.00"))),
                Map.of("o1", NONE)),
            new Case(
                "R23 a send recorded after the payment it preceded still takes the credit",
                List.of(
                    f -> f.recordPayment(paid("o1", "c1", h(2), "100.00")),
                    f -> f.recordSend(send("m1", "c1", T0, "DELIVERED"))),
                Map.of("o1", "m1")),
            new Case(
                "R23 another buyer's message earns nothing",
                List.of(
                    f -> f.recordSend(send("m1", "c2", T0, "DELIVERED")),
                    f -> f.recordPayment(paid("o1", "c1", h(2), "100.00"))),
                Map.of("o1", NONE)),
            new Case(
                "R23 one message, two orders: each order is one credit, both to that message",
                List.of(
                    f -> f.recordSend(send("m1", "c1", T0, "DELIVERED")),
                    f -> f.recordPayment(paid("o1", "c1", h(2), "100.00")),
                    f -> f.recordPayment(paid("o2", "c1", h(30), "50.00"))),
                Map.of("o1", "m1", "o2", "m1")),
            new Case(
                "R23 an unpaid order earns nothing",
                List.of(
                    f -> f.recordSend(send("m1", "c1", T0, "DELIVERED")),
                    f -> f.recordOrderPlaced(placed("o1", "c1", h(1), null))),
                Map.of("o1", NONE)))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void creditsTheLatestCreditableMessageInTheWindow(Case c) {
    c.facts().forEach(f -> f.accept(recorder));
    c.credits()
        .forEach(
            (order, expected) ->
                assertThat(creditOf(order))
                    .as(order)
                    .isEqualTo(expected.equals(NONE) ? null : expected));
    // the rollups kept fact by fact are what a rebuild from the raw facts gives
    List<String> incremental = rollupSnapshot();
    rebuild.rebuildAll();
    assertThat(rollupSnapshot()).isEqualTo(incremental);
    // at most one credit per order, and credited GMV never above the shop's GMV
    var summary =
        reports.summary(
            T0.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(2),
            T0.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(5));
    assertThat(summary.shop().attributedOrders()).isLessThanOrEqualTo(summary.shop().paidOrders());
    assertThat(summary.shop().attributedGmv()).isLessThanOrEqualTo(summary.shop().gmv());
  }

  @ParameterizedTest(name = "{0} (facts replayed)")
  @MethodSource("cases")
  void replayedFactsChangeNothing(Case c) {
    c.facts().forEach(f -> f.accept(recorder));
    List<String> once = rollupSnapshot();
    c.facts().forEach(f -> f.accept(recorder));
    assertThat(rollupSnapshot()).as("R23 replay").isEqualTo(once);
  }

  @ParameterizedTest(name = "{0} (facts in reverse order)")
  @MethodSource("cases")
  void theOrderOfArrivalDoesNotMatter(Case c) {
    List<Consumer<AnalyticsFacts>> reversed = new java.util.ArrayList<>(c.facts());
    java.util.Collections.reverse(reversed);
    reversed.forEach(f -> f.accept(recorder));
    c.credits()
        .forEach(
            (order, expected) ->
                assertThat(creditOf(order))
                    .as(order)
                    .isEqualTo(expected.equals(NONE) ? null : expected));
  }

  @org.junit.jupiter.api.Test
  void r23DecayBucketsCountRealHoursFromTheMessage() {
    recorder.recordSend(send("m1", "c1", T0, "DELIVERED"));
    recorder.recordPayment(paid("o1", "c1", h(5.99), "10.00"));
    recorder.recordSend(send("m2", "c2", T0, "DELIVERED"));
    recorder.recordPayment(paid("o2", "c2", h(6), "10.00"));
    recorder.recordSend(send("m3", "c3", T0, "DELIVERED"));
    recorder.recordPayment(paid("o3", "c3", h(71.99), "10.00"));
    var decay =
        reports.decay(java.time.LocalDate.of(2026, 11, 10), java.time.LocalDate.of(2026, 11, 10));
    assertThat(decay.buckets())
        .extracting(AnalyticsReports.DecayBucket::attributedOrders)
        .containsExactly(1L, 1L, 0L, 0L, 1L);
    // R26: the buckets end at the 72 h window: no "72 h or more" that nothing can land in
    assertThat(decay.buckets())
        .extracting(AnalyticsReports.DecayBucket::hours)
        .containsExactly("0-6 h", "6-12 h", "12-24 h", "24-48 h", "48-72 h");
    assertThat(Duration.ofHours(72)).isEqualTo(rules.current().window());
  }

  @org.junit.jupiter.api.Test
  void r23DryRunSendsCountAsSentNeverDeliveredAndTheReportSaysHowMany() {
    java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 10);
    recorder.recordSend(send("m1", "c1", T0, "DRY_RUN"));
    recorder.recordSend(send("m2", "c2", T0, "dry_run"));
    recorder.recordSend(send("m3", "c3", T0, "DELIVERED"));
    var figures = reports.summary(day, day).bySendDay();
    assertThat(figures.messagesSent()).isEqualTo(3);
    assertThat(figures.delivered()).isEqualTo(1);
    assertThat(reports.dryRunSends(day, day)).isEqualTo(2);
    assertThat(reports.dryRunSends(day.plusDays(1), day.plusDays(1))).isZero();
  }

  @org.junit.jupiter.api.Test
  void r26DecayBucketsFollowTheConfiguredWindow() {
    java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 10);
    start(java.time.ZoneId.of("Asia/Shanghai"), Duration.ofHours(36), null);
    recorder.recordSend(send("m1", "c1", T0, "DELIVERED"));
    recorder.recordPayment(paid("o1", "c1", h(30), "10.00"));
    var decay = reports.decay(day, day);
    assertThat(decay.buckets())
        .extracting(AnalyticsReports.DecayBucket::hours)
        .containsExactly("0-6 h", "6-12 h", "12-24 h", "24-36 h");
    assertThat(decay.buckets())
        .extracting(AnalyticsReports.DecayBucket::attributedOrders)
        .containsExactly(0L, 0L, 0L, 1L);
    // the step's detail shows the same buckets
    assertThat(reports.step("order-journey", "Activity_PaymentReminder", day, day).decay())
        .extracting(AnalyticsReports.DecayBucket::hours)
        .containsExactly("0-6 h", "6-12 h", "12-24 h", "24-36 h");
  }

  @org.junit.jupiter.api.Test
  void r26ALongerWindowEndsItsOpenBucketAtTheWindow() {
    java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 10);
    start(java.time.ZoneId.of("Asia/Shanghai"), Duration.ofDays(7), null);
    recorder.recordSend(send("m1", "c1", T0, "DELIVERED"));
    recorder.recordPayment(paid("o1", "c1", h(100), "10.00"));
    assertThat(reports.decay(day, day).buckets())
        .extracting(
            AnalyticsReports.DecayBucket::hours, AnalyticsReports.DecayBucket::attributedOrders)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("0-6 h", 0L),
            org.assertj.core.groups.Tuple.tuple("6-12 h", 0L),
            org.assertj.core.groups.Tuple.tuple("12-24 h", 0L),
            org.assertj.core.groups.Tuple.tuple("24-48 h", 0L),
            org.assertj.core.groups.Tuple.tuple("48-72 h", 0L),
            org.assertj.core.groups.Tuple.tuple("72-168 h", 1L));
  }
}
