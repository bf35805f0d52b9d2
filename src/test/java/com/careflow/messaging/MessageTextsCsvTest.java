package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * #17: the message texts' CSVs ({@code GET /api/message-texts.csv} and {@code GET
 * /api/message-texts/{key}/versions.csv}): the JSON's rows in the API's one CSV format, named in
 * the page's language, 400 for another language, 404 for an unknown key.
 */
class MessageTextsCsvTest {

  static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");

  final MessageTexts texts = mock(MessageTexts.class);
  MockMvc mvc;

  @BeforeEach
  void setUp() {
    var bundles = new ResourceBundleMessageSource();
    bundles.setBasename("messages");
    bundles.setDefaultEncoding("UTF-8");
    bundles.setFallbackToSystemLocale(false);
    mvc =
        MockMvcBuilders.standaloneSetup(
                new MessageTextsController(
                    texts, Jackson2ObjectMapperBuilder.json().build(), bundles))
            .build();
    var steps =
        List.of(new MessageTexts.StepRef("order-journey", "send-thanks", "Send thanks", "f"));
    when(texts.list())
        .thenReturn(
            List.of(
                new MessageTexts.KeySummary(
                    "thanks",
                    new LinkedHashSet<>(List.of("orderId", "name")),
                    steps,
                    List.of(
                        new MessageTexts.LocaleSummary(
                            "en", 2, 3, AT, "Thanks, {name}, for {orderId}", Set.of()),
                        new MessageTexts.LocaleSummary(
                            "zh-CN", 1, null, AT, "谢谢，{name}", Set.of()))),
                new MessageTexts.KeySummary("unused", Set.of(), List.of(), List.of())));
    when(texts.detail("thanks", "en"))
        .thenReturn(
            detail(
                "en",
                List.of(
                    new MessageTexts.VersionView(
                        3, "Thanks, {name}!", "dashboard", "ops", AT, null, null, false, true),
                    new MessageTexts.VersionView(
                        2,
                        "Thanks, {name}, for {orderId}",
                        "file",
                        "careflow",
                        AT,
                        "ops",
                        AT,
                        true,
                        false))));
    when(texts.detail("thanks", "zh-CN"))
        .thenReturn(
            detail(
                "zh-CN",
                List.of(
                    new MessageTexts.VersionView(
                        1, "谢谢，{name}", "file", "careflow", AT, "careflow", AT, true, false))));
  }

  static MessageTexts.TextDetail detail(String locale, List<MessageTexts.VersionView> versions) {
    return new MessageTexts.TextDetail(
        "thanks", locale, 1, null, Set.of(), List.of(), versions, null, null);
  }

  List<String> csv(String url, String file) throws Exception {
    return List.of(CustomerMessagesCsvTest.csv(mvc, url, file).split("\r\n"));
  }

  @ParameterizedTest(name = "lang={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "en|Report|Template,Placeholders the journey fills,Sent by,Language,Published version,Draft version,Updated,Published text",
        "zh-CN|报表|模板,旅程填写的占位符,发送步骤,语言,已发布版本,草稿版本,"
      })
  @DisplayName("The list's CSV: BOM, header in the page's language, a line per key and locale")
  void list(String lang, String report, String columns) throws Exception {
    List<String> lines = csv("/api/message-texts.csv?lang=" + lang, "careflow-message-texts.csv");
    assertThat(lines).startsWith("\uFEFF" + report + ",message-texts", "").hasSize(6);
    assertThat(lines.get(2)).startsWith(columns);
    assertThat(lines.get(3))
        .isEqualTo(
            "thanks,orderId name,"
                + (lang.equals("en") ? "order-journey" : "订单旅程")
                + " · Send thanks,en,2,3,2026-11-20T08:00:00Z,"
                + "\"Thanks, {name}, for {orderId}\"");
    assertThat(lines.get(4)).startsWith("thanks,orderId name,").contains(",zh-CN,1,,");
    assertThat(lines.get(5)).isEqualTo("unused,,,,,,,");
  }

  @ParameterizedTest(name = "lang={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "en|Report|Template|Language,Version,Text,Source,Written by,Created,Last published by,Last published,Published,Draft",
        "zh-CN|报表|模板|语言,版本,内容,来源,编写者,"
      })
  @DisplayName("A key's versions CSV: BOM, header in the page's language, every version per locale")
  void versions(String lang, String report, String template, String columns) throws Exception {
    List<String> lines =
        csv(
            "/api/message-texts/thanks/versions.csv?lang=" + lang,
            "careflow-message-text-versions-thanks.csv");
    assertThat(lines)
        .startsWith(
            "\uFEFF" + report + ",message-text-versions", template + ",thanks", "", lines.get(3))
        .hasSize(7);
    assertThat(lines.get(3)).startsWith(columns);
    assertThat(lines.get(4))
        .isEqualTo(
            "en,3,\"Thanks, {name}!\",dashboard,ops,2026-11-20T08:00:00Z,,,"
                + (lang.equals("en") ? "no,yes" : "否,是"));
    assertThat(lines.get(5)).startsWith("en,2,");
    assertThat(lines.get(6)).startsWith("zh-CN,1,谢谢，{name},file,careflow,");
  }

  @Test
  @DisplayName("Another lang: 400 with the reason; an unknown key: 404")
  void badInput() throws Exception {
    mvc.perform(get("/api/message-texts.csv?lang=fr"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("lang is zh-CN or en, not 'fr'"));
    mvc.perform(get("/api/message-texts/thanks/versions.csv?lang=fr"))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/api/message-texts/nope/versions.csv"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("No message text 'nope'"));
  }

  @org.junit.jupiter.api.Test
  @DisplayName(
      "z16: in zh-CN the send step is named as the Journey page names it, and a version's source,"
          + " the template file's author and published/draft are written in Chinese")
  void theCodedCellsInChinese() throws Exception {
    when(texts.list())
        .thenReturn(
            List.of(
                new MessageTexts.KeySummary(
                    "care",
                    Set.of(),
                    List.of(
                        new MessageTexts.StepRef(
                            "order-journey", "Activity_SendCareMessage", "Send care message", "f")),
                    List.of(new MessageTexts.LocaleSummary("zh-CN", 1, 2, AT, "您好", Set.of())))));
    when(texts.detail("care", "zh-CN"))
        .thenReturn(
            detail(
                "zh-CN",
                List.of(
                    new MessageTexts.VersionView(
                        2, "您好！", "EDITED", "ops", AT, null, null, false, true),
                    new MessageTexts.VersionView(
                        1,
                        "您好",
                        "SEEDED",
                        MessageTexts.SEED_ACTOR,
                        AT,
                        MessageTexts.SEED_ACTOR,
                        AT,
                        true,
                        false))));
    List<String> list = csv("/api/message-texts.csv?lang=zh-CN", "careflow-message-texts.csv");
    assertThat(list.get(3)).contains(",订单旅程 · 发送关怀消息,").doesNotContain("Send care message");
    List<String> versions =
        csv(
            "/api/message-texts/care/versions.csv?lang=zh-CN",
            "careflow-message-text-versions-care.csv");
    assertThat(versions.get(4)).isEqualTo("zh-CN,2,您好！,已编辑,ops,2026-11-20T08:00:00Z,,,否,是");
    assertThat(versions.get(5))
        .isEqualTo(
            "zh-CN,1,您好,来自模板文件,careflow（模板文件）,2026-11-20T08:00:00Z,careflow（模板文件）,"
                + "2026-11-20T08:00:00Z,是,否");
  }
}
