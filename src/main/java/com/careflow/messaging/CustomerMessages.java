package com.careflow.messaging;

import com.careflow.messagestatus.MessageStatus;
import com.careflow.security.AuditLog;
import com.careflow.security.CurrentOperator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Messaging's port for reading a customer's message log as an operator may see it: everything
 * Careflow sent, or decided not to send (status {@code SKIPPED} with its reason code), oldest
 * first. No phone numbers; coupon codes in the text only for operations admins (viewers see {@code
 * CF********}). Every read is written to the audit log. Used by the API ({@code GET
 * /api/customers/{id}/messages}) and the dashboard's message log page.
 */
@Service
public class CustomerMessages {

  private final MessageLog messageLog;
  private final AuditLog auditLog;

  public CustomerMessages(MessageLog messageLog, AuditLog auditLog) {
    this.messageLog = messageLog;
    this.auditLog = auditLog;
  }

  /**
   * One entry of the log.
   *
   * @param status QUEUED, SENT, DELIVERED, UNDELIVERED, FAILED, DRY_RUN, SKIPPED, … (JSON: the
   *     name)
   * @param skipReason the {@link SkipReason} code of a SKIPPED entry, else null
   * @param skipRule the rule that governs the skip ({@code R22}), "" when none, null when not
   *     skipped
   * @param errorCode Twilio's error code of a failure, or of the flag behind a skip
   * @param cost the provider's price or the estimate, in {@code costCurrency}
   */
  public record MessageView(
      String templateKey,
      String category,
      String channel,
      String text,
      MessageStatus status,
      String skipReason,
      String skipRule,
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

  /** The customer's log as the current operator may read it; the read is audited. */
  public List<MessageView> read(String customerId) {
    auditLog.record(AuditLog.READ_CUSTOMER_MESSAGES, customerId);
    return messageLog.findByCustomer(customerId).stream()
        .map(
            e -> {
              SkipReason reason = SkipReason.of(e.skipReason());
              return new MessageView(
                  e.templateKey(),
                  e.category().name(),
                  e.channel().name(),
                  CurrentOperator.messageText(e.body()),
                  e.status(),
                  e.skipReason(),
                  reason == null ? (e.skipReason() == null ? null : "") : reason.rule(),
                  e.errorCode(),
                  CurrentOperator.messageText(e.errorMessage()),
                  e.messageSid(),
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
                  e.textVersion());
            })
        .toList();
  }
}
