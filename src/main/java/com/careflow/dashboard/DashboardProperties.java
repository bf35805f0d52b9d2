package com.careflow.dashboard;

import java.time.LocalDate;
import java.time.MonthDay;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dashboard settings: the sale windows its period presets select.
 *
 * @param double11Window the Double 11 sale window as {@code MM-DD..MM-DD} (both shop days
 *     inclusive), default {@code 10-20..11-11} (pre-sale to the day itself)
 * @param sale618Window the 618 sale window, default {@code 05-31..06-18}
 */
@ConfigurationProperties("careflow.dashboard")
record DashboardProperties(
    @DefaultValue("10-20..11-11") String double11Window,
    @DefaultValue("05-31..06-18") String sale618Window) {

  public DashboardProperties {
    Window.parse("careflow.dashboard.double11-window", double11Window);
    Window.parse("careflow.dashboard.sale618-window", sale618Window);
  }

  /** A yearly window of shop days, both inclusive; it may span the new year. */
  record Window(MonthDay from, MonthDay to) {

    static Window parse(String setting, String value) {
      String[] parts = value == null ? new String[0] : value.trim().split("\\.\\.");
      try {
        if (parts.length == 2) {
          return new Window(
              MonthDay.parse("--" + parts[0].trim()), MonthDay.parse("--" + parts[1].trim()));
        }
      } catch (java.time.format.DateTimeParseException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          setting + " must be MM-DD..MM-DD (e.g. 10-20..11-11), not '" + value + "'");
    }

    /** The latest occurrence of this window that has started on or before {@code today}. */
    Period latest(LocalDate today, String preset) {
      LocalDate start = from.atYear(today.getYear());
      if (start.isAfter(today)) {
        start = from.atYear(today.getYear() - 1);
      }
      LocalDate end = to.atYear(start.getYear());
      if (end.isBefore(start)) {
        end = to.atYear(start.getYear() + 1);
      }
      return new Period(start, end, preset);
    }
  }
}
