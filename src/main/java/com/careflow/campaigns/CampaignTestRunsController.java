package com.careflow.campaigns;

import com.careflow.analytics.AnalyticsCsv;
import com.careflow.analytics.CsvLabels;
import com.careflow.journeys.JourneysProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/campaigns/test-runs?from=&to=}: the campaign test runs opened on those shop days
 * ({@link CampaignTestRuns.Report}: the header facts, then per run when, mode, its counts per
 * outcome and the cost recorded for its sends), and its {@code .csv} twin in the API's one CSV
 * format ({@link AnalyticsCsv}: UTF-8 with a byte-order mark, the same header facts first; with
 * {@code lang=zh-CN} / {@code lang=en} the names in that language, {@link CsvLabels}). Dates are
 * ISO shop days, both inclusive; without them, the last 30 shop days up to today (the shop's time
 * zone). Behind the operator login like every {@code /api/**} GET (VIEWER or ADMIN). Errors: 400
 * with {@code {"error": "…"}}.
 */
@RestController
class CampaignTestRunsController {

  /** Shop days the report covers when no period is given: "recent" test runs. */
  static final int DEFAULT_DAYS = 30;

  private final CampaignTestRuns testRuns;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final ZoneId shopZone;
  private final MessageSource texts;

  CampaignTestRunsController(
      CampaignTestRuns testRuns,
      ObjectMapper mapper,
      Clock clock,
      JourneysProperties journeys,
      MessageSource texts) {
    this.testRuns = testRuns;
    this.texts = texts;
    this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.clock = clock;
    this.shopZone = journeys.shopTimeZone();
  }

  @GetMapping(path = "/api/campaigns/test-runs", produces = MediaType.APPLICATION_JSON_VALUE)
  CampaignTestRuns.Report testRuns(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    LocalDate end =
        to != null
            ? to
            : from != null
                ? from.plusDays(DEFAULT_DAYS - 1)
                : LocalDate.now(clock.withZone(shopZone));
    return testRuns.report(from != null ? from : end.minusDays(DEFAULT_DAYS - 1), end);
  }

  @GetMapping(path = "/api/campaigns/test-runs.csv")
  ResponseEntity<byte[]> testRunsCsv(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String lang) {
    CsvLabels labels = CsvLabels.of(texts, lang);
    CampaignTestRuns.Report r = testRuns(from, to);
    return AnalyticsCsv.response(
        "campaign-test-runs",
        r.header(),
        r.header().definitions(),
        r.rows(),
        AnalyticsCsv.columns(CampaignTestRuns.Row.class),
        mapper,
        labels);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("error", String.valueOf(e.getMessage())));
  }
}
