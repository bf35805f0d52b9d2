package com.careflow.segments;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The order history from the customer store's {@code order_fact} table (one row per order, written
 * by the event intake): one aggregate query per customer over the customer's paid, not cancelled
 * orders.
 */
@Component
class JdbcRfmInputsSource implements RfmInputsSource {

  private final JdbcClient jdbc;

  JdbcRfmInputsSource(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public OrderHistory history(String customerId, Instant periodStart) {
    return jdbc.sql(
            """
            SELECT COUNT(*) AS lifetime_orders,
                   MAX(paid_at) AS last_paid_at,
                   SUM(CASE WHEN paid_at >= :since THEN 1 ELSE 0 END) AS period_orders,
                   SUM(CASE WHEN paid_at >= :since THEN COALESCE(paid_amount, amount) ELSE 0 END) AS period_amount,
                   MAX(COALESCE(paid_amount, amount)) AS largest_amount,
                   MAX(units) AS largest_units
            FROM order_fact
            WHERE customer_id = :id AND paid_at IS NOT NULL AND cancelled_at IS NULL
            """)
        .param("id", customerId)
        .param("since", Timestamp.from(periodStart))
        .query(
            (rs, n) -> {
              Timestamp lastPaid = rs.getTimestamp("last_paid_at");
              return new OrderHistory(
                  rs.getInt("lifetime_orders"),
                  lastPaid == null ? null : lastPaid.toInstant(),
                  rs.getInt("period_orders"),
                  orZero(rs.getBigDecimal("period_amount")),
                  orZero(rs.getBigDecimal("largest_amount")),
                  rs.getInt("largest_units"));
            })
        .single();
  }

  private static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }
}
