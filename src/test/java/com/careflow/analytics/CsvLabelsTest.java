package com.careflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class CsvLabelsTest {

  static ResourceBundleMessageSource texts() {
    var texts = new ResourceBundleMessageSource();
    texts.setBasename("messages");
    texts.setDefaultEncoding("UTF-8");
    texts.setFallbackToSystemLocale(false);
    return texts;
  }

  @Test
  @DisplayName(
      "z16: every definition a CSV states (the analytics', the experiments', the campaign test"
          + " runs') is labelled in Chinese in zh-CN, none left as its machine name (定义 · testRun)")
  void everyDefinitionIsLabelledInChinese() throws Exception {
    Properties english = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/messages.properties")) {
      english.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    List<String> keys = new ArrayList<>();
    for (String k : english.stringPropertyNames()) {
      if (k.startsWith("csv.definition.")) {
        keys.add(k.substring("csv.definition.".length()));
      }
    }
    keys.addAll(Definitions.all(Duration.ofHours(72), texts(), Locale.ENGLISH).keySet());
    assertThat(keys).contains("testRun", "holdouts");
    CsvLabels zh = CsvLabels.of(texts(), "zh-CN");
    for (String k : keys) {
      // Chinese, or an acronym the pages keep (ROI, GMV)
      assertThat(zh.column(k)).as(k).matches(".*\\p{IsHan}.*|[A-Z]{2,}");
    }
  }

  @Test
  @DisplayName(
      "z16: a list fact (the rule versions in the period) reads as a list in the language, not a"
          + " Java list: 无 for none, versions joined with 、; machine names keep [1, 2]")
  void aListInTheLanguage() {
    CsvLabels zh = CsvLabels.of(texts(), "zh-CN");
    assertThat(zh.list(List.of())).isEqualTo("无");
    assertThat(zh.list(List.of(1, 2))).isEqualTo("1、2");
    CsvLabels en = CsvLabels.of(texts(), "en");
    assertThat(en.list(List.of())).isEqualTo("none");
    assertThat(en.list(List.of(1, 2))).isEqualTo("1, 2");
    assertThat(CsvLabels.of(null, null).list(List.of(1, 2))).isEqualTo("[1, 2]");
  }

  @Test
  @DisplayName(
      "z16: an attribution rule's note (stored in English) in the language, its window in hours")
  void theRuleNoteInTheLanguage() {
    CsvLabels zh = CsvLabels.of(texts(), "zh-CN");
    assertThat(zh.cell("ruleNote", "first rule: window PT72H")).isEqualTo("第一条规则：归因窗口 72 小时");
    assertThat(zh.cell("ruleNote", "window changed in settings from PT72H to PT48H"))
        .isEqualTo("设置中的归因窗口由 72 小时 改为 48 小时");
    assertThat(CsvLabels.of(texts(), "en").cell("ruleNote", "first rule: window PT72H"))
        .isEqualTo("first rule: window 72 h");
    assertThat(CsvLabels.of(null, null).cell("ruleNote", "first rule: window PT72H"))
        .isEqualTo("first rule: window PT72H");
  }

  @Test
  @DisplayName(
      "z16: the breakdowns' row of the journeys outside campaigns is named by occasion and by"
          + " segment too, as by=campaign names it (both languages)")
  void theRowOutsideCampaignsIsNamed() {
    CsvLabels zh = CsvLabels.of(texts(), "zh-CN");
    assertThat(zh.cell("occasion", "", java.util.Map.of())).isEqualTo("无场合（活动之外的旅程）");
    assertThat(zh.cell("segment", "", java.util.Map.of())).isEqualTo("无分层（活动之外的旅程）");
    assertThat(CsvLabels.of(texts(), "en").cell("segment", "", java.util.Map.of()))
        .isEqualTo("No segment (journeys outside campaigns)");
    assertThat(CsvLabels.of(null, null).cell("segment", "", java.util.Map.of())).isEmpty();
  }
}
