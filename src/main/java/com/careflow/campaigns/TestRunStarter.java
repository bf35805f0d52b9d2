package com.careflow.campaigns;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Starts a campaign test run the way operations start one in production (ops guide, section 2b): an
 * instance of {@code holiday-reengagement} started by hand, with the variables {@code campaignDate}
 * and {@code testRun} ({@code {"mode": "DRY_RUN"}} or {@code {"mode": "SEED_LIST",
 * "seedCustomerIds": [...]}}). The journey then runs as for any hand start: the occasion calendar
 * names the day's occasions and each becomes a test run, {@code <campaign id>-TEST-<instance key>}
 * ({@link PlanCampaignWorker}, {@link StartCampaignBatchWorker}, {@link CampaignService}). Used by
 * the development stack's {@code POST /local/campaigns/test-run}; in production Modeler or the
 * orchestration cluster's REST API start the same instance with the same variables.
 */
@Service
public class TestRunStarter {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final CamundaClient client;

  public TestRunStarter(CamundaClient client) {
    this.client = client;
  }

  /**
   * A started test run.
   *
   * @param processInstanceKey the holiday re-engagement instance; its test runs' ids end in {@code
   *     -TEST-<processInstanceKey>}
   * @param campaignDate the day whose occasions are tried
   * @param mode {@code DRY_RUN} or {@code SEED_LIST}
   * @param seedCustomerIds the seed list ({@code SEED_LIST}), empty for a dry run
   */
  public record Started(
      long processInstanceKey, LocalDate campaignDate, String mode, List<String> seedCustomerIds) {}

  /**
   * Starts the test run and waits for the engine to accept the instance (at most 30 s).
   *
   * @param mode {@code DRY_RUN} or {@code SEED_LIST} (any case)
   * @param seedCustomerIds customer ids of Careflow's customer store: required for {@code
   *     SEED_LIST}, refused for {@code DRY_RUN} (a dry run reads the occasion's real audience)
   * @throws IllegalArgumentException for a missing day, an unknown mode, a seed list without ids or
   *     a dry run with them; nothing is started then
   */
  public Started start(LocalDate day, String mode, List<String> seedCustomerIds) {
    if (day == null) {
      throw new IllegalArgumentException("day is missing: the day to try, yyyy-MM-dd");
    }
    TestRun.Mode parsed = mode(mode);
    List<String> seeds =
        seedCustomerIds == null
            ? List.of()
            : seedCustomerIds.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (parsed == TestRun.Mode.DRY_RUN && !seeds.isEmpty()) {
      throw new IllegalArgumentException(
          "seeds are only for SEED_LIST: a DRY_RUN reads the occasion's real audience");
    }
    TestRun testRun = new TestRun(parsed, seeds); // refuses a SEED_LIST without ids
    Map<String, Object> variable = new LinkedHashMap<>();
    variable.put("mode", testRun.mode().name());
    variable.put("seedCustomerIds", testRun.seedCustomerIds());
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(CampaignJobTypes.HOLIDAY_REENGAGEMENT)
            .latestVersion()
            .variables(Map.of("campaignDate", day.toString(), "testRun", variable))
            .requestTimeout(START_TIMEOUT)
            .send()
            .join()
            .getProcessInstanceKey();
    return new Started(key, day, testRun.mode().name(), testRun.seedCustomerIds());
  }

  private static TestRun.Mode mode(String mode) {
    try {
      return TestRun.Mode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("mode is DRY_RUN or SEED_LIST, not '" + mode + "'", e);
    }
  }
}
