package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.journeys.JourneysProperties;
import com.careflow.messaging.MessageTexts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/**
 * #17: the message texts pages, rendered with the real templates and bundles, link their tables'
 * CSV downloads in the page's language.
 */
class MessageTextsPageTest {

  static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");

  final MessageTexts texts = mock(MessageTexts.class);

  MockMvc mvc() {
    var bundles = DashboardMvc.messages();
    return DashboardMvc.of(
        new MessageTextsPage(
            texts,
            bundles,
            new JourneysProperties(ZoneId.of("Asia/Shanghai")),
            Clock.fixed(AT, ZoneId.of("UTC"))),
        bundles);
  }

  /** A key {@code thanks} with an English text, published v1, and this draft's check as v2. */
  void stubThanks(MessageTexts.Check draft) {
    when(texts.list())
        .thenReturn(
            List.of(
                new MessageTexts.KeySummary(
                    "thanks",
                    Set.of("name"),
                    List.of(),
                    List.of(
                        new MessageTexts.LocaleSummary(
                            "en", 1, null, AT, "Thanks, {name}", Set.of("name"))))));
    when(texts.preview("thanks"))
        .thenReturn(new MessageTexts.Preview("thanks", Map.of("en", "Thanks, Ann"), Map.of()));
    when(texts.detail("thanks", "en"))
        .thenReturn(
            new MessageTexts.TextDetail(
                "thanks",
                "en",
                1,
                draft == null ? null : 2,
                Set.of("name"),
                List.of(),
                List.of(
                    new MessageTexts.VersionView(
                        1, "Thanks, {name}", "file", "careflow", AT, "careflow", AT, true, false)),
                null,
                draft));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"en,en,Download CSV", "zh-CN,zh-CN,下载 CSV"})
  @DisplayName("The list links /api/message-texts.csv and a key's page its versions CSV, with lang")
  void linksTheCsvs(String tag, String lang, String download) throws Exception {
    stubThanks(null);
    Locale locale = Locale.forLanguageTag(tag);

    String list = DashboardMvc.page(mvc(), "/message-texts", locale);
    assertThat(list)
        .contains(
            "id=\"csv-texts\" href=\"/api/message-texts.csv?lang=" + lang + "\">" + download + "<");

    String key = DashboardMvc.page(mvc(), "/message-texts/thanks", locale);
    assertThat(key)
        .contains(
            "id=\"csv-versions-en\" href=\"/api/message-texts/thanks/versions.csv?lang="
                + lang
                + "\"",
            ">" + download + "<");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"en,The request was refused: The text is empty", "zh-CN,请求被拒绝：The text is empty"})
  @DisplayName(
      "#16/#17: a draft the service refuses answers 400 in the page's language, the service's own"
          + " reason framed in it")
  void aRefusalInThePageLanguage(String tag, String reason) throws Exception {
    when(texts.saveDraft("thanks", "en", " "))
        .thenThrow(new IllegalArgumentException("The text is empty"));
    String body =
        mvc()
            .perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                        "/message-texts/thanks/en/draft")
                    .param("text", " ")
                    .locale(Locale.forLanguageTag(tag)))
            .andExpect(
                org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                    .isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(body).contains(reason).contains("lang=\"" + tag + "\"");
  }

  /** A check of the draft with these problems and warnings. */
  static MessageTexts.Check check(
      List<MessageTexts.Finding> problems, List<MessageTexts.Finding> warnings) {
    return new MessageTexts.Check(
        problems,
        warnings,
        Set.of("name"),
        Set.of("name"),
        1,
        "GSM7",
        20,
        false,
        Map.of("default", new java.math.BigDecimal("0.05")),
        "USD",
        "Thanks, Ann");
  }

  static final List<String> UNFILLED =
      List.of(
          "{courierName}",
          "Send care message",
          "order-journey",
          "Activity_SendCareMessage",
          "care-message",
          "{orderId}");
  static final List<String> SEGMENTS = List.of("6", "UCS2", "350", "20", "3", "0.3 USD (default)");

  /**
   * Each kind of check result (MessageTextChecks.Reason, {@code texts.check.*}): its arguments, the
   * Chinese and the English sentence the pages show.
   */
  static Stream<Arguments> reasons() {
    return Stream.of(
        Arguments.of(
            "FORBIDDEN_PHRASE",
            List.of("好评返现"),
            "评价相关的文案含有禁用词“好评返现”（规则 R12：好评不得有奖励）",
            "review-related template contains the forbidden phrase '好评返现' (rule R12)"),
        Arguments.of(
            "PROMOTION",
            List.of("大促"),
            "感谢/致歉文案含有促销内容（“大促”），规则 R14/R21 禁止",
            "thank-you/apology template promotes ('大促'), which rules R14/R21 forbid"),
        Arguments.of("EMPTY", List.of(), "文案为空", "the text is empty"),
        Arguments.of(
            "STRAY_BRACE",
            List.of("Order { orderId } arrived"),
            "有不属于占位符的花括号（占位符写作 {orderId}：字母开头，之后是字母、数字或 _，不含空格）：“Order { orderId } arrived”",
            "a brace that is not a placeholder (placeholders are written {orderId}: a letter"
                + " first, then letters, digits or _, no spaces): 'Order { orderId } arrived'"),
        Arguments.of(
            "UNFILLED",
            UNFILLED,
            "旅程从不填写占位符 {courierName}：步骤“Send care message”（order-journey，Activity_SendCareMessage）"
                + "发送“care-message”时只提供 {orderId}",
            "placeholder {courierName} is never filled by the journey: step 'Send care message'"
                + " (order-journey, Activity_SendCareMessage) sends 'care-message' with {orderId}"
                + " only"),
        Arguments.of(
            "UNFILLED_NO_VALUES",
            UNFILLED.subList(0, 5),
            "旅程从不填写占位符 {courierName}：步骤“Send care message”（order-journey，Activity_SendCareMessage）"
                + "发送“care-message”时不提供任何值",
            "placeholder {courierName} is never filled by the journey: step 'Send care message'"
                + " (order-journey, Activity_SendCareMessage) sends 'care-message' with no values"
                + " only"),
        Arguments.of(
            "NOT_SENT",
            List.of("thanks"),
            "尚无旅程步骤发送“thanks”，因此无法对照旅程检查其占位符",
            "no journey step sends 'thanks' yet, so its placeholders cannot be checked against a"
                + " journey"),
        Arguments.of(
            "SEGMENTS",
            SEGMENTS,
            "最长可达 6 条短信（UCS2，每个占位符按 20 个字符计共 350 个单位），超过"
                + " careflow.messaging.max-segments-warning=3；每条短信都计费：每次发送约 0.3 USD (default)",
            "takes up to 6 SMS segments (UCS2, 350 units with 20-character values), more than"
                + " careflow.messaging.max-segments-warning=3; each segment is billed: about 0.3"
                + " USD (default) per send"),
        Arguments.of(
            "SEGMENTS_NOT_ACCEPTED",
            SEGMENTS,
            "每次发送约 0.3 USD (default)（接受此费用请勾选后再发布，API 中为 acceptSegments=true）",
            "about 0.3 USD (default) per send (publish with acceptSegments=true to accept this"
                + " cost)"));
  }

  @Test
  @DisplayName("The table below has a row for every kind of check result the bundles name")
  void everyKindHasARow() throws Exception {
    Set<String> kinds = new TreeSet<>();
    for (String key : DashboardMessagesTest.keys("messages.properties")) {
      if (key.startsWith("texts.check.")) {
        kinds.add(key.substring("texts.check.".length()));
      }
    }
    assertThat(kinds)
        .isNotEmpty()
        .isEqualTo(new TreeSet<>(reasons().map(a -> (String) a.get()[0]).toList()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reasons")
  @DisplayName(
      "R12, R14/R21, placeholders, braces, empty text, segments: a refused publication reads in"
          + " the page's language — Chinese on the zh-CN page, English on the en page, names kept")
  void aRefusalReadsInThePageLanguage(String kind, List<String> args, String zh, String en)
      throws Exception {
    MessageTexts.Finding finding =
        new MessageTexts.Finding(
            "texts.check." + kind, args, "text thanks (en): the English sentence of " + kind);
    stubThanks(check(List.of(finding), List.of(finding)));
    when(texts.publish("thanks", "en", 2, false))
        .thenThrow(new MessageTexts.RefusedException("thanks", "en", List.of(finding)));

    for (String tag : List.of("zh-CN", "en")) {
      Locale locale = Locale.forLanguageTag(tag);
      var refused =
          mvc()
              .perform(
                  post("/message-texts/thanks/en/publish")
                      .param("version", "2")
                      .param("lang", tag)
                      .locale(locale))
              .andExpect(status().is3xxRedirection())
              .andReturn();
      String page =
          HtmlUtils.htmlUnescape(
              mvc()
                  .perform(
                      get(refused.getResponse().getRedirectedUrl())
                          .flashAttrs(refused.getFlashMap())
                          .locale(locale))
                  .andExpect(status().isOk())
                  .andReturn()
                  .getResponse()
                  .getContentAsString());
      String sentence = tag.equals("en") ? en : zh;
      String other = tag.equals("en") ? zh : en;
      assertThat(page)
          .as("%s page", tag)
          .contains(tag.equals("en") ? "Not published (en)" : "未发布（en）")
          .containsPattern(
              "<ul id=\"problems\">\\s*<li [^>]*data-key=\"texts\\.check\\."
                  + kind
                  + "\"[^>]*>[^<]*"
                  + java.util.regex.Pattern.quote(sentence))
          .containsPattern(
              "class=\"error draft-problems\">\\s*<li [^>]*>[^<]*"
                  + java.util.regex.Pattern.quote(sentence))
          .doesNotContain(other)
          .doesNotContain("??texts.check")
          .contains("title=\"text thanks (en): the English sentence of " + kind + "\"");
    }
  }
}
