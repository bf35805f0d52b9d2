package com.careflow.experiments;

import com.careflow.analytics.AnalyticsCsv;
import com.careflow.journeys.JourneysProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/analytics/experiments?from=&to=}: every experiment's lift per variant (JSON), and
 * its {@code .csv} twin (UTF-8 with a byte-order mark, header facts as {@code name,value} lines,
 * the definitions, a blank line, then the table). Dates are ISO shop days; without them, today in
 * the shop's zone. Errors: 400 with {@code {"error": "…"}}.
 */
@RestController
class ExperimentController {

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final ExperimentReports reports;
  private final JourneysProperties journeys;
  private final Clock clock;
  private final ObjectMapper mapper;

  ExperimentController(
      ExperimentReports reports, JourneysProperties journeys, Clock clock, ObjectMapper mapper) {
    this.reports = reports;
    this.journeys = journeys;
    this.clock = clock;
    this.mapper = mapper;
  }

  @GetMapping("/api/analytics/experiments")
  ExperimentReports.Report experiments(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    LocalDate today = LocalDate.now(clock.withZone(journeys.shopTimeZone()));
    return reports.report(from == null ? today : from, to == null ? today : to);
  }

  @GetMapping("/api/analytics/experiments.csv")
  ResponseEntity<byte[]> experimentsCsv(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    ExperimentReports.Report r = experiments(from, to);
    return ResponseEntity.ok()
        .contentType(CSV)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"careflow-experiments-" + r.from() + "-" + r.to() + ".csv\"")
        .body(csv(r, mapper).getBytes(StandardCharsets.UTF_8));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  static String csv(ExperimentReports.Report r, ObjectMapper mapper) {
    StringBuilder out = new StringBuilder("\uFEFF");
    AnalyticsCsv.line(out, List.of("report", "experiments"));
    AnalyticsCsv.line(out, List.of("from", r.from().toString()));
    AnalyticsCsv.line(out, List.of("to", r.to().toString()));
    AnalyticsCsv.line(out, List.of("timeZone", r.timeZone()));
    AnalyticsCsv.line(out, List.of("attributionWindow", r.attributionWindow()));
    AnalyticsCsv.line(out, List.of("currency", r.currency()));
    AnalyticsCsv.line(out, List.of("confidence", String.valueOf(r.confidence())));
    r.definitions().forEach((k, v) -> AnalyticsCsv.line(out, List.of("definition." + k, v)));
    for (ExperimentProperties.HoldoutStatus h : r.holdouts()) {
      String prefix = "holdout." + h.experimentId() + ".";
      AnalyticsCsv.line(
          out, List.of(prefix + "configuredPercent", String.valueOf(h.configuredPercent())));
      AnalyticsCsv.line(
          out, List.of(prefix + "effectivePercent", String.valueOf(h.effectivePercent())));
      AnalyticsCsv.line(out, List.of(prefix + "reason", h.reason() == null ? "" : h.reason()));
    }
    out.append("\r\n");
    List<String> columns = new ArrayList<>();
    List<Map<String, String>> flat = new ArrayList<>();
    for (ExperimentReports.Row row : r.rows()) {
      Map<String, String> f = new LinkedHashMap<>();
      AnalyticsCsv.flatten("", mapper.convertValue(row, Object.class), f);
      f.keySet().stream().filter(k -> !columns.contains(k)).forEach(columns::add);
      flat.add(f);
    }
    if (columns.isEmpty()) {
      columns.addAll(List.of("experimentId", "variant"));
    }
    AnalyticsCsv.line(out, columns);
    for (Map<String, String> f : flat) {
      AnalyticsCsv.line(out, columns.stream().map(c -> f.getOrDefault(c, "")).toList());
    }
    return out.toString();
  }
}
