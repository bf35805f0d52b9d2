package com.careflow.segments;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the order history says about one customer, as read from the customer store.
 *
 * @param lifetimePaidOrders paid, not cancelled orders ever
 * @param lastPaidAt when the latest paid order was paid; null when the customer never paid
 * @param periodPaidOrders paid orders within the RFM period
 * @param periodPaidAmount amount paid within the RFM period
 * @param largestPaidAmount the largest single paid order (any time)
 * @param largestPaidUnits the most units in one paid order (any time)
 */
record OrderHistory(
    int lifetimePaidOrders,
    Instant lastPaidAt,
    int periodPaidOrders,
    BigDecimal periodPaidAmount,
    BigDecimal largestPaidAmount,
    int largestPaidUnits) {

  public static final OrderHistory NONE =
      new OrderHistory(0, null, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0);
}
