package com.careflow.dashboard;

import com.careflow.analytics.AnalyticsReports;
import com.careflow.campaigns.SaleWindows;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shop days a page shows, both inclusive, and the preset that chose them (null when the dates
 * were given or defaulted).
 */
public record Period(LocalDate from, LocalDate to, String preset) {

  static final String LAST_7_DAYS = "last7";
  static final String DOUBLE_11 = "double11";
  static final String SALE_618 = "618";

  /** The sale presets and the sale of the occasion calendar each selects (R19). */
  static final Map<String, String> SALES =
      Map.of(DOUBLE_11, SaleWindows.DOUBLE_11, SALE_618, SaleWindows.SALE_618);

  /**
   * The sale presets of these windows ({@link SaleWindows#latest}): each sale's latest window that
   * has begun, as the occasion calendar states it (sale day to last follow-up day); a sale the
   * calendar has no window for is absent. In the order the filters list them.
   */
  static Map<String, Period> sales(Map<String, SaleWindows.Window> windows) {
    Map<String, Period> sales = new LinkedHashMap<>();
    for (String preset : new String[] {DOUBLE_11, SALE_618}) {
      SaleWindows.Window w = windows.get(SALES.get(preset));
      if (w != null) {
        sales.put(preset, new Period(w.from(), w.to(), preset));
      }
    }
    return sales;
  }

  /**
   * The period of a request: a preset wins over dates; without either, the last 7 shop days ending
   * today. A lone {@code from} runs to today (or to itself when in the future); a lone {@code to}
   * starts 6 days before it.
   *
   * @param sales the sale presets on offer ({@link #sales})
   * @throws BadParameter for an unknown preset, a sale the occasion calendar has no window for
   * @throws com.careflow.analytics.ParameterRefused for {@code to} before {@code from}, or a period
   *     longer than the analytics reports read ({@link AnalyticsReports#checkPeriod})
   */
  static Period of(
      LocalDate from, LocalDate to, String preset, LocalDate today, Map<String, Period> sales) {
    if (preset != null && !preset.isBlank()) {
      if (preset.equals(LAST_7_DAYS)) {
        return new Period(today.minusDays(6), today, LAST_7_DAYS);
      }
      if (!SALES.containsKey(preset)) {
        throw new BadParameter("preset", "error.preset.unknown", preset);
      }
      Period sale = sales.get(preset);
      if (sale == null) {
        throw new BadParameter("preset", "error.preset.noWindow", preset, SALES.get(preset));
      }
      return sale;
    }
    if (from == null && to == null) {
      return new Period(today.minusDays(6), today, LAST_7_DAYS);
    }
    LocalDate start = from != null ? from : to.minusDays(6);
    LocalDate end = to != null ? to : (start.isAfter(today) ? start : today);
    // the same refusals as the analytics API's (error.period.*)
    AnalyticsReports.checkPeriod(start, end);
    return new Period(start, end, null);
  }
}
