package com.careflow.segments;

import java.time.Instant;

/**
 * Reads a customer's order history for segmentation (R15); the JDBC implementation reads {@code
 * order_fact}.
 */
interface RfmInputsSource {

  /**
   * The customer's paid order history, with the period figures counted from {@code periodStart}.
   */
  OrderHistory history(String customerId, Instant periodStart);
}
