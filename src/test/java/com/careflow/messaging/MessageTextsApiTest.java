package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.messaging.MessageTextChecks.Reason;
import com.careflow.messaging.MessageTexts.Finding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * {@code /api/message-texts}: a check's and a refused publication's problems stay the English
 * sentences API clients read today ({@code problems}, {@code warnings}), with each one's bundle key
 * and arguments beside them ({@code problemDetails}, {@code warningDetails}).
 */
class MessageTextsApiTest {

  final MessageTexts texts = mock(MessageTexts.class);
  MockMvc mvc;

  @BeforeEach
  void setUp() {
    mvc =
        MockMvcBuilders.standaloneSetup(
                new MessageTextsController(
                    texts,
                    Jackson2ObjectMapperBuilder.json().build(),
                    MessageTextChecksTest.bundles()))
            .build();
  }

  /** The JSON body. */
  static JsonNode body(org.springframework.test.web.servlet.MvcResult result) throws Exception {
    return new ObjectMapper()
        .readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  /** The strings of a JSON array. */
  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(a -> values.add(a.asText()));
    return values;
  }

  static MessageTexts.Check check(List<Finding> problems, List<Finding> warnings) {
    return new MessageTexts.Check(
        problems,
        warnings,
        Set.of("orderId"),
        Set.of("orderId"),
        1,
        "UCS2",
        20,
        false,
        Map.of("default", new java.math.BigDecimal("0.05")),
        "USD",
        "preview");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Reason.class)
  @DisplayName(
      "A refused publication (R12, R14/R21, placeholders, braces, empty, segments): 422, the English"
          + " sentence in problems as before, key and arguments in problemDetails")
  void aRefusalKeepsItsEnglishSentenceAndAddsKeyAndArguments(Reason reason) throws Exception {
    Finding f = MessageTextChecksTest.samples().get(reason);
    when(texts.publish(any(), any(), any(), anyBoolean()))
        .thenThrow(new MessageTexts.RefusedException("care-message", "zh-CN", List.of(f)));

    mvc.perform(
            post("/api/message-texts/care-message/zh-CN/publish")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.problems[0]").value(f.text()))
        .andExpect(jsonPath("$.problemDetails[0].text").value(f.text()))
        .andExpect(jsonPath("$.problemDetails[0].key").value(reason.key()))
        .andExpect(
            result ->
                assertThat(strings(body(result).path("problemDetails").path(0).path("arguments")))
                    .isEqualTo(f.arguments()))
        .andExpect(
            jsonPath("$.error").value("Text care-message (zh-CN) not published: " + f.text()));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Reason.class)
  @DisplayName("A check: problems and warnings as English sentences, and their details")
  void aCheckKeepsItsSentencesAndAddsDetails(Reason reason) throws Exception {
    Finding f = MessageTextChecksTest.samples().get(reason);
    Finding warning = MessageTextChecksTest.samples().get(Reason.NOT_SENT);
    when(texts.check("care-message", "en", "x")).thenReturn(check(List.of(f), List.of(warning)));

    mvc.perform(
            post("/api/message-texts/care-message/en/check")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"x\"}"))
        .andExpect(status().isOk())
        .andExpect(
            result -> {
              JsonNode body = body(result);
              assertThat(strings(body.path("problems"))).containsExactly(f.text());
              assertThat(strings(body.path("warnings"))).containsExactly(warning.text());
              JsonNode detail = body.path("problemDetails").path(0);
              assertThat(detail.path("key").asText()).isEqualTo(reason.key());
              assertThat(strings(detail.path("arguments"))).isEqualTo(f.arguments());
              assertThat(detail.path("text").asText()).isEqualTo(f.text());
              assertThat(body.path("warningDetails").path(0).path("key").asText())
                  .isEqualTo(Reason.NOT_SENT.key());
            })
        .andExpect(jsonPath("$.segments").value(1));
  }
}
