package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.customers.CustomerQueriesTestConfig;
import com.careflow.customers.OrderHistory;
import com.careflow.support.RepositoryTestBase;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@Import({CustomerCartStateSource.class, OrderHistory.class, CustomerQueriesTestConfig.class})
class CustomerCartStateSourceTest extends RepositoryTestBase {

  @Autowired JdbcClient jdbc;
  @Autowired CustomerCartStateSource carts;
  @Autowired OrderHistory orders;

  private void customer(String id, String cartValue, String cartUpdatedAt, String lastOrderAt) {
    jdbc.sql(
            """
        INSERT INTO customer (customer_id, cart_value, cart_updated_at, last_order_at, created_at, updated_at)
        VALUES (:id, :value, :cart, :order, :now, :now)
        """)
        .param("id", id)
        .param("value", cartValue == null ? null : new BigDecimal(cartValue))
        .param("cart", ts(cartUpdatedAt))
        .param("order", ts(lastOrderAt))
        .param("now", ts("2026-11-01T00:00:00Z"))
        .update();
  }

  private static Timestamp ts(String instant) {
    return instant == null ? null : Timestamp.from(Instant.parse(instant));
  }

  @Test
  void r18_aCartWithoutALaterOrderIsAbandoned() {
    customer("k-1", "199.00", "2026-11-22T10:00:00Z", "2026-11-01T09:00:00Z");
    assertThat(carts.cart("k-1")).get().returns(true, CartState::abandoned);
  }

  @Test
  void r18_anOrderAfterTheCartChangeMeansNoReminder() {
    customer("k-2", "199.00", "2026-11-22T10:00:00Z", "2026-11-22T10:20:00Z");
    assertThat(carts.cart("k-2")).get().returns(false, CartState::abandoned);
  }

  @Test
  void r18_anEmptyCartMeansNoReminder() {
    customer("k-3", "0", "2026-11-22T10:00:00Z", null);
    assertThat(carts.cart("k-3")).get().returns(false, CartState::abandoned);
    assertThat(carts.cart("nobody")).isEmpty();
  }

  @Test
  @DisplayName(
      "fault 3 (a stale message), R18: a CartUpdated older than the latest CartCleared starts a"
          + " recovery whose check finds the cart empty: it ends after the wait, no reminder")
  void aStaleCartUpdatedAfterAClearIsNoAbandonedCart_R18() {
    orders.recordCart("k-4", new BigDecimal("199.00"), Instant.parse("2026-11-22T10:00:00Z"));
    orders.recordCart("k-4", null, Instant.parse("2026-11-22T10:30:00Z"));
    orders.recordCart("k-4", new BigDecimal("999.00"), Instant.parse("2026-11-22T10:10:00Z"));

    assertThat(carts.cart("k-4")).get().returns(false, CartState::abandoned);
    assertThat(carts.cart("k-4").orElseThrow().cartValue()).isNull();
  }
}
