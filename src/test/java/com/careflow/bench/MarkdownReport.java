package com.careflow.bench;

import java.util.Locale;
import java.util.Map;

/** The benchmark's figures as the Markdown table that goes into docs/benchmarks.md. */
final class MarkdownReport {

  private MarkdownReport() {}

  @SuppressWarnings("unchecked")
  static String render(Map<String, Object> results) {
    StringBuilder md =
        new StringBuilder(
            "Settings: " + results.get("settings") + "; sizes: " + results.get("sizes") + "\n\n");
    md.append("| # | scenario | figure | value | target |\n|---|---|---|---|---|\n");
    var s1 = (Map<String, Object>) results.get("scenario1");
    var s2 = (Map<String, Object>) results.get("scenario2");
    var s3 = (Map<String, Object>) results.get("scenario3");
    var s4 = (Map<String, Object>) results.get("scenario4");
    var s5 = (Map<String, Object>) results.get("scenario5");
    row(
        md,
        "1",
        "baseline vs Careflow",
        "raw engine, instances/s",
        s1.get("rawEngineInstancesPerSecond"),
        "");
    row(
        md,
        "1",
        "",
        "Careflow, OrderPlaced to waiting journey, /s",
        s1.get("careflowJourneysPerSecond"),
        "");
    row(md, "1", "", "ratio", s1.get("ratio"), "");
    row(
        md,
        "1",
        "",
        "same journeys, OrderPlaced published straight to the engine, /s",
        s1.get("journeysPublishedStraightToEnginePerSecond"),
        "");
    row(
        md,
        "1",
        "",
        "intake ratio (Kafka path / straight to the engine)",
        s1.get("intakeRatio"),
        "≥ 0.9");
    row(
        md,
        "1",
        "",
        "engine records per instance: trivial / journey to first wait",
        fmt(s1.get("rawEngineRecordsPerInstance"))
            + " / "
            + fmt(s1.get("careflowRecordsPerJourney")),
        "");
    if (s2 == null) {
      return md.toString(); // -Dbench.scenarios=1
    }
    row(
        md,
        "2",
        "Double 11 burst (" + s2.get("orders") + " orders)",
        "s until every journey started",
        s2.get("secondsUntilEveryJourneyStarted"),
        "");
    row(md, "2", "", "peak consumer lag (records)", s2.get("peakConsumerLag"), "");
    row(md, "2", "", "s until lag drained", s2.get("secondsUntilLagDrained"), "≤ 300");
    row(
        md,
        "2",
        "",
        "events lost / duplicates",
        s2.get("lost") + " / " + s2.get("duplicates"),
        "0 / 0");
    row(
        md,
        "3",
        "reminder precision (" + s3.get("reminders") + ")",
        "lateness p50 / p99 / max, s",
        fmt(s3.get("latenessSecondsP50"))
            + " / "
            + fmt(s3.get("latenessSecondsP99"))
            + " / "
            + fmt(s3.get("latenessSecondsMax")),
        "p99 ≤ 2");
    row(
        md,
        "4",
        "send throughput (" + s4.get("sends") + " at " + s4.get("limitPerSecond") + "/s)",
        "achieved /s (share of limit)",
        fmt(s4.get("achievedPerSecond"))
            + " ("
            + fmt(100 * ((Number) s4.get("shareOfLimit")).doubleValue())
            + " %)",
        "≥ 95 %");
    row(md, "4", "", "HTTP 429 provoked", s4.get("http429"), "0");
    row(
        md,
        "5",
        "footprint (" + s5.get("openJourneys") + " open journeys)",
        "heap / RSS MiB per 1,000 journeys the burst added",
        fmt(s5.get("heapMiBPer1000Journeys")) + " / " + fmt(s5.get("rssMiBPer1000Journeys")),
        "");
    if (s5.containsKey("engineDiskMiBPer1000Journeys")) {
      row(
          md,
          "5",
          "",
          "engine on disk: log / log + state MiB per 1,000 journeys",
          fmt(s5.get("engineLogMiBPer1000Journeys"))
              + " / "
              + fmt(s5.get("engineDiskMiBPer1000Journeys")),
          "");
    }
    return md.toString();
  }

  private static void row(
      StringBuilder md, String n, String scenario, String figure, Object value, String target) {
    md.append("| ")
        .append(n)
        .append(" | ")
        .append(scenario)
        .append(" | ")
        .append(figure)
        .append(" | ")
        .append(value instanceof Number ? fmt(value) : String.valueOf(value))
        .append(" | ")
        .append(target)
        .append(" |\n");
  }

  private static String fmt(Object value) {
    double d = ((Number) value).doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? String.valueOf((long) d)
        : String.format(Locale.ROOT, "%.2f", d);
  }
}
