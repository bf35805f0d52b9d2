package com.careflow.analytics;

import static com.careflow.analytics.Facts.at;
import static com.careflow.analytics.Facts.paid;
import static com.careflow.analytics.Facts.placed;
import static com.careflow.analytics.Facts.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R24–R26 and the rule's versions, each definition on a small case. */
class DefinitionsTest extends AnalyticsTestBase {

  static final LocalDate D10 = LocalDate.of(2026, 11, 10);
  static final LocalDate D11 = LocalDate.of(2026, 11, 11);
  static final LocalDate D12 = LocalDate.of(2026, 11, 12);

  @Test
  @DisplayName("R24 a partial refund lowers net GMV, gross stays; net ROI from net GMV")
  void partialRefund() {
    start();
    recorder.recordSend(send("m1", "c1", at("2026-11-11T02:00:00Z"), "DELIVERED"));
    recorder.recordPayment(paid("o1", "c1", at("2026-11-11T03:00:00Z"), "100.00"));
    recorder.recordRefund("o1", new BigDecimal("30.00"), at("2026-11-12T03:00:00Z"));
    recorder.recordRefund("o1", new BigDecimal("30.00"), at("2026-11-12T03:00:00Z")); // replay
    var summary = reports.summary(D11, D11);
    assertThat(summary.shop().gmv()).isEqualByComparingTo("100.00");
    assertThat(summary.shop().refunds()).isEqualByComparingTo("30.00");
    assertThat(summary.shop().netGmv()).isEqualByComparingTo("70.00");
    assertThat(summary.bySendDay().attributedGmv()).isEqualByComparingTo("100.00");
    assertThat(summary.bySendDay().attributedNetGmv()).isEqualByComparingTo("70.00");
    // cost: 0.05 USD x 7.2 = 0.36 CNY; ROI 100 / 0.36 = 277.8 : 1, net 70 / 0.36 = 194.4 : 1
    assertThat(summary.bySendDay().cost()).isEqualByComparingTo("0.36");
    assertThat(summary.bySendDay().roi()).isEqualTo("277.8 : 1");
    assertThat(summary.bySendDay().netRoi()).isEqualTo("194.4 : 1");
    assertThat(summary.bySendDay().conversionRate()).isEqualByComparingTo("1");
  }

  @Test
  @DisplayName("R24 refunds above the paid amount are capped; a cancellation removes the rest")
  void cancellation() {
    start();
    recorder.recordSend(send("m1", "c1", at("2026-11-11T02:00:00Z"), "DELIVERED"));
    recorder.recordPayment(paid("o1", "c1", at("2026-11-11T03:00:00Z"), "100.00"));
    recorder.recordRefund("o1", new BigDecimal("40.00"), at("2026-11-11T04:00:00Z"));
    recorder.recordCancellation("o1", at("2026-11-11T05:00:00Z"));
    recorder.recordRefund("o1", new BigDecimal("90.00"), at("2026-11-11T06:00:00Z"));
    var shop = reports.summary(D11, D11).shop();
    assertThat(shop.gmv()).isEqualByComparingTo("100.00");
    assertThat(shop.refunds()).isEqualByComparingTo("100.00");
    assertThat(shop.cancellations()).isEqualByComparingTo("0.00");
    assertThat(shop.netGmv()).isEqualByComparingTo("0.00");

    recorder.recordPayment(paid("o2", "c2", at("2026-11-11T03:00:00Z"), "80.00"));
    recorder.recordRefund("o2", new BigDecimal("20.00"), at("2026-11-11T04:00:00Z"));
    recorder.recordCancellation("o2", at("2026-11-11T05:00:00Z"));
    shop = reports.summary(D11, D11).shop();
    assertThat(shop.refunds()).isEqualByComparingTo("120.00");
    assertThat(shop.cancellations()).isEqualByComparingTo("60.00");
    assertThat(shop.netGmv()).isEqualByComparingTo("0.00");
  }

  @Test
  @DisplayName("R24 coupon cost counts when the coupon is redeemed on a paid order")
  void couponCost() {
    start();
    recorder.recordCouponIssued(Facts.coupon("CP1", "c1", at("2026-11-11T01:00:00Z")));
    recorder.recordCouponIssued(Facts.coupon("CP2", "c2", at("2026-11-11T01:00:00Z")));
    recorder.recordPayment(paid("o1", "c1", at("2026-11-11T03:00:00Z"), "90.00", 2, "CP1"));
    var figures = reports.summary(D11, D11).bySendDay();
    assertThat(figures.couponCost()).isEqualByComparingTo("10.00"); // CP2 not redeemed
    assertThat(figures.cost()).isEqualByComparingTo("10.00");
  }

  @Test
  @DisplayName(
      "R25 new, returning and history-unknown buyers: shares, AOV, units and orders per buyer")
  void newReturningUnknown() {
    start(ZoneId.of("Asia/Shanghai"), Duration.ofHours(72), null);
    // c1: the shop says no earlier order -> NEW; then a second order in the period
    recorder.recordOrderPlaced(placed("o1", "c1", at("2026-11-11T01:00:00Z"), 0));
    recorder.recordPayment(paid("o1", "c1", at("2026-11-11T01:10:00Z"), "100.00", 1, null));
    recorder.recordOrderPlaced(placed("o2", "c1", at("2026-11-11T05:00:00Z"), null));
    recorder.recordPayment(paid("o2", "c1", at("2026-11-11T05:10:00Z"), "50.00", 1, null));
    // c2: the shop says 3 earlier orders -> RETURNING
    recorder.recordOrderPlaced(placed("o3", "c2", at("2026-11-11T02:00:00Z"), 3));
    recorder.recordPayment(paid("o3", "c2", at("2026-11-11T02:10:00Z"), "300.00", 3, null));
    // c3: nothing known, no complete history -> UNKNOWN, never guessed new
    recorder.recordPayment(paid("o4", "c3", at("2026-11-11T03:10:00Z"), "50.00", 1, null));
    // c4: an earlier paid order in the store -> RETURNING in the period
    recorder.recordPayment(paid("o5", "c4", at("2026-10-01T03:10:00Z"), "20.00", 1, null));
    recorder.recordPayment(paid("o6", "c4", at("2026-11-11T04:10:00Z"), "100.00", 2, null));

    var rows = reports.members(D11, D11).rows();
    var byKind = new java.util.HashMap<String, AnalyticsReports.MemberRow>();
    rows.forEach(r -> byKind.put(r.buyerKind(), r));
    var n = byKind.get("NEW");
    assertThat(n.buyers()).isEqualTo(1);
    assertThat(n.orders()).isEqualTo(2);
    assertThat(n.gmv()).isEqualByComparingTo("150.00");
    assertThat(n.shareOfBuyers()).isEqualByComparingTo("0.25");
    assertThat(n.shareOfGmv()).isEqualByComparingTo("0.2500"); // 150 / 600
    assertThat(n.averageOrderValue()).isEqualByComparingTo("75.00");
    assertThat(n.unitsPerBuyer()).isEqualByComparingTo("2.00");
    assertThat(n.ordersPerBuyer()).isEqualByComparingTo("2.00");
    var r = byKind.get("RETURNING");
    assertThat(r.buyers()).isEqualTo(2);
    assertThat(r.gmv()).isEqualByComparingTo("400.00");
    assertThat(r.shareOfGmv()).isEqualByComparingTo("0.6667");
    assertThat(r.unitsPerBuyer()).isEqualByComparingTo("2.50");
    var u = byKind.get("UNKNOWN");
    assertThat(u.buyers()).isEqualTo(1);
    assertThat(u.shareOfBuyers()).isEqualByComparingTo("0.25");
  }

  @Test
  @DisplayName("R25 a stored history that reaches back far enough makes a first buyer new")
  void completeHistoryMakesNew() {
    start(ZoneId.of("Asia/Shanghai"), Duration.ofHours(72), LocalDate.of(2025, 1, 1));
    recorder.recordPayment(paid("o1", "c1", at("2026-11-11T01:10:00Z"), "100.00"));
    assertThat(reports.members(D11, D11).rows().getFirst().buyers()).isEqualTo(1);
    assertThat(reports.members(D11, D11).rows().getFirst().buyerKind()).isEqualTo("NEW");
  }

  @Test
  @DisplayName("R26 time-zone day boundary: 16:00 UTC is the next day in Asia/Shanghai")
  void shanghaiDayBoundary() {
    start();
    recorder.recordSend(send("m1", "c1", at("2026-11-10T15:59:59Z"), "DELIVERED"));
    recorder.recordPayment(paid("o1", "c1", at("2026-11-10T16:00:00Z"), "100.00"));
    var trend = reports.trend(D10, D11).days();
    assertThat(trend.get(0).day()).isEqualTo(D10);
    assertThat(trend.get(0).messagesSent()).isEqualTo(1);
    assertThat(trend.get(0).attributedOrdersBySendDay()).isEqualTo(1);
    assertThat(trend.get(0).attributedOrdersByPayDay()).isZero();
    assertThat(trend.get(1).day()).isEqualTo(D11);
    assertThat(trend.get(1).attributedOrdersByPayDay()).isEqualTo(1);
    assertThat(trend.get(1).shopPaidOrders()).isEqualTo(1);
    assertThat(trend.get(0).shopPaidOrders()).isZero();
  }

  @Test
  @DisplayName("R26 DST in a US shop: days follow New York's clock, decay counts real hours")
  void newYorkDst() {
    start(ZoneId.of("America/New_York"), Duration.ofHours(72), null);
    // 2026-03-08 has 23 hours in New York. 12:00 EST on the 7th -> 12:00 EDT on the 8th = 23 h.
    recorder.recordSend(send("m1", "c1", at("2026-03-07T17:00:00Z"), "DELIVERED"));
    recorder.recordPayment(paid("o1", "c1", at("2026-03-08T16:00:00Z"), "100.00"));
    // 23:59 EDT on the 8th is 03:59 UTC on the 9th: still the 8th in the shop
    recorder.recordPayment(paid("o2", "c2", at("2026-03-09T03:59:00Z"), "10.00"));
    // 00:00 EDT on the 9th
    recorder.recordPayment(paid("o3", "c3", at("2026-03-09T04:00:00Z"), "1.00"));
    var days = reports.trend(LocalDate.of(2026, 3, 7), LocalDate.of(2026, 3, 9)).days();
    assertThat(days.get(0).messagesSent()).isEqualTo(1);
    assertThat(days.get(1).shopPaidOrders()).isEqualTo(2);
    assertThat(days.get(1).shopGmv()).isEqualByComparingTo("110.00");
    assertThat(days.get(2).shopPaidOrders()).isEqualTo(1);
    var decay = reports.decay(LocalDate.of(2026, 3, 7), LocalDate.of(2026, 3, 7));
    assertThat(decay.buckets().get(2).hours()).isEqualTo("12-24 h");
    assertThat(decay.buckets().get(2).attributedOrders()).isEqualTo(1);
    assertThat(
            reports.summary(LocalDate.of(2026, 3, 7), LocalDate.of(2026, 3, 7)).header().timeZone())
        .isEqualTo("America/New_York");
  }

  @Test
  @DisplayName(
      "R23 influenced orders keep their rule version's window, like their credit, until the logged"
          + " recompute; fact by fact and rebuilt agree")
  void influencedFollowTheRuleVersion() {
    start(ZoneId.of("Asia/Shanghai"), Duration.ofHours(72), null);
    recorder.recordSend(send("m1", "c1", at("2026-11-10T00:00:00Z"), "DELIVERED"));
    recorder.recordPayment(paid("o1", "c1", at("2026-11-12T00:00:00Z"), "100.00")); // 48 h
    assertThat(reports.summary(D10, D12).buyers().influencedOrders()).isEqualTo(1);

    start(ZoneId.of("Asia/Shanghai"), Duration.ofHours(24), null); // version 2
    // late facts on the old order: a refund and a message 36 h before its payment (inside 72 h)
    recorder.recordRefund("o1", new BigDecimal("1.00"), at("2026-11-13T00:00:00Z"));
    recorder.recordSend(send("m3", "c1", at("2026-11-10T12:00:00Z"), "DELIVERED"));
    // a new order under version 2: 48 h after its message is outside 24 h
    recorder.recordSend(send("m2", "c2", at("2026-11-10T00:00:00Z"), "DELIVERED"));
    recorder.recordPayment(paid("o2", "c2", at("2026-11-12T00:00:00Z"), "50.00"));
    var buyers = reports.summary(D10, D12).buyers();
    assertThat(creditOf("o1")).isEqualTo("m3"); // version 1's window, the latest message
    assertThat(creditOf("o2")).isNull();
    assertThat(buyers.influencedOrders()).isEqualTo(1); // o1 under version 1, not o2
    assertThat(buyers.influencedGmv()).isEqualByComparingTo("100.00");
    List<String> influence = influenceRows();
    rebuild.rebuildAll();
    assertThat(influenceRows()).as("rebuilt under each order's version").isEqualTo(influence);
    assertThat(reports.summary(D10, D12).buyers().influencedOrders()).isEqualTo(1);

    recorder.recomputeHistory("admin", "window is 24 h now");
    assertThat(creditOf("o1")).isNull();
    assertThat(reports.summary(D10, D12).buyers().influencedOrders()).isZero();
    assertThat(reports.summary(D10, D12).header().ruleVersionsInPeriod()).containsExactly(2);
  }

  private List<String> influenceRows() {
    return jdbc.queryForList(
        "SELECT grouping_name || '|' || group_key || '|' || pay_day || '|' || send_days || '|' ||"
            + " orders || '|' || gmv FROM analytics_influence WHERE orders <> 0 ORDER BY 1",
        String.class);
  }

  @Test
  @DisplayName(
      "R23 a new window is a new rule version; history changes only by the logged recompute")
  void ruleVersions() {
    start(ZoneId.of("Asia/Shanghai"), Duration.ofHours(72), null);
    recorder.recordSend(send("m1", "c1", at("2026-11-10T00:00:00Z"), "DELIVERED"));
    recorder.recordPayment(paid("o1", "c1", at("2026-11-12T00:00:00Z"), "100.00")); // 48 h
    assertThat(creditOf("o1")).isEqualTo("m1");

    start(ZoneId.of("Asia/Shanghai"), Duration.ofHours(24), null);
    assertThat(rules.current().version()).isEqualTo(2);
    assertThat(rules.all().getLast().note()).contains("PT72H").contains("PT24H");
    // not silently rewritten: a late fact on the old order keeps its version's window
    recorder.recordRefund("o1", new BigDecimal("1.00"), at("2026-11-13T00:00:00Z"));
    assertThat(creditOf("o1")).isEqualTo("m1");
    recorder.recordSend(send("m2", "c2", at("2026-11-10T00:00:00Z"), "DELIVERED"));
    recorder.recordPayment(paid("o2", "c2", at("2026-11-12T00:00:00Z"), "100.00"));
    assertThat(creditOf("o2")).isNull(); // version 2: 48 h is outside 24 h
    assertThat(reports.summary(D10, D12).header().ruleVersionsInPeriod()).containsExactly(1, 2);

    var result = recorder.recomputeHistory("admin", "window is 24 h now");
    assertThat(result.ordersSeen()).isEqualTo(2);
    assertThat(result.ordersChanged()).isEqualTo(1);
    assertThat(creditOf("o1")).isNull();
    assertThat(
            jdbc.queryForObject(
                "SELECT reason FROM analytics_recompute_log WHERE id = ?",
                String.class,
                result.id()))
        .isEqualTo("window is 24 h now");
    assertThat(reports.summary(D10, D12).header().ruleVersionsInPeriod()).containsExactly(2);
  }

  @Test
  @DisplayName("Bad fact: an unknown status, a missing id or a currency without rate is refused")
  void badFacts() {
    start();
    assertThatThrownBy(() -> recorder.recordSend(send("m1", "c1", Facts.T0, "LOST")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LOST");
    assertThatThrownBy(() -> recorder.recordPayment(paid("o1", " ", Facts.T0, "1.00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customerId");
    assertThatThrownBy(
            () ->
                recorder.recordPayment(
                    new AnalyticsFacts.PaymentFact(
                        "o1", "c1", BigDecimal.ONE, "EUR", Facts.T0, 1, null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EUR");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM analytics_order", Long.class)).isZero();
  }
}
