package com.careflow.campaigns;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read port of the campaigns module (#17, rule R19): the big sales' windows as the occasion
 * calendar states them (table {@code sale-window} of {@code dmn/occasion-calendar.dmn}, which
 * operations edit in Modeler: each sale's sale day and its last follow-up day), for the dashboard's
 * period presets. A sale the table has no row for has no window: nothing is invented.
 */
public interface SaleWindows {

  /** Double 11 (双11), 11 November. */
  String DOUBLE_11 = "DOUBLE_11";

  /** 618, 18 June. */
  String SALE_618 = "SALE_618";

  /** The sales the table may give a window for, in the order the dashboard lists them. */
  List<String> SALES = List.of(DOUBLE_11, SALE_618);

  /**
   * Each sale's latest window that has begun on or before {@code today} (the one {@code today} lies
   * in, else the last one), in shop days, both inclusive.
   *
   * @param today the shop day of the application's clock
   * @return the windows by sale ({@link #SALES}; a sale the calendar has no row for is absent), or
   *     empty when the table cannot be read now (not deployed, the engine away; the reason is
   *     logged)
   */
  Optional<Map<String, Window>> latest(LocalDate today);

  /** A sale's window: from its sale day to its last follow-up day, both shop days inclusive. */
  record Window(LocalDate from, LocalDate to) {}

  /**
   * One row of the table: a sale day and a last follow-up day as MMDD numbers ({@code 1111} = 11
   * November); a last day before the sale day lies in the next year.
   */
  record Row(int saleDay, int lastDay) {

    /**
     * @throws IllegalArgumentException when a day is no MMDD date
     */
    public Row {
      monthDay(saleDay);
      monthDay(lastDay);
    }

    /** This row's window that begins in {@code year}. */
    Window in(int year) {
      LocalDate from = monthDay(saleDay).atYear(year);
      LocalDate to = monthDay(lastDay).atYear(year);
      return new Window(from, to.isBefore(from) ? monthDay(lastDay).atYear(year + 1) : to);
    }

    private static MonthDay monthDay(int mmdd) {
      try {
        return MonthDay.of(mmdd / 100, mmdd % 100);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(
            "table sale-window: " + mmdd + " is no day of the year as MMDD (1111 = 11 November)",
            e);
      }
    }
  }

  /**
   * The latest window of the rows that has begun on or before {@code today}; of two begun on the
   * same day, the longer. Empty without rows.
   */
  static Optional<Window> latest(List<Row> rows, LocalDate today) {
    Window best = null;
    for (Row row : rows) {
      for (int year = today.getYear() - 1; year <= today.getYear(); year++) {
        Window w = row.in(year);
        if (!w.from().isAfter(today)
            && (best == null
                || w.from().isAfter(best.from())
                || (w.from().equals(best.from()) && w.to().isAfter(best.to())))) {
          best = w;
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
