package com.careflow.segments;

import java.math.BigDecimal;

/**
 * Segments' port for the inputs of {@code dmn/customer-segment.dmn} (rules R15, R16): the same
 * figures the {@code compute-segment-inputs} worker gives a journey, so a preview that evaluates
 * the tables (a campaign's dry run) decides as the journey does. Only figures, no personal data.
 */
public interface SegmentInputsQuery {

  /**
   * The inputs of {@code customer-segment} and {@code large-buyer}, as process variables.
   *
   * @param recencyDays whole days since the last paid order; null when the customer never paid
   * @param frequency paid orders in the period
   * @param monetary paid amount in the period, shop currency
   * @param lifetimeOrders paid orders ever (tells a new customer from a returning one)
   * @param largestOrderAmount the largest single paid order, shop currency
   * @param largestOrderUnits the most units in one paid order
   */
  record Values(
      Long recencyDays,
      int frequency,
      BigDecimal monetary,
      int lifetimeOrders,
      BigDecimal largestOrderAmount,
      int largestOrderUnits) {}

  /** The customer's inputs now (the period ends at the application clock's instant, UTC). */
  Values compute(String customerId);
}
