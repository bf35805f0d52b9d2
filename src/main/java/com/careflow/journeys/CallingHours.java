package com.careflow.journeys;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The shop's preferred calling hours (rule R3: 11:00–12:00 or around 16:00), as written in the
 * order-timings table: {@code "11:00-12:00,15:30-16:30"} in the shop's time zone.
 */
final class CallingHours {

  /** One window of a day, start inclusive, end exclusive. */
  record Window(LocalTime start, LocalTime end) {}

  /** When a call should be taken up and by when it is due: both inside one window. */
  record Slot(ZonedDateTime followUpAt, ZonedDateTime dueAt) {}

  private final List<Window> windows;

  private CallingHours(List<Window> windows) {
    this.windows = windows;
  }

  /**
   * Reads {@code "HH:mm-HH:mm[,HH:mm-HH:mm...]"}.
   *
   * @throws IllegalArgumentException with a message an operations manager can act on
   */
  static CallingHours parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "No calling hours: set callingHours in dmn/order-timings.dmn, e.g. \"11:00-12:00,15:30-16:30\"");
    }
    try {
      List<Window> windows =
          Arrays.stream(text.split(","))
              .map(String::strip)
              .map(part -> part.split("-"))
              .map(p -> new Window(LocalTime.parse(p[0].strip()), LocalTime.parse(p[1].strip())))
              .sorted(Comparator.comparing(Window::start))
              .toList();
      for (Window w : windows) {
        if (!w.start().isBefore(w.end())) {
          throw new IllegalArgumentException(
              "window " + w.start() + "-" + w.end() + " ends before it starts");
        }
      }
      return new CallingHours(windows);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Calling hours \""
              + text
              + "\" are not like \"11:00-12:00,15:30-16:30\" (fix callingHours in dmn/order-timings.dmn): "
              + e.getMessage(),
          e);
    }
  }

  /** The window that is open now, or else the next one to open (today or a later day). */
  Slot next(Instant now, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    for (int day = 0; day <= 1; day++) {
      LocalDate date = local.toLocalDate().plusDays(day);
      for (Window w : windows) {
        ZonedDateTime start = date.atTime(w.start()).atZone(zone);
        ZonedDateTime end = date.atTime(w.end()).atZone(zone);
        if (local.isBefore(end)) {
          return new Slot(local.isAfter(start) ? local : start, end);
        }
      }
    }
    throw new IllegalStateException("unreachable: a window opens every day");
  }
}
