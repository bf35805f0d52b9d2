package com.careflow.analytics;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The adapter for modules that would rather publish than call: each {@link AnalyticsFacts} record
 * published with {@code ApplicationEventPublisher.publishEvent(fact)} is recorded here, on the
 * publisher's thread and inside its transaction if it has one (a rolled-back send is not counted).
 */
@Component
class AnalyticsEventListener {

  private final AnalyticsFacts facts;

  AnalyticsEventListener(AnalyticsFacts facts) {
    this.facts = facts;
  }

  @EventListener
  void on(AnalyticsFacts.SendFact send) {
    facts.recordSend(send);
  }

  @EventListener
  void on(AnalyticsFacts.StatusFact status) {
    facts.recordStatus(status.messageSid(), status.status(), status.at(), status.errorCode());
  }

  @EventListener
  void on(AnalyticsFacts.OrderPlacedFact order) {
    facts.recordOrderPlaced(order);
  }

  @EventListener
  void on(AnalyticsFacts.PaymentFact payment) {
    facts.recordPayment(payment);
  }

  @EventListener
  void on(AnalyticsFacts.RefundFact refund) {
    facts.recordRefund(refund.orderId(), refund.amount(), refund.at());
  }

  @EventListener
  void on(AnalyticsFacts.CancellationFact cancellation) {
    facts.recordCancellation(cancellation.orderId(), cancellation.at());
  }

  /** A batch of order facts (the event intake's drain), recorded at once. */
  @EventListener
  void on(AnalyticsFacts.OrderFactBatch batch) {
    facts.recordOrderFacts(batch.facts());
  }

  @EventListener
  void on(AnalyticsFacts.CouponIssuedFact coupon) {
    facts.recordCouponIssued(coupon);
  }
}
