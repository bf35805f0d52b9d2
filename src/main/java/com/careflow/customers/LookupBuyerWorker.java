package com.careflow.customers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Tells the journey whether the buyer is new or returning (rules R1, R2). */
@Component
public class LookupBuyerWorker {

  private final CustomerProfiles customers;

  LookupBuyerWorker(CustomerProfiles customers) {
    this.customers = customers;
  }

  public record Input(String customerId) {}

  @JobWorker(type = CustomerJobTypes.LOOKUP_BUYER, fetchVariables = "customerId")
  public Map<String, Object> lookupBuyer(@VariablesAsType Input input) {
    boolean returning = customers.find(input.customerId()).map(Customer::returning).orElse(false);
    return Map.of("returningBuyer", returning);
  }
}
