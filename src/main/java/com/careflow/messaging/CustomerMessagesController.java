package com.careflow.messaging;

import com.careflow.security.AuditLog;
import com.careflow.security.CurrentOperator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * For customer service: what Careflow sent a buyer, newest last. No phone numbers; coupon codes
 * only for operations admins. Every read is written to the audit log.
 */
@RestController
class CustomerMessagesController {

  private final MessageLog messageLog;
  private final AuditLog auditLog;

  CustomerMessagesController(MessageLog messageLog, AuditLog auditLog) {
    this.messageLog = messageLog;
    this.auditLog = auditLog;
  }

  record MessageView(
      String templateKey,
      String category,
      String channel,
      String text,
      String status,
      String skipReason,
      Integer errorCode,
      String errorMessage,
      String messageSid,
      Integer segments,
      BigDecimal cost,
      String costCurrency,
      Instant createdAt,
      Instant sentAt,
      Instant statusAt,
      Long journeyInstanceKey,
      String journeyStep,
      String orderId,
      String textLocale,
      Integer textVersion) {}

  @GetMapping(
      path = "/api/customers/{customerId}/messages",
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<MessageView> messages(@PathVariable String customerId) {
    auditLog.record(AuditLog.READ_CUSTOMER_MESSAGES, customerId);
    return messageLog.findByCustomer(customerId).stream()
        .map(
            e ->
                new MessageView(
                    e.templateKey(),
                    e.category().name(),
                    e.channel().name(),
                    CurrentOperator.messageText(e.body()),
                    e.status(),
                    e.skipReason(),
                    e.errorCode(),
                    e.errorMessage(),
                    e.providerId(),
                    e.segments(),
                    e.cost(),
                    e.costCurrency(),
                    e.createdAt(),
                    e.sentAt(),
                    e.statusAt(),
                    e.processInstanceKey(),
                    e.elementId(),
                    e.orderId(),
                    e.textLocale(),
                    e.textVersion()))
        .toList();
  }
}
