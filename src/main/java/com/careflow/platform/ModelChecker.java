package com.careflow.platform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks DMN and BPMN models before the engine sees them and names the place of each problem the
 * way an operations manager finds it in Modeler: "table occasion-calendar, rule 7, column 'Leave
 * out large buyers?': empty".
 *
 * <p>Checked, with the FEEL parser Zeebe itself uses (feel-scala):
 *
 * <ul>
 *   <li>decision tables: an output cell with no text (an empty input cell matches any value, as
 *       {@code -} does), a cell or input expression that is not valid FEEL, a rule with fewer cells
 *       than the table has columns, a value a Careflow worker does not know in a column whose
 *       values are fixed (e.g. audience, segments, coupon kind), and two rules that match the same
 *       input under hit policy UNIQUE (detected when every column's entries are literals,
 *       comparisons, ranges or lists that overlap; a column with any other expression counts as not
 *       overlapping);
 *   <li>BPMN: every {@code =} expression (input and output mappings, conditions, timers, called
 *       decision ids …) must be valid FEEL, and a static called decision id must be one Careflow
 *       knows.
 * </ul>
 */
final class ModelChecker {

  /**
   * One problem.
   *
   * @param file the model file (e.g. {@code occasion-calendar.dmn})
   * @param where the table, rule and column, or the process and element
   * @param message what is wrong, and what to write instead where that is clear
   */
  public record Problem(String file, String where, String message) {
    @Override
    public String toString() {
      return file + ": " + where + ": " + message;
    }
  }

  /**
   * Columns whose values are fixed: a column's output name, or an input column's expression, to the
   * values Careflow's workers and journeys accept (segments: {@code customer-segment} table and
   * campaign audience; occasions: discount table callers; coupon kind: {@code
   * com.careflow.coupons.Coupon.Kind} and NONE; audience: {@code com.careflow.campaigns.Occasion};
   * sale: {@code com.careflow.campaigns.SaleWindows}).
   */
  static final Map<String, Set<String>> FIXED_VALUES =
      Map.of(
          "segment", Set.of("NEW", "A_LOYAL", "B_ACTIVE", "C_SLEEPING", "D_LOST"),
          "segments", Set.of("NEW", "A_LOYAL", "B_ACTIVE", "C_SLEEPING", "D_LOST"),
          "occasion",
              Set.of(
                  "PAYMENT_REMINDER",
                  "CART_RECOVERY",
                  "OUT_OF_STOCK",
                  "SERVICE_RECOVERY",
                  "HOLIDAY",
                  "WIN_BACK"),
          "couponKind", Set.of("FIXED", "PERCENT", "NONE"),
          "audience", Set.of("ALL", "BIRTHDAY"),
          "sale", Set.of("DOUBLE_11", "SALE_618"));

  private static final Set<String> FEEL_TEXT_ELEMENTS =
      Set.of(
          "conditionExpression",
          "timeDuration",
          "timeDate",
          "timeCycle",
          "completionCondition",
          "loopCardinality");
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final FeelEngineApi feel = FeelEngineBuilder.forJava().build();

  /**
   * Checks one file.
   *
   * @param fileName its name; {@code .dmn} and {@code .bpmn} are checked, other files pass
   * @param content its bytes
   * @param knownDecisions decision ids a business rule task may call (those shipped and deployed)
   */
  public List<Problem> check(String fileName, byte[] content, Collection<String> knownDecisions) {
    if (!fileName.endsWith(".dmn") && !fileName.endsWith(".bpmn")) {
      return List.of();
    }
    Element root;
    try {
      root = ModelFile.parseXml(fileName, content);
    } catch (IllegalArgumentException e) {
      return List.of(new Problem(fileName, "the file", e.getMessage()));
    }
    List<Problem> problems = new ArrayList<>();
    if (fileName.endsWith(".dmn")) {
      for (Element decision : descendants(root, "decision")) {
        for (Element table : children(decision, "decisionTable")) {
          checkTable(fileName, decision.getAttribute("id"), table, problems);
        }
      }
    } else {
      checkBpmn(fileName, root, knownDecisions, problems);
    }
    return problems;
  }

  // ------------------------------------------------------------------ DMN

  private record Column(String label, boolean input, String key) {}

  private void checkTable(String file, String decisionId, Element table, List<Problem> problems) {
    String tableName = "table " + decisionId;
    List<Column> columns = new ArrayList<>();
    for (Element in : children(table, "input")) {
      String expression =
          children(in, "inputExpression").stream()
              .flatMap(e -> children(e, "text").stream())
              .map(t -> t.getTextContent().trim())
              .findFirst()
              .orElse("");
      String label = label(in, expression);
      if (expression.isEmpty()) {
        problems.add(
            new Problem(file, tableName + ", column '" + label + "'", "no input expression"));
      } else {
        feelError(feel.parseExpression(expression))
            .ifPresent(
                m ->
                    problems.add(
                        new Problem(
                            file,
                            tableName + ", column '" + label + "' (input expression)",
                            "not valid FEEL: " + m)));
      }
      columns.add(new Column(label, true, expression));
    }
    for (Element out : children(table, "output")) {
      columns.add(
          new Column(label(out, out.getAttribute("name")), false, out.getAttribute("name")));
    }
    List<List<String>> rules = new ArrayList<>();
    int ruleNumber = 0;
    for (Element rule : children(table, "rule")) {
      ruleNumber++;
      List<String> cells = new ArrayList<>();
      children(rule, "inputEntry").forEach(e -> cells.add(text(e)));
      int inputCells = cells.size();
      children(rule, "outputEntry").forEach(e -> cells.add(text(e)));
      rules.add(cells);
      long inputs = columns.stream().filter(Column::input).count();
      if (inputCells != inputs || cells.size() != columns.size()) {
        problems.add(
            new Problem(
                file,
                tableName + ", rule " + ruleNumber,
                "has "
                    + inputCells
                    + " input and "
                    + (cells.size() - inputCells)
                    + " output cells, the table has "
                    + inputs
                    + " and "
                    + (columns.size() - inputs)
                    + " columns"));
        continue;
      }
      for (int c = 0; c < columns.size(); c++) {
        Column column = columns.get(c);
        String where = tableName + ", rule " + ruleNumber + ", column '" + column.label() + "'";
        String cell = cells.get(c);
        if (cell.isEmpty()) {
          // an empty input entry matches any value (Modeler shows it as -, the engine reads it so);
          // an empty output entry is refused by the engine with a FEEL error naming no cell
          if (!column.input()) {
            problems.add(new Problem(file, where, "empty (a value is needed)"));
          }
          continue;
        }
        Optional<String> error =
            feelError(column.input() ? feel.parseUnaryTests(cell) : feel.parseExpression(cell));
        if (error.isPresent()) {
          problems.add(
              new Problem(file, where, "not valid FEEL: " + cell + " (" + error.get() + ")"));
          continue;
        }
        Set<String> allowed = FIXED_VALUES.get(column.key());
        if (allowed != null) {
          for (String value : stringLiterals(cell)) {
            if (!allowed.contains(value)) {
              problems.add(
                  new Problem(
                      file,
                      where,
                      "unknown value \""
                          + value
                          + "\" (one of "
                          + String.join(", ", sorted(allowed))
                          + ")"));
            }
          }
        }
      }
    }
    if ("UNIQUE".equals(table.getAttribute("hitPolicy"))
        || table.getAttribute("hitPolicy").isEmpty()) {
      int inputs = (int) columns.stream().filter(Column::input).count();
      for (int a = 0; a < rules.size(); a++) {
        for (int b = a + 1; b < rules.size(); b++) {
          if (rules.get(a).size() == columns.size()
              && rules.get(b).size() == columns.size()
              && overlap(rules.get(a).subList(0, inputs), rules.get(b).subList(0, inputs))) {
            problems.add(
                new Problem(
                    file,
                    tableName + ", rules " + (a + 1) + " and " + (b + 1),
                    "both match the same input; hit policy UNIQUE allows only one (make their"
                        + " conditions exclusive or change the hit policy)"));
          }
        }
      }
    }
  }

  private static boolean overlap(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!cellsOverlap(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether two input entries can match one value; false when that cannot be told. */
  static boolean cellsOverlap(String x, String y) {
    x = x.trim();
    y = y.trim();
    if (x.isEmpty() || y.isEmpty() || x.equals("-") || y.equals("-") || x.equals(y)) {
      return true;
    }
    Optional<StringSet> sx = StringSet.of(x);
    Optional<StringSet> sy = StringSet.of(y);
    if (sx.isPresent() && sy.isPresent()) {
      return sx.get().overlaps(sy.get());
    }
    Optional<Interval> ix = Interval.of(x);
    Optional<Interval> iy = Interval.of(y);
    if (ix.isPresent() && iy.isPresent()) {
      return ix.get().overlaps(iy.get());
    }
    return false;
  }

  /** A list of string literals, or {@code not(...)} of one. */
  private record StringSet(Set<String> values, boolean negated) {
    static Optional<StringSet> of(String cell) {
      boolean negated = false;
      String body = cell;
      if (body.startsWith("not(") && body.endsWith(")")) {
        negated = true;
        body = body.substring(4, body.length() - 1);
      }
      Set<String> values = new LinkedHashSet<>();
      Matcher m = STRING.matcher(body);
      int last = 0;
      while (m.find()) {
        if (!body.substring(last, m.start()).replace(",", "").isBlank()) {
          return Optional.empty();
        }
        values.add(m.group(1));
        last = m.end();
      }
      if (values.isEmpty() || !body.substring(last).isBlank()) {
        return Optional.empty();
      }
      return Optional.of(new StringSet(values, negated));
    }

    boolean overlaps(StringSet o) {
      if (negated && o.negated) {
        return true;
      }
      if (negated) {
        return !values.containsAll(o.values);
      }
      if (o.negated) {
        return !o.values.containsAll(values);
      }
      return values.stream().anyMatch(o.values::contains);
    }
  }

  /** A number, a comparison with a number, or a range {@code [a..b]}. */
  private record Interval(BigDecimal low, boolean lowIn, BigDecimal high, boolean highIn) {
    static Optional<Interval> of(String cell) {
      Matcher cmp = Pattern.compile("(<=|>=|<|>|=)?\\s*(-?\\d+(?:\\.\\d+)?)").matcher(cell);
      if (cmp.matches()) {
        BigDecimal n = new BigDecimal(cmp.group(2));
        String op = cmp.group(1) == null ? "=" : cmp.group(1);
        return Optional.of(
            switch (op) {
              case "<" -> new Interval(null, false, n, false);
              case "<=" -> new Interval(null, false, n, true);
              case ">" -> new Interval(n, false, null, false);
              case ">=" -> new Interval(n, true, null, false);
              default -> new Interval(n, true, n, true);
            });
      }
      Matcher range =
          Pattern.compile(
                  "([\\[(\\]])\\s*(-?\\d+(?:\\.\\d+)?)\\s*\\.\\.\\s*(-?\\d+(?:\\.\\d+)?)\\s*([\\])\\[])")
              .matcher(cell);
      if (range.matches()) {
        return Optional.of(
            new Interval(
                new BigDecimal(range.group(2)),
                range.group(1).equals("["),
                new BigDecimal(range.group(3)),
                range.group(4).equals("]")));
      }
      return Optional.empty();
    }

    boolean overlaps(Interval o) {
      return below(low, lowIn, o.high, o.highIn) && below(o.low, o.lowIn, high, highIn);
    }

    /** Whether some value is at or above {@code low} and at or below {@code high}. */
    private static boolean below(BigDecimal low, boolean lowIn, BigDecimal high, boolean highIn) {
      if (low == null || high == null) {
        return true;
      }
      int c = low.compareTo(high);
      return c < 0 || (c == 0 && lowIn && highIn);
    }
  }

  // ------------------------------------------------------------------ BPMN

  private void checkBpmn(
      String file, Element root, Collection<String> knownDecisions, List<Problem> problems) {
    walk(
        root,
        element -> {
          NamedNodeMap attributes = element.getAttributes();
          for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            String value = a.getNodeValue().trim();
            if (value.startsWith("=")) {
              feelError(feel.parseExpression(value.substring(1)))
                  .ifPresent(
                      m ->
                          problems.add(
                              new Problem(
                                  file,
                                  bpmnPlace(element)
                                      + ", "
                                      + element.getLocalName()
                                      + " "
                                      + a.getNodeName(),
                                  "not valid FEEL: " + value + " (" + m + ")")));
            }
          }
          if (FEEL_TEXT_ELEMENTS.contains(element.getLocalName())) {
            String value = element.getTextContent().trim();
            if (value.startsWith("=")) {
              feelError(feel.parseExpression(value.substring(1)))
                  .ifPresent(
                      m ->
                          problems.add(
                              new Problem(
                                  file,
                                  bpmnPlace(element) + ", " + element.getLocalName(),
                                  "not valid FEEL: " + value + " (" + m + ")")));
            }
          }
          if ("calledDecision".equals(element.getLocalName())) {
            String id = element.getAttribute("decisionId").trim();
            if (id.isEmpty()) {
              problems.add(new Problem(file, bpmnPlace(element), "no decision id"));
            } else if (!id.startsWith("=") && !knownDecisions.contains(id)) {
              problems.add(
                  new Problem(
                      file,
                      bpmnPlace(element),
                      "calls decision \""
                          + id
                          + "\", which no table defines (known: "
                          + String.join(", ", sorted(knownDecisions))
                          + ")"));
            }
          }
        });
  }

  /** "process order-journey, element Activity_X 'Name'" for the element's nearest flow node. */
  private static String bpmnPlace(Element element) {
    Element node = element;
    while (node != null
        && (node.getAttribute("id").isEmpty()
            || "extensionElements".equals(node.getLocalName())
            || ModelFile.ZEEBE_NS.equals(node.getNamespaceURI()))) {
      node = node.getParentNode() instanceof Element p ? p : null;
    }
    Element process = element;
    while (process != null && !"process".equals(process.getLocalName())) {
      process = process.getParentNode() instanceof Element p ? p : null;
    }
    StringBuilder where = new StringBuilder();
    if (process != null) {
      where.append("process ").append(process.getAttribute("id"));
    }
    if (node != null && node != process) {
      if (!where.isEmpty()) {
        where.append(", ");
      }
      where.append("element ").append(node.getAttribute("id"));
      if (!node.getAttribute("name").isEmpty()) {
        where.append(" '").append(node.getAttribute("name")).append("'");
      }
    }
    return where.isEmpty() ? "the file" : where.toString();
  }

  // ------------------------------------------------------------------ helpers

  private static Optional<String> feelError(ParseResult result) {
    if (result.isSuccess()) {
      return Optional.empty();
    }
    String message = result.failure().message();
    return Optional.of(message.replaceAll("\\s+", " ").trim());
  }

  private static List<String> stringLiterals(String cell) {
    List<String> values = new ArrayList<>();
    Matcher m = STRING.matcher(cell);
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  private static List<String> sorted(Collection<String> values) {
    return values.stream().sorted().toList();
  }

  private static String label(Element column, String fallback) {
    String label = column.getAttribute("label");
    return label.isBlank() ? fallback : label;
  }

  private static String text(Element entry) {
    for (Element t : children(entry, "text")) {
      return t.getTextContent().trim();
    }
    return "";
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element e && localName.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  private static List<Element> descendants(Element root, String localName) {
    List<Element> found = new ArrayList<>();
    NodeList all = root.getElementsByTagNameNS(root.getNamespaceURI(), localName);
    for (int i = 0; i < all.getLength(); i++) {
      found.add((Element) all.item(i));
    }
    return found;
  }

  private static void walk(Element element, java.util.function.Consumer<Element> visitor) {
    visitor.accept(element);
    for (Node c = element.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element e) {
        walk(e, visitor);
      }
    }
  }

  /** The decision ids the given DMN files define. */
  static Set<String> decisionIds(Collection<ModelFile> files) {
    Set<String> ids = new LinkedHashSet<>();
    for (ModelFile f : files) {
      f.models().stream()
          .filter(m -> m.kind() == ModelFile.Kind.DECISION)
          .forEach(m -> ids.add(m.id()));
    }
    return ids;
  }
}
