package com.careflow.intake;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the journeys may see of a shop event: the engine-variable allowlist and the helpers each
 * {@link ShopEvent#variables()} maps with. Variables carry ids, amounts, enums, timestamps
 * (ISO-8601 with the shop's offset) and counts only; {@link #allowlisted} is checked before an
 * outbox row is written, so a mapping that would leak free text fails before anything is stored.
 */
final class EngineVariables {

  private EngineVariables() {}

  /**
   * The only variables a message may carry into the engine: ids, amounts, enums, timestamps and
   * counts. Free text (item titles, logistics descriptions, refund reasons, reviews, names, phone
   * numbers) stays in Careflow's store: Operate shows variables to every user and keeps them.
   */
  static final Set<String> ENGINE_VARIABLES =
      Set.of(
          "orderId",
          "customerId",
          "amount",
          "currency",
          "items",
          "units",
          "placedAt",
          "promotion",
          "payBefore",
          "returningBuyer",
          "paidAt",
          "paidAmount",
          "cancelledAt",
          "cancelReason",
          "shippedAt",
          "carrier",
          "trackingNumber",
          "estimatedDeliveryAt",
          "logisticsUpdatedAt",
          "logisticsStatus",
          "deliveredAt",
          "outOfStockAt",
          "outOfStockSkus",
          "refundRequestedAt",
          "refundedAt",
          "refundAmount",
          "reviewedAt",
          "rating",
          "cartValue",
          "cartItems",
          "cartUpdatedAt",
          "cartClearedAt");

  /** The variables of one order or cart line (within {@code items} and {@code cartItems}). */
  static final Set<String> ITEM_VARIABLES = Set.of("sku", "quantity", "price");

  /**
   * ISO-8601 with seconds and the shop's offset, e.g. 2026-11-11T00:05:00+08:00 (FEEL reads it).
   */
  static String time(OffsetDateTime at) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at);
  }

  static void putIfPresent(Map<String, Object> v, String name, Object value) {
    if (value != null) {
      v.put(name, value);
    }
  }

  /**
   * Throws {@link IllegalStateException} when a variable is not on {@link #ENGINE_VARIABLES} (or an
   * item's on {@link #ITEM_VARIABLES}): a mapping that would leak free text into the engine is a
   * bug, caught before anything is stored.
   */
  static Map<String, Object> allowlisted(Map<String, Object> variables) {
    for (var entry : variables.entrySet()) {
      if (!ENGINE_VARIABLES.contains(entry.getKey())) {
        throw new IllegalStateException(
            "variable '" + entry.getKey() + "' is not on the engine allowlist");
      }
      if (entry.getValue() instanceof List<?> lines) {
        for (Object line : lines) {
          if (line instanceof Map<?, ?> item && !ITEM_VARIABLES.containsAll(item.keySet())) {
            throw new IllegalStateException(
                "item variables " + item.keySet() + " are not on the engine allowlist");
          }
        }
      }
    }
    return variables;
  }

  /** orderId, the event's time under its own name, then name/value pairs (nulls left out). */
  static Map<String, Object> orderVariables(
      String orderId, String timeName, OffsetDateTime at, Object... pairs) {
    var v = new LinkedHashMap<String, Object>();
    v.put("orderId", orderId);
    v.put(timeName, time(at));
    for (int i = 0; i < pairs.length; i += 2) {
      putIfPresent(v, (String) pairs[i], pairs[i + 1]);
    }
    return v;
  }
}
