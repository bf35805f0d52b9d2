package com.careflow.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Builds {@code docs/rules.md}: for each business rule R1–R26 of {@code ../shared/DOMAIN.md}, the
 * BPMN/DMN elements, the production classes and the tests that implement and prove it.
 *
 * <p>Sources, all read from the working tree (paths relative to the project root):
 *
 * <ul>
 *   <li><b>models</b>: a BPMN element or DMN rule/decision whose {@code documentation} or {@code
 *       description} names the rule ({@code R13}), listed as {@code file: id "name"};
 *   <li><b>code</b>: a class under {@code src/main/java} whose source names the rule in a comment
 *       or Javadoc;
 *   <li><b>tests</b>: a test method ({@code @Test}, {@code @ParameterizedTest}, {@code @Property}
 *       and the like) whose name starts with the rule ({@code r13_…}) or whose {@code @DisplayName}
 *       names it, and a class that has test methods whose Javadoc names it; a helper class of the
 *       test tree that names a rule is no test.
 * </ul>
 *
 * A rule no test names is written as a gap; the build fails on any gap not in {@link
 * #ACCEPTED_GAPS}. Deterministic: the same tree gives the same text.
 */
final class RuleIndex {

  /** The rules of DOMAIN.md in a few words each (the full text stays in DOMAIN.md). */
  static final Map<String, String> RULES = new LinkedHashMap<>();

  static {
    RULES.put("R1", "Payment reminder 2 h after an unpaid order (new buyer); none once paid");
    RULES.put("R2", "Returning buyer reminded one hour later, with other copy");
    RULES.put("R3", "Large orders: a staff phone call in the calling hours");
    RULES.put("R4", "Never message at night: quiet window in the buyer's time zone");
    RULES.put("R5", "Urgency hooks allowed; sale-day reminders repeat hourly up to a limit");
    RULES.put("R6", "An order unpaid at close time is closed quietly");
    RULES.put("R7", "Shipment notice with carrier and tracking number");
    RULES.put("R8", "Logistics exception: apology and a staff task");
    RULES.put("R9", "Out of stock: apology, refund or similar item, compensation coupon");
    RULES.put("R10", "After delivery: care message");
    RULES.put("R11", "Review invite a few days after delivery");
    RULES.put("R12", "Never a reward for a good review");
    RULES.put("R13", "Bad review: service recovery, apology, coupon, staff follow-up");
    RULES.put("R14", "Good review: thank-you without promotion");
    RULES.put("R15", "RFM segments A–D and new");
    RULES.put("R16", "Large buyers tagged; campaigns can leave them out");
    RULES.put("R17", "Discount by segment and occasion, in a table");
    RULES.put("R18", "Abandoned cart reminder");
    RULES.put("R19", "Post-sale follow-up calendar and holiday re-engagement");
    RULES.put("R20", "Frequency cap on marketing messages");
    RULES.put("R21", "No promotion in thank-you and apology messages");
    RULES.put("R22", "STOP opts out of marketing");
    RULES.put("R23", "Per step and campaign: sent, delivered, failed, attributed orders");
    RULES.put("R24", "Conversion rate and ROI");
    RULES.put("R25", "New vs returning member analysis");
    RULES.put("R26", "Day-by-day trend; a send's effect decays over about three days");
  }

  /**
   * Rules accepted without a test, each with its reason: a rule that loses its last test fails
   * {@code RuleIndexTest} unless it is written here. Empty: every rule has a test.
   */
  static final Map<String, String> ACCEPTED_GAPS = Map.of();

  static final String REGENERATE_COMMAND =
      "./mvnw test -Dtest=RuleIndexTest -Dcareflow.rules.update=true";

  private static final Pattern RULE = Pattern.compile("\\bR(\\d{1,2})\\b");
  private static final Pattern RULE_RANGE =
      Pattern.compile("\\bR(\\d{1,2})\\s*[-–]\\s*R?(\\d{1,2})\\b");
  private static final Pattern METHOD = Pattern.compile("\\bvoid\\s+(\\w+)\\s*\\(");

  /** What makes a method a test: JUnit Jupiter's test annotations and jqwik's property. */
  private static final Pattern TEST_ANNOTATION =
      Pattern.compile(
          "@(?:[\\w.]+\\.)?(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\\b");

  private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  private static final Pattern METHOD_RULE_PREFIX = Pattern.compile("^r(\\d{1,2})(?:_|$)");
  private static final Pattern CLASS_JAVADOC =
      Pattern.compile(
          "(?s)/\\*\\*(.*?)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*(?:public\\s+|abstract\\s+|final\\s+)*(?:class|record|interface)\\s+(\\w+)");

  private final Map<String, Set<String>> models = emptyIndex();
  private final Map<String, Set<String>> code = emptyIndex();
  private final Map<String, Set<String>> tests = emptyIndex();

  private static Map<String, Set<String>> emptyIndex() {
    Map<String, Set<String>> index = new LinkedHashMap<>();
    RULES.keySet().forEach(rule -> index.put(rule, new TreeSet<>()));
    return index;
  }

  /** Reads the models, code and tests under {@code root}. */
  static RuleIndex of(Path root) throws IOException {
    RuleIndex index = new RuleIndex();
    for (Path model : files(root.resolve("bpmn"), ".bpmn")) {
      index.readModel(root, model, "documentation");
    }
    for (Path model : files(root.resolve("dmn"), ".dmn")) {
      index.readModel(root, model, "description");
    }
    for (Path source : files(root.resolve("src/main/java"), ".java")) {
      String text = Files.readString(source);
      String name = className(root.resolve("src/main/java"), source);
      rulesIn(text).forEach(rule -> index.add(index.code, rule, "`" + name + "`"));
    }
    for (Path source : files(root.resolve("src/test/java"), ".java")) {
      if (source.getFileName().toString().startsWith("RuleIndex")) {
        continue; // the index names every rule in its own text
      }
      index.readTest(root.resolve("src/test/java"), source);
    }
    return index;
  }

  /** The rules named in a text, single ({@code R13}) or as a range ({@code R1–R6}). */
  static Set<String> rulesIn(String text) {
    Set<String> found = new TreeSet<>();
    Matcher range = RULE_RANGE.matcher(text);
    while (range.find()) {
      int from = Integer.parseInt(range.group(1));
      int to = Integer.parseInt(range.group(2));
      if (from < to && to - from < 30) {
        for (int r = from; r <= to; r++) {
          found.add("R" + r);
        }
      }
    }
    Matcher single = RULE.matcher(text);
    while (single.find()) {
      found.add("R" + Integer.parseInt(single.group(1)));
    }
    found.retainAll(RULES.keySet());
    return found;
  }

  private void readModel(Path root, Path model, String textElement) throws IOException {
    Document doc;
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      doc = factory.newDocumentBuilder().parse(model.toFile());
    } catch (Exception e) {
      throw new IOException("cannot read " + model + ": " + e.getMessage(), e);
    }
    String file = root.relativize(model).toString().replace('\\', '/');
    NodeList texts = doc.getElementsByTagNameNS("*", textElement);
    for (int i = 0; i < texts.getLength(); i++) {
      Node text = texts.item(i);
      if (!(text.getParentNode() instanceof Element owner)) {
        continue;
      }
      String id = owner.getAttribute("id");
      String name = owner.getAttribute("name");
      if (name.isBlank() && owner.getLocalName().equals("rule")) {
        name = "rule " + (ruleNumber(owner));
      }
      String where =
          "`"
              + file
              + "`: "
              + (id.isBlank() ? owner.getLocalName() : id)
              + (name.isBlank() ? "" : " \"" + name.strip().replaceAll("\\s+", " ") + "\"");
      for (String rule : rulesIn(text.getTextContent())) {
        add(models, rule, where);
      }
    }
  }

  private static int ruleNumber(Element rule) {
    int n = 1;
    for (Node sibling = rule.getPreviousSibling();
        sibling != null;
        sibling = sibling.getPreviousSibling()) {
      if (sibling instanceof Element e && e.getLocalName().equals("rule")) {
        n++;
      }
    }
    return n;
  }

  private void readTest(Path sourceRoot, Path source) throws IOException {
    String text = Files.readString(source);
    String className = className(sourceRoot, source);
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    // string contents blanked (same length), so braces and semicolons in them mark no boundary
    String code = blankStrings(text);
    boolean hasTests = false;
    Matcher method = METHOD.matcher(code);
    while (method.find()) {
      int from =
          Math.max(
              Math.max(
                  code.lastIndexOf(';', method.start()), code.lastIndexOf('}', method.start())),
              code.lastIndexOf('{', method.start()));
      String annotations = text.substring(from + 1, method.start());
      if (!TEST_ANNOTATION.matcher(blankStrings(annotations)).find()) {
        continue; // a helper method, not a test
      }
      hasTests = true;
      String name = method.group(1);
      Set<String> rules = new TreeSet<>();
      Matcher prefix = METHOD_RULE_PREFIX.matcher(name);
      if (prefix.find()) {
        rules.add("R" + Integer.parseInt(prefix.group(1)));
      }
      int displayName = annotations.indexOf("@DisplayName(");
      if (displayName >= 0) {
        Matcher literal = STRING_LITERAL.matcher(annotations.substring(displayName));
        StringBuilder shown = new StringBuilder();
        while (literal.find()) {
          shown.append(literal.group(1));
        }
        rules.addAll(rulesIn(shown.toString()));
      }
      rules.retainAll(RULES.keySet());
      for (String rule : rules) {
        add(tests, rule, "`" + simpleName + "#" + name + "`");
      }
    }
    // a class's Javadoc counts only for a class that has tests: a helper (a data generator, a
    // reference model) that names a rule proves nothing
    Matcher javadoc = CLASS_JAVADOC.matcher(text);
    if (hasTests && javadoc.find() && javadoc.group(2).equals(simpleName)) {
      for (String rule : rulesIn(javadoc.group(1))) {
        add(tests, rule, "`" + simpleName + "` (the class)");
      }
    }
  }

  /** The text with the contents of its string literals replaced by spaces. */
  private static String blankStrings(String text) {
    StringBuilder blanked = new StringBuilder(text);
    Matcher literal = STRING_LITERAL.matcher(text);
    while (literal.find()) {
      for (int i = literal.start(1); i < literal.end(1); i++) {
        blanked.setCharAt(i, ' ');
      }
    }
    return blanked.toString();
  }

  private void add(Map<String, Set<String>> index, String rule, String where) {
    index.get(rule).add(where);
  }

  /** Rules that no test names. */
  List<String> gaps() {
    return tests.entrySet().stream()
        .filter(e -> e.getValue().isEmpty())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The Markdown of {@code docs/rules.md}. */
  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Rule index\n\n")
        .append(
            "Where each business rule of [`../shared/DOMAIN.md`](../../shared/DOMAIN.md) lives: the model\n")
        .append(
            "elements (BPMN documentation, DMN descriptions), the production classes and the tests that\n")
        .append(
            "name it. Generated from the models and the code; `RuleIndexTest` fails when this file is stale.\n")
        .append("Regenerate with `")
        .append(REGENERATE_COMMAND)
        .append("`.\n\n");
    List<String> gaps = gaps();
    md.append("| rule | | models | classes | tests |\n|---|---|---|---|---|\n");
    for (var rule : RULES.entrySet()) {
      String id = rule.getKey();
      md.append("| [")
          .append(id)
          .append("](#")
          .append(id.toLowerCase())
          .append(") | ")
          .append(rule.getValue())
          .append(" | ")
          .append(models.get(id).size())
          .append(" | ")
          .append(code.get(id).size())
          .append(" | ")
          .append(tests.get(id).isEmpty() ? "**gap**" : String.valueOf(tests.get(id).size()))
          .append(" |\n");
    }
    md.append("\n");
    if (!gaps.isEmpty()) {
      md.append("**Gaps** (no test names the rule): ")
          .append(String.join(", ", gaps))
          .append(".\n\n");
    }
    for (var rule : RULES.entrySet()) {
      String id = rule.getKey();
      md.append("## ").append(id).append("\n\n").append(rule.getValue()).append(".\n\n");
      section(md, "Models", models.get(id));
      section(md, "Classes", code.get(id));
      section(md, "Tests", tests.get(id));
    }
    return md.toString();
  }

  private static void section(StringBuilder md, String title, Set<String> entries) {
    md.append("- ").append(title).append(":");
    if (entries.isEmpty()) {
      md.append(title.equals("Tests") ? " **none: a gap**" : " none").append("\n");
      return;
    }
    md.append("\n");
    entries.forEach(entry -> md.append("  - ").append(entry).append("\n"));
    if (title.equals("Tests")) {
      md.append("\n");
    }
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> found =
          new ArrayList<>(walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList());
      return found;
    }
  }

  private static String className(Path sourceRoot, Path source) {
    String relative = sourceRoot.relativize(source).toString().replace('\\', '/');
    return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
  }
}
