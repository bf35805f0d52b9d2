package com.careflow.analytics;

import com.careflow.analytics.AnalyticsFacts.CouponIssuedFact;
import com.careflow.analytics.AnalyticsFacts.OrderPlacedFact;
import com.careflow.analytics.AnalyticsFacts.PaymentFact;
import com.careflow.analytics.AnalyticsFacts.SendFact;
import java.math.BigDecimal;
import java.time.Instant;

/** Short builders for the tests' facts (money in CNY, the shop's currency). */
final class Facts {

  static final Instant T0 = Instant.parse("2026-11-10T12:00:00Z");

  static Instant at(String iso) {
    return Instant.parse(iso);
  }

  static SendFact send(String id, String customer, Instant at, String status) {
    return send(id, customer, at, status, "order-journey", "Activity_PaymentReminder", "", "");
  }

  static SendFact send(
      String id,
      String customer,
      Instant at,
      String status,
      String processId,
      String stepId,
      String campaign,
      String orderId) {
    return new SendFact(
        id,
        "SM" + id,
        customer,
        orderId,
        processId,
        1,
        stepId,
        stepId.replace("Activity_", ""),
        campaign,
        campaign.isEmpty() ? "" : "double11",
        "A",
        "MARKETING",
        "SMS",
        stepId.equals("Activity_PaymentReminder") ? "payment-reminder-new" : "holiday-offer",
        "zh-CN",
        status,
        status.equals("SKIPPED") ? 0 : 1,
        status.equals("SKIPPED") ? null : new BigDecimal("0.0500"),
        "USD",
        status.equals("SKIPPED") ? "NO_CONSENT" : null,
        at);
  }

  static OrderPlacedFact placed(String order, String customer, Instant at, Integer prior) {
    return new OrderPlacedFact(order, customer, new BigDecimal("100.00"), "CNY", at, prior);
  }

  static PaymentFact paid(String order, String customer, Instant at, String amount) {
    return new PaymentFact(order, customer, new BigDecimal(amount), "CNY", at, 1, null, null);
  }

  static PaymentFact paid(
      String order, String customer, Instant at, String amount, int units, String coupon) {
    return new PaymentFact(
        order,
        customer,
        new BigDecimal(amount),
        "CNY",
        at,
        units,
        coupon,
        coupon == null ? null : new BigDecimal("10.00"));
  }

  static CouponIssuedFact coupon(String code, String customer, Instant at) {
    return new CouponIssuedFact(
        code,
        customer,
        "campaign-offer",
        1,
        "Activity_IssueCoupon",
        "Issue coupon",
        "c-1",
        "double11",
        at);
  }

  private Facts() {}
}
