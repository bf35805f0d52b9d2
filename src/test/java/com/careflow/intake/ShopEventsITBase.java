package com.careflow.intake;

import static org.awaitility.Awaitility.await;

import com.careflow.journeys.JourneyJobTypes;
import com.careflow.local.ConsumerLag;
import com.careflow.local.LocalStack;
import com.careflow.support.RecordLog;
import com.careflow.support.TestDatabase;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.value.MessageRecordValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The full app on the embedded engine and Kafka broker (random ports). Every event IT extends this
 * one class unchanged, so Spring starts the context once and caches it for all of them.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "careflow.local.zeebe-port=0",
      "careflow.local.kafka-port=0",
      // fast retries of unexpected failures in tests; transient ones stay unbounded
      "careflow.events.retry-initial-interval=PT0.2S",
      // the build machines are shared: the start-up deployment must not fail on a 10 s deadline
      "camunda.client.request-timeout=PT60S"
    })
@org.springframework.context.annotation.Import(ShopEventsITBase.ConsumerStarts.class)
abstract class ShopEventsITBase {

  /**
   * Records, for every Kafka consumer that starts, whether the start-up model deployment had
   * completed by then ({@code Deployments.lastDeployed} present), in start order.
   */
  static class ConsumerStarts
      implements org.springframework.context.ApplicationListener<
          org.springframework.kafka.event.ConsumerStartingEvent> {
    final java.util.List<String> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final org.springframework.beans.factory.BeanFactory beans;

    ConsumerStarts(org.springframework.beans.factory.BeanFactory beans) {
      this.beans = beans;
    }

    @Override
    public void onApplicationEvent(org.springframework.kafka.event.ConsumerStartingEvent event) {
      boolean deployed = com.careflow.platform.Deployments.lastDeployed(beans).isPresent();
      starts.add(event.getSource() + (deployed ? " after deployment" : " BEFORE deployment"));
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired KafkaAdmin kafkaAdmin;
  @Autowired LocalStack localStack;
  @Autowired JdbcClient jdbc;

  /** A prefix that makes this test's ids its own in the shared context. */
  final String run = UUID.randomUUID().toString().substring(0, 8);

  void send(String topic, String key, String value) {
    try {
      kafka.send(topic, key, value).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not send to " + topic, e);
    }
  }

  /** A {@code CustomerUpserted} of a buyer with a phone and consent (event id {@code <id>-e}). */
  static String customer(String id) {
    return """
        {"eventId":"%s-e","type":"CustomerUpserted","occurredAt":"2026-11-11T00:01:00+08:00",
         "customerId":"%s","name":"Buyer","phone":"+8613800138000","locale":"zh-CN",
         "timeZone":"Asia/Shanghai","marketingConsent":true}
        """
        .formatted(id, id);
  }

  /** An unpaid {@code OrderPlaced} of 99.00 CNY (event id {@code <orderId>-placed}). */
  static String placed(String orderId, String customerId) {
    return """
        {"eventId":"%s-placed","type":"OrderPlaced","occurredAt":"2026-11-11T00:05:00+08:00",
         "orderId":"%s","customerId":"%s","amount":99.00,"currency":"CNY",
         "items":[{"sku":"tea","title":"Tea","quantity":1,"price":99.00}]}
        """
        .formatted(orderId, orderId, customerId);
  }

  /** Waits until the listener's consumer group has committed every record of the topic. */
  void awaitCaughtUp(String topic, String group) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> lag(topic, group) == 0);
  }

  long lag(String topic, String group) {
    return ConsumerLag.of(kafkaAdmin.getConfigurationProperties(), topic, group);
  }

  RecordLog records() {
    return RecordLog.of(localStack.engine().getRecordStreamSource());
  }

  /** Order journeys started for this order. */
  List<Long> journeysOf(String orderId) {
    RecordLog log = records();
    return log.instancesOf(JourneyJobTypes.PROCESS_ID).stream()
        .filter(
            key ->
                log.variable(key, "orderId")
                    .filter(v -> v.equals("\"" + orderId + "\""))
                    .isPresent())
        .toList();
  }

  /** How often Zeebe accepted a message with this id (a refused duplicate is not published). */
  @SuppressWarnings("unchecked")
  long timesPublished(String messageId) {
    return StreamSupport.stream(
            localStack.engine().getRecordStreamSource().getRecords().spliterator(), false)
        .filter(
            r -> r.getValueType() == ValueType.MESSAGE && r.getIntent() == MessageIntent.PUBLISHED)
        .map(r -> ((Record<MessageRecordValue>) r).getValue())
        .filter(m -> m.getMessageId().equals(messageId))
        .count();
  }

  long processedRows(String eventId) {
    return jdbc.sql("SELECT COUNT(*) FROM processed_event WHERE event_id = :id")
        .param("id", eventId)
        .query(Long.class)
        .single();
  }

  /** Every record on a topic (a dead-letter topic, say) whose value contains the text. */
  List<ConsumerRecord<String, String>> recordsOn(String topic, String containing) {
    Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    var found = new ArrayList<ConsumerRecord<String, String>>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
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
              if (r.value() != null && r.value().contains(containing)) {
                found.add(r);
              }
            });
      }
    }
    return found;
  }

  static String header(ConsumerRecord<String, String> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
