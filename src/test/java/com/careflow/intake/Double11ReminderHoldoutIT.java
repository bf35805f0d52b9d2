package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.careflow.local.Double11Night;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * #18 "Done when", end to end: the simulator's Double 11 night with the payment reminder's holdout
 * switched on and a known reminder effect (an unpaid buyer pays with p un-reminded and p + Δ
 * reminded) goes through the intake, the order journeys, the message delivery's experiment decision
 * and the analytics; {@code GET /api/analytics/experiments} then shows the reminder's lift with a
 * 95 % interval that contains Δ, and the dashboard's payment-reminder page shows it too. A second
 * night with Δ = 0 is reported "not significant".
 *
 * <p>Sizes (system properties, for a bigger run): {@code holdoutIT.orders} (default 400) orders of
 * {@code 5 ×} as many customers (so few buyers have two orders), all unpaid at first.
 */
@TestPropertySource(properties = "careflow.experiments.payment-reminder-holdout.enabled=true")
class Double11ReminderHoldoutIT extends ShopEventsITBase {

  static final int ORDERS = Integer.getInteger("holdoutIT.orders", 400);
  static final double P = 0.30;
  static final double DELTA = 0.30;

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(Double11ReminderHoldoutIT.class);

  TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  @Autowired
  void login(TestRestTemplate rest) {
    http = rest.withBasicAuth("demo", "demo");
  }

  @Test
  @DisplayName(
      "R1 R23 holdout: the simulated night's reminder lift is shown through the API and on the"
          + " page with a 95 % interval containing the true effect; without effect, not significant")
  void r1_r23_theNightsReminderLiftIsMeasuredWithItsInterval() throws Exception {
    JsonNode effective = night(1811, DELTA);
    log.info("Reminder experiment of the night with delta {}: {}", DELTA, effective);
    JsonNode lift = effective.path("lift");
    assertThat(effective.path("stepId").asText()).isEqualTo("Activity_SendPaymentReminder");
    assertThat(lift.path("holdoutBuyers").asInt()).isPositive();
    assertThat(lift.path("treatmentBuyers").asInt())
        .isGreaterThan(lift.path("holdoutBuyers").asInt());
    assertThat(lift.path("absoluteInterval").path("low").asDouble()).isLessThan(DELTA);
    assertThat(lift.path("absoluteInterval").path("high").asDouble()).isGreaterThan(DELTA);
    assertThat(lift.path("significant").asBoolean()).isTrue();
    // holdout conversion near p, treatment near p + delta (each within its own interval)
    assertThat(lift.path("holdoutInterval").path("low").asDouble()).isLessThan(P);
    assertThat(lift.path("holdoutInterval").path("high").asDouble()).isGreaterThan(P);
    assertThat(lift.path("treatmentInterval").path("low").asDouble()).isLessThan(P + DELTA);
    assertThat(lift.path("treatmentInterval").path("high").asDouble()).isGreaterThan(P + DELTA);

    JsonNode none = night(1812, 0.0);
    log.info("Reminder experiment of the night with delta 0: {}", none);
    assertThat(none.path("lift").path("absoluteInterval").path("low").asDouble()).isLessThan(0);
    assertThat(none.path("lift").path("absoluteInterval").path("high").asDouble()).isGreaterThan(0);
    assertThat(none.path("lift").path("significant").asBoolean()).isFalse();
  }

  /**
   * Runs one night with the reminder effect (p, delta) and returns its experiment row (all
   * variants), after checking the step breakdown and the dashboard page of the same period.
   */
  @SuppressWarnings("unchecked")
  private JsonNode night(long seed, double delta) throws Exception {
    var started =
        http.postForEntity(
            "/local/simulator/double11?customers="
                + ORDERS * 5
                + "&orders="
                + ORDERS
                + "&seed="
                + seed
                + "&unpaidShare=1&reminderP="
                + P
                + "&reminderDelta="
                + delta,
            null,
            Map.class);
    assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(202);
    Map<String, Object> body = started.getBody();
    assertThat(((Number) body.get("reminderHoldoutPercent")).doubleValue()).isEqualTo(10.0);
    Map<String, Integer> planned = (Map<String, Integer>) body.get("counts");
    log.info("Night {} planned: {}", seed, planned);
    assertThat(planned.get("UNPAID_HELD_OUT")).isPositive();
    Instant dayStart = Instant.parse((String) body.get("dayStart"));
    await()
        .atMost(Duration.ofMinutes(40))
        .pollInterval(Duration.ofSeconds(5))
        .until(
            () -> {
              var status = http.getForObject("/local/simulator", Map.class);
              assertThat(status.get("state")).isNotEqualTo("failed");
              return "done".equals(status.get("state"));
            });
    LocalDate day = LocalDate.ofInstant(dayStart, Double11Night.SHANGHAI);
    String period = "from=" + day + "&to=" + day.plusDays(1);
    // every unpaid order met its (real or virtual) reminder: one exposure per buyer
    int buyersExpected = planned.get("ORDER");
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              JsonNode row = reminderRow(get("/api/analytics/experiments?" + period));
              assertThat(
                      row.path("lift").path("treatmentBuyers").asInt()
                          + row.path("lift").path("holdoutBuyers").asInt())
                  .isGreaterThanOrEqualTo((int) (buyersExpected * 0.8));
            });
    JsonNode row = reminderRow(get("/api/analytics/experiments?" + period));
    // the held-out buyers the engine measured are the ones the simulated buyers were (same hash)
    assertThat(row.path("lift").path("holdoutBuyers").asInt())
        .isLessThanOrEqualTo(planned.get("UNPAID_HELD_OUT"))
        .isGreaterThanOrEqualTo((int) (planned.get("UNPAID_HELD_OUT") * 0.8));

    // the virtual sends are counted under the journey's step, never the delivery's own task
    for (JsonNode step : get("/api/analytics/breakdown?by=step&" + period).path("rows")) {
      String stepId = step.path("dimensions").path("step_id").asText(null);
      if (stepId == null) {
        stepId = step.path("dimensions").path("stepId").asText();
      }
      assertThat(stepId).as("step of %s", step).isNotEqualTo("Activity_SendMessage");
    }
    // the page: the experiment's row and the chart of both groups with their intervals
    String page = http.getForObject("/payment-reminders?" + period + "&lang=en", String.class);
    assertThat(page)
        .contains("data-experiment=\"payment-reminder\"")
        .contains("data-step=\"Activity_SendPaymentReminder\"")
        .contains("id=\"chart-experiment\"")
        .contains(
            row.path("lift").path("significant").asBoolean() ? "Significant" : "Not significant");
    return row;
  }

  private static JsonNode reminderRow(JsonNode report) {
    for (JsonNode row : report.path("rows")) {
      if (row.path("experimentId").asText().equals("payment-reminder")
          && row.path("variant").asText().equals("ALL")) {
        return row;
      }
    }
    throw new AssertionError("no payment-reminder row in " + report);
  }

  private JsonNode get(String path) throws Exception {
    var answer = http.getForEntity(path, String.class);
    assertThat(answer.getStatusCode().value()).as(path + ": " + answer.getBody()).isEqualTo(200);
    return json.readTree(answer.getBody());
  }
}
