package com.careflow.orders;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a record value into a valid {@link ShopEvent} or throws {@link InvalidEventException} with
 * a reason a person understands.
 *
 * <p>Leniency, on purpose: unknown fields are ignored (the shop may add fields without breaking
 * Careflow), but a known field of the wrong JSON type, a missing required field, or a value out of
 * range is refused. Numbers are read as {@code BigDecimal} (no binary rounding of money).
 */
final class ShopEventParser {

  private static final Map<String, Class<? extends ShopEvent>> CLASSES =
      Map.ofEntries(
          Map.entry(ShopEventType.ORDER_PLACED.typeName(), ShopEvent.OrderPlaced.class),
          Map.entry(ShopEventType.ORDER_PAID.typeName(), ShopEvent.OrderPaid.class),
          Map.entry(ShopEventType.ORDER_CANCELLED.typeName(), ShopEvent.OrderCancelled.class),
          Map.entry(ShopEventType.ORDER_SHIPPED.typeName(), ShopEvent.OrderShipped.class),
          Map.entry(ShopEventType.LOGISTICS_UPDATED.typeName(), ShopEvent.LogisticsUpdated.class),
          Map.entry(ShopEventType.ORDER_DELIVERED.typeName(), ShopEvent.OrderDelivered.class),
          Map.entry(ShopEventType.ORDER_OUT_OF_STOCK.typeName(), ShopEvent.OrderOutOfStock.class),
          Map.entry(ShopEventType.REFUND_REQUESTED.typeName(), ShopEvent.RefundRequested.class),
          Map.entry(ShopEventType.REVIEW_POSTED.typeName(), ShopEvent.ReviewPosted.class),
          Map.entry(ShopEventType.CART_UPDATED.typeName(), ShopEvent.CartUpdated.class),
          Map.entry(ShopEventType.CART_CLEARED.typeName(), ShopEvent.CartCleared.class),
          Map.entry(ShopEventType.CUSTOMER_UPSERTED.typeName(), ShopEvent.CustomerUpserted.class));

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();
  private final ObjectReader tree = mapper.reader();

  /**
   * Parses and validates one record value.
   *
   * @param expectedTopic the topic it came from: an event type of another topic is refused
   */
  ShopEvent parse(String value, ShopEventType.Topic expectedTopic) {
    if (value == null || value.isBlank()) {
      throw new InvalidEventException("empty record: expected a JSON event");
    }
    JsonNode node;
    try {
      node = tree.readTree(value);
    } catch (JacksonException e) {
      throw new InvalidEventException("malformed JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new InvalidEventException(
          "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
    }
    String eventId = requiredText(node, "eventId");
    String typeName = requiredText(node, "type");
    requiredText(node, "occurredAt");
    ShopEventType type =
        ShopEventType.fromTypeName(typeName)
            .orElseThrow(
                () ->
                    new InvalidEventException(
                        "unknown type '"
                            + typeName
                            + "' (known: "
                            + CLASSES.keySet().stream().sorted().collect(Collectors.joining(", "))
                            + ")"));
    if (type.topic() != expectedTopic) {
      throw new InvalidEventException(
          "type '"
              + typeName
              + "' belongs on the "
              + type.topic().name().toLowerCase()
              + " topic, not the "
              + expectedTopic.name().toLowerCase()
              + " topic");
    }
    try {
      OffsetDateTime.parse(node.get("occurredAt").asText());
    } catch (DateTimeParseException e) {
      throw new InvalidEventException(
          "occurredAt must be ISO-8601 with an offset, e.g. 2026-11-11T00:05:00+08:00, was '"
              + node.get("occurredAt").asText()
              + "'");
    }
    ShopEvent event;
    try {
      event = mapper.treeToValue(node, CLASSES.get(typeName));
    } catch (JsonMappingException e) {
      throw new InvalidEventException(
          "field '" + path(e) + "' of " + typeName + " is not valid: " + e.getOriginalMessage(), e);
    } catch (JacksonException e) {
      throw new InvalidEventException(
          "could not read " + typeName + ": " + e.getOriginalMessage(), e);
    }
    try {
      event.validate();
    } catch (InvalidEventException e) {
      throw new InvalidEventException(typeName + " " + eventId + ": " + e.reason(), e);
    }
    return event;
  }

  private static String requiredText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
      throw new InvalidEventException("missing required field '" + field + "'");
    }
    return value.asText();
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
