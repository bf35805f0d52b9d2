package com.careflow.analytics;

import java.util.List;
import java.util.Locale;

/** The dimensions a report can be broken down by (R23), and their rollup columns. */
public enum Breakdown {
  JOURNEY(List.of("process_id")),
  /**
   * A step of one deployed version of its journey: {@code process_version} is the version number,
   * null in the answer when the sends did not record one (unknown, issue #16).
   */
  STEP(List.of("process_id", "process_version", "step_id", "step_name")),
  CAMPAIGN(List.of("campaign", "occasion")),
  OCCASION(List.of("occasion")),
  SEGMENT(List.of("segment")),
  TEMPLATE(List.of("template_key")),
  CHANNEL(List.of("channel")),
  DAY(List.of("shop_day"));

  private final List<String> columns;

  Breakdown(List<String> columns) {
    this.columns = columns;
  }

  /** Column names, also the names of the row's fields in JSON and CSV. */
  public List<String> columns() {
    return columns;
  }

  public static Breakdown parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown breakdown '" + value + "'; one of " + List.of(values()));
    }
  }
}
