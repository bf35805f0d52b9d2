package com.careflow.dashboard;

import com.careflow.analytics.AnalyticsReports;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployed versions of one journey that have send facts in a period (issue #16), read from the
 * {@code by=step} breakdown's rows ({@code process_version}: the version number, null when
 * unknown): newest first, the unknown version last, each with its messages sent (all its send steps
 * together). A version is named by its {@code ?version=} parameter: the number ({@code "5"}) or
 * {@value #UNKNOWN}.
 */
final class JourneyVersions {

  /** The parameter of the sends recorded without a version (before versions were kept). */
  static final String UNKNOWN = "unknown";

  /** A version on offer: its parameter, its messages sent in the period. */
  record Version(String param, Integer number, long sent) {}

  /** A version on offer as the page's selector shows it, with the link that selects it. */
  public record Option(String param, String label, long sent, boolean selected, String href) {}

  private final List<Version> versions;

  private JourneyVersions(List<Version> versions) {
    this.versions = versions;
  }

  /** The versions of {@code processId} among these {@code by=step} rows. */
  static JourneyVersions of(String processId, List<AnalyticsReports.BreakdownRow> rows) {
    Map<Integer, Long> sent = new LinkedHashMap<>();
    for (var row : rows) {
      if (processId.equals(row.dimensions().get("process_id"))) {
        sent.merge(
            (Integer) row.dimensions().get("process_version"),
            row.figures().messagesSent(),
            Long::sum);
      }
    }
    List<Version> list = new ArrayList<>();
    sent.forEach((v, n) -> list.add(new Version(param(v), v, n)));
    list.sort(
        Comparator.comparing(
            Version::number, Comparator.nullsLast(Comparator.<Integer>reverseOrder())));
    return new JourneyVersions(List.copyOf(list));
  }

  /** A version's parameter: its number, {@value #UNKNOWN} for null. */
  static String param(Integer version) {
    return version == null ? UNKNOWN : String.valueOf(version);
  }

  List<Version> all() {
    return versions;
  }

  boolean isEmpty() {
    return versions.isEmpty();
  }

  /** The newest version's parameter (the unknown one when it is the only one); null when none. */
  String newest() {
    return versions.isEmpty() ? null : versions.getFirst().param();
  }

  boolean has(String param) {
    return versions.stream().anyMatch(v -> v.param().equals(param));
  }

  /** Their parameters, newest first, for an error message (empty without any). */
  String names() {
    return String.join(", ", versions.stream().map(Version::param).toList());
  }

  /** Whether every numbered version here is below {@code number} (true without any). */
  boolean below(int number) {
    return versions.stream().allMatch(v -> v.number() == null || v.number() < number);
  }
}
