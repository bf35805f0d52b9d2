package com.careflow.analytics;

import java.util.List;
import java.util.stream.Collectors;

/** Columns of {@code analytics_rollup} (money in the shop's currency). */
final class Rollup {

  static final List<String> COLUMNS =
      List.of(
          "sent",
          "delivered",
          "failed",
          "skipped",
          "segments",
          "message_cost",
          "coupon_cost",
          "credited_orders",
          "credited_units",
          "credited_gmv",
          "credited_reduction",
          "decay_0_6",
          "decay_6_12",
          "decay_12_24",
          "decay_24_48",
          "decay_48_72",
          "decay_72_plus");

  static final int SENT = 0;
  static final int DELIVERED = 1;
  static final int FAILED = 2;
  static final int SKIPPED = 3;
  static final int SEGMENTS = 4;
  static final int MESSAGE_COST = 5;
  static final int COUPON_COST = 6;
  static final int CREDITED_ORDERS = 7;
  static final int CREDITED_UNITS = 8;
  static final int CREDITED_GMV = 9;
  static final int CREDITED_REDUCTION = 10;
  static final int DECAY_FIRST = 11;

  /** The decay buckets' upper edges in hours (R26); the last bucket is open. */
  static final List<Integer> DECAY_EDGES_HOURS = List.of(6, 12, 24, 48, 72);

  static final List<String> DECAY_LABELS =
      List.of("0-6 h", "6-12 h", "12-24 h", "24-48 h", "48-72 h", "72 h or more");

  /** The decay column of a credit made {@code lagSeconds} after its message. */
  static int decayColumn(long lagSeconds) {
    for (int i = 0; i < DECAY_EDGES_HOURS.size(); i++) {
      if (lagSeconds < DECAY_EDGES_HOURS.get(i) * 3600L) {
        return DECAY_FIRST + i;
      }
    }
    return DECAY_FIRST + DECAY_EDGES_HOURS.size();
  }

  /** SQL CASE giving 1 when {@code lag} (seconds) falls in decay bucket {@code i}. */
  static String decayCase(String lag, int i) {
    long low = i == 0 ? 0 : DECAY_EDGES_HOURS.get(i - 1) * 3600L;
    String upper =
        i < DECAY_EDGES_HOURS.size()
            ? " AND " + lag + " < " + DECAY_EDGES_HOURS.get(i) * 3600L
            : "";
    return "CASE WHEN " + lag + " >= " + low + upper + " THEN 1 ELSE 0 END";
  }

  static final String UPDATE =
      "UPDATE analytics_rollup SET "
          + COLUMNS.stream().map(c -> c + " = " + c + " + ?").collect(Collectors.joining(", "))
          + " WHERE basis = ? AND shop_day = ? AND process_id = ? AND step_id = ? AND step_name = ? AND"
          + " campaign = ? AND occasion = ? AND segment = ? AND template_key = ? AND channel = ? AND"
          + " process_version = ?";

  private Rollup() {}
}
