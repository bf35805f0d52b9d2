package com.careflow.campaigns;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Opens the campaign for one occasion of the day (rule R19). */
@Component
public class PlanCampaignWorker {

  private final CampaignService campaigns;

  PlanCampaignWorker(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  public record Input(Occasion campaignOccasion, String campaignDate) {}

  @JobWorker(
      type = CampaignJourney.PLAN_CAMPAIGN,
      fetchVariables = {"campaignOccasion", "campaignDate"})
  public CampaignService.Progress planCampaign(@VariablesAsType Input input) {
    return campaigns.plan(input.campaignOccasion(), LocalDate.parse(input.campaignDate()));
  }
}
