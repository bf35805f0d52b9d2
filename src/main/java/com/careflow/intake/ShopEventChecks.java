package com.careflow.intake;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * The field checks of the shop-event contract that Bean Validation's annotations on the {@link
 * ShopEvent} records do not express (required fields, signs, ISO codes, enumerations, item lines):
 * each failure is an {@link InvalidEventException} naming the field.
 */
final class ShopEventChecks {

  private ShopEventChecks() {}

  static void required(String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new InvalidEventException("missing required field '" + field + "'");
    }
  }

  static void money(String field, BigDecimal value) {
    required(field, value);
    if (value.signum() < 0) {
      throw new InvalidEventException(
          field + " must not be negative, was " + value.toPlainString());
    }
  }

  static void currency(String currency) {
    if (currency == null) {
      return;
    }
    try {
      if (!currency.equals(Currency.getInstance(currency).getCurrencyCode())) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(
          "currency must be an ISO 4217 code such as CNY, was '" + currency + "'");
    }
  }

  static void oneOf(String field, String value, Set<String> allowed) {
    required(field, value);
    if (!allowed.contains(value)) {
      throw new InvalidEventException(
          field
              + " must be one of "
              + allowed.stream().sorted().toList()
              + ", was '"
              + value
              + "'");
    }
  }

  static void items(List<ShopEvent.Item> items) {
    if (items == null || items.isEmpty()) {
      throw new InvalidEventException("items must list at least one item");
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        throw new InvalidEventException("items[" + i + "] is null");
      }
      items.get(i).validate("items[" + i + "]");
    }
  }
}
