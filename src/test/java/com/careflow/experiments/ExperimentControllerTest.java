package com.careflow.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.analytics.CsvLabels;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The experiments CSV: BOM, header facts, definitions, a blank line, then one row per variant. */
class ExperimentControllerTest {

  static ExperimentReports.Report report() {
    var lift =
        LiftCalculator.lift(
            LiftCalculatorTest.group(1_000, 300, 100),
            LiftCalculatorTest.group(1_000, 200, 100),
            50);
    var report =
        new ExperimentReports.Report(
            LocalDate.parse("2026-11-11"),
            LocalDate.parse("2026-11-11"),
            "Asia/Shanghai",
            "PT72H",
            "CNY",
            0.95,
            Map.of("converted", "paid within the window, after the send"),
            List.of(
                new ExperimentReports.Row(
                    "payment-reminder", "Activity_SendPaymentReminder", "ALL", lift)),
            List.of(
                new ExperimentProperties(new ExperimentProperties.PaymentReminderHoldout(false))
                    .paymentReminderStatus()));
    return report;
  }

  @Test
  void theCsvStartsWithABomAndCarriesTheHeaderAndOneLinePerRow() {
    String csv = ExperimentController.csv(report(), new ObjectMapper(), CsvLabels.of(null, null));

    assertThat(csv).startsWith("\uFEFFreport,experiments\r\n");
    assertThat(csv).contains("attributionWindow,PT72H\r\n", "definition.converted,\"paid within");
    // #18: the holdout as configured and as applied, and why not
    assertThat(csv)
        .contains(
            "holdout.payment-reminder.configuredPercent,10\r\n",
            "holdout.payment-reminder.effectivePercent,0\r\n",
            "holdout.payment-reminder.reason,"
                + "careflow.experiments.payment-reminder-holdout.enabled is false\r\n");
    String[] tables = csv.split("\r\n\r\n");
    String[] lines = tables[1].split("\r\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .startsWith("experimentId,stepId,variant,lift.treatmentBuyers")
        .contains("lift.absoluteInterval.low", "lift.significant", "lift.warning");
    assertThat(lines[1])
        .startsWith("payment-reminder,Activity_SendPaymentReminder,ALL,1000,300,0.3,");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName("#17: the dashboard's download names every fact and column in the page's language")
  void theCsvOfThePageNamesItsHeadersInThePageLanguage(String lang) {
    var texts = new ResourceBundleMessageSource();
    texts.setBasename("messages");
    texts.setDefaultEncoding("UTF-8");
    texts.setFallbackToSystemLocale(false);
    String machine =
        ExperimentController.csv(report(), new ObjectMapper(), CsvLabels.of(null, null));
    String csv = ExperimentController.csv(report(), new ObjectMapper(), CsvLabels.of(texts, lang));

    String[] tables = csv.split("\r\n\r\n");
    List<String> columns = List.of(tables[1].split("\r\n")[0].split(",", -1));
    List<String> machineColumns = List.of(machine.split("\r\n\r\n")[1].split("\r\n")[0].split(","));
    assertThat(columns).hasSameSizeAs(machineColumns).doesNotHaveDuplicates();
    // every column named in the language: none left as its machine name
    for (int i = 0; i < columns.size(); i++) {
      assertThat(columns.get(i)).as(machineColumns.get(i)).isNotEqualTo(machineColumns.get(i));
      if (lang.equals("zh-CN")) {
        assertThat(columns.get(i)).as(machineColumns.get(i)).containsPattern("\\p{IsHan}");
      }
    }
    // and every header fact (the definitions' texts are the API's, in English)
    for (String fact : tables[0].split("\r\n")) {
      String name = fact.substring(fact.startsWith("\uFEFF") ? 1 : 0, fact.indexOf(','));
      assertThat(name).as(fact).doesNotContain("holdout.", "definition.", "confidence");
      if (lang.equals("zh-CN")) {
        assertThat(name).as(fact).containsPattern("\\p{IsHan}");
      }
    }
    // the rows are the same figures
    assertThat(tables[1].split("\r\n")[1]).isEqualTo(machine.split("\r\n\r\n")[1].split("\r\n")[1]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName(
      "#16 review: the definitions are written in the page's language as every CSV's are (R24"
          + " lift), each of the report's, none left in English in zh-CN")
  void theDefinitionsInThePageLanguage(String lang) {
    var texts = new ResourceBundleMessageSource();
    texts.setBasename("messages");
    texts.setDefaultEncoding("UTF-8");
    texts.setFallbackToSystemLocale(false);
    var shipped = report();
    var r =
        new ExperimentReports.Report(
            shipped.from(),
            shipped.to(),
            shipped.timeZone(),
            shipped.attributionWindow(),
            shipped.currency(),
            shipped.confidence(),
            ExperimentReports.DEFINITIONS,
            shipped.rows(),
            shipped.holdouts());
    String csv = ExperimentController.csv(r, new ObjectMapper(), CsvLabels.of(texts, lang));
    String prefix = texts.getMessage("csv.fact.definition", null, Locale.forLanguageTag(lang));
    List<String> definitions =
        java.util.Arrays.stream(csv.split("\r\n\r\n")[0].split("\r\n"))
            .filter(l -> l.startsWith(prefix + " · "))
            .toList();
    assertThat(definitions).hasSize(ExperimentReports.DEFINITIONS.size());
    for (String line : definitions) {
      String text = line.substring(line.indexOf(',') + 1);
      if (lang.equals("zh-CN")) {
        assertThat(text).as(line).containsPattern("\\p{IsHan}");
        assertThat(ExperimentReports.DEFINITIONS.values()).as(line).doesNotContain(text);
      } else {
        assertThat(text).as(line).doesNotContainPattern("\\p{IsHan}");
      }
    }
  }

  @org.junit.jupiter.api.Test
  @DisplayName(
      "z16: in zh-CN the holdout's \"why not applied\" is a Chinese sentence naming the setting,"
          + " and the variant column is 方案 (not 版本, version)")
  void theHoldoutReasonAndTheVariantInChinese() {
    var texts = new ResourceBundleMessageSource();
    texts.setBasename("messages");
    texts.setDefaultEncoding("UTF-8");
    texts.setFallbackToSystemLocale(false);
    String csv =
        ExperimentController.csv(report(), new ObjectMapper(), CsvLabels.of(texts, "zh-CN"));
    String reason =
        java.util.Arrays.stream(csv.split("\r\n"))
            .filter(l -> l.contains("careflow.experiments.payment-reminder-holdout.enabled"))
            .findFirst()
            .orElseThrow();
    assertThat(reason.substring(reason.indexOf(',') + 1))
        .isEqualTo("设置项 careflow.experiments.payment-reminder-holdout.enabled 未开启（值为 false）");
    assertThat(csv.split("\r\n\r\n")[1].split("\r\n")[0].split(","))
        .contains("方案")
        .doesNotContain("版本");
  }

  @org.junit.jupiter.api.Test
  void theDefinitionsGiveTheUnitOfTheLifts() {
    // #18: lifts are fractions; the answer says so, and names each figure's verdict
    assertThat(ExperimentReports.DEFINITIONS.get("unit"))
        .contains("fractions", "percentage points", "null when a group has no buyer");
    assertThat(ExperimentReports.DEFINITIONS.get("absoluteLift")).contains("percentage points");
    assertThat(ExperimentReports.DEFINITIONS).containsKeys("gmvSignificant", "holdouts");
  }
}
