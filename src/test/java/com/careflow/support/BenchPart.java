package com.careflow.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One part of the benchmark run of issue #19 (a {@code *Benchmark} class): when it ran, the
 * machine's load at its start and end, the sizes it ran at and its figures, written to {@code
 * target/bench/parts/<name>.json} for {@code Issue19TargetsBenchmark}, which assembles the targets
 * table from the parts of one run.
 *
 * <p>The run is named by the system property {@code bench.runId} ({@code -Pbench} sets it to
 * Maven's build timestamp, the same for every part of one {@code ./mvnw} command); a part run
 * outside the profile is {@code standalone}. The load is the first three fields of {@code
 * /proc/loadavg} (1, 5 and 15-minute averages), {@code unknown} where that file does not exist.
 */
public final class BenchPart {

  /** Where the parts' JSON files go. */
  public static final Path DIR = Path.of("target/bench/parts");

  private final String name;
  private final Instant startedAt;
  private final String loadAtStart;

  private BenchPart(String name) {
    this.name = name;
    this.startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    this.loadAtStart = loadAverage();
  }

  /** Starts timing a part; call at the beginning of the benchmark's test method. */
  public static BenchPart start(String name) {
    return new BenchPart(name);
  }

  /**
   * Writes the part's file.
   *
   * @param sizes what the part ran at (counts, limits), as the report prints them
   * @param figures the part's figures (rates, counts, seconds; keys as the report reads them)
   */
  public void finish(Map<String, ?> sizes, Map<String, ?> figures) throws IOException {
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("part", name);
    part.put("runId", runId());
    part.put("startedAt", startedAt.toString());
    part.put("endedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    part.put("loadAtStart", loadAtStart);
    part.put("loadAtEnd", loadAverage());
    part.put("sizes", sizes);
    part.put("figures", figures);
    Files.createDirectories(DIR);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(DIR.resolve(name + ".json").toFile(), part);
  }

  /** The run this part belongs to: {@code bench.runId}, else {@code standalone}. */
  public static String runId() {
    return System.getProperty("bench.runId", "standalone");
  }

  /**
   * The 1, 5 and 15-minute load averages from {@code /proc/loadavg}, e.g. {@code 3.29 1.16 0.43}.
   */
  public static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
