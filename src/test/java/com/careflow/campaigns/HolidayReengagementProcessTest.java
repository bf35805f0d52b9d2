package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.ProcessTestBase;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * bpmn/holiday-reengagement.bpmn with dmn/occasion-calendar.dmn (rule R19); jobs worked by hand.
 */
class HolidayReengagementProcessTest extends ProcessTestBase {

  private long runDay(String date) {
    long key =
        engine
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId(CampaignJobTypes.HOLIDAY_REENGAGEMENT)
            .latestVersion()
            .variables(Map.of("campaignDate", date))
            .send()
            .join()
            .getProcessInstanceKey();
    engine.waitForIdle();
    return key;
  }

  private List<ActivatedJob> allJobs(String type) {
    engine.waitForIdle();
    var jobs =
        engine
            .client()
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(50)
            .timeout(Duration.ofMinutes(1))
            .requestTimeout(Duration.ofSeconds(2))
            .send()
            .join()
            .getJobs();
    return new ArrayList<>(jobs);
  }

  @SuppressWarnings("unchecked")
  private static String occasionOf(ActivatedJob job) {
    return (String)
        ((Map<String, Object>) job.getVariablesAsMap().get("campaignOccasion")).get("occasionId");
  }

  @Test
  void r19_theCalendarNamesTheDaysOccasions() {
    runDay("2026-12-17");

    var plans = allJobs(CampaignJobTypes.PLAN_CAMPAIGN);
    assertThat(plans)
        .extracting(HolidayReengagementProcessTest::occasionOf)
        .containsExactlyInAnyOrder("CHRISTMAS", "BIRTHDAY");
    assertThat(plans.getFirst().getVariablesAsMap()).containsEntry("campaignDate", "2026-12-17");
  }

  @Test
  void r19_movableFeastsHaveTheirYear() {
    runDay("2027-01-25");
    assertThat(allJobs(CampaignJobTypes.PLAN_CAMPAIGN))
        .extracting(HolidayReengagementProcessTest::occasionOf)
        .containsExactlyInAnyOrder("SPRING_FESTIVAL", "BIRTHDAY");
  }

  @Test
  void r19_anOrdinaryDayHasBirthdaysOnly() {
    runDay("2026-03-03");
    assertThat(allJobs(CampaignJobTypes.PLAN_CAMPAIGN))
        .extracting(HolidayReengagementProcessTest::occasionOf)
        .containsExactly("BIRTHDAY");
  }

  @Test
  void r19_batchesRunUntilTheAudienceIsReached() {
    long day = runDay("2026-03-03");
    engine.completeJob(
        CampaignJobTypes.PLAN_CAMPAIGN,
        Map.of(
            "campaignId",
            "BIRTHDAY-2026-03-03",
            "afterCustomerId",
            "",
            "audienceExhausted",
            false));

    var first =
        engine.completeJob(
            CampaignJobTypes.START_CAMPAIGN_BATCH,
            Map.of("afterCustomerId", "c-0500", "audienceExhausted", false));
    assertThat(first.getVariablesAsMap())
        .containsEntry("afterCustomerId", "")
        .containsEntry("campaignId", "BIRTHDAY-2026-03-03");
    var second =
        engine.completeJob(
            CampaignJobTypes.START_CAMPAIGN_BATCH,
            Map.of("afterCustomerId", "c-0731", "audienceExhausted", true));
    assertThat(second.getVariablesAsMap()).containsEntry("afterCustomerId", "c-0500");

    var records = engine.records();
    assertThat(records.isCompleted(day)).isTrue();
    assertThat(records.completedElements(day)).endsWith("EndEvent_CampaignsStarted");
    assertThat(records.jobsCreated(day))
        .extracting("type")
        .containsExactly(
            CampaignJobTypes.PLAN_CAMPAIGN,
            CampaignJobTypes.START_CAMPAIGN_BATCH,
            CampaignJobTypes.START_CAMPAIGN_BATCH);
  }

  @Test
  void r19_aCampaignAlreadyDoneStartsNoBatch() {
    long day = runDay("2026-03-03");
    engine.completeJob(
        CampaignJobTypes.PLAN_CAMPAIGN,
        Map.of(
            "campaignId", "BIRTHDAY-2026-03-03", "afterCustomerId", "", "audienceExhausted", true));

    assertThat(engine.records().isCompleted(day)).isTrue();
    assertThat(engine.records().jobsCreated(day))
        .extracting("type")
        .containsExactly(CampaignJobTypes.PLAN_CAMPAIGN);
  }

  @Test
  void r19_aTestRunStartedByHand_reachesBothWorkersAsTheirTypedInput() {
    long day =
        engine
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId(CampaignJobTypes.HOLIDAY_REENGAGEMENT)
            .latestVersion()
            .variables(
                Map.of(
                    "campaignDate",
                    "2026-03-03",
                    "testRun",
                    Map.of("mode", "SEED_LIST", "seedCustomerIds", List.of("c-1", "c-2"))))
            .send()
            .join()
            .getProcessInstanceKey();
    engine.waitForIdle();

    var plan = allJobs(CampaignJobTypes.PLAN_CAMPAIGN).getFirst();
    var planInput = plan.getVariablesAsType(PlanCampaignWorker.Input.class);
    assertThat(planInput.testRun())
        .isEqualTo(new TestRun(TestRun.Mode.SEED_LIST, List.of("c-1", "c-2")));
    assertThat(plan.getProcessInstanceKey()).isEqualTo(day);
    engine
        .client()
        .newCompleteCommand(plan)
        .variables(
            Map.of(
                "campaignId",
                "BIRTHDAY-2026-03-03-TEST-" + day,
                "afterCustomerId",
                "",
                "audienceExhausted",
                false))
        .send()
        .join();
    engine.waitForIdle();

    var batch = allJobs(CampaignJobTypes.START_CAMPAIGN_BATCH).getFirst();
    var batchInput = batch.getVariablesAsType(StartCampaignBatchWorker.Input.class);
    assertThat(batchInput.testRun().mode()).isEqualTo(TestRun.Mode.SEED_LIST);
    assertThat(batchInput.campaignId()).isEqualTo("BIRTHDAY-2026-03-03-TEST-" + day);
  }

  @Test
  void r19_theTestRunStarterStartsTheHandStartWithTheGuidesVariables() {
    // what /local/campaigns/test-run calls: the same instance and variables as ops guide 2b
    var started =
        new TestRunStarter(engine.client())
            .start(java.time.LocalDate.of(2026, 3, 3), "dry_run", List.of());
    engine.waitForIdle();

    var plan = allJobs(CampaignJobTypes.PLAN_CAMPAIGN).getFirst();
    assertThat(plan.getProcessInstanceKey()).isEqualTo(started.processInstanceKey());
    var input = plan.getVariablesAsType(PlanCampaignWorker.Input.class);
    assertThat(input.testRun()).isEqualTo(new TestRun(TestRun.Mode.DRY_RUN, List.of()));
    assertThat(input.campaignDate()).isEqualTo("2026-03-03");
    assertThat(started.mode()).isEqualTo("DRY_RUN");

    var seeds =
        new TestRunStarter(engine.client())
            .start(java.time.LocalDate.of(2026, 3, 3), "SEED_LIST", List.of(" c-1", "c-2 ", ""));
    engine.waitForIdle();
    var seedPlan =
        allJobs(CampaignJobTypes.PLAN_CAMPAIGN).stream()
            .filter(j -> j.getProcessInstanceKey() == seeds.processInstanceKey())
            .findFirst()
            .orElseThrow();
    assertThat(seedPlan.getVariablesAsType(PlanCampaignWorker.Input.class).testRun())
        .isEqualTo(new TestRun(TestRun.Mode.SEED_LIST, List.of("c-1", "c-2")));
  }
}
