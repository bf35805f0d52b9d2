package com.careflow.dashboard;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.customers.CustomerQueries;
import com.careflow.customers.CustomerQueries.OrderFacts;
import com.careflow.messaging.CustomerMessages;
import com.careflow.messaging.CustomerMessages.MessageView;
import com.careflow.security.AuditLog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue #14, fault 9: the Tasklist forms no longer show free text (review text, last carrier
 * update); they link to {@code /orders/{orderId}}, where staff read the order's stored facts behind
 * the login, every read audited. Rendered with the real template.
 */
class OrderPageControllerTest {

  final CustomerQueries customers = mock(CustomerQueries.class);
  final CustomerMessages messages = mock(CustomerMessages.class);
  final AuditLog audit = mock(AuditLog.class);

  MockMvc mvc() {
    return DashboardMvc.of(
        new OrderPageController(
            customers,
            messages,
            audit,
            new com.careflow.journeys.JourneysProperties(java.time.ZoneId.of("Asia/Shanghai")),
            java.time.Clock.fixed(Instant.parse("2026-11-20T04:00:00Z"), java.time.ZoneOffset.UTC)),
        DashboardMvc.messages());
  }

  static MessageView message(String orderId, String text) {
    return new MessageView(
        "service-recovery-apology",
        "TRANSACTIONAL",
        "SMS",
        text,
        com.careflow.messagestatus.MessageStatus.DELIVERED,
        null,
        null,
        null,
        null,
        "SM1",
        1,
        null,
        null,
        Instant.parse("2026-11-12T02:00:00Z"),
        null,
        null,
        null,
        null,
        orderId,
        "zh-CN",
        1);
  }

  @Test
  @DisplayName(
      "fault 9: the order page shows the stored review text and carrier status and this order's"
          + " messages; the read is audited")
  void showsTheStoredFactsAndAuditsTheRead() throws Exception {
    when(customers.order("o-1"))
        .thenReturn(
            Optional.of(
                new OrderFacts(
                    "o-1",
                    "c-1",
                    new BigDecimal("99.00"),
                    "CNY",
                    Instant.parse("2026-11-11T00:00:00Z"),
                    null,
                    null,
                    "SF",
                    "SF123",
                    "exception",
                    "包裹滞留在转运中心",
                    Instant.parse("2026-11-12T00:30:00Z"),
                    null,
                    2,
                    "包装破损，客服请致电 +86 138 0013 8004",
                    Instant.parse("2026-11-12T01:00:00Z"))));
    when(messages.read("c-1"))
        .thenReturn(List.of(message("o-1", "很抱歉给您带来不便"), message("o-2", "another order's text")));

    mvc()
        .perform(get("/orders/o-1"))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("包装破损，客服请致电 +86 138 0013 8004")))
        .andExpect(content().string(Matchers.containsString("exception")))
        .andExpect(content().string(Matchers.containsString("包裹滞留在转运中心")))
        .andExpect(content().string(Matchers.containsString("99.00 CNY")))
        .andExpect(content().string(Matchers.containsString("很抱歉给您带来不便")))
        // #21: which text and version the message used
        .andExpect(content().string(Matchers.containsString("zh-CN · v1")))
        .andExpect(content().string(Matchers.not(Matchers.containsString("another order's text"))));
    verify(audit).record(AuditLog.READ_ORDER, "o-1");
  }

  @Test
  @DisplayName("fault 9: an unknown order answers 404, reads no message log, and is audited too")
  void anUnknownOrderIsNotFound() throws Exception {
    when(customers.order("o-x")).thenReturn(Optional.empty());
    mvc().perform(get("/orders/o-x")).andExpect(status().isNotFound());
    verify(audit).record(AuditLog.READ_ORDER, "o-x");
    verify(messages, never()).read(anyString());
  }

  static OrderFacts unpaid() {
    return new OrderFacts(
        "o-1",
        "c-1",
        new BigDecimal("99.00"),
        "CNY",
        Instant.parse("2026-11-11T00:00:00Z"),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The page of an order placed, not yet paid, with one message, in this language. */
  String unpaidOrderPage(Locale locale) throws Exception {
    when(customers.order("o-1")).thenReturn(Optional.of(unpaid()));
    when(messages.read("c-1")).thenReturn(List.of(message("o-1", "很抱歉给您带来不便")));
    return DashboardMvc.page(mvc(), "/orders/o-1", locale);
  }

  @Test
  @DisplayName(
      "#17: the order page in Chinese: its labels from the bundle, — for a missing paid, shipped,"
          + " delivered time and carrier, never a literal null")
  void chineseLabelsAndDashesForMissingValues() throws Exception {
    org.assertj.core.api.Assertions.assertThat(unpaidOrderPage(Locale.SIMPLIFIED_CHINESE))
        .contains(
            "lang=\"zh-CN\"",
            "<th>客户</th>",
            "<th>金额</th>",
            "<th>下单 / 付款 / 发货 / 签收</th>",
            "<th>承运商、运单号</th>",
            "此订单的消息",
            "<td id=\"order-times\">2026-11-11T00:00:00Z / — / — / —</td>",
            "<td id=\"order-carrier\">— —</td>",
            "<td id=\"logistics-status\">—</td>",
            "<th>创建时间</th>")
        .doesNotContain("null", "Messages of this order", "Customer<", "Amount<", "??");
  }

  @Test
  @DisplayName(
      "#17: the order page in English links its messages table to the message log's CSV of this"
          + " order, in the page's language")
  void linksTheOrdersMessagesCsv() throws Exception {
    org.assertj.core.api.Assertions.assertThat(unpaidOrderPage(Locale.ENGLISH))
        .contains(
            "<th>Customer</th>",
            "Messages of this order",
            "id=\"csv-order-messages\" href=\"/api/customers/c-1/messages.csv?orderId=o-1&amp;lang=en\"",
            ">Download CSV<")
        .doesNotContain("null", "??");
    org.assertj.core.api.Assertions.assertThat(unpaidOrderPage(Locale.SIMPLIFIED_CHINESE))
        .contains(
            "href=\"/api/customers/c-1/messages.csv?orderId=o-1&amp;lang=zh-CN\"", ">下载 CSV<");
  }

  @Test
  @DisplayName(
      "walk-through: the order page has the dashboard's stylesheet (no 404 /dashboard.css) and the"
          + " navigation bar back to the other pages, in the page's language")
  void hasTheSharedLookAndNavigation() throws Exception {
    String en = unpaidOrderPage(Locale.ENGLISH);
    org.assertj.core.api.Assertions.assertThat(DashboardPageAssetsTest.assets(en))
        .contains("/dashboard/dashboard.css")
        .doesNotContain("/dashboard.css");
    DashboardPageAssetsTest.assertServed("/orders/o-1", DashboardPageAssetsTest.assets(en));
    org.assertj.core.api.Assertions.assertThat(en)
        .contains(
            "class=\"topbar\"",
            ">Overview</a>",
            ">Message log</a>",
            "id=\"lang-switch\" class=\"lang\" href=\"/orders/o-1?",
            "id=\"sign-out\"");
    org.assertj.core.api.Assertions.assertThat(unpaidOrderPage(Locale.SIMPLIFIED_CHINESE))
        .contains("class=\"topbar\"", "lang=en");
  }
}
