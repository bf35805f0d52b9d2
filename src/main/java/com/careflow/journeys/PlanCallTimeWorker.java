package com.careflow.journeys;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.CamundaError;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Gives the staff task "Call buyer about payment" a follow-up and due time inside the shop's
 * preferred calling hours (rule R3), which the order-timings table holds.
 */
@Component
public class PlanCallTimeWorker {

  private final JourneysProperties props;
  private final Clock clock;

  public PlanCallTimeWorker(JourneysProperties props, Clock clock) {
    this.props = props;
    this.clock = clock;
  }

  public record Input(String callingHours) {}

  @JobWorker(type = JourneyJobTypes.PLAN_CALL_TIME, fetchVariables = "callingHours")
  public Map<String, Object> planCallTime(@VariablesAsType Input input) {
    CallingHours hours;
    try {
      hours = CallingHours.parse(input.callingHours());
    } catch (IllegalArgumentException e) {
      // a broken table entry will not fix itself: straight to an incident that says what to change
      throw CamundaError.jobError(e.getMessage(), Map.of(), 0);
    }
    CallingHours.Slot slot = hours.next(clock.instant(), props.shopTimeZone()); // rule R3
    return Map.of(
        "callFollowUpAt", slot.followUpAt().toOffsetDateTime().toString(),
        "callDueAt", slot.dueAt().toOffsetDateTime().toString());
  }
}
