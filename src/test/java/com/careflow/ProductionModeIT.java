package com.careflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.careflow.journeys.JourneyJobTypes;
import com.careflow.local.LocalStack;
import com.careflow.messaging.MessageSenders;
import com.careflow.support.RecordLog;
import com.careflow.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production mode: the same application, with the local stand-ins off, connects to an engine and a
 * Kafka cluster it did not start, purely through configuration. Here the "cluster" is an in-memory
 * engine and an embedded broker started by the test, as a real Camunda 8 and Kafka would be.
 * Messages run dry (accepted by {@code careflow.messaging.dry-run=true} of the test configuration),
 * so the instance is alive but not ready.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "careflow.local.enabled=false",
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"
    })
@EmbeddedKafka(kraft = true, partitions = 1)
class ProductionModeIT {

  /**
   * How long an awaited outcome may take before the test fails: a bound on failure only, generous
   * for a loaded machine (a passing run waits only as long as the outcome takes).
   */
  private static final Duration EVENTUALLY = Duration.ofMinutes(3);

  static final ZeebeTestEngine engine = startEngine();

  static ZeebeTestEngine startEngine() {
    try (ServerSocket socket = new ServerSocket(0)) {
      int port = socket.getLocalPort();
      socket.close();
      ZeebeTestEngine started = EngineFactory.create(port);
      started.start();
      return started;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Production refuses in-memory H2 (ProductionStartupChecks): PostgreSQL or a container only. */
  @BeforeAll
  static void needsARealDatabase() {
    assumeTrue(
        TestDatabase.kind() != TestDatabase.Kind.H2,
        "production mode refuses H2: set CAREFLOW_TEST_DB_URL (as .ci/run does) or run Docker");
  }

  @AfterAll
  static void stopEngine() {
    engine.stop();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    registry.add(
        "camunda.client.grpc-address",
        () -> "http://" + engine.getGatewayAddress().replace("0.0.0.0", "127.0.0.1"));
    registry.add("camunda.client.prefer-rest-over-grpc", () -> "false");
  }

  TestRestTemplate http;

  /** The demo operator (admin) of the development settings: every route needs a login. */
  @Autowired
  void login(TestRestTemplate rest) {
    http = rest.withBasicAuth("demo", "demo");
  }

  @Autowired ApplicationContext context;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired Clock clock;
  @Autowired org.springframework.beans.factory.BeanFactory beans;

  @Test
  void noLocalStandInsAndNoLocalEndpoints() {
    assertThat(context.getBeansOfType(LocalStack.class)).isEmpty();
    assertThat(http.getForEntity("/local/clock", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            http.postForEntity("/local/clock/advance", "{\"duration\":\"PT1H\"}", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(clock.getZone().getId()).isEqualTo("Z");
    assertThat(MessageSenders.mode(beans)).as("no credentials configured").isEqualTo("dry-run");
  }

  @Test
  void aliveAndConnectedButNotReadyWhileMessagesRunDry() {
    JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
    assertThat(health.path("components").path("camundaClient").path("status").asText())
        .isEqualTo("UP");
    assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
    assertThat(
            http.getForObject("/actuator/health/liveness", JsonNode.class).path("status").asText())
        .isEqualTo("UP");

    var readiness = http.getForEntity("/actuator/health/readiness", JsonNode.class);
    assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(readiness.getBody().path("status").asText()).isEqualTo("OUT_OF_SERVICE");
    assertThat(
            readiness.getBody().path("components").path("messaging").path("details").path("mode"))
        .hasToString("\"DRY_RUN\"");
    // the services readiness depends on (Zeebe, Zeebe's acceptance of the credentials, Kafka),
    // each UP here; liveness depends on none of them
    for (String service : List.of("camundaClient", "engineAccess", "kafka")) {
      assertThat(readiness.getBody().path("components").path(service).path("status").asText())
          .as("readiness includes %s", service)
          .isEqualTo("UP");
    }
    assertThat(health.path("components").path("kafka").path("details").path("brokers").asInt())
        .isEqualTo(1);
    var groups =
        context.getBean(org.springframework.boot.actuate.health.HealthEndpointGroups.class);
    for (String service : List.of("camundaClient", "engineAccess", "kafka", "messaging")) {
      assertThat(groups.get("readiness").isMember(service)).as("readiness: " + service).isTrue();
      assertThat(groups.get("liveness").isMember(service)).as("liveness: " + service).isFalse();
    }
  }

  @Test
  void modelsAreDeployedAndOrderEventsStartJourneysOnTheExternalEngine() {
    kafka.send(
        "shop.orders",
        "o-prod-1",
        """
        {"eventId":"oe-prod-1","type":"OrderPlaced","occurredAt":"2026-11-11T00:05:00+08:00","orderId":"o-prod-1",
         "customerId":"c-prod-1","amount":99.00,"currency":"CNY","items":[{"sku":"tea","title":"Tea","quantity":1,"price":99.00}]}
        """);

    await()
        .atMost(EVENTUALLY)
        .until(
            () ->
                !RecordLog.of(engine.getRecordStreamSource())
                    .instancesOf(JourneyJobTypes.PROCESS_ID)
                    .isEmpty());
  }
}
