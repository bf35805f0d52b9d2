package com.careflow.docs;

import static com.careflow.docs.Svg.FALLBACK_FONT_ALLOWANCE;
import static com.careflow.docs.Svg.FONT_FAMILY;
import static com.careflow.docs.Svg.LINE_SPACING;
import static com.careflow.docs.Svg.escape;
import static com.careflow.docs.Svg.num;
import static com.careflow.docs.Svg.textWidth;
import static com.careflow.docs.Svg.wrap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Draws every decision table of a DMN 1.3 file as a standalone SVG in the style of Camunda
 * Modeler's decision table editor, so the ops guide can show the rules that operations managers
 * edit: the decision's name and hit policy on top, "When" over the inputs and "Then" over the
 * outputs (a double line between them), a rule number in front of each rule and its description
 * under "Annotations" at the end. Several decisions in one file are stacked.
 *
 * <p>Columns are as wide as their content needs, within limits; longer text wraps. The same file
 * always gives byte-identical output, which lets {@link DiagramsTest} tell when a committed picture
 * is stale.
 */
public final class DmnTableSvgRenderer {

  private static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";

  private static final String INK = "#22242a";
  private static final String MUTED = "#6b6f7a";
  private static final String GRID = "#c1c4cc";
  private static final String HEADER_FILL = "#f4f5f7";
  private static final double MARGIN = 20;

  /** Between stacked tables. */
  private static final double TABLE_GAP = 40;

  private static final double TITLE_FONT = 15;
  private static final double LABEL_FONT = 12;
  private static final double DETAIL_FONT = 11;
  private static final double CELL_FONT = 12;
  private static final double PAD_X = 10;
  private static final double PAD_Y = 8;
  private static final double TITLE_HEIGHT = 44;
  private static final double GROUP_HEIGHT = 28;

  /** Half the distance between the two strokes of a double line. */
  private static final double DOUBLE_LINE = 2;

  private static final double INDEX_WIDTH = 40;
  private static final double MIN_COLUMN = 90;
  private static final double MAX_COLUMN = 220;
  private static final double MIN_ANNOTATIONS = 160;
  private static final double MAX_ANNOTATIONS = 320;

  private enum Role {
    INDEX,
    INPUT,
    OUTPUT,
    ANNOTATIONS
  }

  record Clause(String label, String detail) {}

  record Rule(
      String id, List<String> inputEntries, List<String> outputEntries, String annotation) {}

  record DecisionTable(
      String id,
      String name,
      String hitPolicy,
      List<Clause> inputs,
      List<Clause> outputs,
      List<Rule> rules) {}

  /** A column's texts, unwrapped, and its width; the lines follow from the width. */
  private record Column(Role role, String label, String detail, List<String> cells, double width) {
    Column widen(double extra) {
      return new Column(role, label, detail, cells, width + extra);
    }

    private double room() {
      return (width - 2 * PAD_X) / FALLBACK_FONT_ALLOWANCE;
    }

    List<String> labelLines() {
      return wrap(label, room(), LABEL_FONT, true);
    }

    List<String> detailLines() {
      return wrap(detail, room(), DETAIL_FONT);
    }

    List<String> cellLines(int row) {
      return wrap(cells.get(row), room(), CELL_FONT);
    }
  }

  private DmnTableSvgRenderer() {}

  public static String render(Path dmnFile) throws IOException {
    return render(new InputSource(new ByteArrayInputStream(Files.readAllBytes(dmnFile))));
  }

  public static String render(String dmnXml) {
    return render(new InputSource(new StringReader(dmnXml)));
  }

  private static String render(InputSource dmn) {
    List<DecisionTable> tables = decisionTables(parse(dmn));
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("The DMN file has no decision table to draw");
    }
    List<TableLayout> layouts = tables.stream().map(TableLayout::new).toList();
    double width =
        layouts.stream().mapToDouble(TableLayout::width).max().orElseThrow() + 2 * MARGIN;
    double height =
        layouts.stream().mapToDouble(TableLayout::height).sum()
            + (layouts.size() - 1) * TABLE_GAP
            + 2 * MARGIN;
    StringBuilder svg =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append(
                "<!-- Drawn from the DMN model by com.careflow.docs.DmnTableSvgRenderer; do not edit. Regenerate with: ")
            .append(DiagramsTest.REGENERATE_COMMAND)
            .append(" -->\n")
            .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
            .append(num(width))
            .append("\" height=\"")
            .append(num(height))
            .append("\" viewBox=\"0 0 ")
            .append(num(width))
            .append(' ')
            .append(num(height))
            .append("\" font-family=\"")
            .append(FONT_FAMILY)
            .append("\">\n")
            .append(rect(0, 0, width, height, " fill=\"white\""))
            .append('\n');
    // The half-pixel offset puts the 1px grid lines on whole pixels, so they stay crisp.
    double y = MARGIN + 0.5;
    for (TableLayout layout : layouts) {
      svg.append(layout.draw(MARGIN + 0.5, y));
      y += layout.height() + TABLE_GAP;
    }
    return svg.append("</svg>\n").toString();
  }

  // ---- layout

  private static final class TableLayout {
    private final DecisionTable table;
    private final List<Column> columns = new ArrayList<>();
    private final double clauseHeight;
    private final List<Double> rowHeights = new ArrayList<>();

    TableLayout(DecisionTable table) {
      this.table = table;
      List<Rule> rules = table.rules();
      columns.add(
          column(
              Role.INDEX,
              "",
              "",
              IntStream.rangeClosed(1, rules.size()).mapToObj(Integer::toString).toList(),
              INDEX_WIDTH,
              INDEX_WIDTH));
      for (int i = 0; i < table.inputs().size(); i++) {
        int input = i;
        Clause clause = table.inputs().get(i);
        columns.add(
            column(
                Role.INPUT,
                clause.label(),
                clause.detail(),
                rules.stream().map(rule -> entry(rule.inputEntries(), input)).toList(),
                MIN_COLUMN,
                MAX_COLUMN));
      }
      for (int i = 0; i < table.outputs().size(); i++) {
        int output = i;
        Clause clause = table.outputs().get(i);
        columns.add(
            column(
                Role.OUTPUT,
                clause.label(),
                clause.detail(),
                rules.stream().map(rule -> entry(rule.outputEntries(), output)).toList(),
                MIN_COLUMN,
                MAX_COLUMN));
      }
      columns.add(
          column(
              Role.ANNOTATIONS,
              "Annotations",
              "",
              rules.stream().map(Rule::annotation).toList(),
              MIN_ANNOTATIONS,
              MAX_ANNOTATIONS));
      // The title bar needs room for the name and the hit policy side by side; the annotations give
      // it.
      double titleWidth =
          (textWidth(table.name(), TITLE_FONT, true) + textWidth(hitPolicyText(), LABEL_FONT))
                  * FALLBACK_FONT_ALLOWANCE
              + 4 * PAD_X;
      double shortBy = Math.ceil(titleWidth - width());
      if (shortBy > 0) {
        columns.add(columns.removeLast().widen(shortBy));
      }

      double clauses = 0;
      for (Column column : columns) {
        if (column.role() == Role.INPUT || column.role() == Role.OUTPUT) {
          clauses = Math.max(clauses, labelHeight(column) + detailHeight(column));
        }
      }
      double annotationsLabel =
          linesHeight(columns.getLast().labelLines(), LABEL_FONT) - GROUP_HEIGHT;
      this.clauseHeight = Math.ceil(Math.max(clauses, annotationsLabel) + 2 * PAD_Y);
      for (int row = 0; row < rules.size(); row++) {
        int lines = 1;
        for (Column column : columns) {
          lines = Math.max(lines, column.cellLines(row).size());
        }
        rowHeights.add(Math.ceil(linesHeight(lines, CELL_FONT) + 2 * PAD_Y));
      }
    }

    String hitPolicyText() {
      return "Hit policy: " + table.hitPolicy();
    }

    double width() {
      return columns.stream().mapToDouble(Column::width).sum();
    }

    double headerHeight() {
      return GROUP_HEIGHT + clauseHeight;
    }

    double height() {
      return TITLE_HEIGHT
          + headerHeight()
          + rowHeights.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The left edge of each column, then the table's right edge. */
    private List<Double> edges(double x) {
      List<Double> edges = new ArrayList<>();
      for (Column column : columns) {
        edges.add(x);
        x += column.width();
      }
      edges.add(x);
      return edges;
    }

    private int firstColumn(Role role) {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).role() == role) {
          return i;
        }
      }
      return columns.size() - 1; // no output clauses: the annotations come right after the inputs
    }

    String draw(double x, double y) {
      List<Double> edges = edges(x);
      double right = edges.getLast();
      double headerTop = y + TITLE_HEIGHT;
      double groupBottom = headerTop + GROUP_HEIGHT;
      double bodyTop = headerTop + headerHeight();
      double bottom = y + height();
      int firstInput = 1;
      int firstOutput = firstColumn(Role.OUTPUT);
      int annotations = columns.size() - 1;

      StringBuilder svg =
          new StringBuilder("<g class=\"decision\" data-element-id=\"")
              .append(escape(table.id()))
              .append("\">\n");
      StringBuilder grid = new StringBuilder();
      StringBuilder texts = new StringBuilder();

      // Title bar: the name on the left, the hit policy on the right.
      svg.append(rect(x, headerTop, right - x, headerHeight(), " fill=\"" + HEADER_FILL + "\""))
          .append('\n');
      texts
          .append(
              text(
                  "name",
                  List.of(table.name()),
                  x + PAD_X,
                  y,
                  TITLE_HEIGHT,
                  TITLE_FONT,
                  "start",
                  INK,
                  true))
          .append(
              text(
                  "hit-policy",
                  List.of(hitPolicyText()),
                  right - PAD_X,
                  y,
                  TITLE_HEIGHT,
                  LABEL_FONT,
                  "end",
                  INK,
                  false))
          .append('\n');

      // "When" and "Then" over their clauses; the index and annotations headers span both header
      // rows.
      if (firstOutput > firstInput) {
        texts.append(
            centred(
                "group",
                "When",
                edges.get(firstInput),
                edges.get(firstOutput),
                headerTop,
                GROUP_HEIGHT));
      }
      if (annotations > firstOutput) {
        texts.append(
            centred(
                "group",
                "Then",
                edges.get(firstOutput),
                edges.get(annotations),
                headerTop,
                GROUP_HEIGHT));
      }
      grid.append(
          line(edges.get(firstInput), groupBottom, edges.get(annotations), groupBottom, GRID));
      texts
          .append(
              text(
                  "clause annotations",
                  columns.getLast().labelLines(),
                  edges.get(annotations) + PAD_X,
                  headerTop,
                  headerHeight(),
                  LABEL_FONT,
                  "start",
                  INK,
                  true))
          .append('\n');

      for (int i = firstInput; i < annotations; i++) {
        Column column = columns.get(i);
        double centre = (edges.get(i) + edges.get(i + 1)) / 2;
        double top = groupBottom + PAD_Y;
        texts
            .append("<g class=\"clause ")
            .append(roleName(column))
            .append("\">")
            .append(
                text(
                    "label",
                    column.labelLines(),
                    centre,
                    top,
                    labelHeight(column),
                    LABEL_FONT,
                    "middle",
                    INK,
                    true))
            .append(
                text(
                    "detail",
                    column.detailLines(),
                    centre,
                    top + labelHeight(column),
                    detailHeight(column),
                    DETAIL_FONT,
                    "middle",
                    MUTED,
                    false))
            .append("</g>\n");
      }

      // One group per rule: the number, each entry, the annotation.
      double rowTop = bodyTop;
      for (int row = 0; row < table.rules().size(); row++) {
        Rule rule = table.rules().get(row);
        double rowHeight = rowHeights.get(row);
        if (row > 0) {
          grid.append(line(x, rowTop, right, rowTop, GRID));
        }
        texts
            .append("<g class=\"rule\" data-element-id=\"")
            .append(escape(rule.id()))
            .append("\">");
        for (int i = 0; i < columns.size(); i++) {
          Column column = columns.get(i);
          List<String> lines = column.cellLines(row);
          texts.append(
              column.role() == Role.INDEX
                  ? text(
                      "index",
                      lines,
                      (edges.get(i) + edges.get(i + 1)) / 2,
                      rowTop + PAD_Y,
                      0,
                      CELL_FONT,
                      "middle",
                      MUTED,
                      false)
                  : text(
                      column.role() == Role.ANNOTATIONS ? "annotation" : roleName(column),
                      lines,
                      edges.get(i) + PAD_X,
                      rowTop + PAD_Y,
                      0,
                      CELL_FONT,
                      "start",
                      INK,
                      false));
        }
        texts.append("</g>\n");
        rowTop += rowHeight;
      }

      // Column rules: inside "When" and "Then" they start below the group row.
      for (int i = 1; i < columns.size(); i++) {
        if (i == firstOutput && i != annotations) {
          continue; // the double line follows
        }
        boolean spansGroupRow = i == firstInput || i == annotations;
        grid.append(
            line(
                edges.get(i), spansGroupRow ? headerTop : groupBottom, edges.get(i), bottom, GRID));
      }
      grid.append(line(x, headerTop, right, headerTop, INK));
      // Double lines between the header and the rules, and between inputs and outputs.
      grid.append(line(x, bodyTop - DOUBLE_LINE, right, bodyTop - DOUBLE_LINE, INK))
          .append(line(x, bodyTop + DOUBLE_LINE, right, bodyTop + DOUBLE_LINE, INK));
      if (firstOutput != annotations) {
        double between = edges.get(firstOutput);
        grid.append(line(between - DOUBLE_LINE, headerTop, between - DOUBLE_LINE, bottom, INK))
            .append(line(between + DOUBLE_LINE, headerTop, between + DOUBLE_LINE, bottom, INK));
      }
      grid.append(
          rect(
              x,
              y,
              right - x,
              bottom - y,
              " fill=\"none\" stroke=\"" + INK + "\" stroke-width=\"1\""));

      return svg.append(grid).append('\n').append(texts).append("</g>\n").toString();
    }
  }

  private static Column column(
      Role role, String label, String detail, List<String> cells, double min, double max) {
    double oneLine =
        Math.max(longestLine(label, LABEL_FONT, true), longestLine(detail, DETAIL_FONT, false));
    double unbreakable =
        Math.max(longestWord(label, LABEL_FONT, true), longestWord(detail, DETAIL_FONT, false));
    for (String cell : cells) {
      oneLine = Math.max(oneLine, longestLine(cell, CELL_FONT, false));
      unbreakable = Math.max(unbreakable, longestWord(cell, CELL_FONT, false));
    }
    double inside = Math.clamp(oneLine * FALLBACK_FONT_ALLOWANCE, min - 2 * PAD_X, max - 2 * PAD_X);
    // A word (say a long template key) that is wider than the limit widens the column rather than
    // overflow it.
    inside = Math.max(inside, unbreakable * FALLBACK_FONT_ALLOWANCE);
    return new Column(role, label, detail, cells, Math.ceil(inside + 2 * PAD_X));
  }

  private static String roleName(Column column) {
    return column.role() == Role.INPUT ? "input" : "output";
  }

  private static double longestLine(String text, double fontSize, boolean bold) {
    return widest(wrap(text, Double.MAX_VALUE, fontSize, bold), fontSize, bold);
  }

  private static double longestWord(String text, double fontSize, boolean bold) {
    return widest(wrap(text, 0, fontSize, bold), fontSize, bold);
  }

  private static double widest(List<String> lines, double fontSize, boolean bold) {
    return lines.stream().mapToDouble(line -> textWidth(line, fontSize, bold)).max().orElse(0);
  }

  private static double labelHeight(Column column) {
    return linesHeight(column.labelLines(), LABEL_FONT);
  }

  private static double detailHeight(Column column) {
    List<String> lines = column.detailLines();
    return lines.isEmpty() ? 0 : 2 + linesHeight(lines, DETAIL_FONT);
  }

  private static double linesHeight(List<String> lines, double fontSize) {
    return linesHeight(lines.size(), fontSize);
  }

  private static double linesHeight(int lines, double fontSize) {
    return lines * fontSize * LINE_SPACING;
  }

  private static String entry(List<String> entries, int index) {
    return index < entries.size() ? entries.get(index) : "-";
  }

  // ---- SVG primitives

  private static String centred(
      String cssClass, String text, double left, double right, double top, double height) {
    return text(
        cssClass,
        List.of(text),
        (left + right) / 2,
        top,
        height,
        LABEL_FONT,
        "middle",
        MUTED,
        true);
  }

  /**
   * Lines of text from {@code top}; with a {@code height}, centred in it (a box too small holds
   * them from its top).
   */
  private static String text(
      String cssClass,
      List<String> lines,
      double x,
      double top,
      double height,
      double fontSize,
      String anchor,
      String fill,
      boolean bold) {
    if (lines.isEmpty()) {
      return "";
    }
    double lineHeight = fontSize * LINE_SPACING;
    double first = top + Math.max(0, (height - lines.size() * lineHeight) / 2);
    StringBuilder text =
        new StringBuilder("<text class=\"")
            .append(cssClass)
            .append("\" font-size=\"")
            .append(num(fontSize))
            .append(bold ? "\" font-weight=\"bold" : "")
            .append("\" fill=\"")
            .append(fill)
            .append("\" text-anchor=\"")
            .append(anchor)
            .append("\">");
    for (int i = 0; i < lines.size(); i++) {
      // Baselines sit so that the x-height is centred in each line's slot.
      double baseline = first + i * lineHeight + lineHeight / 2 + fontSize * 0.35;
      text.append("<tspan x=\"")
          .append(num(x))
          .append("\" y=\"")
          .append(num(baseline))
          .append("\">")
          .append(escape(lines.get(i)))
          .append("</tspan>");
    }
    return text.append("</text>").toString();
  }

  private static String rect(double x, double y, double width, double height, String paint) {
    return "<rect x=\""
        + num(x)
        + "\" y=\""
        + num(y)
        + "\" width=\""
        + num(width)
        + "\" height=\""
        + num(height)
        + "\""
        + paint
        + "/>";
  }

  private static String line(double x1, double y1, double x2, double y2, String stroke) {
    return "<line x1=\""
        + num(x1)
        + "\" y1=\""
        + num(y1)
        + "\" x2=\""
        + num(x2)
        + "\" y2=\""
        + num(y2)
        + "\" stroke=\""
        + stroke
        + "\" stroke-width=\"1\"/>";
  }

  // ---- reading the model

  private static Document parse(InputSource dmn) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(
          "http://apache.org/xml/features/disallow-doctype-decl", true); // no entity tricks
      return factory.newDocumentBuilder().parse(dmn);
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException("Not a readable DMN file: " + e.getMessage(), e);
    }
  }

  /**
   * Decisions with a decision table, in file order; decisions with other logic (a literal
   * expression) have none.
   */
  static List<DecisionTable> decisionTables(Document model) {
    List<DecisionTable> tables = new ArrayList<>();
    for (Element decision : children(model.getDocumentElement(), "decision")) {
      for (Element table : children(decision, "decisionTable")) {
        String name =
            decision.getAttribute("name").isBlank()
                ? decision.getAttribute("id")
                : decision.getAttribute("name");
        tables.add(
            new DecisionTable(
                decision.getAttribute("id"),
                name.strip(),
                hitPolicy(table),
                children(table, "input").stream().map(DmnTableSvgRenderer::input).toList(),
                children(table, "output").stream().map(DmnTableSvgRenderer::output).toList(),
                children(table, "rule").stream().map(DmnTableSvgRenderer::rule).toList()));
      }
    }
    return tables;
  }

  /** As the Modeler names them: "Unique", "First", "Collect (Sum)", "Rule order"... */
  private static String hitPolicy(Element table) {
    String policy =
        table.getAttribute("hitPolicy").isBlank() ? "UNIQUE" : table.getAttribute("hitPolicy");
    String text = capitalised(policy);
    String aggregation = table.getAttribute("aggregation");
    return aggregation.isBlank() ? text : text + " (" + capitalised(aggregation) + ")";
  }

  private static String capitalised(String constant) {
    String words = constant.strip().replace('_', ' ').toLowerCase(Locale.ROOT);
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** Label, then the expression and its type; without a label the Modeler shows the expression. */
  private static Clause input(Element input) {
    Element expression = children(input, "inputExpression").stream().findFirst().orElse(null);
    String text = expression == null ? "" : textOf(expression);
    String typeRef = expression == null ? "" : expression.getAttribute("typeRef");
    return clause(input.getAttribute("label"), text, typeRef);
  }

  private static Clause output(Element output) {
    return clause(
        output.getAttribute("label"), output.getAttribute("name"), output.getAttribute("typeRef"));
  }

  private static Clause clause(String label, String name, String typeRef) {
    String detail =
        typeRef.isBlank() ? name.strip() : (name.strip() + " (" + typeRef.strip() + ")").strip();
    return new Clause(label.isBlank() ? name.strip() : label.strip(), detail);
  }

  private static Rule rule(Element rule) {
    String annotation =
        children(rule, "description").stream()
            .findFirst()
            .map(Node::getTextContent)
            .orElse("")
            .strip();
    return new Rule(
        rule.getAttribute("id"),
        entries(rule, "inputEntry"),
        entries(rule, "outputEntry"),
        annotation);
  }

  /** The FEEL text of each entry; an empty one (any value) shows as "-", as in the Modeler. */
  private static List<String> entries(Element rule, String localName) {
    return children(rule, localName).stream()
        .map(entry -> textOf(entry).isEmpty() ? "-" : textOf(entry))
        .toList();
  }

  private static String textOf(Element element) {
    return children(element, "text").stream()
        .findFirst()
        .map(Node::getTextContent)
        .orElse("")
        .strip();
  }

  /** Child elements in the DMN namespace with the given local name. */
  private static List<Element> children(Element parent, String localName) {
    List<Element> children = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element
          && DMN.equals(element.getNamespaceURI())
          && localName.equals(element.getLocalName())) {
        children.add(element);
      }
    }
    return children;
  }
}
