package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.messagestatus.MessageStatus;
import com.careflow.security.AuditLog;
import com.careflow.security.Role;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * #17: the message log's CSV ({@code GET /api/customers/{id}/messages.csv}): the JSON's rows in the
 * API's one CSV format, named in the page's language, coupon codes redacted for viewers as the JSON
 * redacts them, no phone number.
 */
class CustomerMessagesCsvTest {

  static final Instant AT = Instant.parse("2026-12-17T02:00:00Z");
  static final String TEXT = "Your coupon CFQ7RT2KX9 for order o-1.";

  final MessageLog messageLog = mock(MessageLog.class);
  final AuditLog auditLog = mock(AuditLog.class);
  MockMvc mvc;

  static MessageLog.Entry entry(MessageStatus status, String skipReason, String body) {
    return entry(status, skipReason, body, "o-1");
  }

  static MessageLog.Entry entry(
      MessageStatus status, String skipReason, String body, String orderId) {
    return new MessageLog.Entry(
        1,
        "send-1",
        "c-1",
        orderId,
        7L,
        "send-coupon",
        "coupon-offer",
        MessageCategory.MARKETING,
        Channel.SMS,
        body,
        status,
        skipReason,
        status == MessageStatus.SKIPPED ? null : "SM1",
        null,
        null,
        1,
        1,
        new BigDecimal("0.0500"),
        "CNY",
        AT,
        AT,
        AT,
        AT,
        null,
        AT,
        "GSM-7",
        "86",
        "en",
        2);
  }

  @BeforeEach
  void setUp() {
    var texts = new ResourceBundleMessageSource();
    texts.setBasename("messages");
    texts.setDefaultEncoding("UTF-8");
    texts.setFallbackToSystemLocale(false);
    var mapper = Jackson2ObjectMapperBuilder.json().build();
    mvc =
        MockMvcBuilders.standaloneSetup(
                new CustomerMessagesController(
                    new CustomerMessages(messageLog, auditLog), mapper, texts))
            .build();
    when(messageLog.findByCustomer("c-1"))
        .thenReturn(
            List.of(
                entry(MessageStatus.DELIVERED, null, TEXT),
                entry(MessageStatus.SKIPPED, "NO_CONSENT", TEXT)));
  }

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  static void signIn(Role role) {
    SecurityContextHolder.getContext()
        .setAuthentication(
            new UsernamePasswordAuthenticationToken(
                role.name().toLowerCase(),
                "n/a",
                List.of(new SimpleGrantedAuthority(role.authority()))));
  }

  String csv(String url) throws Exception {
    return csv(url, "careflow-customer-messages-c-1.csv");
  }

  String csv(String url, String file) throws Exception {
    return csv(mvc, url, file);
  }

  /**
   * A CSV download of the API: status 200, {@code text/csv;charset=UTF-8}, saved as {@code file},
   * starting with the UTF-8 byte-order mark; its text.
   */
  static String csv(MockMvc mvc, String url, String file) throws Exception {
    byte[] body =
        mvc.perform(get(url))
            .andExpect(status().isOk())
            .andExpect(content().contentType("text/csv;charset=UTF-8"))
            .andExpect(
                header().string("Content-Disposition", "attachment; filename=\"" + file + "\""))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(body).as("UTF-8 byte-order mark").startsWith(0xEF, 0xBB, 0xBF);
    return new String(body, StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "lang={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "en|Report|Customer id|Template,Category,Channel,Text,Status,Skip reason,|No marketing consent (R22)|Skipped|Marketing",
        "zh-CN|报表|客户 ID|模板,类别,渠道,内容,状态,跳过原因,|无营销授权（R22）|已跳过|营销类"
      })
  @DisplayName("CSV in the page's language: BOM, facts, column names and skip reason as the page")
  void inThePagesLanguage(
      String lang,
      String report,
      String customer,
      String columns,
      String skip,
      String skipped,
      String marketing)
      throws Exception {
    signIn(Role.ADMIN);
    List<String> lines = List.of(csv("/api/customers/c-1/messages.csv?lang=" + lang).split("\r\n"));
    assertThat(lines)
        .startsWith("\uFEFF" + report + ",customer-messages", customer + ",c-1", "")
        .hasSize(6);
    assertThat(lines.get(3))
        .startsWith(columns)
        .as("no phone number, as in the JSON")
        .doesNotContainIgnoringCase("phone");
    // the status and the category in the language too, as the page shows them (#16)
    assertThat(lines.get(5)).contains("," + skipped + "," + skip + " (NO_CONSENT),R22,");
    assertThat(lines.get(4)).contains("," + marketing + ",SMS,");
    verify(auditLog).record(AuditLog.READ_CUSTOMER_MESSAGES, "c-1");
  }

  @Test
  @DisplayName("Without lang: the JSON's field names, the same rows as the JSON")
  void machineNames() throws Exception {
    signIn(Role.ADMIN);
    String csv = csv("/api/customers/c-1/messages.csv");
    assertThat(csv)
        .contains(
            "\r\ntemplateKey,category,channel,text,status,skipReason,skipRule,errorCode,",
            "coupon-offer,MARKETING,SMS,Your coupon CFQ7RT2KX9 for order o-1.,DELIVERED,,,",
            ",2026-12-17T02:00:00Z,");
  }

  @Test
  @DisplayName(
      "A viewer gets coupon codes redacted exactly as the JSON redacts them; an admin the code")
  void couponCodesOnlyForAdmins() throws Exception {
    signIn(Role.VIEWER);
    String json =
        mvc.perform(get("/api/customers/c-1/messages"))
            .andExpect(jsonPath("$[0].text").value("Your coupon CF******** for order o-1."))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("CFQ7RT2KX9");
    assertThat(csv("/api/customers/c-1/messages.csv?lang=en"))
        .contains(",Your coupon CF******** for order o-1.,")
        .doesNotContain("CFQ7RT2KX9");

    signIn(Role.ADMIN);
    assertThat(csv("/api/customers/c-1/messages.csv?lang=en"))
        .contains(",Your coupon CFQ7RT2KX9 for order o-1.,");
  }

  @ParameterizedTest(name = "lang={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "en|Report|Customer id|Order id|Template,Category,Channel,Text,Status",
        "zh-CN|报表|客户 ID|订单号|模板,类别,渠道,内容,状态"
      })
  @DisplayName(
      "#17: the order page's CSV (?orderId=): only that order's entries, in the page's language,"
          + " a viewer's coupon code redacted as in the message log")
  void oneOrdersMessages(String lang, String report, String customer, String order, String columns)
      throws Exception {
    when(messageLog.findByCustomer("c-1"))
        .thenReturn(
            List.of(
                entry(MessageStatus.DELIVERED, null, TEXT),
                entry(MessageStatus.DELIVERED, null, "Another order: CFZZZZ2KX9", "o-2")));
    signIn(Role.VIEWER);
    List<String> lines =
        List.of(
            csv(
                    "/api/customers/c-1/messages.csv?orderId=o-1&lang=" + lang,
                    "careflow-order-messages-o-1.csv")
                .split("\r\n"));
    assertThat(lines)
        .startsWith("\uFEFF" + report + ",customer-messages", customer + ",c-1", order + ",o-1", "")
        .hasSize(6);
    assertThat(lines.get(4)).startsWith(columns);
    assertThat(lines.get(5))
        .contains(",Your coupon CF******** for order o-1.,")
        .doesNotContain("CFQ7RT2KX9");
    verify(auditLog).record(AuditLog.READ_CUSTOMER_MESSAGES, "c-1");
  }

  @Test
  @DisplayName("Another lang: 400 with the reason")
  void badLanguage() throws Exception {
    mvc.perform(get("/api/customers/c-1/messages.csv?lang=fr"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("lang is zh-CN or en, not 'fr'"));
  }
}
