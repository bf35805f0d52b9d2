package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.messaging.Contactability;
import com.careflow.messaging.MessagingJobTypes;
import com.careflow.messaging.SkipReason;
import com.careflow.segments.SegmentInputsQuery;
import com.careflow.segments.SegmentJobTypes;
import com.careflow.support.ProcessTestBase;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The campaign dry run decides as the real run (rules R15, R16, R19, R20, R22): the same customers
 * through a dry run ({@link EngineOfferDecisions}, the tables evaluated by the engine) and through
 * the real campaign-offer instances give the same number of messages and the same skips per reason.
 */
class CampaignDryRunProcessTest extends ProcessTestBase {

  private static final LocalDate DAY = LocalDate.of(2026, 12, 17);

  /** Addresses the loyal and active customers and leaves large buyers out. */
  private static final Occasion OCCASION =
      new Occasion("CHRISTMAS", "Christmas", "圣诞节", "ALL", List.of("A_LOYAL", "B_ACTIVE"), true);

  private static final SegmentInputsQuery.Values LOYAL =
      new SegmentInputsQuery.Values(10L, 6, BigDecimal.valueOf(900), 8, BigDecimal.valueOf(300), 3);
  private static final SegmentInputsQuery.Values LOST =
      new SegmentInputsQuery.Values(400L, 0, BigDecimal.ZERO, 2, BigDecimal.valueOf(100), 1);
  private static final SegmentInputsQuery.Values WHOLESALE =
      new SegmentInputsQuery.Values(
          10L, 6, BigDecimal.valueOf(90000), 8, BigDecimal.valueOf(30000), 200);

  /** customer id → RFM inputs; the audience is these customers, in id order. */
  private final Map<String, SegmentInputsQuery.Values> inputs = new TreeMap<>();

  /** customer id → why messaging's send check would skip the message (absent: it would go). */
  private final Map<String, SkipReason> notReachable = new TreeMap<>();

  private final Contactability contactability =
      (customerId, category) -> Optional.ofNullable(notReachable.get(customerId));

  @BeforeEach
  void customers() {
    engine.deploy(List.of(Path.of("src/test/resources/dmn-fixtures/discount-fixture.dmn")));
    inputs.put("c-01-loyal", LOYAL);
    inputs.put("c-02-loyal", LOYAL);
    inputs.put("c-03-lost", LOST); // R15: D_LOST is not addressed
    inputs.put("c-04-lost", LOST);
    inputs.put("c-05-wholesale", WHOLESALE); // R16: a large buyer, left out
    inputs.put("c-06-opted-out", LOYAL); // R22
    inputs.put("c-07-capped", LOYAL); // R20
    inputs.put("c-08-no-phone", LOYAL);
    inputs.put("c-09-flagged", LOYAL);
    inputs.put("c-10-no-consent", LOYAL); // R22, the batch's own check
    inputs.put("c-11-lost-opted-out", LOST); // R15 before R22: not addressed, recorded once
    notReachable.put("c-06-opted-out", SkipReason.OPTED_OUT);
    notReachable.put("c-07-capped", SkipReason.FREQUENCY_CAP);
    notReachable.put("c-08-no-phone", SkipReason.NO_PHONE);
    notReachable.put("c-09-flagged", SkipReason.NUMBER_FLAGGED_INVALID);
    notReachable.put("c-11-lost-opted-out", SkipReason.OPTED_OUT);
  }

  private AudienceSource audience() {
    return new AudienceSource() {
      @Override
      public List<Member> page(Occasion occasion, LocalDate day, String after, int limit) {
        return inputs.keySet().stream()
            .filter(id -> id.compareTo(after) > 0)
            .limit(limit)
            .map(id -> new Member(id, !id.endsWith("no-consent")))
            .toList();
      }

      @Override
      public List<Member> members(List<String> ids, String after, int limit) {
        return page(OCCASION, DAY, after, limit).stream()
            .filter(m -> ids.contains(m.customerId()))
            .toList();
      }
    };
  }

  private CampaignService service(
      InMemoryCampaignStore store, OfferStarter starter, RecordingSkippedOffers skips) {
    OfferReachability reachability = new OfferReachability(contactability, skips);
    return new CampaignService(
        audience(),
        store,
        starter,
        new CampaignProperties(100, 4),
        skips,
        new EngineOfferDecisions(engine.client(), inputs::get, reachability));
  }

  @Test
  @DisplayName(
      "R15/R16/R20/R22: a dry run counts the messages and the skips per reason the real run makes"
          + " on the same customers")
  void r15_r16_theDryRunDecidesAsTheRealRun() {
    // the dry run: nothing started
    var dryStore = new InMemoryCampaignStore();
    var drySkips = new RecordingSkippedOffers();
    var dry =
        service(
            dryStore,
            variables -> {
              throw new AssertionError("a dry run starts nothing");
            },
            drySkips);
    var testRun = new TestRun(TestRun.Mode.DRY_RUN, null);
    var plan = dry.plan(OCCASION, DAY, testRun, 1);
    assertThat(dry.startBatch(plan.campaignId(), OCCASION, DAY, "", testRun).audienceExhausted())
        .isTrue();
    Map<String, Integer> dryCounts = new TreeMap<>();
    dryStore.recipients.values().forEach(status -> dryCounts.merge(status, 1, Integer::sum));

    // the real run: one campaign-offer instance per consenting customer, every job worked as the
    // workers do
    var realStore = new InMemoryCampaignStore();
    var realSkips = new RecordingSkippedOffers();
    var real =
        service(
            realStore,
            variables ->
                engine
                    .client()
                    .newCreateInstanceCommand()
                    .bpmnProcessId(CampaignJobTypes.CAMPAIGN_OFFER)
                    .latestVersion()
                    .variables(variables)
                    .send()
                    .thenApply(e -> e.getProcessInstanceKey()),
            realSkips);
    var realPlan = real.plan(OCCASION, DAY);
    real.startBatch(realPlan.campaignId(), OCCASION, DAY, "");
    var reachability = new OfferReachability(contactability, realSkips);
    var checkWorker = new CheckOfferReachableWorker(reachability);
    var recordWorker = new RecordOfferNotMadeWorker(realSkips);
    List<String> messaged = new ArrayList<>();
    boolean worked;
    do {
      worked =
          work(
                  SegmentJobTypes.COMPUTE_SEGMENT_INPUTS,
                  job ->
                      asVariables(inputs.get((String) job.getVariablesAsMap().get("customerId"))))
              | work(
                  CampaignJobTypes.CHECK_OFFER_REACHABLE,
                  job ->
                      checkWorker.checkOfferReachable(
                          job.getVariablesAsType(CheckOfferReachableWorker.Input.class), job))
              | work(
                  CampaignJobTypes.RECORD_OFFER_NOT_MADE,
                  job ->
                      recordWorker.recordOfferNotMade(
                          job.getVariablesAsType(RecordOfferNotMadeWorker.Input.class), job))
              | work("issue-coupon", job -> Map.of("couponCode", "BACK-15"))
              | work(
                  MessagingJobTypes.PLAN_SEND_TIME, job -> Map.of("sendAt", "2000-01-01T00:00:00Z"))
              | work(
                  MessagingJobTypes.SEND_MESSAGE,
                  job -> {
                    messaged.add((String) job.getVariablesAsMap().get("customerId"));
                    return Map.of("lastMessageStatus", "SENT");
                  });
    } while (worked);

    Map<String, Integer> realCounts = new TreeMap<>();
    if (!messaged.isEmpty()) {
      realCounts.put(CampaignStore.DRY_RUN, messaged.size());
    }
    realSkips.noConsent.forEach(
        s -> realCounts.merge(CampaignStore.SKIPPED_NO_CONSENT, 1, Integer::sum));
    realSkips.notAddressed.forEach(
        s -> realCounts.merge(CampaignStore.skipped(reason(s)), 1, Integer::sum));
    realSkips.notReachable.forEach(
        s -> realCounts.merge(CampaignStore.skipped(reason(s)), 1, Integer::sum));

    assertThat(dryCounts)
        .as("the dry run's recipients by status, as the real run decided")
        .isEqualTo(realCounts)
        .isEqualTo(
            Map.of(
                CampaignStore.DRY_RUN,
                2,
                "SKIPPED_SEGMENT_NOT_ADDRESSED",
                3,
                "SKIPPED_LARGE_BUYER_LEFT_OUT",
                1,
                "SKIPPED_OPTED_OUT",
                1,
                "SKIPPED_FREQUENCY_CAP",
                1,
                "SKIPPED_NO_PHONE",
                1,
                "SKIPPED_NUMBER_FLAGGED_INVALID",
                1,
                CampaignStore.SKIPPED_NO_CONSENT,
                1));
    assertThat(messaged).containsExactlyInAnyOrder("c-01-loyal", "c-02-loyal");
    assertThat(dryStore.recipients)
        .containsEntry("CHRISTMAS-2026-TEST-1/c-01-loyal", CampaignStore.DRY_RUN)
        .containsEntry(
            "CHRISTMAS-2026-TEST-1/c-11-lost-opted-out", "SKIPPED_SEGMENT_NOT_ADDRESSED");
    assertThat(drySkips.notAddressed).as("a dry run touches no customer's message log").isEmpty();
    assertThat(drySkips.notReachable).isEmpty();
    assertThat(drySkips.noConsent).isEmpty();
  }

  /** The skip reason of a {@link RecordingSkippedOffers} line. */
  private static SkipReason reason(String line) {
    return SkipReason.valueOf(line.split("\\|")[4]);
  }

  private Map<String, Object> asVariables(SegmentInputsQuery.Values values) {
    var map = new java.util.HashMap<String, Object>();
    map.put("recencyDays", values.recencyDays());
    map.put("frequency", values.frequency());
    map.put("monetary", values.monetary());
    map.put("lifetimeOrders", values.lifetimeOrders());
    map.put("largestOrderAmount", values.largestOrderAmount());
    map.put("largestOrderUnits", values.largestOrderUnits());
    return map;
  }

  /** Works every waiting job of the type; true when there was one. */
  private boolean work(String type, Function<ActivatedJob, Map<String, Object>> worker) {
    engine.waitForIdle();
    List<ActivatedJob> jobs =
        engine
            .client()
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(100)
            .timeout(Duration.ofMinutes(1))
            .requestTimeout(Duration.ofSeconds(2))
            .send()
            .join()
            .getJobs();
    for (ActivatedJob job : jobs) {
      engine.client().newCompleteCommand(job.getKey()).variables(worker.apply(job)).send().join();
    }
    engine.waitForIdle();
    return !jobs.isEmpty();
  }
}
