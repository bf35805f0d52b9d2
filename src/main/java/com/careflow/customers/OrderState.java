package com.careflow.customers;

import java.time.Instant;

/**
 * Where an order stands in Careflow's store, read-only: the times the shop's events set (null when
 * that event has not come). A step that messages a buyer about an order re-checks its reason here
 * right before sending.
 */
public record OrderState(
    String orderId,
    Instant placedAt,
    Instant paidAt,
    Instant cancelledAt,
    Instant shippedAt,
    Instant deliveredAt,
    Instant refundRequestedAt) {

  public boolean paid() {
    return paidAt != null;
  }

  public boolean cancelled() {
    return cancelledAt != null;
  }

  public boolean refunded() {
    return refundRequestedAt != null;
  }
}
