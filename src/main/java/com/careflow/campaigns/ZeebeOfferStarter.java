package com.careflow.campaigns;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Starts the offer process through the Camunda client. */
@Component
class ZeebeOfferStarter implements OfferStarter {

  /** Generous: during a large fan-out the engine is busy with the offers already started. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final CamundaClient client;

  ZeebeOfferStarter(CamundaClient client) {
    this.client = client;
  }

  @Override
  public long start(Map<String, Object> variables) {
    return client.newCreateInstanceCommand()
        .bpmnProcessId(CampaignJourney.CAMPAIGN_OFFER)
        .latestVersion()
        .variables(variables)
        .requestTimeout(START_TIMEOUT)
        .send()
        .join()
        .getProcessInstanceKey();
  }
}
