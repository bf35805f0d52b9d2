package com.careflow.campaigns;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Reaches the next page of the campaign's audience (rules R19, R22). */
@Component
public class StartCampaignBatchWorker {

  private final CampaignService campaigns;

  StartCampaignBatchWorker(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  public record Input(
      String campaignId,
      Occasion campaignOccasion,
      String campaignDate,
      String afterCustomerId,
      TestRun testRun) {}

  @JobWorker(
      type = CampaignJobTypes.START_CAMPAIGN_BATCH,
      fetchVariables = {
        "campaignId",
        "campaignOccasion",
        "campaignDate",
        "afterCustomerId",
        "testRun"
      })
  public CampaignService.Progress startCampaignBatch(@VariablesAsType Input input) {
    return campaigns.startBatch(
        input.campaignId(),
        input.campaignOccasion(),
        LocalDate.parse(input.campaignDate()),
        input.afterCustomerId(),
        input.testRun());
  }
}
