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
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

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
    var templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/");
    templates.setSuffix(".html");
    templates.setCharacterEncoding("UTF-8");
    var engine = new SpringTemplateEngine();
    engine.setTemplateResolver(templates);
    var views = new ThymeleafViewResolver();
    views.setTemplateEngine(engine);
    views.setCharacterEncoding("UTF-8");
    return MockMvcBuilders.standaloneSetup(new OrderPageController(customers, messages, audit))
        .setViewResolvers(views)
        .build();
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
}
