package com.careflow.segments;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.customers.CustomerQueriesTestConfig;
import com.careflow.support.RepositoryTestBase;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@Import({CustomerRfmInputsSource.class, CustomerQueriesTestConfig.class})
class CustomerRfmInputsSourceTest extends RepositoryTestBase {

  @Autowired JdbcClient jdbc;
  @Autowired CustomerRfmInputsSource source;

  private void order(
      String id, String customer, String paidAt, String amount, int units, boolean cancelled) {
    jdbc.sql(
            """
        INSERT INTO order_fact (order_id, customer_id, placed_at, amount, units, paid_at, paid_amount, cancelled_at, updated_at)
        VALUES (:id, :c, :placed, :amount, :units, :paid, :amount, :cancelled, :placed)
        """)
        .param("id", id)
        .param("c", customer)
        .param("placed", java.sql.Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")))
        .param("amount", new java.math.BigDecimal(amount))
        .param("units", units)
        .param("paid", paidAt == null ? null : java.sql.Timestamp.from(Instant.parse(paidAt)))
        .param("cancelled", cancelled ? java.sql.Timestamp.from(Instant.parse(paidAt)) : null)
        .update();
  }

  @Test
  void r15_countsPaidNotCancelledOrdersInAndBeforeThePeriod() {
    order("o-old", "c-rfm", "2025-01-10T08:00:00Z", "5200.00", 2, false);
    order("o-new", "c-rfm", "2026-10-01T08:00:00Z", "120.00", 25, false);
    order("o-new2", "c-rfm", "2026-11-01T08:00:00Z", "80.50", 1, false);
    order("o-unpaid", "c-rfm", null, "999.00", 1, false);
    order("o-cancelled", "c-rfm", "2026-11-02T08:00:00Z", "700.00", 1, true);
    order("o-other", "c-other", "2026-11-02T08:00:00Z", "700.00", 1, false);

    var history = source.history("c-rfm", Instant.parse("2025-11-22T00:00:00Z"));

    assertThat(history.lifetimePaidOrders()).isEqualTo(3);
    assertThat(history.lastPaidAt()).isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
    assertThat(history.periodPaidOrders()).isEqualTo(2);
    assertThat(history.periodPaidAmount()).isEqualByComparingTo("200.50");
    assertThat(history.largestPaidAmount()).isEqualByComparingTo("5200.00");
    assertThat(history.largestPaidUnits()).isEqualTo(25);
  }

  @Test
  void r15_aCustomerWithoutOrdersHasAnEmptyHistory() {
    var history = source.history("c-none", Instant.parse("2025-11-22T00:00:00Z"));

    assertThat(history.lifetimePaidOrders()).isZero();
    assertThat(history.lastPaidAt()).isNull();
    assertThat(history.periodPaidAmount()).isEqualByComparingTo("0");
  }
}
