package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.intake.ShopEventType.Topic;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The event contract of docs/events.md: its examples parse, and every kind of bad input is refused
 * with a reason.
 */
class ShopEventContractTest {

  private final ShopEventParser parser =
      new ShopEventParser(java.time.Clock.systemUTC(), EventsProperties.defaults());

  static List<String> documentedExamples() throws IOException {
    String doc = Files.readString(Path.of("docs/events.md"));
    var m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    var examples = new ArrayList<String>();
    while (m.find()) {
      examples.add(m.group(1));
    }
    return examples;
  }

  @Test
  void everyTypeHasOneDocumentedExampleThatParsesAndValidates() throws IOException {
    var typesSeen = new ArrayList<ShopEventType>();
    for (String example : documentedExamples()) {
      ShopEventType type =
          ShopEventType.fromTypeName(example.replaceAll("(?s).*\"type\":\"(\\w+)\".*", "$1"))
              .orElseThrow();
      ShopEvent event = parser.parse(example, type.topic());
      assertThat(event.type()).isEqualTo(type);
      typesSeen.add(type);
    }
    assertThat(typesSeen).containsExactlyInAnyOrder(ShopEventType.values());
  }

  @Test
  void noExampleCarriesContactDataIntoTheEngine() throws IOException {
    for (String example : documentedExamples()) {
      ShopEventType type =
          ShopEventType.fromTypeName(example.replaceAll("(?s).*\"type\":\"(\\w+)\".*", "$1"))
              .orElseThrow();
      var variables = parser.parse(example, type.topic()).variables();
      assertThat(variables).doesNotContainKeys("name", "phone", "text");
      assertThat(variables.values().stream().map(String::valueOf).collect(Collectors.joining()))
          .doesNotContain("+8613800138000", "Li Lei", "box crushed");
    }
  }

  @Test
  void anOrderIsReadWithExactMoneyAndItsJourneyVariables() {
    var placed =
        (ShopEvent.OrderPlaced)
            parser.parse(
                """
        {"eventId":"e-1","type":"OrderPlaced","occurredAt":"2026-11-11T00:05:00+08:00","orderId":"o-1",
         "customerId":"c-1","amount":0.30,"items":[{"sku":"a","quantity":2,"price":0.10},{"sku":"b","quantity":1,"price":0.10}],
         "someFutureField":{"x":1}}
        """,
                Topic.ORDERS);

    assertThat(placed.amount()).isEqualByComparingTo(new BigDecimal("0.30"));
    // no currency sent: the parser keeps none; the intake reads the shop's one setting
    assertThat(placed.currency()).isNull();
    assertThat(placed.inCurrencyIfNone("CNY").variables())
        .containsEntry("orderId", "o-1")
        .containsEntry("customerId", "c-1")
        .containsEntry("currency", "CNY")
        // only what the journey reads (issue #19): items, units and the time stay in the store
        .doesNotContainKeys("items", "units", "placedAt")
        .doesNotContainKeys("promotion", "payBefore", "someFutureField");
    assertThat(placed.units()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      malformed JSON            | {"eventId":"e-1","type":"OrderPlaced",            | malformed JSON
      not an object             | [1,2]                                               | expected a JSON object
      empty record              | ''                                                  | empty record
      missing eventId           | {"type":"OrderDelivered","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o"} | missing required field 'eventId'
      missing type              | {"eventId":"e","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o"} | missing required field 'type'
      missing occurredAt        | {"eventId":"e","type":"OrderDelivered","orderId":"o"} | missing required field 'occurredAt'
      occurredAt without offset | {"eventId":"e","type":"OrderDelivered","occurredAt":"2026-11-11T00:00:00","orderId":"o"} | field 'occurredAt' must be ISO-8601 with an offset
      unknown type              | {"eventId":"e","type":"OrderTeleported","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o"} | unknown type 'OrderTeleported'
      type of another topic     | {"eventId":"e","type":"CartCleared","occurredAt":"2026-11-11T00:00:00+08:00","customerId":"c"} | belongs on the carts topic
      missing orderId           | {"eventId":"e","type":"OrderDelivered","occurredAt":"2026-11-11T00:00:00+08:00"} | missing required field 'orderId'
      negative amount           | {"eventId":"e","type":"OrderPaid","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","amount":-5} | amount must not be negative, was -5
      amount not a number       | {"eventId":"e","type":"OrderPaid","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","amount":"lots"} | OrderPaid e: field 'amount' must be a JSON number, was a string
      no items                  | {"eventId":"e","type":"OrderPlaced","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","amount":1,"items":[]} | items must list at least one item
      zero quantity             | {"eventId":"e","type":"OrderPlaced","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","amount":1,"items":[{"sku":"a","quantity":0}]} | items[0].quantity must be at least 1
      unknown currency          | {"eventId":"e","type":"OrderPaid","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","amount":1,"currency":"XYZ1"} | currency must be an ISO 4217 code
      rating 6                  | {"eventId":"e","type":"ReviewPosted","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","rating":6} | rating must be 1 to 5, was 6
      rating 0                  | {"eventId":"e","type":"ReviewPosted","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","rating":0} | rating must be 1 to 5, was 0
      rating 4.5                | {"eventId":"e","type":"ReviewPosted","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","rating":4.5} | ReviewPosted e: field 'rating' must be a whole JSON number, was a decimal number
      unknown cancel reason     | {"eventId":"e","type":"OrderCancelled","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","reason":"bored"} | reason must be one of [buyer, shop, unpaid-timeout]
      unknown logistics status  | {"eventId":"e","type":"LogisticsUpdated","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","status":"lost"} | status must be one of [exception, in-transit, returned]
      negative cart value       | {"eventId":"e","type":"CartUpdated","occurredAt":"2026-11-11T00:00:00+08:00","customerId":"c","items":[{"sku":"a","quantity":1,"price":1}],"cartValue":-1} | cartValue must not be negative
      negative price            | {"eventId":"e","type":"OrderPlaced","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","amount":1,"items":[{"sku":"a","quantity":1,"price":-0.01}]} | items[0].price must not be negative
      discount without coupon   | {"eventId":"e","type":"OrderPaid","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","amount":1,"discountAmount":5} | missing required field 'couponCode'
      negative discount         | {"eventId":"e","type":"OrderPaid","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","amount":1,"couponCode":"X","discountAmount":-5} | discountAmount must not be negative
      refund of nothing         | {"eventId":"e","type":"OrderRefunded","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","amount":0} | amount of a refund must be more than 0
      refund without amount     | {"eventId":"e","type":"OrderRefunded","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o"} | missing required field 'amount'
      negative refund           | {"eventId":"e","type":"OrderRefunded","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","amount":-1} | amount must not be negative
      no skus                   | {"eventId":"e","type":"OrderOutOfStock","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","skus":[]} | skus must list at least one sku
      """)
  void badInputIsRefusedWithAReason(String kind, String value, String reason) {
    Topic topic =
        value.contains("Cart") && !kind.equals("type of another topic")
            ? Topic.CARTS
            : Topic.ORDERS;
    assertThatThrownBy(() -> parser.parse(value, topic))
        .isInstanceOf(InvalidEventException.class)
        .satisfies(e -> assertThat(((InvalidEventException) e).reason()).contains(reason));
  }

  /**
   * Issue #14, DLT reasons of the parser: every wrong JSON type (a coercion Jackson refuses) is a
   * clean sentence naming the event type and id, the field, the expected type and the type that
   * came; no Jackson wording ("CoercionConfig", class names, back-quotes) and never the value.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          amount as text       | ORDERS    | {"eventId":"e-f1","type":"OrderPaid","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","amount":"99.00"} | OrderPaid e-f1: field 'amount' must be a JSON number, was a string
          rating as text       | ORDERS    | {"eventId":"e-f2","type":"ReviewPosted","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","rating":"5"} | ReviewPosted e-f2: field 'rating' must be a whole JSON number, was a string
          rating decimal       | ORDERS    | {"eventId":"e-f3","type":"ReviewPosted","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","rating":4.5} | ReviewPosted e-f3: field 'rating' must be a whole JSON number, was a decimal number
          consent as text      | CUSTOMERS | {"eventId":"e-f4","type":"CustomerUpserted","occurredAt":"2026-11-11T00:00:00+08:00","customerId":"c","marketingConsent":"false"} | CustomerUpserted e-f4: field 'marketingConsent' must be a JSON boolean (true or false), was a string
          id as number         | ORDERS    | {"eventId":"e-f5","type":"OrderDelivered","occurredAt":"2026-11-11T00:00:00+08:00","orderId":42} | OrderDelivered e-f5: field 'orderId' must be a JSON string, was a whole number
          quantity as text     | ORDERS    | {"eventId":"e-f6","type":"OrderPlaced","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","amount":1,"items":[{"sku":"a","quantity":"2"}]} | OrderPlaced e-f6: field 'items[0].quantity' must be a whole JSON number, was a string
          items as object      | ORDERS    | {"eventId":"e-f7","type":"OrderPlaced","occurredAt":"2026-11-11T00:00:00+08:00","orderId":"o","customerId":"c","amount":1,"items":{"sku":"a"}} | OrderPlaced e-f7: field 'items' must be a JSON array, was an object
          """)
  void everyWrongTypeIsACleanSentenceWithFieldTypeAndEventId(
      String kind, Topic topic, String value, String reason) {
    assertThatThrownBy(() -> parser.parse(value, topic))
        .isInstanceOf(InvalidEventException.class)
        .satisfies(
            e -> {
              String r = ((InvalidEventException) e).reason();
              assertThat(r).startsWith(reason);
              assertThat(r)
                  .doesNotContainIgnoringCase("coercion")
                  .doesNotContain("`", "java.", "Cannot ", "(through reference chain", "\n")
                  .doesNotContain("99.00");
            });
  }

  static String customer(String phone) {
    return """
        {"eventId":"e","type":"CustomerUpserted","occurredAt":"2026-11-11T00:00:00+08:00",
         "customerId":"c","phone":"%s"}
        """
        .formatted(phone);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      +86 138 0013 8004     | +8613800138004
      +86-138-0013-8004     | +8613800138004
      138 0013 8004         | +8613800138004
      (138) 0013-8004       | +8613800138004
      +8613800138004        | +8613800138004
      +44 20 7946 0958      | +442079460958
      +1 (415) 555-2671     | +14155552671
      """)
  @DisplayName(
      "fault 5 (a whole profile dead-lettered for a formatting difference): numbers as shops write"
          + " them are stored in E.164")
  void aWholeProfileDeadLetteredForAFormattingDifference(String written, String e164) {
    var event = (ShopEvent.CustomerUpserted) parser.parse(customer(written), Topic.CUSTOMERS);

    assertThat(event.phone()).isEqualTo(e164);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"12345", "+86 138 0013", "+999 1234 5678", "call me", "+86 138 0013 80041"})
  @DisplayName(
      "fault 5: only an invalid number is refused, with a reason that does not repeat the number")
  void anInvalidPhoneIsRefusedWithoutRepeatingTheNumber(String written) {
    assertThatThrownBy(() -> parser.parse(customer(written), Topic.CUSTOMERS))
        .isInstanceOf(InvalidEventException.class)
        .satisfies(
            e ->
                assertThat(((InvalidEventException) e).reason())
                    .contains("phone is not a valid phone number")
                    .doesNotContain(written)
                    .doesNotContainPattern("\\d{4}"));
  }

  @Test
  @DisplayName("fault 5: a national number is read in the configured default region")
  void aNationalNumberIsReadInTheDefaultRegion() {
    var germany =
        new ShopEventParser(
            java.time.Clock.systemUTC(),
            new org.springframework.boot.context.properties.bind.Binder(
                    new org.springframework.boot.context.properties.source
                        .MapConfigurationPropertySource(
                        java.util.Map.of("careflow.events.default-phone-region", "DE")))
                .bindOrCreate("careflow.events", EventsProperties.class));

    var event =
        (ShopEvent.CustomerUpserted) germany.parse(customer("030 1234567"), Topic.CUSTOMERS);

    assertThat(event.phone()).isEqualTo("+49301234567");
  }

  @Test
  void anUnknownTimeZoneIsRefused() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    """
        {"eventId":"e","type":"CustomerUpserted","occurredAt":"2026-11-11T00:00:00+08:00","customerId":"c",
         "timeZone":"Mars/Olympus"}
        """,
                    Topic.CUSTOMERS))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("timeZone must be an IANA zone");
  }

  @Test
  void cartAndOrderEventsArePublishedCustomerEventsAreNot() {
    assertThat(ShopEventType.publishedMessageNames())
        .containsAll(
            Arrays.stream(ShopEventType.values())
                .filter(t -> t.topic() != Topic.CUSTOMERS && t != ShopEventType.ORDER_REFUNDED)
                .map(ShopEventType::messageName)
                .toList())
        .doesNotContain("CustomerUpserted", "OrderRefunded");
  }
}
