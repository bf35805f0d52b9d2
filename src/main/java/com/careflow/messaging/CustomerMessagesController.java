package com.careflow.messaging;

import com.careflow.analytics.AnalyticsCsv;
import com.careflow.analytics.CsvLabels;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For customer service: what Careflow sent a buyer, or decided not to send (SKIPPED with its reason
 * code), oldest first ({@link CustomerMessages}). No phone numbers; coupon codes only for
 * operations admins. Every read is written to the audit log. {@code GET
 * /api/customers/{id}/messages} answers JSON; its {@code .csv} twin ({@code ?lang=zh-CN|en}
 * optional) the same rows in the API's one CSV format ({@link AnalyticsCsv}: UTF-8 with a
 * byte-order mark, {@code text/csv;charset=UTF-8}, the facts {@code report} and {@code customer}, a
 * blank line, a line per entry), named in the page's language when {@code lang} is given (the skip
 * reason then as the message log page shows it: its name and code). Both take an optional {@code
 * orderId}: only the entries of that order (the order page's messages, #17; the CSV then adds the
 * fact {@code order} and names the file after the order). Errors: 400 with {@code {"error": "…"}}
 * for another {@code lang}.
 */
@RestController
class CustomerMessagesController {

  /** The CSV's columns when the log is empty: the JSON's fields. */
  static final List<String> COLUMNS =
      Arrays.stream(CustomerMessages.MessageView.class.getRecordComponents())
          .map(RecordComponent::getName)
          .toList();

  private final CustomerMessages messages;
  private final ObjectMapper mapper;
  private final MessageSource texts;

  CustomerMessagesController(CustomerMessages messages, ObjectMapper mapper, MessageSource texts) {
    this.messages = messages;
    this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.texts = texts;
  }

  @GetMapping(
      path = "/api/customers/{customerId}/messages",
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<CustomerMessages.MessageView> messages(
      @PathVariable String customerId, @RequestParam(required = false) String orderId) {
    return read(customerId, orderId);
  }

  /** The customer's log as the operator may read it; only the order's entries with an order id. */
  private List<CustomerMessages.MessageView> read(String customerId, String orderId) {
    List<CustomerMessages.MessageView> all = messages.read(customerId);
    return orderId == null || orderId.isBlank()
        ? all
        : all.stream().filter(m -> orderId.equals(m.orderId())).toList();
  }

  @GetMapping(path = "/api/customers/{customerId}/messages.csv")
  ResponseEntity<byte[]> messagesCsv(
      @PathVariable String customerId,
      @RequestParam(required = false) String lang,
      @RequestParam(required = false) String orderId) {
    CsvLabels labels = CsvLabels.of(texts, lang);
    boolean ofOrder = orderId != null && !orderId.isBlank();
    List<Object> rows = new ArrayList<>();
    for (CustomerMessages.MessageView m : read(customerId, orderId)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> row = mapper.convertValue(m, LinkedHashMap.class);
      if (labels.locale() != null && m.skipReason() != null) {
        String name = texts.getMessage("skip." + m.skipReason(), null, null, labels.locale());
        if (name != null) {
          row.put("skipReason", name + " (" + m.skipReason() + ")");
        }
      }
      rows.add(row);
    }
    List<List<String>> facts = new ArrayList<>();
    facts.add(List.of(labels.fact("report"), "customer-messages"));
    facts.add(List.of(labels.fact("customer"), customerId));
    if (ofOrder) {
      facts.add(List.of(labels.fact("order"), orderId));
    }
    String csv = AnalyticsCsv.text(facts, rows, COLUMNS, mapper, labels);
    String file =
        ofOrder
            ? "careflow-order-messages-" + orderId.replaceAll("[^A-Za-z0-9._-]", "_")
            : "careflow-customer-messages-" + customerId.replaceAll("[^A-Za-z0-9._-]", "_");
    return ResponseEntity.ok()
        .contentType(AnalyticsCsv.CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".csv\"")
        .body(csv.getBytes(StandardCharsets.UTF_8));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("error", String.valueOf(e.getMessage())));
  }
}
