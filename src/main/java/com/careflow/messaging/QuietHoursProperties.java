package com.careflow.messaging;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shop's quiet window (rule R4): no message is sent between {@code start} and {@code end} in
 * the buyer's time zone. 02:00–09:00 by default, when buyers sleep; the window may wrap midnight
 * (e.g. 22:00–08:00).
 *
 * @param defaultTimeZone the zone of buyers whose profile has none (resolved at each use through
 *     {@link #zoneOf}, never stored with the buyer, so a changed default applies to every such
 *     buyer at once)
 */
@ConfigurationProperties("careflow.messaging.quiet-hours")
record QuietHoursProperties(
    @DefaultValue("02:00") LocalTime start,
    @DefaultValue("09:00") LocalTime end,
    @DefaultValue("Asia/Shanghai") ZoneId defaultTimeZone) {

  public QuietHours window() {
    return new QuietHours(start, end);
  }

  /** The buyer's zone from the profile; the default when it is missing or not a valid zone id. */
  public ZoneId zoneOf(String zone) {
    if (zone == null || zone.isBlank()) {
      return defaultTimeZone;
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      return defaultTimeZone;
    }
  }
}
