package com.careflow.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code docs/rules.md}, the index from each rule R1–R26 to its model elements, classes and
 * tests, in step with the tree; rewrites it when run with {@code -Dcareflow.rules.update=true}.
 */
class RuleIndexTest {

  private static final Path RULES_MD = Path.of("docs", "rules.md");

  @Test
  void theRuleIndexIsCurrent() throws IOException {
    String generated = RuleIndex.of(Path.of("")).markdown();
    if (Boolean.getBoolean("careflow.rules.update")) {
      Files.writeString(RULES_MD, generated);
      return;
    }
    String committed =
        Files.exists(RULES_MD) ? Files.readString(RULES_MD).replace("\r\n", "\n") : null;
    if (!generated.equals(committed)) {
      fail(
          "%s is %s: regenerate it with: %s"
              .formatted(
                  RULES_MD, committed == null ? "missing" : "stale", RuleIndex.REGENERATE_COMMAND));
    }
  }

  @Test
  void everyRuleOfTheDomainHasAnEntry() throws IOException {
    String md = RuleIndex.of(Path.of("")).markdown();
    for (int r = 1; r <= 26; r++) {
      assertThat(md).as("rule R%d", r).contains("\n## R" + r + "\n");
    }
  }

  @Test
  void rulesAreFoundSingleAndAsRanges() {
    assertThat(RuleIndex.rulesIn("payment (R1-R6) and R13, not R99 or PR13"))
        .containsExactlyInAnyOrder("R1", "R2", "R3", "R4", "R5", "R6", "R13");
    assertThat(RuleIndex.rulesIn("rules R23–R26")).containsExactly("R23", "R24", "R25", "R26");
  }

  @Test
  void aTestMethodNamedAfterARuleIsIndexed() throws IOException {
    // OrderJourneyProcessTest#r1_newBuyerIsRemindedAfterTwoHours names R1 in its name
    String md = RuleIndex.of(Path.of("")).markdown();
    String r1 = md.substring(md.indexOf("\n## R1\n"), md.indexOf("\n## R2\n"));
    assertThat(r1).contains("`OrderJourneyProcessTest#r1_newBuyerIsRemindedAfterTwoHours`");
    assertThat(r1).contains("`bpmn/order-journey.bpmn`");
  }

  /**
   * A rule that code implements but no test names shows as a gap (issue #20): in a fixture tree a
   * class names R2 and R3 and only a test of R3 exists, so R2's row, its Tests entry and the gap
   * list say so.
   */
  @Test
  void aRuleNoTestNamesIsAGap(@TempDir Path root) throws IOException {
    Path main = Files.createDirectories(root.resolve("src/main/java/fixture"));
    Files.writeString(
        main.resolve("Reminder.java"),
        "package fixture;\n/** Implements R2 and R3. */\nclass Reminder {}\n");
    Path test = Files.createDirectories(root.resolve("src/test/java/fixture"));
    Files.writeString(
        test.resolve("ReminderTest.java"),
        "package fixture;\nclass ReminderTest {\n  @Test\n  void r3_reminded() {}\n}\n");

    RuleIndex index = RuleIndex.of(root);
    String md = index.markdown();

    assertThat(index.gaps()).contains("R2").doesNotContain("R3");
    assertThat(md).contains("| [R2](#r2) | " + RuleIndex.RULES.get("R2") + " | 0 | 1 | **gap** |");
    assertThat(md).contains("| [R3](#r3) | " + RuleIndex.RULES.get("R3") + " | 0 | 1 | 1 |");
    String r2 = md.substring(md.indexOf("\n## R2\n"), md.indexOf("\n## R3\n"));
    assertThat(r2).contains("- Tests: **none: a gap**");
    assertThat(md)
        .containsPattern("\\*\\*Gaps\\*\\* \\(no test names the rule\\): [^\\n]*\\bR2\\b");
  }

  /**
   * Only tests count (issue #20): a helper class whose Javadoc names a rule, and a helper method
   * named after one, prove nothing; a test method (with its {@code @DisplayName} over several
   * lines) and the Javadoc of a class that has tests do.
   */
  @Test
  void helperClassesAndMethodsAreNoTests(@TempDir Path root) throws IOException {
    Path test = Files.createDirectories(root.resolve("src/test/java/fixture"));
    Files.writeString(
        test.resolve("Double11Night.java"),
        "package fixture;\n/** A night of Double 11 orders for the R5 and R4 tests. */\n"
            + "final class Double11Night {\n  static void r6_orders() {}\n}\n");
    Files.writeString(
        test.resolve("ReminderTest.java"),
        "package fixture;\n/** Reminders (R1). */\nclass ReminderTest {\n"
            + "  void r2_helper() { String s = \"x;}\"; }\n"
            + "  @ParameterizedTest\n  @DisplayName(\n      \"remind once;\"\n"
            + "          + \" R3 at night\")\n  void remindsOnce(int n) {}\n}\n");

    RuleIndex index = RuleIndex.of(root);

    assertThat(index.gaps()).contains("R2", "R4", "R5", "R6").doesNotContain("R1", "R3");
    assertThat(index.markdown())
        .contains("`ReminderTest#remindsOnce`", "`ReminderTest` (the class)")
        .doesNotContain("Double11Night", "r2_helper");
  }

  /**
   * A rule that loses its last test fails the build (issue #20): the gaps are exactly the accepted
   * ones, each with its reason, so a new gap is not committed silently with the regenerated index.
   */
  @Test
  void noRuleIsWithoutATestUnlessItsGapIsAccepted() throws IOException {
    assertThat(RuleIndex.ACCEPTED_GAPS.values())
        .allSatisfy(reason -> assertThat(reason).isNotBlank());
    assertThat(RuleIndex.of(Path.of("")).gaps())
        .as(
            "rules without a test; add a test naming the rule (or, with its reason, to ACCEPTED_GAPS)")
        .containsExactlyInAnyOrderElementsOf(RuleIndex.ACCEPTED_GAPS.keySet());
  }
}
