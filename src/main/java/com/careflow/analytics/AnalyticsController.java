package com.careflow.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The figures of rules R23–R26 as JSON under {@code /api/analytics/…}, and every table as CSV
 * (UTF-8 with a byte-order mark, the same header facts first; machine names, or with {@code
 * lang=zh-CN} / {@code lang=en} the names and definitions in that language, {@link CsvLabels}).
 * Periods are shop days ({@code from}, {@code to}, both inclusive, ISO dates; default: today in the
 * shop's time zone). A bad parameter answers 400 with {@code {"error": <the reason, naming the
 * values accepted>, "parameter": <its name>}}, refused as the dashboard's pages refuse it ({@link
 * ParameterRefused}: the period, the dates, the breakdown and its basis, a table, the language, and
 * through {@link StepParameters} the step's journey, version and step).
 */
@RestController
class AnalyticsController {

  private final AnalyticsReports reports;
  private final AnalyticsRecorder recorder;
  private final AttributionRules rules;
  private final ObjectMapper mapper;
  private final ZoneId shopZone;
  private final java.time.Clock clock;
  private final org.springframework.context.MessageSource texts;
  private final StepParameters steps;

  /**
   * @param steps the Journey page's checks of a step's journey, version and step (the dashboard's);
   *     none: every step answered
   */
  AnalyticsController(
      AnalyticsReports reports,
      AnalyticsRecorder recorder,
      AttributionRules rules,
      ObjectMapper mapper,
      com.careflow.journeys.JourneysProperties journeys,
      java.time.Clock clock,
      org.springframework.context.MessageSource texts,
      org.springframework.beans.factory.ObjectProvider<StepParameters> steps) {
    this.steps = steps.getIfAvailable();
    this.texts = texts;
    this.reports = reports;
    this.recorder = recorder;
    this.rules = rules;
    this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.shopZone = journeys.shopTimeZone();
    this.clock = clock;
  }

  // ---------------------------------------------------------------- JSON

  @GetMapping(path = "/api/analytics/summary", produces = MediaType.APPLICATION_JSON_VALUE)
  AnalyticsReports.Summary summary(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return reports.summary(from(from), to(from, to));
  }

  @GetMapping(path = "/api/analytics/breakdown", produces = MediaType.APPLICATION_JSON_VALUE)
  AnalyticsReports.BreakdownReport breakdown(
      @RequestParam String by,
      @RequestParam(defaultValue = "SEND") String basis,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return reports.breakdown(breakdown(by), basis(basis), from(from), to(from, to));
  }

  private static Breakdown breakdown(String by) {
    try {
      return Breakdown.parse(by);
    } catch (IllegalArgumentException e) {
      throw new ParameterRefused(
          "by", "error.breakdown.unknown", by, List.of(Breakdown.values()).toString());
    }
  }

  private static String basis(String basis) {
    String b = basis.strip().toUpperCase(java.util.Locale.ROOT);
    if (!b.equals(AnalyticsRecorder.SEND) && !b.equals(AnalyticsRecorder.PAY)) {
      throw new ParameterRefused("basis", "error.basis.unknown", basis);
    }
    return b;
  }

  @GetMapping(path = "/api/analytics/trend", produces = MediaType.APPLICATION_JSON_VALUE)
  AnalyticsReports.Trend trend(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return reports.trend(from(from), to(from, to));
  }

  @GetMapping(path = "/api/analytics/decay", produces = MediaType.APPLICATION_JSON_VALUE)
  AnalyticsReports.Decay decay(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return reports.decay(from(from), to(from, to));
  }

  @GetMapping(path = "/api/analytics/members", produces = MediaType.APPLICATION_JSON_VALUE)
  AnalyticsReports.Members members(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return reports.members(from(from), to(from, to));
  }

  @GetMapping(
      path = "/api/analytics/payment-reminders",
      produces = MediaType.APPLICATION_JSON_VALUE)
  AnalyticsReports.PaymentReminders paymentReminders(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return reports.paymentReminders(from(from), to(from, to));
  }

  /** Skipped sends of the period by step, campaign and reason code (nothing skipped silently). */
  @GetMapping(path = "/api/analytics/skips", produces = MediaType.APPLICATION_JSON_VALUE)
  AnalyticsReports.Skips skips(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return reports.skips(from(from), to(from, to));
  }

  /**
   * One send step's detail: figures, trend, decay, templates, skipped by reason, failures by Twilio
   * error code; of one deployed version of the journey ({@code processVersion}: a number, or {@code
   * unknown}), or of all versions together when absent.
   */
  @GetMapping(path = "/api/analytics/step", produces = MediaType.APPLICATION_JSON_VALUE)
  AnalyticsReports.StepDetail step(
      @RequestParam String processId,
      @RequestParam String stepId,
      @RequestParam(required = false) String processVersion,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    if (steps != null) {
      // the journey, version and step the Journey page refuses, refused alike (#16 review)
      steps.check(processId, stepId, processVersion, from(from), to(from, to));
    }
    return reports.step(processId, stepId, processVersion, from(from), to(from, to));
  }

  /** The rule's versions (window, when, why) and the history recomputations. */
  @GetMapping(path = "/api/analytics/rules", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> rules() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("current", rules.current());
    answer.put("versions", rules.all());
    answer.put("recomputations", reports.recomputations());
    return answer;
  }

  record RecomputeRequest(String requestedBy, String reason) {}

  /** The explicit, logged recompute of history under the current rule version (R23). */
  @PostMapping(path = "/api/analytics/recompute", produces = MediaType.APPLICATION_JSON_VALUE)
  AnalyticsRecorder.RecomputeResult recompute(@RequestBody RecomputeRequest request) {
    return recorder.recomputeHistory(request.requestedBy(), request.reason());
  }

  // ---------------------------------------------------------------- CSV

  @GetMapping(path = "/api/analytics/summary.csv")
  ResponseEntity<byte[]> summaryCsv(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String lang) {
    var s = summary(from, to);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("bySendDay", s.bySendDay());
    row.put("buyers", s.buyers());
    row.put("shop", s.shop());
    return csv("summary", s.header(), List.of(row), List.of(), lang); // always one row
  }

  @GetMapping(path = "/api/analytics/breakdown.csv")
  ResponseEntity<byte[]> breakdownCsv(
      @RequestParam String by,
      @RequestParam(defaultValue = "SEND") String basis,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String lang) {
    var b = breakdown(by, basis, from, to);
    List<Object> rows = new ArrayList<>();
    for (var r : b.rows()) {
      Map<String, Object> row = new LinkedHashMap<>(r.dimensions());
      row.put("figures", r.figures());
      if (r.buyers() != null) {
        row.put("buyers", r.buyers());
      }
      if (r.audience() != null) {
        // R19: the campaign's audience, the figure the JSON row carries
        row.put("audience", r.audience());
        row.put("consentSkips", r.consentSkips());
      }
      rows.add(row);
    }
    List<String> empty = new ArrayList<>(Breakdown.parse(b.breakdown()).columns());
    AnalyticsCsv.columns(AnalyticsReports.Figures.class).forEach(c -> empty.add("figures." + c));
    return csv(
        "breakdown-" + b.breakdown().toLowerCase(java.util.Locale.ROOT),
        b.header(),
        rows,
        empty,
        lang);
  }

  @GetMapping(path = "/api/analytics/trend.csv")
  ResponseEntity<byte[]> trendCsv(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String lang) {
    var t = trend(from, to);
    return csv(
        "trend",
        t.header(),
        new ArrayList<>(t.days()),
        AnalyticsCsv.columns(AnalyticsReports.TrendDay.class),
        lang);
  }

  @GetMapping(path = "/api/analytics/decay.csv")
  ResponseEntity<byte[]> decayCsv(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String lang) {
    var d = decay(from, to);
    return csv(
        "decay",
        d.header(),
        new ArrayList<>(d.buckets()),
        AnalyticsCsv.columns(AnalyticsReports.DecayBucket.class),
        lang);
  }

  @GetMapping(path = "/api/analytics/members.csv")
  ResponseEntity<byte[]> membersCsv(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String lang) {
    var m = members(from, to);
    return csv(
        "members",
        m.header(),
        new ArrayList<>(m.rows()),
        AnalyticsCsv.columns(AnalyticsReports.MemberRow.class),
        lang);
  }

  @GetMapping(path = "/api/analytics/payment-reminders.csv")
  ResponseEntity<byte[]> paymentRemindersCsv(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String lang) {
    var p = paymentReminders(from, to);
    Map<String, Object> row = mapper.convertValue(p, LinkedHashMap.class);
    row.remove("header");
    return csv("payment-reminders", p.header(), List.of(row), List.of(), lang); // always one row
  }

  @GetMapping(path = "/api/analytics/skips.csv")
  ResponseEntity<byte[]> skipsCsv(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String lang) {
    var k = skips(from, to);
    return csv(
        "skips",
        k.header(),
        new ArrayList<>(k.rows()),
        AnalyticsCsv.columns(AnalyticsReports.SkipRow.class),
        lang);
  }

  /** Tables of a step's detail, one per CSV. */
  static final List<String> STEP_TABLES =
      List.of("trend", "decay", "templates", "skipped", "failures");

  /** One table of a step's detail ({@code table}: trend, decay, templates, skipped or failures). */
  @GetMapping(path = "/api/analytics/step.csv")
  ResponseEntity<byte[]> stepCsv(
      @RequestParam String processId,
      @RequestParam String stepId,
      @RequestParam(defaultValue = "trend") String table,
      @RequestParam(required = false) String processVersion,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String lang) {
    String t = table.trim().toLowerCase(java.util.Locale.ROOT);
    if (!STEP_TABLES.contains(t)) {
      throw new ParameterRefused("table", "error.table.unknown", table, STEP_TABLES.toString());
    }
    var d = step(processId, stepId, processVersion, from, to);
    List<Object> rows = new ArrayList<>();
    // each row led by the step (journey, version, id and name), then the table's own columns
    List<String> empty =
        new ArrayList<>(List.of("processId", "processVersion", "stepId", "stepName"));
    switch (t) {
      case "trend" -> {
        rows.addAll(d.days());
        empty.addAll(AnalyticsCsv.columns(AnalyticsReports.StepDay.class));
      }
      case "decay" -> {
        rows.addAll(d.decay());
        empty.addAll(AnalyticsCsv.columns(AnalyticsReports.DecayBucket.class));
      }
      case "templates" -> {
        for (var r : d.templates()) {
          Map<String, Object> row = new LinkedHashMap<>(r.dimensions());
          row.put("figures", r.figures());
          rows.add(row);
        }
        empty.addAll(Breakdown.TEMPLATE.columns());
        AnalyticsCsv.columns(AnalyticsReports.Figures.class)
            .forEach(c -> empty.add("figures." + c));
      }
      case "skipped" -> {
        rows.addAll(d.skippedByReason());
        empty.addAll(AnalyticsCsv.columns(AnalyticsReports.ReasonCount.class));
      }
      default -> {
        rows.addAll(d.failuresByErrorCode());
        empty.addAll(AnalyticsCsv.columns(AnalyticsReports.ErrorCount.class));
      }
    }
    CsvLabels labels = CsvLabels.of(texts, lang);
    Object version =
        d.version().all()
            ? labels.locale() == null
                ? "all"
                : texts.getMessage("csv.cell.allVersions", null, "all", labels.locale())
            : d.version().number();
    List<Object> withStep = new ArrayList<>();
    for (Object r : rows) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("processId", d.processId());
      row.put("processVersion", version);
      row.put("stepId", d.stepId());
      // the step's name, written as the Journey page names it in the language (CsvLabels)
      row.put("stepName", d.stepName());
      row.putAll(mapper.convertValue(r, LinkedHashMap.class));
      withStep.add(row);
    }
    return csv("step-" + t, d.header(), withStep, empty, lang);
  }

  /** Tables of the rules' answer, one per CSV. */
  static final List<String> RULE_TABLES = List.of("versions", "recomputations");

  /**
   * One table of {@link #rules()} ({@code table}: {@code versions}, the default, or {@code
   * recomputations}) in the API's CSV format: BOM, the header facts (report {@code rules-<table>},
   * time zone, the current rule's window and version, as of; no period, since the rules are not
   * figures of one), a blank line, the table. Versions, oldest first: {@code ruleVersion}, {@code
   * attributionWindow} (ISO-8601, e.g. {@code PT72H}), {@code inForceFrom} (UTC), {@code ruleNote},
   * {@code currentRule}; recomputations, newest first: {@code recomputationId}, {@code
   * requestedBy}, {@code reason}, {@code ruleVersion}, {@code startedAt}, {@code finishedAt} (UTC),
   * {@code ordersSeen}, {@code ordersChanged}.
   */
  @GetMapping(path = "/api/analytics/rules.csv")
  ResponseEntity<byte[]> rulesCsv(
      @RequestParam(defaultValue = "versions") String table,
      @RequestParam(required = false) String lang) {
    String t = table.trim().toLowerCase(java.util.Locale.ROOT);
    if (!RULE_TABLES.contains(t)) {
      throw new ParameterRefused("table", "error.table.unknown", table, RULE_TABLES.toString());
    }
    CsvLabels labels = CsvLabels.of(texts, lang);
    var current = rules.current();
    List<Object> rows = new ArrayList<>();
    List<String> empty;
    if (t.equals("versions")) {
      for (var rule : rules.all()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ruleVersion", rule.version());
        row.put("attributionWindow", rule.window().toString());
        row.put("inForceFrom", rule.createdAt());
        row.put("ruleNote", rule.note());
        row.put("currentRule", rule.version() == current.version());
        rows.add(row);
      }
      empty = List.of("ruleVersion", "attributionWindow", "inForceFrom", "ruleNote", "currentRule");
    } else {
      for (Map<String, Object> r : reports.recomputations()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("recomputationId", r.get("id"));
        row.put("requestedBy", r.get("requested_by"));
        row.put("reason", r.get("reason"));
        row.put("ruleVersion", r.get("rule_version"));
        row.put("startedAt", r.get("started_at"));
        row.put("finishedAt", r.get("finished_at"));
        row.put("ordersSeen", r.get("orders_seen"));
        row.put("ordersChanged", r.get("orders_changed"));
        rows.add(row);
      }
      empty =
          List.of(
              "recomputationId",
              "requestedBy",
              "reason",
              "ruleVersion",
              "startedAt",
              "finishedAt",
              "ordersSeen",
              "ordersChanged");
    }
    List<List<String>> facts = new ArrayList<>();
    facts.add(List.of(labels.fact("report"), "rules-" + t));
    facts.add(List.of(labels.fact("timeZone"), shopZone.getId()));
    facts.add(List.of(labels.fact("attributionWindow"), current.window().toString()));
    facts.add(List.of(labels.fact("ruleVersion"), String.valueOf(current.version())));
    facts.add(List.of(labels.fact("asOf"), clock.instant().toString()));
    return ResponseEntity.ok()
        .contentType(AnalyticsCsv.CSV)
        .header(
            org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"careflow-rules-" + t + ".csv\"")
        .body(
            AnalyticsCsv.text(facts, rows, empty, mapper, labels)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A CSV answer in the API's one format ({@link AnalyticsCsv}). */
  private ResponseEntity<byte[]> csv(
      String name,
      AnalyticsReports.Header header,
      List<Object> rows,
      List<String> emptyColumns,
      String lang) {
    CsvLabels labels = CsvLabels.of(texts, lang);
    Map<String, String> definitions =
        labels.locale() == null
            ? header.definitions()
            : reports.definitions(header, labels.locale());
    return AnalyticsCsv.response(name, header, definitions, rows, emptyColumns, mapper, labels);
  }

  // ---------------------------------------------------------------- period

  private LocalDate from(LocalDate from) {
    return from != null ? from : LocalDate.now(clock.withZone(shopZone));
  }

  private LocalDate to(LocalDate from, LocalDate to) {
    return to != null ? to : from(from);
  }

  /**
   * A refused parameter: {@code {"error": <reason>, "parameter": <name>}}; another refusal of a
   * report (its reason in English): {@code {"error": <reason>}}.
   */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", String.valueOf(e.getMessage()));
    if (e instanceof ParameterRefused refused && refused.parameter() != null) {
      body.put("parameter", refused.parameter());
    }
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }

  /** A date that is no date, a number that is no number: named as the pages name it. */
  @ExceptionHandler(
      org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, String>> badValue(
      org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e) {
    String key =
        e.getRequiredType() == LocalDate.class
            ? "error.parameter.date"
            : e.getRequiredType() == Integer.class || e.getRequiredType() == int.class
                ? "error.parameter.number"
                : "error.parameter.value";
    return badRequest(
        new ParameterRefused(e.getName(), key, e.getName(), String.valueOf(e.getValue())));
  }

  /** A required parameter not given. */
  @ExceptionHandler(org.springframework.web.bind.MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, String>> missing(
      org.springframework.web.bind.MissingServletRequestParameterException e) {
    return badRequest(
        new ParameterRefused(
            e.getParameterName(), "error.parameter.missing", e.getParameterName()));
  }
}
