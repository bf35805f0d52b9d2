package com.careflow.messaging;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Computes when a message may be sent (rule R4). The delivery process then waits on a timer until
 * {@code sendAt}, so a held message is visible in Operate instead of a sleeping thread.
 */
@Component
public class PlanSendTimeWorker {

  private final CustomerProfiles customers;
  private final QuietHoursProperties props;
  private final QuietHours quietHours;
  private final Clock clock;

  public PlanSendTimeWorker(CustomerProfiles customers, QuietHoursProperties props, Clock clock) {
    this.customers = customers;
    this.props = props;
    this.quietHours = props.window();
    this.clock = clock;
  }

  public record Input(String customerId) {}

  @JobWorker(type = MessagingJobTypes.PLAN_SEND_TIME, fetchVariables = "customerId")
  public Map<String, Object> planSendTime(@VariablesAsType Input input) {
    ZoneId zone =
        props.zoneOf(customers.find(input.customerId()).map(Customer::timeZone).orElse(null));
    return Map.of("sendAt", quietHours.nextAllowed(clock.instant(), zone).toString());
  }
}
