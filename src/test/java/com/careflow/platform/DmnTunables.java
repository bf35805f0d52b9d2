package com.careflow.platform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Finds a tunable written in more than one cell of a decision table (issue 21, finding 2).
 *
 * <p>Definitions, exactly as checked:
 *
 * <ul>
 *   <li>A <b>cell</b> is an input entry or output entry of a rule.
 *   <li>A <b>tunable</b> is a literal in a cell that is a duration (a string literal like {@code
 *       "PT2H"} or {@code "P3D"}), a clock time (a string literal containing {@code HH:MM}, e.g.
 *       {@code "16:00"} or {@code "11:00-12:00,15:30-16:30"}) or a non-zero number (an amount,
 *       count or day: {@code 1000} in {@code >= 1000}, {@code 3}, {@code [1217..1218]}). Booleans,
 *       names (template keys, segments, enum values), 0 and {@code -} are not tunables, and neither
 *       is a reference to a setting ({@code reminderSettings.newBuyerDelay}).
 *   <li>A tunable <b>appears in more than one cell</b> when the same literal stands in the same
 *       column of two <b>related</b> rules of one table: rules whose input entries are the same in
 *       all columns but at most one (one setting written again because the table splits on another
 *       input, or on both sides of a threshold), or whose output entries are all the same (one
 *       result reached by two conditions, as a FIRST table writes an "or"). The same number in
 *       unrelated rows — two offers for different occasions and segments — is two settings.
 * </ul>
 */
final class DmnTunables {

  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern DURATION = Pattern.compile("-?P(?=\\d|T\\d)[0-9YMWDTHS.]*");
  private static final Pattern CLOCK = Pattern.compile("\\b\\d{1,2}:\\d{2}\\b");
  private static final Pattern NUMBER =
      Pattern.compile("(?<!\\w)(?<!\\w\\.)\\d+(?:\\.\\d+)?(?!\\w)");

  private DmnTunables() {}

  /** One repeated tunable: where it stands and where it stands again. */
  record Repeat(String decision, String column, String literal, int rule, int otherRule) {
    @Override
    public String toString() {
      return "table "
          + decision
          + ", column '"
          + column
          + "': "
          + literal
          + " in rule "
          + rule
          + " and rule "
          + otherRule;
    }
  }

  /** The tunables of one cell's text. */
  static Set<String> tunables(String text) {
    Set<String> found = new LinkedHashSet<>();
    StringBuilder outside = new StringBuilder();
    Matcher m = STRING.matcher(text);
    int last = 0;
    while (m.find()) {
      outside.append(text, last, m.start()).append(' ');
      String content = m.group(1);
      if (DURATION.matcher(content).matches() || CLOCK.matcher(content).find()) {
        found.add("\"" + content + "\"");
      }
      last = m.end();
    }
    outside.append(text.substring(last));
    Matcher n = NUMBER.matcher(outside);
    while (n.find()) {
      if (new BigDecimal(n.group()).signum() != 0) {
        found.add(new BigDecimal(n.group()).stripTrailingZeros().toPlainString());
      }
    }
    return found;
  }

  /** Every tunable that appears in more than one cell, in every decision table of the model. */
  static List<Repeat> repeats(Element definitions) {
    List<Repeat> repeats = new ArrayList<>();
    NodeList decisions =
        definitions.getElementsByTagNameNS(definitions.getNamespaceURI(), "decision");
    for (int d = 0; d < decisions.getLength(); d++) {
      Element decision = (Element) decisions.item(d);
      for (Element table : children(decision, "decisionTable")) {
        List<String> columns = new ArrayList<>();
        for (Element in : children(table, "input")) {
          columns.add(in.getAttribute("label"));
        }
        int inputs = columns.size();
        for (Element out : children(table, "output")) {
          columns.add(out.getAttribute("label"));
        }
        List<List<String>> rules = new ArrayList<>();
        for (Element rule : children(table, "rule")) {
          List<String> cells = new ArrayList<>();
          for (Element e : children(rule, "inputEntry")) {
            cells.add(text(e));
          }
          for (Element e : children(rule, "outputEntry")) {
            cells.add(text(e));
          }
          rules.add(cells);
        }
        for (int a = 0; a < rules.size(); a++) {
          for (int b = a + 1; b < rules.size(); b++) {
            if (!related(rules.get(a), rules.get(b), inputs)) {
              continue;
            }
            for (int c = 0; c < columns.size() && c < rules.get(a).size(); c++) {
              Set<String> shared = tunables(rules.get(a).get(c));
              shared.retainAll(tunables(rules.get(b).get(c)));
              for (String literal : shared) {
                repeats.add(
                    new Repeat(decision.getAttribute("id"), columns.get(c), literal, a + 1, b + 1));
              }
            }
          }
        }
      }
    }
    return repeats;
  }

  private static boolean related(List<String> a, List<String> b, int inputs) {
    int differing = 0;
    for (int i = 0; i < inputs; i++) {
      if (!a.get(i).equals(b.get(i))) {
        differing++;
      }
    }
    return differing <= 1 || a.subList(inputs, a.size()).equals(b.subList(inputs, b.size()));
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
}
