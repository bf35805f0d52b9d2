package com.careflow.campaigns;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.springframework.stereotype.Component;

/** Starts the offer process through the Camunda client, without blocking on the engine's answer. */
@Component
class ZeebeOfferStarter implements OfferStarter {

  /** Generous: during a large fan-out the engine is busy with the offers already started. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final CamundaClient client;

  ZeebeOfferStarter(CamundaClient client) {
    this.client = client;
  }

  @Override
  public CompletionStage<Long> start(Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(CampaignJobTypes.CAMPAIGN_OFFER)
        .latestVersion()
        .variables(variables)
        .requestTimeout(START_TIMEOUT)
        .send()
        .thenApply(ProcessInstanceEvent::getProcessInstanceKey);
  }
}
