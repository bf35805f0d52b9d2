package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.careflow.journeys.JourneysProperties;
import com.careflow.messaging.MessageTexts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.web.servlet.MockMvc;

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

  @ParameterizedTest(name = "{0}")
  @CsvSource({"en,en,Download CSV", "zh-CN,zh-CN,下载 CSV"})
  @DisplayName("The list links /api/message-texts.csv and a key's page its versions CSV, with lang")
  void linksTheCsvs(String tag, String lang, String download) throws Exception {
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
                null,
                Set.of("name"),
                List.of(),
                List.of(
                    new MessageTexts.VersionView(
                        1, "Thanks, {name}", "file", "careflow", AT, "careflow", AT, true, false)),
                null,
                null));
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
}
