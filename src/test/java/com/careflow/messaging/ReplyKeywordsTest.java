package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Fault 2 (issue #15), rule R22: every configured keyword, written any way buyers write it, opts
 * out (or in); only whole replies count. A property over generated spellings.
 */
class ReplyKeywordsTest {

  private final MessagingProperties defaults = MessagingTestSupport.messaging(Map.of());
  private final ReplyKeywords keywords =
      new ReplyKeywords(defaults.stopWords(), defaults.startWords());

  /** Ways buyers' phones and fingers change a word without changing what it says. */
  private static final List<UnaryOperator<String>> SPELLINGS =
      List.of(
          w -> w,
          w -> w.toLowerCase(java.util.Locale.ROOT),
          w -> w.charAt(0) + w.substring(1).toLowerCase(java.util.Locale.ROOT),
          ReplyKeywordsTest::fullWidth,
          w -> " " + w + " ",
          w -> w + "\n",
          w -> "\u3000" + w + "\u3000", // ideographic space
          w -> w + ".",
          w -> w + "!",
          w -> w + "。",
          w -> w + "！",
          w -> w + "，",
          w -> w + "~",
          w -> "“" + w + "”",
          w -> "\"" + w + "\"",
          w -> w + " 🙏",
          w -> "【" + w + "】",
          w -> w + "!!!");

  static String fullWidth(String w) {
    StringBuilder out = new StringBuilder();
    w.codePoints()
        .forEach(c -> out.appendCodePoint(c >= 0x21 && c <= 0x7E ? c - 0x21 + 0xFF01 : c));
    return out.toString();
  }

  @Test
  void fault2_r22_theDefaultsHoldTwiliosListAndTheChineseReplies() {
    assertThat(defaults.stopWords())
        .contains(
            "STOP",
            "STOPALL",
            "UNSUBSCRIBE",
            "CANCEL",
            "END",
            "QUIT",
            "REVOKE",
            "OPTOUT",
            "退订",
            "TD",
            "T");
    assertThat(defaults.startWords()).contains("START", "YES", "UNSTOP");
  }

  @Test
  void fault2_r22_everyStopWordInEverySpellingOptsOut() {
    Random random = new Random(15);
    List<String> failures = new ArrayList<>();
    for (String word : defaults.stopWords()) {
      for (UnaryOperator<String> spelling : SPELLINGS) {
        // and two spellings stacked, chosen at random (seeded: the same run every time)
        UnaryOperator<String> other = SPELLINGS.get(random.nextInt(SPELLINGS.size()));
        for (String reply : List.of(spelling.apply(word), other.apply(spelling.apply(word)))) {
          if (keywords.classify(reply) != ReplyKeywords.Intent.OPT_OUT) {
            failures.add(reply);
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void fault2_r22_everyStartWordInEverySpellingOptsIn() {
    for (String word : defaults.startWords()) {
      for (UnaryOperator<String> spelling : SPELLINGS) {
        assertThat(keywords.classify(spelling.apply(word)))
            .as(spelling.apply(word))
            .isEqualTo(ReplyKeywords.Intent.OPT_IN);
      }
    }
  }

  @Test
  void fault2_r22_onlyTheWholeReplyCounts() {
    for (String reply :
        List.of(
            "STOP PLEASE",
            "please stop",
            "Tea arrived, thanks",
            "T T",
            "TD5",
            "我要退订单",
            "不要退订",
            "",
            "   ",
            "。",
            "Start shipping soon?")) {
      assertThat(keywords.classify(reply)).as(reply).isEqualTo(ReplyKeywords.Intent.NONE);
    }
  }

  @Test
  void fault2_r22_configuredWordsAreNormalizedTheSameWay() {
    ReplyKeywords custom = new ReplyKeywords(List.of(" ｂａｊａ "), List.of("alta."));
    assertThat(custom.classify("BAJA")).isEqualTo(ReplyKeywords.Intent.OPT_OUT);
    assertThat(custom.classify("Alta")).isEqualTo(ReplyKeywords.Intent.OPT_IN);
    assertThat(custom.classify("STOP")).isEqualTo(ReplyKeywords.Intent.NONE);
  }
}
