package com.careflow.messaging;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** When a message may go out: now, or the end of the quiet window in the buyer's zone (rule R4). */
final class QuietHours {

  private final LocalTime start;
  private final LocalTime end;

  public QuietHours(LocalTime start, LocalTime end) {
    if (start.equals(end)) {
      throw new IllegalArgumentException("Quiet window start and end are both " + start);
    }
    this.start = start;
    this.end = end;
  }

  public boolean isQuiet(LocalTime time) {
    return start.isBefore(end)
        ? !time.isBefore(start) && time.isBefore(end)
        : !time.isBefore(start) || time.isBefore(end); // the window wraps midnight
  }

  /** {@code now} when it is outside the window, else the window's end in the buyer's zone. */
  public Instant nextAllowed(Instant now, ZoneId buyerZone) {
    ZonedDateTime local = now.atZone(buyerZone);
    if (!isQuiet(local.toLocalTime())) {
      return now;
    }
    ZonedDateTime windowEnd = local.with(end);
    if (!windowEnd.isAfter(local)) {
      windowEnd = windowEnd.plusDays(1);
    }
    return windowEnd.toInstant();
  }
}
