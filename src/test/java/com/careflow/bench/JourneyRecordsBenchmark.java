package com.careflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.campaigns.Occasion;
import com.careflow.support.BenchPart;
import com.careflow.support.ProcessTestEngine;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Engine records each shipped journey costs up to its first wait (issue #19, target 2), on the
 * in-memory engine with the project's models; no workers run, each job of our own workers on the
 * way is completed at once with a typical answer, as the process tests do.
 *
 * <p>"First wait" is where the journey waits for the world outside Careflow's engine calls:
 *
 * <ul>
 *   <li>order-journey: {@code OrderPlaced} with the intake's variables ({@code
 *       ShopEvent.OrderPlaced#variables()} and {@code returningBuyer}) → waiting for payment
 *       ({@code Gateway_AwaitPayment}); a buyer look-up job on the way, if the model has one, is
 *       completed (a first-time buyer);
 *   <li>cart-recovery: {@code CartUpdated} → waiting for the buyer ({@code Gateway_AwaitBuyer});
 *   <li>campaign-offer: created by a campaign batch → its message handed to the send step (the
 *       {@code send-message} job), RFM inputs and the send time answered;
 *   <li>message-delivery: created by a caller → the {@code send-message} job, sending allowed now;
 *   <li>holiday-reengagement: started by hand for an ordinary day → the {@code plan-campaign} job
 *       of the day's birthday campaign.
 * </ul>
 *
 * Not part of the normal test run (its name ends in {@code Benchmark}):
 *
 * <pre>
 * ./mvnw -B -ntp test -Dtest=JourneyRecordsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dfrontend.skip=true -Dspotless.check.skip=true -Dcyclonedx.skip=true
 * </pre>
 *
 * It prints one line per journey and a breakdown of the order journey's records by value type and
 * intent, and writes both to {@code target/bench/journey-records.md}.
 */
class JourneyRecordsBenchmark {

  private static final String NOW = "2000-01-01T00:00:00Z";

  private final StringBuilder report = new StringBuilder();
  private final BenchPart part = BenchPart.start("journey-records");

  /** Records per journey to its first wait, by process id, in the order measured. */
  private final Map<String, Object> recordsPerJourney = new LinkedHashMap<>();

  @Test
  void recordsPerJourneyToItsFirstWait() throws IOException {
    report.append("| journey | to its first wait | records |\n|---|---|---|\n");
    measure(
        "order-journey",
        "waiting for payment",
        engine -> {
          engine.publishMessage(
              "OrderPlaced",
              "o-1",
              Map.of(
                  "orderId",
                  "o-1",
                  "customerId",
                  "c-1",
                  "amount",
                  99,
                  "currency",
                  "CNY",
                  "promotion",
                  "double11",
                  "returningBuyer",
                  false));
          completeIfWaiting(engine, "lookup-buyer", Map.of("returningBuyer", false));
          assertThat(activeElements(engine, "order-journey")).contains("Gateway_AwaitPayment");
        });
    measure(
        "cart-recovery",
        "waiting for the buyer",
        engine -> {
          engine.publishMessage(
              "CartUpdated",
              "c-cart",
              Map.of(
                  "customerId",
                  "c-cart",
                  "items",
                  List.of(Map.of("sku", "tea-1", "quantity", 2)),
                  "cartValue",
                  120));
          assertThat(activeElements(engine, "cart-recovery")).contains("Gateway_AwaitBuyer");
        });
    measure(
        "campaign-offer",
        "message handed to the send step",
        engine -> {
          createInstance(
              engine,
              "campaign-offer",
              Map.of(
                  "customerId",
                  "c-1",
                  "campaignId",
                  "DOUBLE_12-2026",
                  "campaignOccasion",
                  new Occasion(
                      "DOUBLE_12",
                      "Double 12",
                      "双十二",
                      "ALL",
                      List.of("A_LOYAL", "B_ACTIVE"),
                      false)));
          completeIfWaiting(
              engine,
              "compute-segment-inputs",
              Map.of(
                  "recencyDays",
                  10,
                  "frequency",
                  6,
                  "monetary",
                  900,
                  "lifetimeOrders",
                  8,
                  "largestOrderAmount",
                  300,
                  "largestOrderUnits",
                  3));
          completeIfWaiting(engine, "check-offer-reachable", Map.of("buyerReachable", true));
          completeIfWaiting(engine, "issue-coupon", Map.of("couponCode", "D12-10"));
          completeIfWaiting(engine, "plan-send-time", Map.of("sendAt", NOW));
          assertThat(jobWaiting(engine, "send-message")).isTrue();
        },
        true);
    measure(
        "message-delivery",
        "the send-message job",
        engine -> {
          createInstance(
              engine,
              "message-delivery",
              Map.of(
                  "customerId",
                  "c-1",
                  "orderId",
                  "o-1",
                  "templateKey",
                  "payment-reminder-new",
                  "category",
                  "TRANSACTIONAL",
                  "channel",
                  "SMS",
                  "templateVariables",
                  Map.of("orderId", "o-1")));
          completeIfWaiting(engine, "plan-send-time", Map.of("sendAt", NOW));
          assertThat(jobWaiting(engine, "send-message")).isTrue();
        });
    measure(
        "holiday-reengagement",
        "the day's first plan-campaign job",
        engine -> {
          createInstance(engine, "holiday-reengagement", Map.of("campaignDate", "2026-03-03"));
          assertThat(jobWaiting(engine, "plan-campaign")).isTrue();
        });
    report.append("\nOrder journey, by value type and intent:\n\n").append(orderBreakdown);
    System.out.println(report);
    Path out = Path.of("target/bench/journey-records.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    part.finish(
        Map.of("journeys", recordsPerJourney.size(), "instancesPerJourney", 1),
        Map.of("recordsPerJourneyToFirstWait", recordsPerJourney));
  }

  private String orderBreakdown = "";

  private void measure(String journey, String firstWait, Consumer<ProcessTestEngine> run) {
    measure(journey, firstWait, run, false);
  }

  /**
   * @param withDiscountFixture deploys the process tests' discount table first (the shipped one
   *     offers nothing until ops fill it in), before counting
   */
  private void measure(
      String journey,
      String firstWait,
      Consumer<ProcessTestEngine> run,
      boolean withDiscountFixture) {
    try (ProcessTestEngine engine = ProcessTestEngine.start()) {
      engine.deployProjectModels();
      if (withDiscountFixture) {
        engine.deploy(List.of(Path.of("src/test/resources/dmn-fixtures/discount-fixture.dmn")));
      }
      engine.waitForIdle();
      int before = records(engine).size();
      run.accept(engine);
      engine.waitForIdle();
      List<Record<?>> all = records(engine);
      List<Record<?>> mine = all.subList(before, all.size());
      report.append("| ").append(journey).append(" | ").append(firstWait).append(" | ");
      report.append(mine.size()).append(" |\n");
      recordsPerJourney.put(journey, mine.size());
      if (journey.equals("order-journey")) {
        var counts = new TreeMap<String, Integer>();
        for (Record<?> r : mine) {
          counts.merge(r.getValueType() + " " + r.getIntent(), 1, Integer::sum);
        }
        var lines = new StringBuilder("| value type, intent | records |\n|---|---|\n");
        counts.forEach(
            (k, v) -> lines.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        orderBreakdown = lines.toString();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Record<?>> records(ProcessTestEngine engine) {
    List<Record<?>> out = new ArrayList<>();
    ((Iterable<Record<?>>) (Iterable<?>) engine.recordStream().getRecords()).forEach(out::add);
    return out;
  }

  private static List<String> activeElements(ProcessTestEngine engine, String processId) {
    var log = engine.records();
    return log.activeElements(log.onlyInstanceOf(processId));
  }

  private static void createInstance(
      ProcessTestEngine engine, String processId, Map<String, ?> variables) {
    engine
        .client()
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join();
    engine.waitForIdle();
  }

  private static boolean jobWaiting(ProcessTestEngine engine, String type) {
    engine.waitForIdle();
    return records(engine).stream()
        .anyMatch(
            r ->
                r.getValue() instanceof JobRecordValue job
                    && job.getType().equals(type)
                    && r.getIntent() == JobIntent.CREATED);
  }

  private static void completeIfWaiting(
      ProcessTestEngine engine, String type, Map<String, ?> variables) {
    if (!jobWaiting(engine, type)) {
      return; // no poll: an activation request is itself a record or two
    }
    List<ActivatedJob> jobs =
        engine
            .client()
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(1)
            .timeout(Duration.ofMinutes(1))
            .requestTimeout(Duration.ofSeconds(1))
            .send()
            .join()
            .getJobs();
    for (ActivatedJob job : jobs) {
      engine.client().newCompleteCommand(job.getKey()).variables(variables).send().join();
    }
    engine.waitForIdle();
  }
}
