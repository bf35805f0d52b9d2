package com.careflow.campaigns;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * After the wait, asks the customer store whether the cart is still open and nothing was ordered
 * since it changed (rule R18). OrderPlaced correlates on the order id, so the journey cannot wait
 * for it itself.
 */
@Component
public class CheckCartAbandonedWorker {

  private final CartStateSource carts;

  CheckCartAbandonedWorker(CartStateSource carts) {
    this.carts = carts;
  }

  public record Input(String customerId) {}

  @JobWorker(type = CampaignJobTypes.CHECK_CART_ABANDONED, fetchVariables = "customerId")
  public Map<String, Object> checkCartAbandoned(@VariablesAsType Input input) {
    boolean abandoned = carts.cart(input.customerId()).map(CartState::abandoned).orElse(false);
    return Map.of("cartAbandoned", abandoned);
  }
}
