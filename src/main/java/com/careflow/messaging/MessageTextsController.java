package com.careflow.messaging;

import com.careflow.analytics.AnalyticsCsv;
import com.careflow.analytics.CsvLabels;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Message texts for operations (issue #21), JSON under {@code /api/message-texts}: reading needs
 * VIEWER or ADMIN, every change ADMIN (the security module's rules for {@code /api/**}; a browser
 * session sends the CSRF token). Errors are {@code {"error": "...", "problems": [...]}}: 400 for
 * malformed input, 404 for an unknown text or version, 422 for a publication the checks refuse,
 * which adds {@code "problemDetails": [{"key": "texts.check.…", "arguments": [...], "text":
 * "..."}]} ({@link MessageTexts.Finding}: the English sentence of {@code problems} with the bundle
 * key and arguments of its reason; a text's checks carry {@code problemDetails} and {@code
 * warningDetails} the same way).
 *
 * <ul>
 *   <li>{@code GET /api/message-texts}: every template key with its placeholders, the steps that
 *       send it and its texts per locale;
 *   <li>{@code GET /api/message-texts.csv} ({@code ?lang=zh-CN|en} optional, #17): the list as the
 *       page shows it, a line per key and locale (a key without texts: one line without locale)
 *       with the columns {@link #LIST_COLUMNS}, in the API's one CSV format ({@link AnalyticsCsv}:
 *       UTF-8 with a byte-order mark, {@code text/csv;charset=UTF-8}, the fact {@code report}, a
 *       blank line, the rows), named in the page's language when {@code lang} is given; 400 for
 *       another {@code lang};
 *   <li>{@code GET /api/message-texts/{key}/versions.csv} ({@code ?lang=} as above, #17): every
 *       version of the key's texts, per locale newest first as {@code GET
 *       /api/message-texts/{key}/{locale}} lists them, with the columns {@link #VERSION_COLUMNS}
 *       and the facts {@code report} and {@code template}; 404 for an unknown key;
 *   <li>{@code GET /api/message-texts/{key}/preview}: the key's published texts and drafts rendered
 *       with sample values, per locale;
 *   <li>{@code GET /api/message-texts/{key}/{locale}}: one text with every version and the checks
 *       of the published text and the draft;
 *   <li>{@code PUT /api/message-texts/{key}/{locale}/draft} {@code {"text": "..."}}: saves the next
 *       version as the draft (sends go on using the published one);
 *   <li>{@code POST /api/message-texts/{key}/{locale}/check} {@code {"text": "..."}}: the checks
 *       and preview of a text, nothing saved;
 *   <li>{@code POST /api/message-texts/{key}/{locale}/publish} {@code {"version": n,
 *       "acceptSegments": false}} (both optional; the draft by default): publishes after the
 *       checks; the next send uses it.
 * </ul>
 */
@RestController
class MessageTextsController {

  /** The list CSV's columns: a key's fields, then its locale's (placeholders space-separated). */
  static final List<String> LIST_COLUMNS =
      List.of(
          "key",
          "placeholders",
          "steps",
          "locale",
          "publishedVersion",
          "draftVersion",
          "updatedAt",
          "publishedText");

  /** The versions CSV's columns: the locale, then {@link MessageTexts.VersionView}'s fields. */
  static final List<String> VERSION_COLUMNS =
      List.of(
          "locale",
          "version",
          "text",
          "source",
          "createdBy",
          "createdAt",
          "publishedBy",
          "publishedAt",
          "published",
          "draft");

  private final MessageTexts texts;
  private final ObjectMapper mapper;
  private final MessageSource labels;

  MessageTextsController(MessageTexts texts, ObjectMapper mapper, MessageSource labels) {
    this.texts = texts;
    this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.labels = labels;
  }

  /** A text sent for a draft or a check. */
  record TextRequest(String text) {}

  /**
   * A publication.
   *
   * @param version the version to publish; the draft when absent
   * @param acceptSegments publish although the text takes more SMS segments than the warning limit
   */
  record PublishRequest(Integer version, Boolean acceptSegments) {}

  @GetMapping(path = "/api/message-texts", produces = MediaType.APPLICATION_JSON_VALUE)
  List<MessageTexts.KeySummary> list() {
    return texts.list();
  }

  @GetMapping(path = "/api/message-texts.csv")
  ResponseEntity<byte[]> listCsv(@RequestParam(required = false) String lang) {
    CsvLabels names = CsvLabels.of(labels, lang);
    List<Object> rows = new ArrayList<>();
    for (MessageTexts.KeySummary k : texts.list()) {
      List<MessageTexts.LocaleSummary> locales =
          k.locales().isEmpty() ? java.util.Collections.singletonList(null) : k.locales();
      for (MessageTexts.LocaleSummary l : locales) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", k.key());
        row.put("placeholders", String.join(" ", k.placeholders()));
        row.put(
            "steps",
            String.join(
                "; ",
                k.steps().stream()
                    .map(s -> names.step(s.processId(), s.elementId(), s.elementName()))
                    .toList()));
        row.put("locale", l == null ? null : l.locale());
        row.put("publishedVersion", l == null ? null : l.publishedVersion());
        row.put("draftVersion", l == null ? null : l.draftVersion());
        row.put("updatedAt", l == null ? null : l.updatedAt());
        row.put("publishedText", l == null ? null : l.publishedText());
        rows.add(row);
      }
    }
    List<List<String>> facts = List.of(List.of(names.fact("report"), "message-texts"));
    return csv(facts, rows, LIST_COLUMNS, names, "careflow-message-texts.csv");
  }

  @GetMapping(path = "/api/message-texts/{key}/versions.csv")
  ResponseEntity<byte[]> versionsCsv(
      @PathVariable String key, @RequestParam(required = false) String lang) {
    CsvLabels names = CsvLabels.of(labels, lang);
    MessageTexts.KeySummary summary =
        texts.list().stream()
            .filter(k -> k.key().equals(key))
            .findFirst()
            .orElseThrow(() -> new MessageTexts.NotFoundException("No message text '" + key + "'"));
    List<Object> rows = new ArrayList<>();
    for (MessageTexts.LocaleSummary l : summary.locales()) {
      for (MessageTexts.VersionView v : texts.detail(key, l.locale()).versions()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = mapper.convertValue(v, LinkedHashMap.class);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("locale", l.locale());
        row.putAll(fields);
        for (String actor : List.of("createdBy", "publishedBy")) {
          if (MessageTexts.SEED_ACTOR.equals(row.get(actor))) {
            row.put(
                actor, names.text("messageTexts.seedActor", List.of(), MessageTexts.SEED_ACTOR));
          }
        }
        rows.add(row);
      }
    }
    List<List<String>> facts =
        List.of(
            List.of(names.fact("report"), "message-text-versions"),
            List.of(names.fact("template"), key));
    return csv(
        facts,
        rows,
        VERSION_COLUMNS,
        names,
        "careflow-message-text-versions-" + key.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv");
  }

  private ResponseEntity<byte[]> csv(
      List<List<String>> facts,
      List<Object> rows,
      List<String> columns,
      CsvLabels names,
      String filename) {
    String csv = AnalyticsCsv.text(facts, rows, columns, mapper, names);
    return ResponseEntity.ok()
        .contentType(AnalyticsCsv.CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
        .body(csv.getBytes(StandardCharsets.UTF_8));
  }

  @GetMapping(
      path = "/api/message-texts/{key}/preview",
      produces = MediaType.APPLICATION_JSON_VALUE)
  MessageTexts.Preview preview(@PathVariable String key) {
    return texts.preview(key);
  }

  @GetMapping(
      path = "/api/message-texts/{key}/{locale}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  MessageTexts.TextDetail detail(@PathVariable String key, @PathVariable String locale) {
    return texts.detail(key, locale);
  }

  @PutMapping(
      path = "/api/message-texts/{key}/{locale}/draft",
      produces = MediaType.APPLICATION_JSON_VALUE)
  MessageTexts.Saved saveDraft(
      @PathVariable String key, @PathVariable String locale, @RequestBody TextRequest request) {
    return texts.saveDraft(key, locale, request == null ? null : request.text());
  }

  @PostMapping(
      path = "/api/message-texts/{key}/{locale}/check",
      produces = MediaType.APPLICATION_JSON_VALUE)
  MessageTexts.Check check(
      @PathVariable String key, @PathVariable String locale, @RequestBody TextRequest request) {
    return texts.check(key, locale, request == null ? null : request.text());
  }

  @PostMapping(
      path = "/api/message-texts/{key}/{locale}/publish",
      produces = MediaType.APPLICATION_JSON_VALUE)
  MessageTexts.Published publish(
      @PathVariable String key,
      @PathVariable String locale,
      @RequestBody(required = false) PublishRequest request) {
    PublishRequest r = request == null ? new PublishRequest(null, false) : request;
    return texts.publish(key, locale, r.version(), Boolean.TRUE.equals(r.acceptSegments()));
  }

  @ExceptionHandler(MessageTexts.RefusedException.class)
  ResponseEntity<Map<String, Object>> refused(MessageTexts.RefusedException e) {
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
        .body(
            Map.of(
                "error", e.getMessage(),
                "problems", e.problems(),
                "problemDetails", e.details()));
  }

  @ExceptionHandler(MessageTexts.NotFoundException.class)
  ResponseEntity<Map<String, Object>> notFound(MessageTexts.NotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("error", e.getMessage(), "problems", List.of()));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_JSON) // also for the .csv routes
        .body(Map.of("error", e.getMessage(), "problems", List.of()));
  }
}
