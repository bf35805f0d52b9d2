package com.careflow.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes a shop event to the embedded Kafka broker, for a first try without Kafka tools: {@code
 * POST /local/events/shop.orders} with the event as body. The record key is the event's {@code
 * orderId}, else its {@code customerId}, as the shop system would set it. The body's bytes go to
 * Kafka exactly as sent (a shop's {@code 99.00} stays {@code 99.00}, not re-serialized to {@code
 * 99.0}; bad bytes stay bad, so the intake's refusals can be tried too).
 */
@RestController
@RequestMapping("/local/events")
@ConditionalOnProperty(name = "careflow.local.enabled", havingValue = "true", matchIfMissing = true)
class LocalEventsController {

  private final KafkaOperations<String, byte[]> kafka;
  private final ObjectMapper json = new ObjectMapper();

  @Autowired
  @SuppressWarnings("unchecked")
  LocalEventsController(ProducerFactory<Object, Object> producers) {
    this(
        new KafkaTemplate<>(
            (ProducerFactory<String, byte[]>) (ProducerFactory<?, ?>) producers,
            Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
  }

  LocalEventsController(KafkaOperations<String, byte[]> kafka) {
    this.kafka = kafka;
  }

  record Published(String topic, int partition, long offset, String key) {}

  @PostMapping("/{topic}")
  ResponseEntity<?> publish(@PathVariable String topic, @RequestBody byte[] event)
      throws InterruptedException, ExecutionException, TimeoutException {
    String key = key(event);
    var result = kafka.send(topic, key, event).get(10, TimeUnit.SECONDS);
    var meta = result.getRecordMetadata();
    return ResponseEntity.accepted()
        .body(new Published(meta.topic(), meta.partition(), meta.offset(), key));
  }

  /** The event's orderId, else its customerId; null for a body that is no JSON object. */
  private String key(byte[] event) {
    JsonNode node;
    try {
      node = json.readTree(event);
    } catch (IOException e) {
      return null; // sent as it is: the intake refuses it with its reason
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    return node.hasNonNull("orderId")
        ? node.get("orderId").asText()
        : node.hasNonNull("customerId") ? node.get("customerId").asText() : null;
  }
}
