package com.careflow;

import static io.camunda.process.test.api.CamundaAssert.assertThatProcessInstance;
import static io.camunda.process.test.api.assertions.ProcessInstanceSelectors.byProcessId;

import com.careflow.journeys.JourneyJobTypes;
import io.camunda.process.test.api.CamundaSpringProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The proof on machines with Docker: the real Camunda 8.8 engine (camunda-process-test starts its
 * container), a real Kafka broker and a real PostgreSQL, with Careflow's local stand-ins off.
 * Skipped, with the reason shown, where no Docker engine runs; the in-memory tests cover the same
 * behaviour there.
 */
@Testcontainers(disabledWithoutDocker = true)
@CamundaSpringProcessTest
@SpringBootTest(properties = "careflow.local.enabled=false")
class FullStackContainersIT {

  @Container
  static final PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16-alpine");

  @Container static final KafkaContainer kafka = new KafkaContainer("apache/kafka-native:3.9.1");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", postgres::getJdbcUrl);
    registry.add("spring.datasource.username", postgres::getUsername);
    registry.add("spring.datasource.password", postgres::getPassword);
    registry.add("spring.kafka.bootstrap-servers", kafka::getBootstrapServers);
  }

  @Autowired KafkaTemplate<String, String> kafkaTemplate;

  @Test
  void anOrderEventStartsAnOrderJourneyOnTheRealEngine() {
    kafkaTemplate.send(
        "shop.orders",
        "o-tc-1",
        """
        {"eventId":"oe-tc-1","type":"OrderPlaced","occurredAt":"2026-11-11T00:05:00+08:00","orderId":"o-tc-1",
         "customerId":"c-tc-1","amount":99.00,"currency":"CNY","items":[{"sku":"tea","title":"Tea","quantity":1,"price":99.00}]}
        """);

    assertThatProcessInstance(byProcessId(JourneyJobTypes.PROCESS_ID)).isActive();
  }
}
