package com.careflow.analytics;

import com.careflow.analytics.AnalyticsFacts.CancellationFact;
import com.careflow.analytics.AnalyticsFacts.CouponIssuedFact;
import com.careflow.analytics.AnalyticsFacts.OrderPlacedFact;
import com.careflow.analytics.AnalyticsFacts.PaymentFact;
import com.careflow.analytics.AnalyticsFacts.RefundFact;
import com.careflow.analytics.AnalyticsFacts.SendFact;
import com.careflow.analytics.AnalyticsFacts.StatusFact;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A random night of facts (seeded), as the records of {@link AnalyticsFacts}. */
final class RandomFacts {

  static final Instant START = Instant.parse("2026-11-09T16:00:00Z"); // 11-10 00:00 Shanghai
  static final String[] STATUSES = {
    "SENT", "DELIVERED", "DELIVERED", "DRY_RUN", "QUEUED", "FAILED", "SKIPPED"
  };
  static final String[] STEPS = {
    "Activity_PaymentReminder", "Activity_Offer", "Activity_CareMessage"
  };

  static List<Object> generate(long seed, int customers, int sends, int orders) {
    return generate(seed, customers, sends, orders, 5);
  }

  /** Facts whose sends, orders and coupons fall on the given number of days from {@link #START}. */
  static List<Object> generate(long seed, int customers, int sends, int orders, int days) {
    Random r = new Random(seed);
    List<Object> facts = new ArrayList<>();
    long span = days * 24L * 3600;
    for (int i = 0; i < sends; i++) {
      String customer = "c" + r.nextInt(customers);
      Instant at = START.plusSeconds(r.nextLong(span));
      if (r.nextInt(10) == 0 && i > 0) {
        at = START.plusSeconds(r.nextLong(24) * 3600); // same instants now and then: ties
      }
      String status = STATUSES[r.nextInt(STATUSES.length)];
      String step = STEPS[r.nextInt(STEPS.length)];
      boolean campaign = step.equals("Activity_Offer");
      facts.add(
          new SendFact(
              "s" + i,
              "SM" + i,
              customer,
              step.equals("Activity_PaymentReminder") ? "o" + r.nextInt(Math.max(1, orders)) : null,
              campaign ? "campaign-offer" : "order-journey",
              // two deployed versions of each journey, and sends recorded without one (issue #16)
              i % 3 == 0 ? null : 1 + i % 2,
              step,
              step.substring(9),
              campaign ? "camp-" + r.nextInt(2) : null,
              campaign ? "double11" : null,
              "ABCD".charAt(r.nextInt(4)) + "",
              campaign ? "MARKETING" : "TRANSACTIONAL",
              r.nextInt(5) == 0 ? "WHATSAPP" : "SMS",
              step.equals("Activity_PaymentReminder") ? "payment-reminder-new" : "holiday-offer",
              "zh-CN",
              status,
              status.equals("SKIPPED") ? 0 : 1 + r.nextInt(2),
              status.equals("SKIPPED")
                  ? null
                  : new BigDecimal("0.0079").multiply(BigDecimal.valueOf(1 + r.nextInt(3))),
              "USD",
              status.equals("SKIPPED") ? "NO_CONSENT" : null,
              at));
      if (r.nextInt(4) == 0) {
        String later = r.nextBoolean() ? "UNDELIVERED" : "DELIVERED";
        facts.add(new StatusFact("SM" + i, later, at.plusSeconds(60)));
      }
    }
    for (int i = 0; i < orders; i++) {
      String customer = "c" + r.nextInt(customers);
      Instant placed = START.plusSeconds(r.nextLong(span));
      facts.add(
          new OrderPlacedFact(
              "o" + i,
              customer,
              BigDecimal.valueOf(1000 + r.nextInt(50000), 2),
              "CNY",
              placed,
              r.nextInt(3) == 0 ? null : r.nextInt(3)));
      if (r.nextInt(5) > 0) {
        Instant paid = placed.plusSeconds(r.nextLong(80 * 3600));
        String coupon = r.nextInt(4) == 0 ? "CP" + r.nextInt(Math.max(1, orders / 2)) : null;
        BigDecimal amount = BigDecimal.valueOf(1000 + r.nextInt(50000), 2);
        facts.add(
            new PaymentFact(
                "o" + i,
                customer,
                amount,
                "CNY",
                paid,
                1 + r.nextInt(3),
                coupon,
                coupon == null ? null : new BigDecimal("5.00")));
        if (r.nextInt(6) == 0) {
          facts.add(
              new RefundFact(
                  "o" + i,
                  BigDecimal.valueOf(100 + r.nextInt(60000), 2),
                  paid.plusSeconds(3600 + r.nextInt(3600))));
        }
        if (r.nextInt(10) == 0) {
          facts.add(new CancellationFact("o" + i, paid.plusSeconds(7200)));
        }
      } else if (r.nextInt(3) == 0) {
        facts.add(new CancellationFact("o" + i, placed.plusSeconds(7200)));
      }
    }
    for (int i = 0; i < orders / 2; i++) {
      if (r.nextBoolean()) {
        facts.add(
            new CouponIssuedFact(
                "CP" + i,
                "c" + r.nextInt(customers),
                "campaign-offer",
                1,
                "Activity_IssueCoupon",
                "Issue coupon",
                "camp-" + r.nextInt(2),
                "double11",
                START.plusSeconds(r.nextLong(span))));
      }
    }
    return facts;
  }

  static void apply(AnalyticsFacts target, Object fact) {
    switch (fact) {
      case SendFact f -> target.recordSend(f);
      case StatusFact f -> target.recordStatus(f.messageSid(), f.status(), f.at());
      case OrderPlacedFact f -> target.recordOrderPlaced(f);
      case PaymentFact f -> target.recordPayment(f);
      case RefundFact f -> target.recordRefund(f.orderId(), f.amount(), f.at());
      case CancellationFact f -> target.recordCancellation(f.orderId(), f.at());
      case CouponIssuedFact f -> target.recordCouponIssued(f);
      default -> throw new IllegalArgumentException("not a fact: " + fact);
    }
  }

  private RandomFacts() {}
}
