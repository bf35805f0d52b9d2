package com.careflow.campaigns;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cart columns of the customer store ({@code customer.cart_value}, {@code cart_updated_at},
 * {@code last_order_at}).
 */
@Component
class JdbcCartStateSource implements CartStateSource {

  private final JdbcClient jdbc;

  JdbcCartStateSource(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<CartState> cart(String customerId) {
    return jdbc.sql(
            "SELECT cart_value, cart_updated_at, last_order_at FROM customer WHERE customer_id = :id")
        .param("id", customerId)
        .query(
            (rs, n) ->
                new CartState(
                    rs.getBigDecimal("cart_value"),
                    instant(rs.getTimestamp("cart_updated_at")),
                    instant(rs.getTimestamp("last_order_at"))))
        .optional();
  }

  private static java.time.Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
