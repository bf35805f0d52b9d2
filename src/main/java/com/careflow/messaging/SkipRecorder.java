package com.careflow.messaging;

import com.careflow.analytics.AnalyticsFacts;
import com.careflow.customers.CustomerProfiles;
import com.careflow.messagestatus.MessageStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Messaging's port for a message another module decided not to send before it reached the send gate
 * (a campaign's audience without marketing consent, rule R22; a campaign offer whose occasion does
 * not address the customer's segment, R15, or leaves large buyers out, R16): the skip becomes a row
 * of the customer's message log (status {@code SKIPPED}, its {@link SkipReason}) and a skipped send
 * in the analytics facts, counted per step and campaign. Idempotent per send key: a retried batch
 * records each skip once (the log row once, the fact once by the analytics' send id).
 */
@Component
public class SkipRecorder {

  private static final Logger log = LoggerFactory.getLogger(SkipRecorder.class);

  private final MessageLog messageLog;
  private final CustomerProfiles customers;
  private final MessagingProperties props;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  SkipRecorder(
      MessageLog messageLog,
      CustomerProfiles customers,
      MessagingProperties props,
      ApplicationEventPublisher events,
      Clock clock) {
    this.messageLog = messageLog;
    this.customers = customers;
    this.props = props;
    this.events = events;
    this.clock = clock;
  }

  /**
   * A message not sent.
   *
   * @param sendKey stable for this customer and decision, at most 200 characters, e.g. {@code
   *     campaign/CHRISTMAS-2026/c-1}
   * @param processId the BPMN process whose step would have sent it, e.g. {@code campaign-offer}
   * @param processVersion that process's deployed version, null when unknown (a skip no instance
   *     decided, e.g. a campaign batch's consent check)
   * @param stepId that step's element id, e.g. {@code Activity_SendOffer}
   * @param stepName that step's name
   * @param campaign campaign id, or null
   * @param occasion occasion id, or null
   * @param templateKey the template it would have used, or the step's name for it when not chosen
   *     yet
   * @param processInstanceKey the process instance that decided the skip (Operate's key), or null
   *     when no instance did (a campaign batch's consent check)
   * @param segment the customer's segment (R15) when the decision knew it, e.g. {@code NEW}; else
   *     null
   */
  public record Skip(
      String sendKey,
      String customerId,
      String processId,
      Integer processVersion,
      String stepId,
      String stepName,
      String campaign,
      String occasion,
      String templateKey,
      MessageCategory category,
      Channel channel,
      SkipReason reason,
      Long processInstanceKey,
      String segment) {

    /** A skip decided outside a process instance, segment unknown. */
    public Skip(
        String sendKey,
        String customerId,
        String processId,
        String stepId,
        String stepName,
        String campaign,
        String occasion,
        String templateKey,
        MessageCategory category,
        Channel channel,
        SkipReason reason) {
      this(
          sendKey,
          customerId,
          processId,
          null,
          stepId,
          stepName,
          campaign,
          occasion,
          templateKey,
          category,
          channel,
          reason,
          null,
          null);
    }

    public Skip {
      Objects.requireNonNull(sendKey, "sendKey");
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(templateKey, "templateKey");
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Records the skip once.
   *
   * @return true when recorded now, false when the send key was recorded before
   */
  public boolean record(Skip skip) {
    boolean recorded = false;
    if (messageLog.findBySendKey(skip.sendKey()).isEmpty()) {
      try {
        messageLog.recordSkipped(
            new MessageLog.Attempt(
                skip.sendKey(),
                skip.customerId(),
                null,
                skip.processInstanceKey(),
                skip.stepId(),
                skip.templateKey(),
                skip.category(),
                skip.channel(),
                null),
            skip.reason());
        recorded = true;
        log.info(
            "Send {} ({} {}) skipped: {}",
            skip.sendKey(),
            skip.category(),
            skip.templateKey(),
            skip.reason());
      } catch (DuplicateKeyException raced) {
        // recorded meanwhile by a parallel attempt: its fact is (re)published below all the same
      }
    }
    Instant at =
        messageLog
            .findBySendKey(skip.sendKey())
            .map(MessageLog.Entry::createdAt)
            .orElse(clock.instant());
    // published on every call: the analytics store a send id once, so a retried batch whose first
    // attempt recorded the row but failed before the fact still gets it counted
    try {
      events.publishEvent(
          new AnalyticsFacts.SendFact(
              skip.sendKey(),
              null,
              skip.customerId(),
              null,
              skip.processId(),
              skip.processVersion(),
              skip.stepId(),
              skip.stepName(),
              skip.campaign(),
              skip.occasion(),
              skip.segment(),
              skip.category().name(),
              skip.channel().name(),
              skip.templateKey(),
              customers.find(skip.customerId()).map(c -> props.localeOf(c.locale())).orElse(null),
              MessageStatus.SKIPPED.name(),
              0,
              null,
              null,
              skip.reason().name(),
              at));
    } catch (RuntimeException e) {
      // as for sends: a fault in the analytics never holds up the campaign; the log row stands
      log.error("Skip {} not counted in the analytics: {}", skip.sendKey(), e.getMessage(), e);
    }
    return recorded;
  }
}
