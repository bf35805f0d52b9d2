package com.careflow.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One shop event, typed: the contract's records (the contract is {@code docs/events.md}), with
 * their limits as Bean Validation annotations. Each record validates the rest of its contract in
 * {@link #validate()} (with {@link ShopEventChecks}) and maps what the journeys may see of it in
 * {@link #variables()} (with {@link EngineVariables}, whose allowlist holds ids, amounts, dates,
 * enums and counts, never a name or phone number: Operate shows variables to everyone).
 */
sealed interface ShopEvent {

  /** Digits before the point of an amount: the store's {@code NUMERIC(14, 2)}. */
  int MONEY_INTEGER_DIGITS = 12;

  /** Digits after the point of an amount (cents, fen). */
  int MONEY_FRACTION_DIGITS = 2;

  /** Most lines an order or cart may list (and skus an out-of-stock event). */
  int MAX_ITEMS = 200;

  String eventId();

  OffsetDateTime occurredAt();

  ShopEventType type();

  /** The order id (order events) or customer id (cart and customer events) the event belongs to. */
  String correlationKey();

  /** Throws {@link InvalidEventException} naming the first field that breaks the contract. */
  void validate();

  /** The process variables the Zeebe message carries (no PII). */
  Map<String, Object> variables();

  /** An event of one order: keyed and correlated by {@code orderId}. */
  sealed interface OrderEvent extends ShopEvent {
    String orderId();

    default String correlationKey() {
      return orderId();
    }
  }

  /** A cart or profile event of one customer: keyed and correlated by {@code customerId}. */
  sealed interface CustomerEvent extends ShopEvent {
    String customerId();

    default String correlationKey() {
      return customerId();
    }
  }

  /** One line of an order or cart. */
  record Item(
      @Size(max = 64) String sku,
      @Size(max = 200) String title,
      @Max(100_000) Integer quantity,
      @Digits(integer = MONEY_INTEGER_DIGITS, fraction = MONEY_FRACTION_DIGITS) BigDecimal price) {
    void validate(String field) {
      ShopEventChecks.required(field + ".sku", sku);
      ShopEventChecks.required(field + ".quantity", quantity);
      if (quantity < 1) {
        throw new InvalidEventException(field + ".quantity must be at least 1, was " + quantity);
      }
      ShopEventChecks.money(field + ".price", price);
    }

    Map<String, Object> variables() {
      var v = new LinkedHashMap<String, Object>();
      v.put("sku", sku); // the title is free text: it stays in the shop's catalogue
      v.put("quantity", quantity);
      if (price != null) {
        v.put("price", price);
      }
      return v;
    }
  }

  record OrderPlaced(
      @Size(max = 128) String eventId,
      OffsetDateTime occurredAt,
      @Size(max = 64) String orderId,
      @Size(max = 64) String customerId,
      @Digits(integer = MONEY_INTEGER_DIGITS, fraction = MONEY_FRACTION_DIGITS) BigDecimal amount,
      String currency,
      @Size(max = MAX_ITEMS) List<@Valid Item> items,
      @Size(max = 64) String promotion,
      OffsetDateTime payBefore)
      implements OrderEvent {
    public ShopEventType type() {
      return ShopEventType.ORDER_PLACED;
    }

    public void validate() {
      ShopEventChecks.required("orderId", orderId);
      ShopEventChecks.required("customerId", customerId);
      ShopEventChecks.money("amount", amount);
      ShopEventChecks.currency(currency);
      ShopEventChecks.items(items);
    }

    int units() {
      return items.stream().mapToInt(Item::quantity).sum();
    }

    /**
     * This order in the shop's currency when the shop sent none ({@code
     * careflow.analytics.currency}, the one setting): what the store, the journey and the analytics
     * then keep.
     */
    OrderPlaced inCurrencyIfNone(String shopCurrency) {
      return currency != null
          ? this
          : new OrderPlaced(
              eventId,
              occurredAt,
              orderId,
              customerId,
              amount,
              shopCurrency,
              items,
              promotion,
              payBefore);
    }

    /**
     * What the order journey reads of the order, nothing more (issue #19: every message variable
     * costs the engine two records at the start): the ids, {@code amount} (reminder policy R3,
     * discount table), {@code currency} (the staff call form), {@code promotion} (sale day, R5, R8)
     * and {@code payBefore} (close time, R6). The items, units and placed-at time stay in
     * Careflow's store and the analytics' facts; the Kafka event keeps them (docs/events.md).
     */
    public Map<String, Object> variables() {
      var v = new LinkedHashMap<String, Object>();
      v.put("orderId", orderId);
      v.put("customerId", customerId);
      v.put("amount", amount);
      v.put("currency", currency);
      EngineVariables.putIfPresent(v, "promotion", promotion);
      EngineVariables.putIfPresent(
          v, "payBefore", payBefore == null ? null : EngineVariables.time(payBefore));
      return v;
    }
  }

  record OrderPaid(
      @Size(max = 128) String eventId,
      OffsetDateTime occurredAt,
      @Size(max = 64) String orderId,
      @Size(max = 64) String customerId,
      @Digits(integer = MONEY_INTEGER_DIGITS, fraction = MONEY_FRACTION_DIGITS) BigDecimal amount,
      String currency,
      @Size(max = 64) String couponCode,
      @Digits(integer = MONEY_INTEGER_DIGITS, fraction = MONEY_FRACTION_DIGITS)
          BigDecimal discountAmount)
      implements OrderEvent {
    public ShopEventType type() {
      return ShopEventType.ORDER_PAID;
    }

    public void validate() {
      ShopEventChecks.required("orderId", orderId);
      ShopEventChecks.required("customerId", customerId);
      ShopEventChecks.money("amount", amount);
      ShopEventChecks.currency(currency);
      // optional (since #16): the coupon redeemed on the order and its discount, in the order's
      // currency; a discount needs the coupon it came from
      if (discountAmount != null) {
        ShopEventChecks.money("discountAmount", discountAmount);
        ShopEventChecks.required("couponCode", couponCode);
      }
    }

    public Map<String, Object> variables() {
      // no customerId: the journey keeps the buyer of the placed order (fault 6 of issue #14)
      return EngineVariables.orderVariables(orderId, "paidAt", occurredAt, "paidAmount", amount);
    }
  }

  record OrderCancelled(
      @Size(max = 128) String eventId,
      OffsetDateTime occurredAt,
      @Size(max = 64) String orderId,
      String reason)
      implements OrderEvent {
    static final Set<String> REASONS = Set.of("unpaid-timeout", "buyer", "shop");

    public ShopEventType type() {
      return ShopEventType.ORDER_CANCELLED;
    }

    public void validate() {
      ShopEventChecks.required("orderId", orderId);
      ShopEventChecks.oneOf("reason", reason, REASONS);
    }

    public Map<String, Object> variables() {
      return EngineVariables.orderVariables(
          orderId, "cancelledAt", occurredAt, "cancelReason", reason);
    }
  }

  record OrderShipped(
      @Size(max = 128) String eventId,
      OffsetDateTime occurredAt,
      @Size(max = 64) String orderId,
      @Size(max = 64) String carrier,
      @Size(max = 64) String trackingNumber,
      OffsetDateTime estimatedDeliveryAt)
      implements OrderEvent {
    public ShopEventType type() {
      return ShopEventType.ORDER_SHIPPED;
    }

    public void validate() {
      ShopEventChecks.required("orderId", orderId);
      ShopEventChecks.required("carrier", carrier);
      ShopEventChecks.required("trackingNumber", trackingNumber);
    }

    public Map<String, Object> variables() {
      return EngineVariables.orderVariables(
          orderId,
          "shippedAt",
          occurredAt,
          "carrier",
          carrier,
          "trackingNumber",
          trackingNumber,
          "estimatedDeliveryAt",
          estimatedDeliveryAt == null ? null : EngineVariables.time(estimatedDeliveryAt));
    }
  }

  record LogisticsUpdated(
      @Size(max = 128) String eventId,
      OffsetDateTime occurredAt,
      @Size(max = 64) String orderId,
      String status,
      @Size(max = 1000) String description)
      implements OrderEvent {
    static final Set<String> STATUSES = Set.of("in-transit", "exception", "returned");

    public ShopEventType type() {
      return ShopEventType.LOGISTICS_UPDATED;
    }

    public void validate() {
      ShopEventChecks.required("orderId", orderId);
      ShopEventChecks.oneOf("status", status, STATUSES);
    }

    public Map<String, Object> variables() {
      return EngineVariables.orderVariables(
          orderId,
          "logisticsUpdatedAt",
          occurredAt,
          "logisticsStatus",
          status); // the description is free text: not for the engine
    }
  }

  record OrderDelivered(
      @Size(max = 128) String eventId, OffsetDateTime occurredAt, @Size(max = 64) String orderId)
      implements OrderEvent {
    public ShopEventType type() {
      return ShopEventType.ORDER_DELIVERED;
    }

    public void validate() {
      ShopEventChecks.required("orderId", orderId);
    }

    public Map<String, Object> variables() {
      return EngineVariables.orderVariables(orderId, "deliveredAt", occurredAt);
    }
  }

  record OrderOutOfStock(
      @Size(max = 128) String eventId,
      OffsetDateTime occurredAt,
      @Size(max = 64) String orderId,
      @Size(max = MAX_ITEMS) List<@Size(max = 64) String> skus)
      implements OrderEvent {
    public ShopEventType type() {
      return ShopEventType.ORDER_OUT_OF_STOCK;
    }

    public void validate() {
      ShopEventChecks.required("orderId", orderId);
      if (skus == null || skus.isEmpty() || skus.stream().anyMatch(s -> s == null || s.isBlank())) {
        throw new InvalidEventException("skus must list at least one sku");
      }
    }

    public Map<String, Object> variables() {
      return EngineVariables.orderVariables(
          orderId, "outOfStockAt", occurredAt, "outOfStockSkus", List.copyOf(skus));
    }
  }

  record RefundRequested(
      @Size(max = 128) String eventId,
      OffsetDateTime occurredAt,
      @Size(max = 64) String orderId,
      @Size(max = 1000) String reason)
      implements OrderEvent {
    public ShopEventType type() {
      return ShopEventType.REFUND_REQUESTED;
    }

    public void validate() {
      ShopEventChecks.required("orderId", orderId);
      ShopEventChecks.required("reason", reason);
    }

    public Map<String, Object> variables() {
      // the reason is the buyer's free text: not for the engine
      return EngineVariables.orderVariables(orderId, "refundRequestedAt", occurredAt);
    }
  }

  /**
   * Money went back to the buyer (since #16): {@code amount} of the order's paid amount, partial or
   * full; several refunds of one order add up. Stored and counted by the analytics (net GMV, R23),
   * not published to the journeys: the order journey already ends on {@code RefundRequested}.
   */
  record OrderRefunded(
      @Size(max = 128) String eventId,
      OffsetDateTime occurredAt,
      @Size(max = 64) String orderId,
      @Digits(integer = MONEY_INTEGER_DIGITS, fraction = MONEY_FRACTION_DIGITS) BigDecimal amount,
      String currency)
      implements OrderEvent {
    public ShopEventType type() {
      return ShopEventType.ORDER_REFUNDED;
    }

    public void validate() {
      ShopEventChecks.required("orderId", orderId);
      ShopEventChecks.money("amount", amount);
      if (amount.signum() == 0) {
        throw new InvalidEventException("amount of a refund must be more than 0");
      }
      ShopEventChecks.currency(currency);
    }

    public Map<String, Object> variables() {
      return EngineVariables.orderVariables(
          orderId, "refundedAt", occurredAt, "refundAmount", amount);
    }
  }

  /** The review text stays in the customer store: buyers write phone numbers into reviews. */
  record ReviewPosted(
      @Size(max = 128) String eventId,
      OffsetDateTime occurredAt,
      @Size(max = 64) String orderId,
      @Size(max = 64) String customerId,
      Integer rating,
      @Size(max = 2000) String text)
      implements OrderEvent {
    public ShopEventType type() {
      return ShopEventType.REVIEW_POSTED;
    }

    public void validate() {
      ShopEventChecks.required("orderId", orderId);
      ShopEventChecks.required("customerId", customerId);
      ShopEventChecks.required("rating", rating);
      if (rating < 1 || rating > 5) {
        throw new InvalidEventException("rating must be 1 to 5, was " + rating);
      }
    }

    public Map<String, Object> variables() {
      // no customerId (the journey keeps its buyer), no text (free text stays in the store)
      return EngineVariables.orderVariables(orderId, "reviewedAt", occurredAt, "rating", rating);
    }
  }

  record CartUpdated(
      @Size(max = 128) String eventId,
      OffsetDateTime occurredAt,
      @Size(max = 64) String customerId,
      @Size(max = MAX_ITEMS) List<@Valid Item> items,
      @Digits(integer = MONEY_INTEGER_DIGITS, fraction = MONEY_FRACTION_DIGITS)
          BigDecimal cartValue)
      implements CustomerEvent {
    public ShopEventType type() {
      return ShopEventType.CART_UPDATED;
    }

    public void validate() {
      ShopEventChecks.required("customerId", customerId);
      ShopEventChecks.items(items);
      ShopEventChecks.money("cartValue", cartValue);
    }

    public Map<String, Object> variables() {
      var v = new LinkedHashMap<String, Object>();
      v.put("customerId", customerId);
      v.put("cartValue", cartValue);
      v.put("cartItems", items.stream().map(Item::variables).toList());
      v.put("cartUpdatedAt", EngineVariables.time(occurredAt));
      return v;
    }
  }

  record CartCleared(
      @Size(max = 128) String eventId, OffsetDateTime occurredAt, @Size(max = 64) String customerId)
      implements CustomerEvent {
    public ShopEventType type() {
      return ShopEventType.CART_CLEARED;
    }

    public void validate() {
      ShopEventChecks.required("customerId", customerId);
    }

    public Map<String, Object> variables() {
      var v = new LinkedHashMap<String, Object>();
      v.put("customerId", customerId);
      v.put("cartClearedAt", EngineVariables.time(occurredAt));
      return v;
    }
  }

  /** Profile and contact data: it goes to the customer store only, never to the engine. */
  record CustomerUpserted(
      @Size(max = 128) String eventId,
      OffsetDateTime occurredAt,
      @Size(max = 64) String customerId,
      @Size(max = 200) String name,
      @Size(max = 64) String phone,
      @Size(max = 16) String locale,
      @Size(max = 64) String timeZone,
      java.time.LocalDate birthday,
      Boolean marketingConsent)
      implements CustomerEvent {
    static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    public ShopEventType type() {
      return ShopEventType.CUSTOMER_UPSERTED;
    }

    public void validate() {
      ShopEventChecks.required("customerId", customerId);
      if (locale != null && !LOCALE.matcher(locale).matches()) {
        throw new InvalidEventException(
            "locale must be a language tag such as zh-CN or en, was '" + locale + "'");
      }
      if (timeZone != null) {
        try {
          ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
          throw new InvalidEventException(
              "timeZone must be an IANA zone such as Asia/Shanghai, was '" + timeZone + "'");
        }
      }
    }

    /** The same profile with its phone number in another form (E.164, as stored). */
    CustomerUpserted withPhone(String normalized) {
      return new CustomerUpserted(
          eventId,
          occurredAt,
          customerId,
          name,
          normalized,
          locale,
          timeZone,
          birthday,
          marketingConsent);
    }

    /** Nothing: a customer event publishes no message. */
    public Map<String, Object> variables() {
      return Map.of();
    }
  }
}
