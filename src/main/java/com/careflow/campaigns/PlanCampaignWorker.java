package com.careflow.campaigns;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Opens the campaign for one occasion of the day (rule R19). */
@Component
public class PlanCampaignWorker {

  private final CampaignService campaigns;

  PlanCampaignWorker(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  /**
   * @param testRun set when operations started the run as a test ({@link TestRun}); absent for the
   *     daily run
   */
  public record Input(Occasion campaignOccasion, String campaignDate, TestRun testRun) {}

  @JobWorker(
      type = CampaignJobTypes.PLAN_CAMPAIGN,
      fetchVariables = {"campaignOccasion", "campaignDate", "testRun"})
  public CampaignService.Progress planCampaign(@VariablesAsType Input input, ActivatedJob job) {
    return campaigns.plan(
        input.campaignOccasion(),
        LocalDate.parse(input.campaignDate()),
        input.testRun(),
        job.getProcessInstanceKey());
  }
}
