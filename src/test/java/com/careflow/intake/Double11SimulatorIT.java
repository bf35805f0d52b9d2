package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The documented simulator command works end to end on the embedded stack. */
class Double11SimulatorIT extends ShopEventsITBase {

  /**
   * How long an awaited outcome may take before the test fails: a bound on failure only, generous
   * for a loaded machine (a passing run waits only as long as the outcome takes).
   */
  private static final Duration EVENTUALLY = Duration.ofMinutes(3);

  TestRestTemplate http;

  /** The demo operator (admin) of the development settings: every route needs a login. */
  @Autowired
  void login(TestRestTemplate rest) {
    http = rest.withBasicAuth("demo", "demo");
  }

  @Test
  @SuppressWarnings("unchecked")
  void r4_aSimulatedDouble11DayInTimeLapseStartsJourneysAndMovesTheClockThroughTheNight() {
    long seed = Math.abs(run.hashCode()) + 1L;
    var started =
        http.postForEntity(
            "/local/simulator/double11?customers=4&orders=6&seed=" + seed, null, Map.class);
    assertThat(started.getStatusCode().value()).isEqualTo(202);
    int total = (Integer) started.getBody().get("total");
    Instant last = Instant.parse((String) started.getBody().get("lastEventAt"));

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> "done".equals(http.getForObject("/local/simulator", Map.class).get("state")));
    var status = http.getForObject("/local/simulator", Map.class);
    assertThat(status.get("published")).isEqualTo(total);
    // the return visits that found a coupon Careflow issued (R24) publish their orders too
    int visitEvents = (Integer) status.get("couponOrderEvents");
    assertThat(localStack.clock().instant()).isAfterOrEqualTo(last);

    String prefix = "sim-" + Long.toString(seed, 36) + "-";
    await()
        .atMost(EVENTUALLY)
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql("SELECT COUNT(*) FROM processed_event WHERE event_id LIKE :p")
                            .param("p", prefix + "%")
                            .query(Long.class)
                            .single())
                    .isEqualTo(total + visitEvents));
    for (int n = 1; n <= 6; n++) {
      assertThat(journeysOf(prefix + "o" + n)).as("journey of order %d", n).hasSize(1);
    }
  }
}
