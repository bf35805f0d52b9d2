package com.careflow.campaigns;

import java.util.Optional;

/** Reads a customer's cart and last order from the customer store (rule R18). */
interface CartStateSource {

  Optional<CartState> cart(String customerId);
}
