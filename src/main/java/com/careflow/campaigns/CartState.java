package com.careflow.campaigns;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A customer's cart as the customer store knows it.
 *
 * @param cartValue the cart's value; zero or null when the cart is empty
 * @param cartUpdatedAt when the cart last changed
 * @param lastOrderAt when the customer last placed an order
 */
record CartState(BigDecimal cartValue, Instant cartUpdatedAt, Instant lastOrderAt) {

  // rule R18: remind only when the cart still holds something and no order was placed since it
  // changed
  public boolean abandoned() {
    boolean hasItems = cartValue != null && cartValue.signum() > 0;
    boolean orderedSince =
        lastOrderAt != null && cartUpdatedAt != null && !lastOrderAt.isBefore(cartUpdatedAt);
    return hasItems && !orderedSince;
  }
}
