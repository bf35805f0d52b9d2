package com.careflow.dashboard;

import com.careflow.customers.CustomerQueries;
import com.careflow.customers.CustomerQueries.OrderFacts;
import com.careflow.journeys.JourneysProperties;
import com.careflow.messaging.CustomerMessages;
import com.careflow.messaging.CustomerMessages.MessageView;
import com.careflow.security.AuditLog;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The order page, {@code GET /orders/{orderId}} (issue #14, fault 9): what staff need for a
 * Tasklist task that the journeys may not carry, shown behind the login instead. The three Tasklist
 * forms link here by the order id (an engine variable). Shows the order's stored facts (review
 * rating and text, carrier, tracking number, last carrier status) read through the customers
 * module's {@link CustomerQueries#order} port, and the messages of this order in the buyer's
 * message log (through {@link CustomerMessages}, coupon codes redacted for viewers). Any login may
 * read it; every read is audited ({@code READ_ORDER}, subject the order id; the message log read
 * adds its own {@code READ_CUSTOMER_MESSAGES}). Times are shown in UTC (ISO-8601), a missing time
 * or carrier as "—". The page is in the browser's language (zh-CN or English, the message bundles'
 * {@code order.*}); the messages table downloads as CSV through the message log's own CSV, {@code
 * GET /api/customers/{customerId}/messages.csv?orderId=…&lang=…} (#17). An unknown order id answers
 * 404. It has the other pages' look and navigation bar (the shared {@code dashboard/layout} head
 * and top bar; the bar's links keep the language and open the last 7 days).
 */
@Controller
class OrderPageController {

  private final CustomerQueries customers;
  private final CustomerMessages messages;
  private final AuditLog audit;
  private final ZoneId shopZone;
  private final Clock clock;

  OrderPageController(
      CustomerQueries customers,
      CustomerMessages messages,
      AuditLog audit,
      JourneysProperties journeys,
      Clock clock) {
    this.customers = customers;
    this.messages = messages;
    this.audit = audit;
    this.shopZone = journeys.shopTimeZone();
    this.clock = clock;
  }

  @GetMapping("/orders/{orderId}")
  String order(
      @PathVariable String orderId,
      @RequestParam(required = false) String lang,
      Locale locale,
      Model model,
      HttpServletResponse response) {
    audit.record(AuditLog.READ_ORDER, orderId);
    String language = locale.getLanguage().equals("zh") ? "zh-CN" : "en";
    Period period = Period.of(null, null, null, LocalDate.now(clock.withZone(shopZone)), Map.of());
    model.addAttribute("lang", language);
    model.addAttribute("active", "order");
    model.addAttribute("period", period);
    model.addAttribute("links", new PageLinks(period, null, null, lang, language));
    model.addAttribute("path", "/orders/" + orderId);
    Optional<OrderFacts> order = customers.order(orderId);
    model.addAttribute("orderId", orderId);
    model.addAttribute("order", order.orElse(null));
    List<MessageView> ofThisOrder =
        order.map(OrderFacts::customerId).isPresent()
            ? messages.read(order.get().customerId()).stream()
                .filter(m -> orderId.equals(m.orderId()))
                .toList()
            : List.of();
    model.addAttribute("messages", ofThisOrder);
    if (order.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    }
    return "dashboard/order";
  }
}
