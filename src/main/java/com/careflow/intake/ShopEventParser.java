package com.careflow.intake;

import com.careflow.customers.PhoneNumbers;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a record value into a valid {@link ShopEvent} or throws {@link InvalidEventException} with
 * a reason a person understands: the whole contract ({@code docs/events.md}, {@code
 * docs/shop-event.schema.json}) is checked here, before anything is stored or published.
 *
 * <p>Leniency, on purpose: unknown fields are ignored (the shop may add fields without breaking
 * Careflow), but a known field of the wrong JSON type (no coercion of {@code "99.00"} to a number
 * or of {@code 42} to a text), a missing required field, a value out of range or beyond the store's
 * limits (lengths, {@code NUMERIC(14, 2)}, item count; Bean Validation annotations on the {@link
 * ShopEvent} records), an {@code occurredAt} outside the accepted window, or bytes that are not
 * UTF-8 are refused. Numbers are read as {@code BigDecimal} (no binary rounding of money). Phone
 * numbers are normalized to E.164 ({@link PhoneNumbers}); only invalid ones are refused.
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
          Map.entry(ShopEventType.ORDER_REFUNDED.typeName(), ShopEvent.OrderRefunded.class),
          Map.entry(ShopEventType.REVIEW_POSTED.typeName(), ShopEvent.ReviewPosted.class),
          Map.entry(ShopEventType.CART_UPDATED.typeName(), ShopEvent.CartUpdated.class),
          Map.entry(ShopEventType.CART_CLEARED.typeName(), ShopEvent.CartCleared.class),
          Map.entry(ShopEventType.CUSTOMER_UPSERTED.typeName(), ShopEvent.CustomerUpserted.class));

  private static final ObjectMapper MAPPER = strictMapper();
  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  private final ObjectReader tree = MAPPER.reader();
  private final ObjectMapper mapper = MAPPER;
  private final ObjectMapper canonical =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  private final Clock clock;
  private final EventsProperties props;

  /**
   * @param clock "now" for the accepted window of {@code occurredAt}
   * @param props the window ({@code max-clock-skew}, {@code earliest-occurred-at}) and the phone
   *     region
   */
  ShopEventParser(Clock clock, EventsProperties props) {
    this.clock = clock;
    this.props = props;
  }

  /** A parsed event and the SHA-256 of its content (JSON with sorted keys, whitespace ignored). */
  record Received(ShopEvent event, String contentHash) {}

  private static ObjectMapper strictMapper() {
    var mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    // the contract's JSON types, strictly: "99.00" is no number, 42 and true are no text
    for (LogicalType type :
        new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /**
   * Reads one record value as Kafka delivered it.
   *
   * @param value the record's bytes; null is a tombstone (refused: shop events are never deleted)
   * @throws InvalidEventException for a tombstone, bytes that are not UTF-8, or any breach of the
   *     contract
   */
  Received read(byte[] value, ShopEventType.Topic expectedTopic) {
    if (value == null) {
      throw new InvalidEventException("tombstone (null value): expected a JSON event");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(value))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidEventException("record value is not UTF-8 text", e);
    }
    ShopEvent event = parse(text, expectedTopic);
    return new Received(event, contentHash(text));
  }

  /** SHA-256 (hex) of the JSON content: key order and whitespace do not matter. */
  String contentHash(String value) {
    try {
      Object content = sorted(mapper.readValue(value, Object.class));
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(content));
      return HexFormat.of().formatHex(digest);
    } catch (JacksonException e) {
      throw new InvalidEventException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      var sorted = new TreeMap<String, Object>(Comparator.naturalOrder());
      ((Map<String, Object>) map).forEach((k, v) -> sorted.put(k, sorted(v)));
      return sorted;
    }
    if (value instanceof java.util.List<?> list) {
      return list.stream().map(ShopEventParser::sorted).toList();
    }
    return value;
  }

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
    OffsetDateTime occurredAt;
    try {
      occurredAt = OffsetDateTime.parse(node.get("occurredAt").asText());
    } catch (DateTimeParseException e) {
      throw new InvalidEventException(
          typeName
              + " "
              + eventId
              + ": field 'occurredAt' must be ISO-8601 with an offset, e.g."
              + " 2026-11-11T00:05:00+08:00, was '"
              + node.get("occurredAt").asText()
              + "'");
    }
    checkWindow(eventId, occurredAt);
    ShopEvent event;
    try {
      event = mapper.treeToValue(node, CLASSES.get(typeName));
    } catch (JsonMappingException e) {
      throw new InvalidEventException(typeName + " " + eventId + ": " + wrongType(node, e), e);
    } catch (JacksonException e) {
      throw new InvalidEventException(
          typeName + " " + eventId + ": could not be read as the contract's " + typeName, e);
    }
    try {
      event.validate();
      checkLimits(event);
      event = normalized(event);
    } catch (InvalidEventException e) {
      throw new InvalidEventException(typeName + " " + eventId + ": " + e.reason(), e);
    }
    return event;
  }

  /** The accepted window: not before the earliest date, not further ahead than the clock skew. */
  private void checkWindow(String eventId, OffsetDateTime occurredAt) {
    var latest = clock.instant().plus(props.maxClockSkew());
    if (occurredAt.toInstant().isAfter(latest)) {
      throw new InvalidEventException(
          "occurredAt "
              + occurredAt
              + " of "
              + eventId
              + " lies in the future (more than "
              + props.maxClockSkew()
              + " ahead of Careflow's clock): is the shop's clock wrong?");
    }
    if (occurredAt.toInstant().isBefore(props.earliestOccurredAt())) {
      throw new InvalidEventException(
          "occurredAt "
              + occurredAt
              + " of "
              + eventId
              + " lies before "
              + props.earliestOccurredAt()
              + ", the earliest date Careflow accepts");
    }
  }

  /** The store's limits (lengths, precision, counts), declared on the records. */
  private static void checkLimits(ShopEvent event) {
    var violations = VALIDATOR.validate(event);
    if (!violations.isEmpty()) {
      throw new InvalidEventException(
          violations.stream()
              .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
              .map(ShopEventParser::describe)
              .collect(Collectors.joining("; ")));
    }
  }

  private static String describe(ConstraintViolation<ShopEvent> v) {
    // the value itself is not repeated: it may be personal data, and it may be long
    return "field '"
        + v.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "")
        + "' "
        + v.getMessage();
  }

  /** Phone numbers as shops write them become E.164; an invalid one is refused. */
  private ShopEvent normalized(ShopEvent event) {
    if (event instanceof ShopEvent.CustomerUpserted c && c.phone() != null) {
      String e164 =
          PhoneNumbers.toE164(c.phone(), props.defaultPhoneRegion())
              .orElseThrow(
                  () ->
                      // the number itself is not repeated: the reason header must not carry PII
                      new InvalidEventException(
                          "phone is not a valid phone number (international with +country code,"
                              + " or national for region "
                              + props.defaultPhoneRegion()
                              + ")"));
      return c.withPhone(e164);
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

  /**
   * A clean sentence for a field of the wrong JSON type (or a value Jackson cannot map): the field,
   * the type the contract expects and the JSON type that came, never the value (it may be personal
   * data) and never Jackson's own wording.
   */
  static String wrongType(JsonNode event, JsonMappingException e) {
    String field = path(e);
    JsonNode value = event.at(pointer(e));
    Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    return "field '"
        + (field.isEmpty() ? "(event)" : field)
        + "' must be "
        + expected(target)
        + (value.isMissingNode() ? "" : ", was " + describe(value));
  }

  private static String expected(Class<?> target) {
    if (target == null) {
      return "of the type the contract (docs/events.md) gives";
    }
    if (target == int.class
        || target == Integer.class
        || target == long.class
        || target == Long.class
        || target == short.class
        || target == Short.class
        || target == java.math.BigInteger.class) {
      return "a whole JSON number";
    }
    if (Number.class.isAssignableFrom(target) || target == double.class || target == float.class) {
      return "a JSON number";
    }
    if (target == boolean.class || target == Boolean.class) {
      return "a JSON boolean (true or false)";
    }
    if (target == String.class || CharSequence.class.isAssignableFrom(target)) {
      return "a JSON string";
    }
    if (java.time.temporal.Temporal.class.isAssignableFrom(target)) {
      return "an ISO-8601 string with an offset, e.g. 2026-11-11T00:05:00+08:00";
    }
    if (target.isEnum()) {
      return "one of "
          + java.util.Arrays.stream(target.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    if (target.isArray() || java.util.Collection.class.isAssignableFrom(target)) {
      return "a JSON array";
    }
    return "a JSON object";
  }

  private static String describe(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> value.isIntegralNumber() ? "a whole number" : "a decimal number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case NULL -> "null";
      default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static com.fasterxml.jackson.core.JsonPointer pointer(JsonMappingException e) {
    StringBuilder p = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      p.append('/')
          .append(
              ref.getFieldName() != null
                  ? ref.getFieldName().replace("~", "~0").replace("/", "~1")
                  : String.valueOf(ref.getIndex()));
    }
    return com.fasterxml.jackson.core.JsonPointer.compile(p.toString());
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
