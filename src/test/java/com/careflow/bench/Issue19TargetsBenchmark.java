package com.careflow.bench;

import com.careflow.support.BenchPart;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The report step of {@code ./mvnw -Pbench verify}: issue #19's targets 1–5 in one table, from the
 * figures the run's parts wrote to {@code target/bench/parts/*.json} ({@link BenchPart}):
 * DoubleElevenBenchmark (targets 1 and 5), JourneyRecordsBenchmark (2), ReminderStormBenchmark (3)
 * and SendPriorityBenchmark (4). The {@code bench} profile runs it in a surefire execution of its
 * own after the four, whatever {@code -Dtest} selected.
 *
 * <p>Only parts of this run count ({@code bench.runId}, the build's timestamp): a part left from an
 * earlier command is ignored, and a target whose part did not run is printed as not measured. A
 * figure measured below the target's size (the smoke burst is not 100,000 orders) is printed with
 * the size it ran at and "not at the target's size", never as met.
 *
 * <p>Prints the table and writes it to {@code target/bench/targets.md} and {@code
 * target/bench/targets.json}. Each row names its part's sizes and the 1-minute load average at the
 * part's start and end; the table below it gives the full {@code /proc/loadavg} figures per part.
 * Not part of the normal test run (its name ends in {@code Benchmark}); it asserts nothing.
 */
class Issue19TargetsBenchmark {

  static final String MET = "met";

  /** A plain value, as {@code targets.json} holds it; the table shows it bold ({@link #cell}). */
  static final String MISSED = "missed";

  static final String NOT_AT_SIZE = "not at the target's size";
  static final String NOT_MEASURED = "not measured in this run";

  /** One line of the table. {@code status} is empty for a figure that has no threshold. */
  record Row(
      String target,
      String figure,
      String value,
      String unit,
      String threshold,
      String status,
      String measuredAt,
      String load) {}

  @Test
  void targetsTable() throws IOException {
    String runId = BenchPart.runId();
    Map<String, Map<String, Object>> parts = readParts(runId);
    List<Row> rows = rows(parts);
    String commit = git("rev-parse", "--short", "HEAD");
    String dirty = git("status", "--porcelain", "--untracked-files=no");
    String commitNote =
        commit + (dirty.isBlank() || dirty.startsWith("unknown") ? "" : " (with local changes)");

    StringBuilder md = new StringBuilder("## Issue #19 targets\n\n");
    md.append("Run ")
        .append(runId)
        .append(", commit ")
        .append(commitNote)
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.version"))
        .append(", report at ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(".\n\n");
    md.append(
        "| # | figure | value | unit | threshold | met? | measured at | load (1 min) start → end |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      md.append("| ")
          .append(
              String.join(
                  " | ",
                  r.target(),
                  r.figure(),
                  r.value(),
                  r.unit(),
                  r.threshold(),
                  cell(r.status()),
                  r.measuredAt(),
                  r.load()))
          .append(" |\n");
    }
    md.append("\n| part | started | ended | /proc/loadavg at start | at end | sizes |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (var e : parts.entrySet()) {
      Map<String, Object> p = e.getValue();
      md.append("| ")
          .append(
              String.join(
                  " | ",
                  e.getKey(),
                  String.valueOf(p.get("startedAt")),
                  String.valueOf(p.get("endedAt")),
                  String.valueOf(p.get("loadAtStart")),
                  String.valueOf(p.get("loadAtEnd")),
                  sizesText(p)))
          .append(" |\n");
    }
    String table = md.toString();
    System.out.println("\n" + table);

    Path dir = Path.of("target/bench");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("targets.md"), table);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("runId", runId);
    json.put("commit", commitNote);
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("rows", rows);
    json.put("parts", parts);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("targets.json").toFile(), json);
  }

  /** The run's parts by name, in the order they ran; parts of other runs left out. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> readParts(String runId) throws IOException {
    Map<String, Map<String, Object>> parts = new LinkedHashMap<>();
    if (!Files.isDirectory(BenchPart.DIR)) {
      return parts;
    }
    List<Map<String, Object>> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(BenchPart.DIR)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        Map<String, Object> p = new ObjectMapper().readValue(f.toFile(), Map.class);
        if (runId.equals(p.get("runId"))) {
          found.add(p);
        }
      }
    }
    found.sort(
        (a, b) -> String.valueOf(a.get("startedAt")).compareTo(String.valueOf(b.get("startedAt"))));
    found.forEach(p -> parts.put(String.valueOf(p.get("part")), p));
    return parts;
  }

  /** The five targets' rows, with the figures that explain them. */
  static List<Row> rows(Map<String, Map<String, Object>> parts) {
    List<Row> rows = new ArrayList<>();
    target1(rows, parts.get("double-eleven"));
    target2(rows, parts.get("journey-records"), parts.get("double-eleven"));
    target3(rows, parts.get("reminder-storm"));
    target4(rows, parts.get("send-priority"));
    target5(rows, parts.get("double-eleven"));
    return rows;
  }

  private static void target1(List<Row> rows, Map<String, Object> part) {
    String figure =
        "intake ratio: OrderPlaced via Kafka → waiting for payment, / the same journeys"
            + " published straight to the engine";
    Map<String, Object> s1 = part == null ? null : section(part, "scenario1");
    if (s1 == null) {
      rows.add(notMeasured("1", figure, "≥ 0.9", "DoubleElevenBenchmark"));
      return;
    }
    String at = fmt(sizes(part).get("baselineOrders")) + " orders each way";
    double ratio = number(s1.get("intakeRatio"));
    rows.add(
        new Row(
            "1",
            figure,
            fmt(ratio),
            "ratio",
            "≥ 0.9",
            ratio >= 0.9 ? MET : MISSED,
            at,
            load(part)));
    rows.add(
        info(
            "1",
            "via Kafka → waiting for payment",
            fmt(s1.get("careflowJourneysPerSecond")),
            "journeys/s",
            at,
            load(part)));
    rows.add(
        info(
            "1",
            "straight to the engine → waiting for payment",
            fmt(s1.get("journeysPublishedStraightToEnginePerSecond")),
            "journeys/s",
            at,
            load(part)));
  }

  @SuppressWarnings("unchecked")
  private static void target2(
      List<Row> rows, Map<String, Object> part, Map<String, Object> doubleEleven) {
    String figure = "engine records per order journey to its first wait (waiting for payment)";
    Map<String, Object> perJourney =
        part == null
            ? null
            : (Map<String, Object>) figures(part).get("recordsPerJourneyToFirstWait");
    if (perJourney == null || !perJourney.containsKey("order-journey")) {
      rows.add(notMeasured("2", figure, "≤ 70", "JourneyRecordsBenchmark"));
    } else {
      double order = number(perJourney.get("order-journey"));
      rows.add(
          new Row(
              "2",
              figure,
              fmt(order),
              "records",
              "≤ 70",
              order <= 70 ? MET : MISSED,
              "1 journey, no workers",
              load(part)));
      perJourney.forEach(
          (journey, records) -> {
            if (!journey.equals("order-journey")) {
              rows.add(
                  info(
                      "2",
                      "engine records per " + journey + " to its first wait",
                      fmt(records),
                      "records",
                      "1 journey, no workers",
                      load(part)));
            }
          });
    }
    Map<String, Object> s1 = doubleEleven == null ? null : section(doubleEleven, "scenario1");
    if (s1 != null) {
      rows.add(
          info(
              "2",
              "engine records per order journey in the run (job polls and batches" + " included)",
              fmt(s1.get("careflowRecordsPerJourney")),
              "records",
              fmt(sizes(doubleEleven).get("baselineOrders")) + " orders via Kafka",
              load(doubleEleven)));
    }
  }

  private static void target3(List<Row> rows, Map<String, Object> part) {
    String figure = "reminders due together: drain rate as a share of the sender limit";
    if (part == null) {
      rows.add(notMeasured("3", figure, "≥ 90 %", "ReminderStormBenchmark"));
      rows.add(notMeasured("3", "HTTP 429 during the storm", "0", "ReminderStormBenchmark"));
      return;
    }
    Map<String, Object> f = figures(part);
    Map<String, Object> size = sizes(part);
    boolean atSize =
        number(size.get("reminders")) >= 10_000
            && number(size.get("limitSegmentsPerSecond")) == 100;
    String at =
        "%s reminders, %s segments/s, %s instances %s"
            .formatted(
                fmt(size.get("reminders")),
                fmt(size.get("limitSegmentsPerSecond")),
                fmt(size.get("instances")),
                Boolean.TRUE.equals(size.get("sharedLimit"))
                    ? "sharing the limit"
                    : "with a limit each");
    double share = 100 * number(f.get("shareOfLimit"));
    double http429 = number(f.get("http429"));
    rows.add(
        new Row(
            "3",
            figure,
            fmt(share),
            "% of the limit",
            "≥ 90 %",
            status(atSize, share >= 90),
            at,
            load(part)));
    rows.add(
        new Row(
            "3",
            "HTTP 429 during the storm",
            fmt(http429),
            "responses",
            "0",
            status(atSize, http429 == 0),
            at,
            load(part)));
    rows.add(
        info(
            "3",
            "sent exactly once each",
            String.valueOf(f.get("sentOnceEach")),
            "",
            at,
            load(part)));
  }

  private static void target4(List<Row> rows, Map<String, Object> part) {
    String figure = "transactional message's wait with a marketing backlog queued, p95";
    if (part == null) {
      rows.add(notMeasured("4", figure, "≤ 5 s", "SendPriorityBenchmark"));
      return;
    }
    Map<String, Object> f = figures(part);
    Map<String, Object> size = sizes(part);
    boolean priority = Boolean.TRUE.equals(size.get("priority"));
    boolean atSize = number(size.get("marketing")) >= 10_000 && priority;
    String at =
        "%s marketing queued, %s reminders every %s ms, %s segments/s%s"
            .formatted(
                fmt(size.get("marketing")),
                fmt(size.get("transactional")),
                fmt(size.get("arrivalMillis")),
                fmt(size.get("limitSegmentsPerSecond")),
                priority ? "" : ", priority off (the before mode)");
    Object p95 = f.get("transactionalWaitSecondsP95");
    boolean known = p95 instanceof Number;
    rows.add(
        new Row(
            "4",
            figure,
            known ? fmt(p95) : "none sent",
            "s",
            "≤ 5 s",
            known ? status(atSize, number(p95) <= 5) : MISSED,
            at,
            load(part)));
    rows.add(
        info(
            "4",
            "marketing drained at",
            fmt(f.get("marketingPerSecond")),
            "messages/s",
            at,
            load(part)));
    rows.add(
        info(
            "4",
            "HTTP 429 / sent exactly once each",
            fmt(f.get("http429")) + " / " + f.get("sentOnceEach"),
            "",
            at,
            load(part)));
  }

  private static void target5(List<Row> rows, Map<String, Object> part) {
    String figure = "Double 11 burst: OrderPlaced and OrderPaid drained (consumer lag 0)";
    Map<String, Object> s2 = part == null ? null : section(part, "scenario2");
    if (s2 == null) {
      rows.add(
          notMeasured(
              "5",
              figure,
              "≤ 15 min at 100,000 orders",
              "DoubleElevenBenchmark" + (part == null ? "" : " (ran with -Dbench.scenarios=1)")));
      rows.add(
          notMeasured("5", "events lost / duplicate journeys", "0 / 0", "DoubleElevenBenchmark"));
      return;
    }
    double orders = number(s2.get("orders"));
    boolean atSize = orders >= 100_000;
    String at = fmt(orders) + " orders + " + fmt(s2.get("payments")) + " payments";
    double minutes = number(s2.get("secondsUntilLagDrained")) / 60;
    rows.add(
        new Row(
            "5",
            figure,
            fmt(minutes),
            "min",
            "≤ 15 min at 100,000 orders",
            status(atSize, minutes <= 15),
            at,
            load(part)));
    double lost = number(s2.get("lost"));
    double duplicates = number(s2.get("duplicates"));
    rows.add(
        new Row(
            "5",
            "events lost / duplicate journeys",
            fmt(lost) + " / " + fmt(duplicates),
            "",
            "0 / 0",
            status(atSize, lost == 0 && duplicates == 0),
            at,
            load(part)));
    rows.add(
        info(
            "5",
            "every journey started after",
            fmt(s2.get("secondsUntilEveryJourneyStarted")),
            "s",
            at,
            load(part)));
  }

  /** A figure that explains a target's row: no threshold of its own. */
  private static Row info(
      String target, String figure, String value, String unit, String measuredAt, String load) {
    return new Row(target, figure, value, unit, "", "", measuredAt, load);
  }

  /**
   * A status as {@code targets.md} shows it: a missed target in bold, so it stands out in the
   * table; {@code targets.json} keeps the plain value.
   */
  static String cell(String status) {
    return MISSED.equals(status) ? "**" + MISSED + "**" : status;
  }

  /** Met or missed only when measured at the target's size; below it, never met. */
  static String status(boolean atTargetSize, boolean withinThreshold) {
    if (!atTargetSize) {
      return NOT_AT_SIZE
          + (withinThreshold
              ? " (within the threshold at the size measured)"
              : " (outside the threshold even at the size measured)");
    }
    return withinThreshold ? MET : MISSED;
  }

  private static Row notMeasured(String target, String figure, String threshold, String part) {
    return new Row(target, figure, "—", "", threshold, NOT_MEASURED, part + " did not run", "");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> part, String name) {
    return (Map<String, Object>) figures(part).get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> figures(Map<String, Object> part) {
    return (Map<String, Object>) part.getOrDefault("figures", Map.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sizes(Map<String, Object> part) {
    return (Map<String, Object>) part.getOrDefault("sizes", Map.of());
  }

  private static String sizesText(Map<String, Object> part) {
    StringBuilder out = new StringBuilder();
    sizes(part)
        .forEach(
            (k, v) ->
                out.append(out.isEmpty() ? "" : ", ")
                    .append(k)
                    .append(' ')
                    .append(v instanceof Number ? fmt(v) : v));
    return out.toString();
  }

  private static String load(Map<String, Object> part) {
    return first(part.get("loadAtStart")) + " → " + first(part.get("loadAtEnd"));
  }

  private static String first(Object loadavg) {
    return String.valueOf(loadavg).split(" ")[0];
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  static String fmt(Object value) {
    if (!(value instanceof Number n)) {
      return String.valueOf(value);
    }
    double d = n.doubleValue();
    if (Double.isNaN(d)) {
      return "n/a";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? String.format(Locale.ROOT, "%,d", (long) d)
        : String.format(Locale.ROOT, "%,.2f", d);
  }

  /** {@code git …} in the working directory, or {@code unknown} where git is not there. */
  private static String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
