package com.careflow.analytics;

import java.util.LinkedHashMap;
import java.util.Map;

/** The definitions shown with every figure (docs/analytics.md gives an example of each). */
final class Definitions {

  static Map<String, String> all(String window) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(
        "attribution",
        "R23: a paid order is credited to the latest message sent to its buyer less than "
            + window
            + " before the payment (exactly "
            + window
            + " is outside), across all journeys and campaigns; one credit per order at most;"
            + " failed, undelivered and skipped messages earn nothing");
    d.put(
        "influencedOrders",
        "paid orders with any creditable message in the window before the payment; an order can"
            + " be influenced by several rows, so influenced orders are NOT additive");
    d.put("messagesSent", "messages handed to the provider (skipped sends not included)");
    d.put("conversionRate", "R24: attributed orders / messages sent");
    d.put("buyerConversion", "attributed buyers / buyers reached (a creditable message received)");
    d.put(
        "cost",
        "message cost (provider price, or segments x price per segment) + discounts of coupons"
            + " the step issued that were redeemed on a paid order");
    d.put("roi", "R24: attributed GMV / cost, written 'x : 1'; net ROI uses attributed net GMV");
    d.put(
        "netGmv",
        "paid amount - refunds - cancellations (the unrefunded rest of a cancelled paid order),"
            + " as of asOf; gross GMV beside it");
    d.put(
        "buyerKind",
        "R25: NEW = no earlier paid order (by the shop's word or a stored history that reaches"
            + " back far enough), RETURNING = an earlier paid order, UNKNOWN = no earlier paid"
            + " order in a history that does not reach back far enough; a buyer's kind in a period"
            + " is that of their first paid order in it");
    d.put(
        "paymentReminder",
        "payment reminders (催付): reminded unpaid orders, placed in the period and sent a"
            + " creditable payment reminder"
            + " before any payment; recovered: paid after it; time to payment from the latest"
            + " reminder before the payment");
    d.put(
        "trend",
        "R26: per shop day in the shop's time zone; by send day (what the day's messages earned)"
            + " and by payment day (when the credited orders were paid)");
    d.put("decay", "R26: credited orders by hours from the message to the payment");
    d.put(
        "skipped",
        "sends decided not to be made, by reason code (NO_CONSENT and OPTED_OUT R22,"
            + " FREQUENCY_CAP R20, SEGMENT_NOT_ADDRESSED R15, LARGE_BUYER_LEFT_OUT R16, NO_PHONE, NUMBER_FLAGGED_INVALID, REASON_EXPIRED_PAID R1,"
            + " REASON_EXPIRED_CANCELLED R6, REASON_EXPIRED_REFUNDED; HOLDOUT: an experiment's"
            + " held-out buyer), by send day; each is a SKIPPED row of the customer's message log");
    d.put(
        "failures",
        "sends failed or undelivered, by the provider's error code (Twilio's, e.g. 30003"
            + " unreachable, 30007 carrier filtering; none: no code given), by send day");
    return d;
  }

  private Definitions() {}
}
