package com.careflow.segments;

import com.careflow.customers.CustomerQueries;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The order history of the customer store (paid, not cancelled orders), through the customers
 * module's port {@link CustomerQueries}.
 */
@Component
class CustomerRfmInputsSource implements RfmInputsSource {

  private final CustomerQueries customers;

  CustomerRfmInputsSource(CustomerQueries customers) {
    this.customers = customers;
  }

  @Override
  public OrderHistory history(String customerId, Instant periodStart) {
    var h = customers.paidOrderHistory(customerId, periodStart);
    return new OrderHistory(
        h.lifetimePaidOrders(),
        h.lastPaidAt(),
        h.periodPaidOrders(),
        h.periodPaidAmount(),
        h.largestPaidAmount(),
        h.largestPaidUnits());
  }
}
