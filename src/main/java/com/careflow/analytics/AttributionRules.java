package com.careflow.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The attribution rule's versions (R23). Version 1 is the first configured window; a start with a
 * different {@code careflow.analytics.attribution-window} adds a new version (logged) that new
 * payments use. Orders already attributed keep their version until an admin recomputes history
 * ({@link AnalyticsRecorder#recomputeHistory}), which is logged in {@code analytics_recompute_log}.
 */
public class AttributionRules {

  private static final Logger log = LoggerFactory.getLogger(AttributionRules.class);

  /** One version: its number and window. */
  public record Rule(int version, Duration window, Instant createdAt, String note) {}

  private final JdbcTemplate jdbc;
  private final Map<Integer, Duration> windows = new ConcurrentHashMap<>();
  private volatile Rule current;

  public AttributionRules(JdbcTemplate jdbc, Duration configuredWindow, Clock clock) {
    this.jdbc = jdbc;
    List<Rule> rules = all();
    Rule latest = rules.isEmpty() ? null : rules.getLast();
    if (latest == null || !latest.window().equals(configuredWindow)) {
      int version = latest == null ? 1 : latest.version() + 1;
      String note =
          latest == null
              ? "first rule: window " + configuredWindow
              : "window changed in settings from " + latest.window() + " to " + configuredWindow;
      jdbc.update(
          "INSERT INTO analytics_rule (rule_version, window_seconds, created_at, note) VALUES (?,?,?,?)"
              + " ON CONFLICT DO NOTHING",
          version,
          configuredWindow.toSeconds(),
          clock.instant().atOffset(ZoneOffset.UTC),
          note);
      if (latest != null) {
        log.warn(
            "Attribution rule version {}: {}. New payments use it; history stays under version {}"
                + " until an admin recomputes it (POST /api/analytics/recompute).",
            version,
            note,
            latest.version());
      }
      rules = all();
    }
    rules.forEach(r -> windows.put(r.version(), r.window()));
    current = rules.getLast();
  }

  /** The version new payments are attributed under. */
  public Rule current() {
    return current;
  }

  public Duration window(int version) {
    Duration window = windows.get(version);
    if (window == null) {
      all().forEach(r -> windows.put(r.version(), r.window()));
      window = windows.get(version);
    }
    if (window == null) {
      throw new IllegalStateException("unknown attribution rule version " + version);
    }
    return window;
  }

  /** The longest window of any version: how far a late send can reach. */
  public Duration longestWindow() {
    return windows.values().stream().max(Duration::compareTo).orElse(current.window());
  }

  public List<Rule> all() {
    return jdbc.query(
        "SELECT rule_version, window_seconds, created_at, note FROM analytics_rule ORDER BY"
            + " rule_version",
        (rs, i) ->
            new Rule(
                rs.getInt(1),
                Duration.ofSeconds(rs.getLong(2)),
                rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                rs.getString(4)));
  }
}
