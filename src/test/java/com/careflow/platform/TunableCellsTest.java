package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, finding 2 ("one setting, many cells"): in every shipped decision table each tunable
 * stands in exactly one cell, so a business reader changes one cell and the behaviour follows
 * everywhere. {@link DmnTunables} defines "tunable" and "more than one cell".
 */
class TunableCellsTest {

  private static List<Path> shippedTables() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("dmn"))) {
      return files.filter(f -> f.toString().endsWith(".dmn")).sorted().toList();
    }
  }

  @Test
  void everyTunableOfEveryShippedTableIsInExactlyOneCell() throws Exception {
    List<Path> tables = shippedTables();
    assertThat(tables).hasSizeGreaterThanOrEqualTo(5);
    for (Path table : tables) {
      assertThat(
              DmnTunables.repeats(ModelFile.parseXml(table.toString(), Files.readAllBytes(table))))
          .as("tunables written in more than one cell of %s", table)
          .isEmpty();
    }
  }

  private static List<DmnTunables.Repeat> repeatsIn(String rules) {
    String xml =
        """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
          <decision id="policy" name="Policy">
            <decisionTable id="t" hitPolicy="UNIQUE">
              <input id="i1" label="Returning buyer?"><inputExpression><text>returningBuyer</text></inputExpression></input>
              <input id="i2" label="Order amount"><inputExpression><text>amount</text></inputExpression></input>
              <output id="o1" label="Remind after" name="reminderDelay" typeRef="string"/>
              <output id="o2" label="Template" name="templateKey" typeRef="string"/>
              %s
            </decisionTable>
          </decision>
        </definitions>
        """
            .formatted(rules);
    return DmnTunables.repeats(ModelFile.parseXml("fixture", xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static String rule(String returning, String amount, String delay, String template) {
    return "<rule><inputEntry><text>%s</text></inputEntry><inputEntry><text>%s</text></inputEntry><outputEntry><text>%s</text></outputEntry><outputEntry><text>%s</text></outputEntry></rule>"
        .formatted(returning, amount, delay, template);
  }

  @Test
  void theSameDelayInTwoRulesSplitOnlyByTheThreshold_isAFault() {
    assertThat(
            repeatsIn(
                rule("false", "&lt; 1000", "\"PT2H\"", "\"a\"")
                    + rule("false", "&gt;= 1000", "\"PT2H\"", "\"a\"")))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder(
            "table policy, column 'Order amount': 1000 in rule 1 and rule 2",
            "table policy, column 'Remind after': \"PT2H\" in rule 1 and rule 2");
  }

  @Test
  void theSameValueInUnrelatedRulesOrAReferenceToASetting_isNot() {
    assertThat(
            repeatsIn(
                rule("false", "&lt; 1000", "\"PT2H\"", "\"a\"")
                    + rule("true", "&gt;= 500", "\"PT2H\"", "\"b\"")
                    + rule("true", "&lt; 300", "settings.delay", "\"b\"")
                    + rule("false", "&gt;= 2000", "settings.delay", "\"a\"")))
        .isEmpty();
  }

  @Test
  void tunablesAreDurationsClockTimesAndNonZeroNumbers() {
    assertThat(DmnTunables.tunables("\"P3D\"")).containsExactly("\"P3D\"");
    assertThat(DmnTunables.tunables("\"11:00-12:00,15:30-16:30\"")).hasSize(1);
    assertThat(DmnTunables.tunables("[1217..1218]")).containsExactly("1217", "1218");
    assertThat(DmnTunables.tunables("&gt;= 1000.0")).containsExactly("1000");
    assertThat(DmnTunables.tunables("0")).isEmpty();
    assertThat(DmnTunables.tunables("\"payment-reminder-new\"")).isEmpty();
    assertThat(DmnTunables.tunables("reminderSettings.saleDayRepeats")).isEmpty();
    assertThat(DmnTunables.tunables("[\"A_LOYAL\", \"B_ACTIVE\"]")).isEmpty();
  }
}
