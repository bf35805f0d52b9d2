package com.careflow.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes a shop event to the embedded Kafka broker, for a first try without Kafka tools: {@code
 * POST /local/events/shop.orders} with the event as body. The record key is the event's {@code
 * orderId}, else its {@code customerId}, as the shop system would set it.
 */
@RestController
@RequestMapping("/local/events")
@ConditionalOnProperty(name = "careflow.local.enabled", havingValue = "true", matchIfMissing = true)
class LocalEventsController {

  private final KafkaTemplate<String, String> kafka;

  LocalEventsController(KafkaTemplate<String, String> kafka) {
    this.kafka = kafka;
  }

  record Published(String topic, int partition, long offset, String key) {}

  @PostMapping("/{topic}")
  ResponseEntity<?> publish(@PathVariable String topic, @RequestBody JsonNode event)
      throws InterruptedException, ExecutionException, TimeoutException {
    String key =
        event.hasNonNull("orderId")
            ? event.get("orderId").asText()
            : event.hasNonNull("customerId") ? event.get("customerId").asText() : null;
    var result = kafka.send(topic, key, event.toString()).get(10, TimeUnit.SECONDS);
    var meta = result.getRecordMetadata();
    return ResponseEntity.accepted()
        .body(new Published(meta.topic(), meta.partition(), meta.offset(), key));
  }
}
