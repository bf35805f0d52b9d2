package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.messaging.SkipReason;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Nothing skipped silently (issue #21): every skip reason code an operator can meet has a label in
 * both languages of the dashboard and a line in the ops guide's message-log table.
 */
class SkipReasonLabelsTest {

  static List<String> codes() {
    List<String> codes = new ArrayList<>();
    for (SkipReason r : SkipReason.values()) {
      codes.add(r.name());
    }
    codes.add("HOLDOUT"); // an experiment's held-out buyer (analytics)
    codes.add("UNSPECIFIED"); // a skip recorded without a code (analytics)
    return codes;
  }

  static Properties load(String name) throws Exception {
    Properties p = new Properties();
    try (var in =
        new InputStreamReader(
            SkipReasonLabelsTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  @Test
  @DisplayName(
      "R20/R22 skips: every reason code has an English and a Chinese label, naming its rule")
  void everyReasonHasALabelInBothLanguages() throws Exception {
    Properties en = load("messages.properties");
    Properties zh = load("messages_zh_CN.properties");
    for (String code : codes()) {
      assertThat(en.getProperty("skip." + code)).as("English label of %s", code).isNotBlank();
      assertThat(zh.getProperty("skip." + code)).as("Chinese label of %s", code).isNotBlank();
    }
    for (SkipReason r : SkipReason.values()) {
      if (!r.rule().isEmpty()) {
        assertThat(en.getProperty("skip." + r.name()))
            .as("%s names its rule", r)
            .contains(r.rule());
        assertThat(zh.getProperty("skip." + r.name()))
            .as("%s names its rule", r)
            .contains(r.rule());
      }
    }
  }

  @Test
  @DisplayName("Skips: the ops guide's message-log table explains every reason code with its rule")
  void theOpsGuideExplainsEveryReason() throws Exception {
    String guide = Files.readString(Path.of("docs", "ops-guide.md"));
    for (SkipReason r : SkipReason.values()) {
      assertThat(guide)
          .as("ops guide row of %s", r)
          .containsPattern("\\| `" + r.name() + "` \\| " + r.rule() + " ?\\|");
    }
  }
}
