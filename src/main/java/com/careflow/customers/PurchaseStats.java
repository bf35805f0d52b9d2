package com.careflow.customers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * What a customer bought, the inputs of RFM segmentation (rule R15) and member analysis (R25).
 * Recomputed from the customer's order facts on every order event, so a replayed event can never
 * count an order twice.
 *
 * @param orderCount orders placed (paid or not, cancelled included)
 * @param firstOrderAt when the first order was placed; null before any order
 * @param lastOrderAt when the latest order was placed (recency)
 * @param paidOrders orders paid (frequency; {@link Customer#returning()} is {@code paidOrders > 0})
 * @param lastPaidAt when the latest payment arrived
 * @param totalPaid sum of paid amounts in currency units (monetary)
 * @param paidUnits items in paid orders (units per buyer, R25)
 */
public record PurchaseStats(
    String customerId,
    int orderCount,
    Instant firstOrderAt,
    Instant lastOrderAt,
    int paidOrders,
    Instant lastPaidAt,
    BigDecimal totalPaid,
    int paidUnits) {

  /** Average order value (客单价) of the paid orders, 0 before the first payment. */
  public BigDecimal averageOrderValue() {
    return paidOrders == 0
        ? BigDecimal.ZERO.setScale(2)
        : totalPaid.divide(BigDecimal.valueOf(paidOrders), 2, RoundingMode.HALF_UP);
  }
}
