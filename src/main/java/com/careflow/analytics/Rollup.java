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

  /**
   * The decay buckets a report shows for an attribution window (R26): the rollup's buckets from 0 h
   * up to the window, the last one ending at the window ("0-6 h" … "48-72 h" for 72 h; "0-6 h",
   * "6-12 h", "12-24 h", "24-36 h" for 36 h; "72-168 h" as the last of a 168 h window), and a
   * bucket past the window only while it holds orders (credited under an earlier, longer window).
   *
   * @param window the attribution window in force
   * @param orders the orders of each rollup bucket ({@code decay_0_6} … {@code decay_72_plus})
   * @return the index of each shown bucket in the rollup's buckets, with its label
   */
  static java.util.LinkedHashMap<Integer, String> decayBuckets(
      java.time.Duration window, long[] orders) {
    long windowSeconds = window.toSeconds();
    java.util.LinkedHashMap<Integer, String> shown = new java.util.LinkedHashMap<>();
    for (int i = 0; i <= DECAY_EDGES_HOURS.size(); i++) {
      long low = i == 0 ? 0 : DECAY_EDGES_HOURS.get(i - 1);
      boolean last = i == DECAY_EDGES_HOURS.size();
      if (low * 3600L >= windowSeconds && orders[i] == 0) {
        break;
      }
      long highSeconds = last ? Long.MAX_VALUE : DECAY_EDGES_HOURS.get(i) * 3600L;
      String high;
      if (low * 3600L < windowSeconds && windowSeconds <= highSeconds) {
        high = hours(windowSeconds);
      } else {
        high = last ? null : String.valueOf(DECAY_EDGES_HOURS.get(i));
      }
      shown.put(i, high == null ? low + " h or more" : low + "-" + high + " h");
    }
    return shown;
  }

  /** Seconds as hours, "72" or "1.5" (a window of minutes). */
  private static String hours(long seconds) {
    return java.math.BigDecimal.valueOf(seconds)
        .divide(java.math.BigDecimal.valueOf(3600), 4, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

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
