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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Publishes a shop event to the embedded Kafka broker, for a first try without Kafka tools: {@code
 * POST /local/events/shop.orders} with the event as body. The record key is the event's {@code
 * orderId}, else its {@code customerId}, as the shop system would set it. The body's bytes go to
 * Kafka exactly as sent (a shop's {@code 99.00} stays {@code 99.00}, not re-serialized to {@code
 * 99.0}). A body that is not JSON is refused (400) and nothing is sent.
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

  /**
   * The event's orderId, else its customerId; null for JSON that is no object.
   *
   * @throws ResponseStatusException 400 when the body is not JSON
   */
  private String key(byte[] event) {
    JsonNode node;
    try {
      node = json.readTree(event);
    } catch (IOException e) {
      // nothing sent: this endpoint is for trying events; raw bad bytes go through Kafka's tools
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the body is not JSON", e);
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    return node.hasNonNull("orderId")
        ? node.get("orderId").asText()
        : node.hasNonNull("customerId") ? node.get("customerId").asText() : null;
  }
}
