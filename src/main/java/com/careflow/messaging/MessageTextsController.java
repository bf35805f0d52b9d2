package com.careflow.messaging;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Message texts for operations (issue #21), JSON under {@code /api/message-texts}: reading needs
 * VIEWER or ADMIN, every change ADMIN (the security module's rules for {@code /api/**}; a browser
 * session sends the CSRF token). Errors are {@code {"error": "...", "problems": [...]}}: 400 for
 * malformed input, 404 for an unknown text or version, 422 for a publication the checks refuse.
 *
 * <ul>
 *   <li>{@code GET /api/message-texts}: every template key with its placeholders, the steps that
 *       send it and its texts per locale;
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

  private final MessageTexts texts;

  MessageTextsController(MessageTexts texts) {
    this.texts = texts;
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
        .body(Map.of("error", e.getMessage(), "problems", e.problems()));
  }

  @ExceptionHandler(MessageTexts.NotFoundException.class)
  ResponseEntity<Map<String, Object>> notFound(MessageTexts.NotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(Map.of("error", e.getMessage(), "problems", List.of()));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(), "problems", List.of()));
  }
}
