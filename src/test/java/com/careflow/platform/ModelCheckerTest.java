package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, finding 5 ("opaque errors"): the model checker names table, rule and column (or process
 * and element) of each problem, one test per kind of problem, each made by a one-cell edit of a
 * shipped model as an operations manager would make it in Modeler.
 *
 * <p>Also the check command: {@code ./mvnw test -Dtest=ModelCheckerTest} checks {@code bpmn/} and
 * {@code dmn/}, and with {@code -Dcareflow.check.dir=/path/to/models} also every {@code .bpmn} and
 * {@code .dmn} file under that folder (e.g. files exported from Modeler before deploying them).
 */
class ModelCheckerTest {

  private final ModelChecker checker = new ModelChecker();

  private static List<Path> modelFiles(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn"))
          .sorted()
          .toList();
    }
  }

  private static List<ModelFile> parsed(List<Path> files) throws Exception {
    List<ModelFile> parsed = new ArrayList<>();
    for (Path f : files) {
      parsed.add(ModelFile.parse(f.getFileName().toString(), Files.readAllBytes(f)));
    }
    return parsed;
  }

  private List<String> check(List<Path> files) throws Exception {
    Set<String> decisions = ModelChecker.decisionIds(parsed(files));
    List<String> problems = new ArrayList<>();
    for (Path f : files) {
      checker
          .check(f.getFileName().toString(), Files.readAllBytes(f), decisions)
          .forEach(p -> problems.add(p.toString()));
    }
    return problems;
  }

  @Test
  void theShippedModels_andAnyGivenFolder_haveNoProblems() throws Exception {
    List<Path> files = new ArrayList<>(modelFiles(Path.of("bpmn")));
    files.addAll(modelFiles(Path.of("dmn")));
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    String extra = System.getProperty("careflow.check.dir");
    if (extra != null && !extra.isBlank()) {
      files.addAll(modelFiles(Path.of(extra)));
    }
    assertThat(check(files)).as("problems in %s", files).isEmpty();
  }

  /** The shipped file with one edit; fails when the edit does not apply exactly once. */
  private List<String> checkEdited(String file, String from, String to) throws Exception {
    Path path = Path.of(file);
    String xml = Files.readString(path, StandardCharsets.UTF_8);
    assertThat(xml.split(java.util.regex.Pattern.quote(from), -1))
        .as("edit applies once")
        .hasSize(2);
    List<Path> all = new ArrayList<>(modelFiles(Path.of("dmn")));
    Set<String> decisions = ModelChecker.decisionIds(parsed(all));
    return checker
        .check(
            path.getFileName().toString(),
            xml.replace(from, to).getBytes(StandardCharsets.UTF_8),
            decisions)
        .stream()
        .map(Object::toString)
        .toList();
  }

  @Test
  void anEmptyCell_namesTableRuleAndColumn_theGuidesExample() throws Exception {
    assertThat(
            checkEdited(
                "dmn/occasion-calendar.dmn",
                "<outputEntry id=\"occasion-calendar-birthday-exclude-large\"><text>false</text>",
                "<outputEntry id=\"occasion-calendar-birthday-exclude-large\"><text></text>"))
        .containsExactly(
            "occasion-calendar.dmn: table occasion-calendar, rule 7, column 'Leave out large"
                + " buyers?': empty (a value is needed)");
  }

  @Test
  void anEmptyInputCell_matchesAnyValue_asModelerWritesIt_andIsNoProblem() throws Exception {
    assertThat(
            checkEdited(
                "dmn/occasion-calendar.dmn",
                "<inputEntry id=\"occasion-calendar-christmas-year\"><text>-</text>",
                "<inputEntry id=\"occasion-calendar-christmas-year\"><text></text>"))
        .isEmpty();
  }

  @Test
  void unparsableFeel_namesTheCellAndQuotesIt() throws Exception {
    List<String> problems =
        checkEdited(
            "dmn/occasion-calendar.dmn", "<text>[1217..1218]</text>", "<text>[1217..1218</text>");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith(
            "occasion-calendar.dmn: table occasion-calendar, rule 3, column 'Day of year (MMDD)':"
                + " not valid FEEL: [1217..1218 (");
  }

  @Test
  void anUnknownFixedValue_listsTheKnownOnes() throws Exception {
    assertThat(
            checkEdited(
                "dmn/occasion-calendar.dmn",
                "<outputEntry id=\"occasion-calendar-double-12-audience\"><text>&quot;ALL&quot;</text>",
                "<outputEntry id=\"occasion-calendar-double-12-audience\"><text>&quot;EVERYONE&quot;</text>"))
        .containsExactly(
            "occasion-calendar.dmn: table occasion-calendar, rule 2, column 'Audience (ALL or"
                + " BIRTHDAY)': unknown value \"EVERYONE\" (one of ALL, BIRTHDAY)");
    assertThat(
            checkEdited(
                "dmn/occasion-calendar.dmn",
                "[&quot;A_LOYAL&quot;, &quot;B_ACTIVE&quot;, &quot;C_SLEEPING&quot;]</text></outputEntry>\n        <outputEntry id=\"occasion-calendar-double-12-exclude-large\">",
                "[&quot;A_LOYAL&quot;, &quot;ACTIVE&quot;, &quot;C_SLEEPING&quot;]</text></outputEntry>\n        <outputEntry id=\"occasion-calendar-double-12-exclude-large\">"))
        .singleElement()
        .asString()
        .contains("rule 2, column 'Segments addressed': unknown value \"ACTIVE\"");
  }

  @Test
  void overlappingRulesUnderUnique_areNamed() throws Exception {
    assertThat(
            checkEdited(
                "dmn/reminder-policy.dmn",
                "<inputEntry id=\"rule-new-buyer-sale-sale-day\"><text>true</text>",
                "<inputEntry id=\"rule-new-buyer-sale-sale-day\"><text>-</text>"))
        .containsExactlyInAnyOrder(
            "reminder-policy.dmn: table reminder-policy, rules 1 and 2: both match the same input;"
                + " hit policy UNIQUE allows only one (make their conditions exclusive or change the"
                + " hit policy)");
  }

  @Test
  void overlapsOfRangesAndListsAreTold_otherExpressionsAreNot() {
    assertThat(ModelChecker.cellsOverlap("< 1000", ">= 1000")).isFalse();
    assertThat(ModelChecker.cellsOverlap("<= 1000", ">= 1000")).isTrue();
    assertThat(ModelChecker.cellsOverlap("[1217..1218]", "[1218..1224]")).isTrue();
    assertThat(ModelChecker.cellsOverlap("[1217..1218[", "[1218..1224]")).isFalse();
    assertThat(ModelChecker.cellsOverlap("\"NEW\",\"A_LOYAL\"", "\"A_LOYAL\"")).isTrue();
    assertThat(ModelChecker.cellsOverlap("not(\"NEW\")", "\"NEW\"")).isFalse();
    assertThat(ModelChecker.cellsOverlap("not(\"NEW\")", "\"NEW\",\"D_LOST\"")).isTrue();
    assertThat(ModelChecker.cellsOverlap(">= settings.x", "< settings.x")).isFalse();
  }

  @Test
  void bpmn_anInvalidExpression_namesProcessAndElement() throws Exception {
    String bpmn = Files.readString(Path.of("bpmn/holiday-reengagement.bpmn"));
    String from = "source=\"=if campaignDate = null then string(today()) else campaignDate\"";
    assertThat(bpmn).contains(from);
    List<String> problems =
        checker
            .check(
                "holiday-reengagement.bpmn",
                bpmn.replace(from, "source=\"=if campaignDate = null then string(today()\"")
                    .getBytes(StandardCharsets.UTF_8),
                Set.of("occasion-calendar"))
            .stream()
            .map(Object::toString)
            .toList();
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith(
            "holiday-reengagement.bpmn: process holiday-reengagement, element"
                + " Activity_FindOccasions 'Find the day's occasions', input source: not valid FEEL:");
  }

  @Test
  void bpmn_aCalledDecisionNoTableDefines_isNamed() throws Exception {
    String bpmn = Files.readString(Path.of("bpmn/holiday-reengagement.bpmn"));
    assertThat(
            checker
                .check(
                    "holiday-reengagement.bpmn",
                    bpmn.getBytes(StandardCharsets.UTF_8),
                    Set.of("discount"))
                .stream()
                .map(Object::toString))
        .containsExactly(
            "holiday-reengagement.bpmn: process holiday-reengagement, element"
                + " Activity_FindOccasions 'Find the day's occasions': calls decision"
                + " \"occasion-calendar\", which no table defines (known: discount)");
  }
}
