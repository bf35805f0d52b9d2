package com.careflow.messaging;

import com.careflow.customers.OrderState;
import java.util.Optional;

/**
 * Why a message about an order may still go out: checked against Careflow's own store right before
 * the provider is called, because Zeebe does not tell a worker that its job's element was
 * interrupted meanwhile (the buyer paid during the rate-limit wait, the order was cancelled). A
 * send step declares it with the {@code sendCondition} variable; without one, the template key
 * decides ({@link #forTemplate}).
 */
enum SendCondition {
  /** No order condition (marketing, apologies, thanks). */
  NONE,
  /** A payment reminder: the order is still unpaid and not cancelled. */
  ORDER_UNPAID,
  /** A shipment or delivery notice: the order is not cancelled. */
  ORDER_NOT_CANCELLED,
  /** A review invite or care message: the order is neither cancelled nor refunded. */
  ORDER_NOT_REFUNDED;

  /** The convention by template key: {@code payment-reminder-*}, {@code shipment-*}, … */
  public static SendCondition forTemplate(String templateKey) {
    if (templateKey == null) {
      return NONE;
    }
    if (templateKey.startsWith("payment-reminder")) {
      return ORDER_UNPAID;
    }
    if (templateKey.startsWith("shipment-") || templateKey.startsWith("delivery-")) {
      return ORDER_NOT_CANCELLED;
    }
    if (templateKey.startsWith("review-invite") || templateKey.startsWith("care-message")) {
      return ORDER_NOT_REFUNDED;
    }
    return NONE;
  }

  /**
   * Why the message's reason has expired, or empty while it holds. An order the store does not know
   * proves nothing expired: the message goes out.
   *
   * @return the skip reason for the message log ({@link SkipReason#REASON_EXPIRED_PAID}, …)
   */
  Optional<SkipReason> expired(Optional<OrderState> order) {
    if (this == NONE || order.isEmpty()) {
      return Optional.empty();
    }
    OrderState o = order.get();
    if (o.cancelled()) {
      return Optional.of(SkipReason.REASON_EXPIRED_CANCELLED);
    }
    if (this == ORDER_UNPAID && o.paid()) {
      return Optional.of(SkipReason.REASON_EXPIRED_PAID);
    }
    if (this == ORDER_NOT_REFUNDED && o.refunded()) {
      return Optional.of(SkipReason.REASON_EXPIRED_REFUNDED);
    }
    return Optional.empty();
  }
}
