package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.intake.ShopEventType.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fault 2 of issue #14, "a journey without a stored fact": every limit of the store is checked by
 * the parser, before anything is stored or published, so no event can start a journey and then be
 * refused by the database. Also the JSON types (no coercion), the accepted window of {@code
 * occurredAt} (fault 4's 2099 profile), bytes that are not UTF-8 and tombstones.
 */
class ShopEventLimitsTest {

  static final Clock NOW = Clock.fixed(Instant.parse("2026-11-11T00:00:00Z"), ZoneOffset.UTC);

  final ShopEventParser parser = new ShopEventParser(NOW, EventsProperties.defaults());

  static final String LONG_ID = "o".repeat(70);

  static String order(String amount, String orderId, String items) {
    return """
        {"eventId":"e-1","type":"OrderPlaced","occurredAt":"2026-11-11T00:05:00+08:00",
         "orderId":%s,"customerId":"c-1","amount":%s,"currency":"CNY","items":%s}
        """
        .formatted(orderId, amount, items);
  }

  static final String ONE_ITEM = "[{\"sku\":\"tea\",\"quantity\":1,\"price\":1.00}]";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      amount beyond NUMERIC(14,2)  | 12345678901234.5 | "o-1"        | field 'amount' numeric value out of bounds
      amount with fractions of fen | 99.001           | "o-1"        | field 'amount' numeric value out of bounds
      order id of 70 characters    | 99.00            | LONG         | field 'orderId' size must be between 0 and 64
      amount as a JSON string      | "99.00"          | "o-1"        | field 'amount' must be a JSON number, was a string
      order id as a JSON number    | 99.00            | 42           | field 'orderId' must be a JSON string, was a whole number
      """)
  @DisplayName("fault 2 (a journey without a stored fact): the store's limits refused up front")
  void aJourneyWithoutAStoredFact_limitsAreCheckedBeforeAnything(
      String kind, String amount, String orderId, String reason) {
    String value =
        order(amount, orderId.equals("LONG") ? "\"" + LONG_ID + "\"" : orderId, ONE_ITEM);

    assertThatThrownBy(() -> parser.parse(value, Topic.ORDERS))
        .isInstanceOf(InvalidEventException.class)
        .satisfies(e -> assertThat(((InvalidEventException) e).reason()).contains(reason));
  }

  @Test
  @DisplayName("fault 2: more items than the contract allows")
  void aJourneyWithoutAStoredFact_tooManyItems() {
    String items =
        IntStream.range(0, ShopEvent.MAX_ITEMS + 1)
            .mapToObj(i -> "{\"sku\":\"s" + i + "\",\"quantity\":1,\"price\":1.00}")
            .collect(Collectors.joining(",", "[", "]"));

    assertThatThrownBy(() -> parser.parse(order("1.00", "\"o-1\"", items), Topic.ORDERS))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("field 'items' size must be between 0 and 200");
  }

  @Test
  @DisplayName("fault 2: a boolean given as text is refused, not coerced")
  void aJourneyWithoutAStoredFact_consentAsText() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    """
                    {"eventId":"e","type":"CustomerUpserted","occurredAt":"2026-11-11T00:00:00+08:00",
                     "customerId":"c","marketingConsent":"yes"}
                    """,
                    Topic.CUSTOMERS))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(
            "CustomerUpserted e: field 'marketingConsent' must be a JSON boolean (true or false),"
                + " was a string");
  }

  @Test
  @DisplayName("fault 2: at the limits an event is taken")
  void atTheLimitsAnEventIsTaken() {
    var placed =
        (ShopEvent.OrderPlaced)
            parser.parse(
                order("999999999999.99", "\"" + "o".repeat(64) + "\"", ONE_ITEM), Topic.ORDERS);

    assertThat(placed.amount()).isEqualByComparingTo("999999999999.99");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      dated 2099 (a shop clock bug) | 2099-01-01T00:00:00+08:00 | lies in the future
      6 minutes ahead               | 2026-11-11T08:06:00+08:00 | lies in the future
      dated 1970                    | 1970-01-01T00:00:00Z      | lies before 2000-01-01T00:00:00Z
      """)
  @DisplayName("fault 4: events dated outside the accepted window are refused with a reason")
  void eventsOutsideTheAcceptedWindowAreRefused(String kind, String occurredAt, String reason) {
    String value =
        """
        {"eventId":"e","type":"CustomerUpserted","occurredAt":"%s","customerId":"c"}
        """
            .formatted(occurredAt);

    assertThatThrownBy(() -> parser.parse(value, Topic.CUSTOMERS))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(reason);
  }

  @Test
  @DisplayName("fault 4: within the clock skew an event is taken")
  void withinTheClockSkewAnEventIsTaken() {
    var event =
        parser.parse(
            """
            {"eventId":"e","type":"CustomerUpserted","occurredAt":"2026-11-11T08:04:00+08:00","customerId":"c"}
            """,
            Topic.CUSTOMERS);

    assertThat(event.correlationKey()).isEqualTo("c");
  }

  @Test
  @DisplayName("fault 2: bytes that are not UTF-8 are refused (and dead-lettered as they came)")
  void bytesThatAreNotUtf8AreRefused() {
    byte[] latin1 = order("1.00", "\"o-\u00e9\"", ONE_ITEM).getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> parser.read(latin1, Topic.ORDERS))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  @DisplayName("fault 2: a tombstone is refused")
  void aTombstoneIsRefused() {
    assertThatThrownBy(() -> parser.read(null, Topic.ORDERS))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("tombstone");
  }

  @Test
  @DisplayName("fault 6: the content hash ignores key order and whitespace, not content")
  void theContentHashIgnoresKeyOrderAndWhitespace() {
    String a = "{\"eventId\":\"e\",\"amount\":1.00,\"items\":[{\"b\":1,\"a\":2}]}";
    String b = "{ \"items\": [ {\"a\":2, \"b\":1} ], \"amount\": 1.00, \"eventId\": \"e\" }";
    String c = "{\"eventId\":\"e\",\"amount\":2.00,\"items\":[{\"b\":1,\"a\":2}]}";

    assertThat(parser.contentHash(a)).isEqualTo(parser.contentHash(b));
    assertThat(parser.contentHash(a)).isNotEqualTo(parser.contentHash(c));
  }
}
