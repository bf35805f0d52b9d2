package com.careflow.experiments;

import com.careflow.analytics.AnalyticsCsv;
import com.careflow.analytics.CsvLabels;
import com.careflow.journeys.JourneysProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
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
 * the definitions, a blank line, then the table; {@code lang=zh-CN} / {@code lang=en} names them in
 * that language, as the dashboard's download does, {@link CsvLabels}). Dates are ISO shop days;
 * without them, today in the shop's zone. Errors: 400 with {@code {"error": "…"}}.
 */
@RestController
class ExperimentController {

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final ExperimentReports reports;
  private final JourneysProperties journeys;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final MessageSource texts;

  ExperimentController(
      ExperimentReports reports,
      JourneysProperties journeys,
      Clock clock,
      ObjectMapper mapper,
      MessageSource texts) {
    this.texts = texts;
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
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String lang) {
    CsvLabels labels = CsvLabels.of(texts, lang);
    ExperimentReports.Report r = experiments(from, to);
    return ResponseEntity.ok()
        .contentType(CSV)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"careflow-experiments-" + r.from() + "-" + r.to() + ".csv\"")
        .body(csv(r, mapper, labels).getBytes(StandardCharsets.UTF_8));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  /**
   * The experiments' CSV in the API's one format ({@link AnalyticsCsv}): the report's facts
   * (period, zone, window, currency, confidence), the definitions and each holdout's status, then a
   * line per experiment and variant with its lift flattened ({@code lift.absoluteLift}, {@code
   * lift.absoluteInterval.low}, …); names as {@code labels} gives them (machine names, or a page's
   * language).
   */
  static String csv(ExperimentReports.Report r, ObjectMapper mapper, CsvLabels labels) {
    List<List<String>> facts = new ArrayList<>();
    facts.add(List.of(labels.fact("report"), "experiments"));
    facts.add(List.of(labels.fact("from"), r.from().toString()));
    facts.add(List.of(labels.fact("to"), r.to().toString()));
    facts.add(List.of(labels.fact("timeZone"), r.timeZone()));
    facts.add(List.of(labels.fact("attributionWindow"), r.attributionWindow()));
    facts.add(List.of(labels.fact("currency"), r.currency()));
    facts.add(List.of(labels.fact("confidence"), String.valueOf(r.confidence())));
    facts.addAll(AnalyticsCsv.definitions(r.definitions(), labels));
    for (ExperimentProperties.HoldoutStatus h : r.holdouts()) {
      String prefix =
          labels.locale() == null
              ? "holdout." + h.experimentId() + "."
              : labels.fact("holdout") + " · " + h.experimentId() + " · ";
      facts.add(
          List.of(
              prefix + labels.fact("configuredPercent"), String.valueOf(h.configuredPercent())));
      facts.add(
          List.of(prefix + labels.fact("effectivePercent"), String.valueOf(h.effectivePercent())));
      facts.add(
          List.of(
              prefix + labels.fact("reason"),
              h.reason() == null
                  ? ""
                  : labels.text(h.reasonKey(), h.reasonArguments(), h.reason())));
    }
    return AnalyticsCsv.text(
        facts, r.rows(), List.of("experimentId", "stepId", "variant"), mapper, labels);
  }
}
