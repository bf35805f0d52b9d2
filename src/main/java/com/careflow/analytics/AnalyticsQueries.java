package com.careflow.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The analytics module's read port for other modules (experiments' lift, R18 holdouts): paid orders
 * and message costs from {@code analytics_order} and {@code analytics_send}, which only this module
 * queries. Amounts are in the shop's currency ({@code careflow.analytics.currency}); database
 * failures surface as Spring's {@code DataAccessException}.
 */
public interface AnalyticsQueries {

  /**
   * One paid order.
   *
   * @param paidAmount the gross paid amount; zero when the payment event carried none
   */
  record Payment(String customerId, Instant paidAt, BigDecimal paidAmount) {}

  /** The orders paid strictly after {@code after} and strictly before {@code before}. */
  List<Payment> payments(Instant after, Instant before);

  /**
   * The shop's cost of each given send (the send ids messaging recorded); unknown ids are left out.
   */
  Map<String, BigDecimal> sendCosts(Collection<String> sendIds);
}
