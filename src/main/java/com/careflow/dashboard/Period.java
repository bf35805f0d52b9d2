package com.careflow.dashboard;

import java.time.LocalDate;

/**
 * The shop days a page shows, both inclusive, and the preset that chose them (null when the dates
 * were given or defaulted).
 */
public record Period(LocalDate from, LocalDate to, String preset) {

  static final String LAST_7_DAYS = "last7";
  static final String DOUBLE_11 = "double11";
  static final String SALE_618 = "618";

  /**
   * The period of a request: a preset wins over dates; without either, the last 7 shop days ending
   * today. A lone {@code from} runs to today (or to itself when in the future); a lone {@code to}
   * starts 6 days before it.
   *
   * @throws IllegalArgumentException for an unknown preset or {@code to} before {@code from}
   */
  static Period of(
      LocalDate from, LocalDate to, String preset, LocalDate today, DashboardProperties settings) {
    if (preset != null && !preset.isBlank()) {
      return switch (preset) {
        case LAST_7_DAYS -> new Period(today.minusDays(6), today, LAST_7_DAYS);
        case DOUBLE_11 ->
            DashboardProperties.Window.parse(
                    "careflow.dashboard.double11-window", settings.double11Window())
                .latest(today, DOUBLE_11);
        case SALE_618 ->
            DashboardProperties.Window.parse(
                    "careflow.dashboard.sale618-window", settings.sale618Window())
                .latest(today, SALE_618);
        default ->
            throw new IllegalArgumentException(
                "unknown preset '" + preset + "'; one of last7, double11, 618");
      };
    }
    if (from == null && to == null) {
      return new Period(today.minusDays(6), today, LAST_7_DAYS);
    }
    LocalDate start = from != null ? from : to.minusDays(6);
    LocalDate end = to != null ? to : (start.isAfter(today) ? start : today);
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("'to' (" + end + ") is before 'from' (" + start + ")");
    }
    return new Period(start, end, null);
  }
}
