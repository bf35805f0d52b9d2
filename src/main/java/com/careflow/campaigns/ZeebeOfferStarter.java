package com.careflow.campaigns;

import io.camunda.client.CamundaClient;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Starts the offer process through the Camunda client. */
@Component
class ZeebeOfferStarter implements OfferStarter {

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
        .send()
        .join()
        .getProcessInstanceKey();
  }
}
