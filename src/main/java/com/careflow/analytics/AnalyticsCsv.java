package com.careflow.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The API's CSV, one format for every report that states an {@link AnalyticsReports.Header}: UTF-8
 * with a byte-order mark (so spreadsheet programs read Chinese names), the header facts as {@code
 * name,value} lines ({@code report}, {@code from}, {@code to}, {@code timeZone}, {@code
 * attributionWindow}, {@code ruleVersion}, {@code ruleVersionsInPeriod}, {@code currency}, {@code
 * asOf}, then {@code definition.<name>}), a blank line, then the table: one line per row, nested
 * fields flattened with dots, the columns in first-seen order, CRLF line ends, RFC 4180 quoting.
 * Used by the analytics API and by other modules' reports of a period (campaigns' test runs). The
 * names are the machine names above, or a language's ({@link CsvLabels}, a download from the
 * dashboard's pages), which also writes coded cells (buyer kinds, skip reasons, the empty campaign
 * of the journeys outside campaigns, occasions, segments and steps by the pages' names, the code of
 * an occasion or segment kept in a column of its own) and the definitions in that language ({@link
 * CsvLabels#cell}, {@link CsvLabels#definition}).
 */
public final class AnalyticsCsv {

  /** {@code text/csv;charset=UTF-8}. */
  public static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private AnalyticsCsv() {}

  /**
   * The CSV answer with the machine names, as a download named {@code
   * careflow-<name>-<from>-<to>.csv}.
   *
   * @param name the report's name, its first header line ({@code report,<name>})
   * @param rows records or maps, turned into columns by {@code mapper} (dates as ISO text when the
   *     mapper writes them so)
   */
  public static ResponseEntity<byte[]> response(
      String name,
      AnalyticsReports.Header header,
      List<?> rows,
      List<String> emptyColumns,
      ObjectMapper mapper) {
    return response(
        name, header, header.definitions(), rows, emptyColumns, mapper, CsvLabels.of(null, null));
  }

  /**
   * The CSV answer with the names {@code labels} gives, as a download named {@code
   * careflow-<name>-<from>-<to>.csv}.
   *
   * @param definitions the definitions to state, in the labels' language
   * @param emptyColumns the columns (machine names) to write when there is no row: a table keeps
   *     its header row when empty (e.g. {@link #columns(Class)} of the row's record)
   */
  public static ResponseEntity<byte[]> response(
      String name,
      AnalyticsReports.Header header,
      Map<String, String> definitions,
      List<?> rows,
      List<String> emptyColumns,
      ObjectMapper mapper,
      CsvLabels labels) {
    return ResponseEntity.ok()
        .contentType(CSV)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"careflow-"
                + name
                + "-"
                + header.from()
                + "-"
                + header.to()
                + ".csv\"")
        .body(
            text(name, header, definitions, rows, emptyColumns, mapper, labels)
                .getBytes(StandardCharsets.UTF_8));
  }

  /** The CSV's text with the machine names, starting with the byte-order mark. */
  public static String text(
      String name,
      AnalyticsReports.Header header,
      List<?> rows,
      List<String> emptyColumns,
      ObjectMapper mapper) {
    return text(
        name, header, header.definitions(), rows, emptyColumns, mapper, CsvLabels.of(null, null));
  }

  /** The CSV's text with the names {@code labels} gives, starting with the byte-order mark. */
  public static String text(
      String name,
      AnalyticsReports.Header header,
      Map<String, String> definitions,
      List<?> rows,
      List<String> emptyColumns,
      ObjectMapper mapper,
      CsvLabels labels) {
    List<List<String>> facts = new ArrayList<>();
    facts.add(List.of(labels.fact("report"), name));
    facts.add(List.of(labels.fact("from"), header.from().toString()));
    facts.add(List.of(labels.fact("to"), header.to().toString()));
    facts.add(List.of(labels.fact("timeZone"), header.timeZone()));
    facts.add(List.of(labels.fact("attributionWindow"), header.attributionWindow()));
    facts.add(List.of(labels.fact("ruleVersion"), String.valueOf(header.ruleVersion())));
    facts.add(
        List.of(labels.fact("ruleVersionsInPeriod"), labels.list(header.ruleVersionsInPeriod())));
    facts.add(List.of(labels.fact("currency"), header.currency()));
    facts.add(List.of(labels.fact("asOf"), header.asOf().toString()));
    facts.addAll(definitions(definitions, labels));
    return text(facts, rows, emptyColumns, mapper, labels);
  }

  /** The definitions as header facts: {@code definition.<name>}, or named in the language. */
  public static List<List<String>> definitions(Map<String, String> definitions, CsvLabels labels) {
    List<List<String>> facts = new ArrayList<>();
    definitions.forEach(
        (k, v) ->
            facts.add(
                List.of(
                    labels.locale() == null
                        ? "definition." + k
                        : labels.fact("definition") + " · " + labels.column(k),
                    labels.definition(k, v))));
    return facts;
  }

  /**
   * The CSV's text, starting with the byte-order mark: the header facts as {@code name,value} lines
   * (named by the caller, e.g. with {@link CsvLabels#fact}), a blank line, then the table of {@code
   * rows} with its columns named by {@code labels}; for a report of its own shape (the experiments'
   * lift).
   *
   * @param emptyColumns the columns (machine names) to write when there is no row
   */
  public static String text(
      List<List<String>> facts,
      List<?> rows,
      List<String> emptyColumns,
      ObjectMapper mapper,
      CsvLabels labels) {
    StringBuilder out = new StringBuilder("\uFEFF");
    facts.forEach(f -> line(out, f));
    out.append("\r\n");
    List<Map<String, String>> flat = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    for (Object row : rows) {
      Map<String, String> f = new LinkedHashMap<>();
      flatten("", mapper.convertValue(row, Object.class), f);
      f.keySet().stream().filter(k -> !columns.contains(k)).forEach(columns::add);
      flat.add(f);
    }
    if (columns.isEmpty()) {
      columns.addAll(emptyColumns);
    }
    // in a language, a named code (occasion, segment) keeps its code in a column beside it
    for (int i = columns.size() - 1; i >= 0; i--) {
      if (labels.keepsCode(columns.get(i))) {
        columns.add(i + 1, CsvLabels.codeColumn(columns.get(i)));
      }
    }
    line(out, columns.stream().map(labels::column).toList());
    for (Map<String, String> f : flat) {
      line(out, columns.stream().map(c -> labels.cell(c, f.getOrDefault(c, ""), f)).toList());
    }
    return out.toString();
  }

  /**
   * The columns (machine names) a row of this record type is written with, for the header row of an
   * empty table: its components in order, a nested record's as {@code name.component} (as {@link
   * #flatten} names them), an {@code @JsonUnwrapped} one's without the prefix; a map's entries are
   * not known without a row, so a map component is left out.
   *
   * @throws IllegalArgumentException when {@code type} is not a record
   */
  public static List<String> columns(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    List<String> out = new ArrayList<>();
    columns("", type, out);
    return List.copyOf(out);
  }

  private static void columns(String prefix, Class<?> type, List<String> out) {
    for (var c : type.getRecordComponents()) {
      // the annotation sits on the accessor (its targets include no record component)
      boolean unwrapped =
          c.getAccessor().isAnnotationPresent(com.fasterxml.jackson.annotation.JsonUnwrapped.class);
      String name = unwrapped ? prefix : prefix + c.getName();
      if (c.getType().isRecord()) {
        columns(unwrapped ? prefix : name + ".", c.getType(), out);
      } else if (!Map.class.isAssignableFrom(c.getType())) {
        out.add(name);
      }
    }
  }

  /**
   * Puts a row's cells into {@code out}: a map's entries under {@code prefix.key} (nested maps
   * flattened with dots), a list as its text, a number as plain text, null as "".
   */
  public static void flatten(String prefix, Object value, Map<String, String> out) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, out));
    } else if (value instanceof List<?> list) {
      out.put(prefix, list.toString());
    } else {
      out.put(
          prefix,
          value == null
              ? ""
              : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
    }
  }

  /** One CSV line: the cells joined by commas, quoted where needed (RFC 4180), then CRLF. */
  public static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String c = cells.get(i);
      if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
        out.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        out.append(c);
      }
    }
    out.append("\r\n");
  }
}
