package com.careflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * #17: every figure's definition is written in both languages the dashboard speaks, in the same
 * message bundles as its labels, so the zh-CN page shows it in Chinese on hover.
 */
class DefinitionTextsTest {

  static final Duration WINDOW = Duration.ofHours(72);

  @Test
  @DisplayName(
      "#17 R23-R26 definitions: every key has an English and a Chinese text, the window filled in")
  void everyDefinitionInBothLanguages() {
    Map<String, String> en = Definitions.all(WINDOW, AnalyticsTestBase.texts(), Locale.ENGLISH);
    Map<String, String> zh =
        Definitions.all(WINDOW, AnalyticsTestBase.texts(), Locale.SIMPLIFIED_CHINESE);

    assertThat(en).containsOnlyKeys(Definitions.KEYS);
    assertThat(zh).containsOnlyKeys(Definitions.KEYS);
    for (String key : Definitions.KEYS) {
      assertThat(zh.get(key))
          .as("zh %s", key)
          .isNotEqualTo(en.get(key))
          .containsPattern("\\p{IsHan}");
      // English, but for the shop term 催付 the payment reminder keeps beside its name
      assertThat(en.get(key).replace("催付", ""))
          .as("en %s", key)
          .doesNotContainPattern("\\p{IsHan}");
      for (String text : new String[] {en.get(key), zh.get(key)}) {
        // MessageFormat: arguments filled in, '' turned into one apostrophe
        assertThat(text).as(key).doesNotContain("{0}").doesNotContain("''").isNotBlank();
      }
    }
    assertThat(en.get("attribution")).contains("less than 72 h before the payment");
    assertThat(zh.get("attribution")).contains("归因窗口 72 h");
    assertThat(en.get("roi")).contains("'x : 1'");
    assertThat(zh.get("conversionRate")).contains("转化率 = 归因订单 / 发送条数");
    assertThat(zh.get("roi")).contains("投入产出比");
    assertThat(zh.get("netGmv")).contains("净GMV");
    assertThat(zh.get("buyerKind")).contains("新客", "老客");
  }

  @Test
  @DisplayName("#17 a window of other than whole hours is written in ISO")
  void windowOfMinutes() {
    assertThat(
            Definitions.all(Duration.ofMinutes(90), AnalyticsTestBase.texts(), Locale.ENGLISH)
                .get("attribution"))
        .contains("less than PT1H30M before");
  }
}
