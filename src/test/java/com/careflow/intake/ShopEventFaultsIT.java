package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** Faults of issue #14 that need the running app: listeners, broker and dead-letter topics. */
class ShopEventFaultsIT extends ShopEventsITBase {

  /**
   * How long an awaited outcome may take before the test fails: a bound on failure only, generous
   * for a loaded machine (a passing run waits only as long as the outcome takes).
   */
  private static final Duration EVENTUALLY = Duration.ofMinutes(3);

  @Autowired KafkaListenerEndpointRegistry listeners;
  @Autowired ConsumerStarts consumerStarts;

  @Test
  @DisplayName(
      "fault 8 (documented settings that are not applied): with no configuration each listener"
          + " runs the documented default of consumer threads")
  void documentedSettingsThatAreNotApplied_listenerConcurrency() {
    // the IT configuration sets no careflow.events.concurrency
    int documented = EventsProperties.defaults().concurrency();
    assertThat(documented).isEqualTo(3);
    for (String id :
        List.of(
            ShopEventListener.ORDERS_LISTENER,
            ShopEventListener.CARTS_LISTENER,
            ShopEventListener.CUSTOMERS_LISTENER)) {
      var container = (ConcurrentMessageListenerContainer<?, ?>) listeners.getListenerContainer(id);
      assertThat(container.getConcurrency()).as(id).isEqualTo(documented);
      assertThat(container.getContainers()).as(id + " consumers running").hasSize(documented);
    }
  }

  @Test
  @DisplayName(
      "outage (engine without the models): consumption starts only after the models are deployed")
  void consumptionStartsOnlyAfterTheModelsAreDeployed() {
    for (String id :
        List.of(
            ShopEventListener.ORDERS_LISTENER,
            ShopEventListener.CARTS_LISTENER,
            ShopEventListener.CUSTOMERS_LISTENER)) {
      var container = listeners.getListenerContainer(id);
      assertThat(container.isAutoStartup()).as(id + " not started with the context").isFalse();
      assertThat(container.isRunning()).as(id + " started when the app was ready").isTrue();
    }
    // the order itself: every consumer (of every listener container) started once the start-up
    // deployment had completed, none before
    assertThat(consumerStarts.starts).as("consumers started").isNotEmpty();
    assertThat(consumerStarts.starts)
        .as("each consumer's start, in order")
        .allMatch(start -> start.endsWith(" after deployment"));
  }

  @Test
  @DisplayName(
      "fault 2: bytes that are not UTF-8 and a tombstone land on the DLT exactly as they came, and"
          + " the next record is processed")
  void notUtf8AndTombstonesLandOnTheDeadLetterTopicAsTheyCame() throws Exception {
    String key = "k-" + run;
    byte[] latin1 =
        ("{\"eventId\":\"e-"
                + run
                + "-latin\",\"type\":\"OrderDelivered\",\"orderId\":\"o-\u00e9\"}")
            .getBytes(StandardCharsets.ISO_8859_1);
    String goodEventId = "e-" + run + "-good";
    try (var producer =
        new KafkaProducer<>(
            kafkaAdmin.getConfigurationProperties(),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("shop.orders", key, latin1)).get(10, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>("shop.orders", key, null)).get(10, TimeUnit.SECONDS);
      producer
          .send(
              new ProducerRecord<>(
                  "shop.orders",
                  key,
                  ("{\"eventId\":\""
                          + goodEventId
                          + "\",\"type\":\"OrderDelivered\",\"occurredAt\":\"2026-11-11T01:01:00+08:00\",\"orderId\":\"o-"
                          + run
                          + "\"}")
                      .getBytes(StandardCharsets.UTF_8)))
          .get(10, TimeUnit.SECONDS);
    }

    await().atMost(EVENTUALLY).until(() -> processedRows(goodEventId) == 1);
    var deadLetters = bytesOn("shop.orders.DLT", key);
    assertThat(deadLetters).hasSize(2);
    assertThat(deadLetters.get(0).value()).isEqualTo(latin1);
    assertThat(
            new String(
                deadLetters.get(0).headers().lastHeader(EventErrorHandling.REASON_HEADER).value(),
                StandardCharsets.UTF_8))
        .contains("not UTF-8");
    assertThat(deadLetters.get(1).value()).isNull();
    assertThat(
            new String(
                deadLetters.get(1).headers().lastHeader(EventErrorHandling.REASON_HEADER).value(),
                StandardCharsets.UTF_8))
        .contains("tombstone");
  }

  /** Every record on a topic with this key, values as bytes, in offset order per partition. */
  List<ConsumerRecord<String, byte[]>> bytesOn(String topic, String key) {
    Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    var found = new ArrayList<ConsumerRecord<String, byte[]>>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      int emptyPolls = 0;
      while (System.nanoTime() < deadline && emptyPolls < 3) {
        var batch = consumer.poll(Duration.ofMillis(500));
        if (batch.isEmpty() && !consumer.assignment().isEmpty()) {
          emptyPolls++;
        }
        batch.forEach(
            r -> {
              if (key.equals(r.key())) {
                found.add(r);
              }
            });
      }
    }
    return found;
  }
}
