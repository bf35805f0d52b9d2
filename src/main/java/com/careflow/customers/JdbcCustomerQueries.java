package com.careflow.customers;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link CustomerQueries} over the {@code customer} and {@code order_fact} tables. */
@Component
class JdbcCustomerQueries implements CustomerQueries {

  private final JdbcClient jdbc;

  JdbcCustomerQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<AudienceMember> audiencePage(String afterCustomerId, int limit, MonthDay birthday) {
    String birthdays =
        birthday != null
            ? " AND EXTRACT(MONTH FROM birthday) = :month AND EXTRACT(DAY FROM birthday) = :day"
            : "";
    var query =
        jdbc.sql(
                "SELECT customer_id, marketing_consent FROM customer WHERE customer_id > :after"
                    + birthdays
                    + " ORDER BY customer_id LIMIT :limit")
            .param("after", afterCustomerId)
            .param("limit", limit);
    if (birthday != null) {
      query = query.param("month", birthday.getMonthValue()).param("day", birthday.getDayOfMonth());
    }
    return query.query(JdbcCustomerQueries::member).list();
  }

  @Override
  public List<AudienceMember> audienceMembers(
      List<String> customerIds, String afterCustomerId, int limit) {
    if (customerIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT customer_id, marketing_consent FROM customer WHERE customer_id > :after"
                + " AND customer_id IN (:ids) ORDER BY customer_id LIMIT :limit")
        .param("after", afterCustomerId)
        .param("ids", customerIds)
        .param("limit", limit)
        .query(JdbcCustomerQueries::member)
        .list();
  }

  private static AudienceMember member(ResultSet rs, int n) throws SQLException {
    return new AudienceMember(rs.getString("customer_id"), rs.getBoolean("marketing_consent"));
  }

  @Override
  public Optional<Cart> cart(String customerId) {
    return jdbc.sql(
            "SELECT cart_value, cart_updated_at, last_order_at FROM customer WHERE customer_id = :id")
        .param("id", customerId)
        .query(
            (rs, n) ->
                new Cart(
                    rs.getBigDecimal("cart_value"),
                    instant(rs.getTimestamp("cart_updated_at")),
                    instant(rs.getTimestamp("last_order_at"))))
        .optional();
  }

  @Override
  public Optional<OrderFacts> order(String orderId) {
    return jdbc.sql(
            """
            SELECT order_id, customer_id, amount, currency, placed_at, paid_at, shipped_at, carrier,
                   tracking_number, logistics_status, logistics_description,
                   logistics_updated_at, delivered_at, review_rating, review_text,
                   reviewed_at
            FROM order_fact WHERE order_id = :id
            """)
        .param("id", orderId)
        .query(
            (rs, n) ->
                new OrderFacts(
                    rs.getString("order_id"),
                    rs.getString("customer_id"),
                    rs.getBigDecimal("amount"),
                    rs.getString("currency"),
                    instant(rs.getTimestamp("placed_at")),
                    instant(rs.getTimestamp("paid_at")),
                    instant(rs.getTimestamp("shipped_at")),
                    rs.getString("carrier"),
                    rs.getString("tracking_number"),
                    rs.getString("logistics_status"),
                    rs.getString("logistics_description"),
                    instant(rs.getTimestamp("logistics_updated_at")),
                    instant(rs.getTimestamp("delivered_at")),
                    (Integer) rs.getObject("review_rating", Integer.class),
                    rs.getString("review_text"),
                    instant(rs.getTimestamp("reviewed_at"))))
        .optional();
  }

  @Override
  public PaidOrderHistory paidOrderHistory(String customerId, Instant periodStart) {
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
            (rs, n) ->
                new PaidOrderHistory(
                    rs.getInt("lifetime_orders"),
                    instant(rs.getTimestamp("last_paid_at")),
                    rs.getInt("period_orders"),
                    orZero(rs.getBigDecimal("period_amount")),
                    orZero(rs.getBigDecimal("largest_amount")),
                    rs.getInt("largest_units")))
        .single();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }
}
