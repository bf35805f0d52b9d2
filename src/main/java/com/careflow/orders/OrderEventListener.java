package com.careflow.orders;

import com.careflow.customers.CustomerRepository;
import com.careflow.journeys.JourneyGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns the shop's order events into journey messages: {@code OrderPlaced} starts an order journey
 * (message start event), every other order event is published for the journey of that order.
 */
@Component
class OrderEventListener {

  private static final Logger log = LoggerFactory.getLogger(OrderEventListener.class);

  private final ObjectMapper json;
  private final JourneyGateway journeys;
  private final CustomerRepository customers;
  private final EventsProperties props;

  OrderEventListener(ObjectMapper json, JourneyGateway journeys, CustomerRepository customers, EventsProperties props) {
    this.json = json;
    this.journeys = journeys;
    this.customers = customers;
    this.props = props;
  }

  @KafkaListener(topics = "${careflow.events.orders-topic:shop.orders}", id = "careflow-orders")
  void onOrderEvent(String value) throws IOException {
    JsonNode event = json.readTree(value);
    String typeName = text(event, "type");
    ShopEventType type = ShopEventType.fromTypeName(typeName)
        .filter(t -> t.topic() == ShopEventType.Topic.ORDERS)
        .orElseThrow(() -> new IllegalArgumentException("Unknown order event type '" + typeName + "'"));
    String orderId = text(event, "orderId");
    String eventId = text(event, "eventId");
    Map<String, Object> variables = new HashMap<>();
    event.fields().forEachRemaining(f -> {
      if (!f.getKey().equals("type") && !f.getKey().equals("eventId")) {
        variables.put(f.getKey(), json.convertValue(f.getValue(), Object.class));
      }
    });
    if (type == ShopEventType.ORDER_PAID && event.hasNonNull("customerId")) {
      customers.recordPaidOrder(event.get("customerId").asText());
    }
    boolean published = journeys.publish(type.messageName(), orderId, eventId, props.messageTimeToLive(), variables);
    log.info("{} {} for order {} {}", type.typeName(), eventId, orderId, published ? "published" : "was a duplicate");
  }

  private static String text(JsonNode event, String field) {
    JsonNode node = event.get(field);
    if (node == null || node.isNull() || node.asText().isBlank()) {
      throw new IllegalArgumentException("Event has no '" + field + "'");
    }
    return node.asText();
  }
}
