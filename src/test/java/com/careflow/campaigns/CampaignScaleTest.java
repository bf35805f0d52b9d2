package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.messaging.MessagingJobTypes;
import com.careflow.segments.SegmentJobTypes;
import com.careflow.support.ProcessTestEngine;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Christmas campaign over many customers on the in-memory engine (rule R19): the real campaign
 * service and offer starter behind job workers, an in-memory audience and campaign store, and
 * stand-in workers for the per-customer jobs. Its duration is logged (measured, not asserted).
 *
 * <p>The normal test run uses 1,000 customers (two batches, the same fan-out); the 10,000-customer
 * proof takes several minutes on a 2-core machine and runs with {@code ./mvnw test
 * -Dtest=CampaignScaleTest -Dcareflow.scale.customers=10000} (docs/campaigns.md).
 */
class CampaignScaleTest {

  private static final Logger log = LoggerFactory.getLogger(CampaignScaleTest.class);
  private static final int CUSTOMERS = Integer.getInteger("careflow.scale.customers", 1_000);
  private static final int WITHOUT_CONSENT_EVERY = 10;

  private final List<JobWorker> workers = new ArrayList<>();
  private ProcessTestEngine engine;

  /**
   * Like ProcessTestBase, but with a patient deployment: this test often runs on a busy build
   * machine.
   */
  @BeforeEach
  void startEngine() {
    engine = ProcessTestEngine.start();
    var deploy =
        engine
            .client()
            .newDeployResourceCommand()
            .addResourceFile(ProcessTestEngine.modelFiles().getFirst().toString());
    for (var file :
        ProcessTestEngine.modelFiles().subList(1, ProcessTestEngine.modelFiles().size())) {
      deploy = deploy.addResourceFile(file.toString());
    }
    deploy.requestTimeout(Duration.ofMinutes(2)).send().join();
    // the discount table as the process tests know it (no coupon for A_LOYAL holiday care)
    engine
        .client()
        .newDeployResourceCommand()
        .addResourceFile("src/test/resources/dmn-fixtures/discount-fixture.dmn")
        .requestTimeout(Duration.ofMinutes(1))
        .send()
        .join();
    engine.waitForIdle();
  }

  @AfterEach
  void stop() {
    workers.forEach(JobWorker::close);
    engine.close();
  }

  /**
   * A job worker whose completions are sent without waiting, so one handler thread keeps the engine
   * busy.
   */
  private void worker(String type, Function<ActivatedJob, Object> work) {
    JobHandler handler =
        (client, job) -> client.newCompleteCommand(job).variables(work.apply(job)).send();
    workers.add(
        engine
            .client()
            .newWorker()
            .jobType(type)
            .handler(handler)
            .maxJobsActive(16)
            .timeout(Duration.ofMinutes(5))
            .open());
  }

  /**
   * Every third customer (by number) has never paid, so is NEW, which Christmas does not address.
   */
  private static boolean isNew(String customerId) {
    return Integer.parseInt(customerId.substring(2)) % 3 == 0;
  }

  @Test
  void r19_aCampaignOverTenThousandCustomersCompletes() throws InterruptedException {
    var store = new InMemoryCampaignStore();
    var skipped = new RecordingSkippedOffers();
    var service =
        new CampaignService(
            new InMemoryAudience(CUSTOMERS, WITHOUT_CONSENT_EVERY),
            store,
            new ZeebeOfferStarter(engine.client()),
            new CampaignProperties(500, 32),
            skipped,
            (customerId, occasion) -> java.util.Optional.empty());
    var plan = new PlanCampaignWorker(service);
    var batch = new StartCampaignBatchWorker(service);
    var sent = new AtomicInteger();
    worker(
        CampaignJobTypes.PLAN_CAMPAIGN,
        job -> plan.planCampaign(job.getVariablesAsType(PlanCampaignWorker.Input.class), job));
    var fannedOut = new java.util.concurrent.atomic.AtomicLong();
    worker(
        CampaignJobTypes.START_CAMPAIGN_BATCH,
        job -> {
          var progress =
              batch.startCampaignBatch(
                  job.getVariablesAsType(StartCampaignBatchWorker.Input.class));
          if (progress.audienceExhausted()) {
            fannedOut.set(System.nanoTime());
          }
          return progress;
        });
    var computed = new AtomicInteger();
    worker(
        SegmentJobTypes.COMPUTE_SEGMENT_INPUTS,
        job -> {
          var values =
              new HashMap<String, Object>(
                  Map.of(
                      "frequency",
                      5,
                      "monetary",
                      800,
                      "largestOrderAmount",
                      200,
                      "largestOrderUnits",
                      2));
          computed.incrementAndGet();
          boolean isNew = isNew((String) job.getVariablesAsMap().get("customerId"));
          values.put("lifetimeOrders", isNew ? 0 : 6);
          values.put("recencyDays", isNew ? null : 12);
          return values;
        });
    var notAddressed = new RecordOfferNotMadeWorker(skipped);
    worker(
        CampaignJobTypes.RECORD_OFFER_NOT_MADE,
        job ->
            notAddressed.recordOfferNotMade(
                job.getVariablesAsType(RecordOfferNotMadeWorker.Input.class), job));
    // every buyer the scale test reaches can be messaged (R20, R22 are the send tests' subject)
    worker(CampaignJobTypes.CHECK_OFFER_REACHABLE, job -> Map.of("buyerReachable", true));
    worker("issue-coupon", job -> Map.of("couponCode", "C-" + job.getKey()));
    // each offer's start listener names the journey's deployed version (#16), as in production
    var journeyVersion = new com.careflow.messaging.JourneyVersionWorker();
    worker(MessagingJobTypes.JOURNEY_VERSION, journeyVersion::journeyVersion);
    worker(MessagingJobTypes.PLAN_SEND_TIME, job -> Map.of("sendAt", "2000-01-01T00:00:00Z"));
    worker(
        MessagingJobTypes.SEND_MESSAGE,
        job -> {
          sent.incrementAndGet();
          return Map.of("lastMessageStatus", "SENT");
        });
    int withConsent = CUSTOMERS - CUSTOMERS / WITHOUT_CONSENT_EVERY;
    long expectedSends =
        java.util.stream.IntStream.range(0, CUSTOMERS)
            .filter(i -> i % WITHOUT_CONSENT_EVERY != 0)
            .filter(i -> !isNew("c-%05d".formatted(i)))
            .count();

    long start = System.nanoTime();
    long day =
        engine
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId(CampaignJobTypes.HOLIDAY_REENGAGEMENT)
            .latestVersion()
            .variables(Map.of("campaignDate", "2026-12-17"))
            .send()
            .join()
            .getProcessInstanceKey();
    // a safety limit so a stuck run ends, not a speed target: the time is logged, never asserted
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (System.nanoTime() < deadline
        && (sent.get() < expectedSends || computed.get() < withConsent)) {
      Thread.sleep(200);
    }
    long end = System.nanoTime();
    log.info(
        "Campaign over {} customers: fan-out (last batch done) {} ms; {} of {} offers worked, {} of {} messages sent, in {} ms",
        CUSTOMERS,
        fannedOut.get() == 0 ? -1 : (fannedOut.get() - start) / 1_000_000,
        computed.get(),
        withConsent,
        sent.get(),
        expectedSends,
        (end - start) / 1_000_000);
    assertThat(sent.get()).as("messages sent within the safety limit").isEqualTo(expectedSends);
    workers.forEach(
        JobWorker
            ::close); // polling workers keep the engine busy: stop them before waiting for idle
    workers.clear();
    engine.waitForIdle();

    assertThat(completed(day)).isTrue();
    assertThat(completedOffers()).isEqualTo(withConsent);
    assertThat(sent.get()).isEqualTo(expectedSends);
    assertThat(store.count(CampaignStore.STARTED)).isEqualTo(withConsent);
    assertThat(store.count(CampaignStore.SKIPPED_NO_CONSENT))
        .isEqualTo(CUSTOMERS / WITHOUT_CONSENT_EVERY);
    // nothing skipped silently: every customer reached got a message or a recorded skip (R15, R22)
    assertThat(skipped.noConsent).hasSize(CUSTOMERS / WITHOUT_CONSENT_EVERY);
    assertThat(skipped.notAddressed)
        .hasSize((int) (withConsent - expectedSends))
        .allMatch(line -> line.contains("|NEW|SEGMENT_NOT_ADDRESSED|"));
    assertThat(skipped.noConsent.size() + skipped.notAddressed.size() + sent.get())
        .isEqualTo(CUSTOMERS);
  }

  private boolean completed(long processInstanceKey) {
    return processInstanceRecords()
        .anyMatch(
            r ->
                r.getKey() == processInstanceKey
                    && r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED);
  }

  private long completedOffers() {
    return processInstanceRecords()
        .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED)
        .filter(r -> r.getValue().getBpmnElementType() == BpmnElementType.PROCESS)
        .filter(r -> r.getValue().getBpmnProcessId().equals(CampaignJobTypes.CAMPAIGN_OFFER))
        .count();
  }

  @SuppressWarnings("unchecked")
  private Stream<Record<ProcessInstanceRecordValue>> processInstanceRecords() {
    return StreamSupport.stream(engine.recordStream().getRecords().spliterator(), false)
        .filter(r -> r.getValueType() == ValueType.PROCESS_INSTANCE)
        .map(r -> (Record<ProcessInstanceRecordValue>) r);
  }
}
