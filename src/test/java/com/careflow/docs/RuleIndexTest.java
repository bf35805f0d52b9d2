package com.careflow.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
}
