package com.careflow.campaigns;

import com.careflow.customers.CustomerQueries;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A customer's cart and last order, through the customers module's port {@link CustomerQueries}.
 */
@Component
class CustomerCartStateSource implements CartStateSource {

  private final CustomerQueries customers;

  CustomerCartStateSource(CustomerQueries customers) {
    this.customers = customers;
  }

  @Override
  public Optional<CartState> cart(String customerId) {
    return customers
        .cart(customerId)
        .map(c -> new CartState(c.cartValue(), c.cartUpdatedAt(), c.lastOrderAt()));
  }
}
