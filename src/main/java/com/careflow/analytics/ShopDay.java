package com.careflow.analytics;

import java.util.List;
import java.util.stream.Collectors;

/** Columns of {@code analytics_shop_day}: the shop's paid orders by pay day and rule version. */
final class ShopDay {

  static final List<String> COLUMNS =
      List.of(
          "paid_orders",
          "paid_units",
          "paid_gmv",
          "refunds",
          "cancellations",
          "credited_orders",
          "credited_gmv",
          "credited_reduction");

  static final int PAID_ORDERS = 0;
  static final int PAID_UNITS = 1;
  static final int PAID_GMV = 2;
  static final int REFUNDS = 3;
  static final int CANCELLATIONS = 4;
  static final int CREDITED_ORDERS = 5;
  static final int CREDITED_GMV = 6;
  static final int CREDITED_REDUCTION = 7;

  static final String UPDATE =
      "UPDATE analytics_shop_day SET "
          + COLUMNS.stream().map(c -> c + " = " + c + " + ?").collect(Collectors.joining(", "))
          + " WHERE shop_day = ? AND rule_version = ?";

  private ShopDay() {}
}
