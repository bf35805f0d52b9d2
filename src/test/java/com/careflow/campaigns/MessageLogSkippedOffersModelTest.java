package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The process and step a skipped offer is recorded under name the campaign offer's model: the send
 * step exists in bpmn/campaign-offer.bpmn with that id and name (issue #20), so a renamed step
 * fails here instead of splitting the step's analytics.
 */
class MessageLogSkippedOffersModelTest {

  @Test
  void skippedOffersNameTheSendStepOfTheCampaignOfferModel() {
    var model = Bpmn.readModelFromFile(Path.of("bpmn/campaign-offer.bpmn").toFile());

    assertThat(model.getModelElementsByType(Process.class))
        .extracting(Process::getId)
        .contains(MessageLogSkippedOffers.PROCESS_ID);
    FlowElement step = model.getModelElementById(MessageLogSkippedOffers.STEP_ID);
    assertThat(step).as("step " + MessageLogSkippedOffers.STEP_ID + " in the model").isNotNull();
    assertThat(step.getName()).isEqualTo(MessageLogSkippedOffers.STEP_NAME);
  }
}
