package com.careflow.messaging;

import com.careflow.analytics.AnalyticsFacts;
import com.careflow.customers.CustomerProfiles;
import com.careflow.experiments.SendStepExperiments;
import com.careflow.messagestatus.MessageStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes one {@link AnalyticsFacts.SendFact} per settled send (sent, dry run, skipped with its
 * reason, undeliverable), read back from the message log after it recorded the outcome, so the
 * analytics never disagree with the log: same status, Message SID, segments, cost and skip reason.
 * A send still to be retried (or waiting for an operator) publishes nothing yet. The analytics
 * ignore a second fact with the same send key, so a redelivered job counts once.
 */
@Component
class SendFacts {

  /**
   * Who asked for the message: the journey's call activity passes these into {@code
   * message-delivery} (see the "Send message to buyer" element template).
   *
   * @param callingProcessId BPMN process id of the journey, e.g. {@code order-journey}
   * @param callingProcessVersion the journey's deployed version, from its {@code journeyVersion}
   *     ({@code JourneyVersionWorker}); null when the journey did not pass one (an instance started
   *     before the journey had its listener): the version is then unknown, never guessed
   * @param callingStepId element id of the journey's send step, e.g. {@code
   *     Activity_SendPaymentReminder}
   * @param callingStepName that element's name, e.g. "Send payment reminder"
   * @param campaign campaign id, or null
   * @param occasion occasion id, or null
   * @param segmentAtSend the buyer's segment when the step ran, or null
   */
  record Caller(
      String callingProcessId,
      Integer callingProcessVersion,
      String callingStepId,
      String callingStepName,
      String campaign,
      String occasion,
      String segmentAtSend) {}

  private final MessageLog messageLog;
  private final CustomerProfiles customers;
  private final MessagingProperties props;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  SendFacts(
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
   * The journey step a send is counted under, for real sends ({@link #settled}) and held-out
   * buyers' virtual sends alike: the calling journey's process and send step when a call activity
   * passed them, else the delivery process's own element.
   *
   * @param caller the calling step, or null (a delivery started on its own)
   * @param ownProcessId / ownVersion / ownElementId the job's own process and element
   */
  static SendStepExperiments.CallingStep callingStep(
      Caller caller, String ownProcessId, Integer ownVersion, String ownElementId) {
    boolean called = caller != null && caller.callingStepId() != null;
    // the delivery's job sees only its own process; the calling journey's version is what the
    // journey passed (its journeyVersion), else unknown
    return new SendStepExperiments.CallingStep(
        called ? caller.callingProcessId() : ownProcessId,
        called ? caller.callingProcessVersion() : ownVersion,
        called ? caller.callingStepId() : ownElementId,
        called ? caller.callingStepName() : null,
        caller == null ? null : caller.campaign(),
        caller == null ? null : caller.occasion(),
        caller == null ? null : caller.segmentAtSend());
  }

  /**
   * The buyer's locale as the analytics record it with a send: the profile's, else the shop's
   * default ({@link MessagingProperties#localeOf}); null for a customer the store does not know.
   */
  String locale(String customerId) {
    return customers.find(customerId).map(c -> props.localeOf(c.locale())).orElse(null);
  }

  /**
   * @param caller the calling step; when absent (a delivery started on its own) the delivery
   *     process's own element stands in
   * @param ownProcessId / ownVersion / ownElementId the job's own process and element
   */
  void settled(
      MessageService.SendRequest req,
      SendResult result,
      Caller caller,
      String ownProcessId,
      Integer ownVersion,
      String ownElementId) {
    if (!(result instanceof SendResult.Sent
        || result instanceof SendResult.Skipped
        || result instanceof SendResult.Undeliverable)) {
      return; // not settled yet: the retry or the operator's fix settles it
    }
    SendStepExperiments.CallingStep step =
        callingStep(caller, ownProcessId, ownVersion, ownElementId);
    String locale = locale(req.customerId());
    Optional<MessageLog.Entry> logged = messageLog.findBySendKey(req.sendKey());
    String status;
    String messageSid = null;
    int segments = 0;
    java.math.BigDecimal cost = null;
    String currency = null;
    String skipReason = null;
    Integer errorCode = null;
    Instant at;
    if (logged.isPresent()) {
      MessageLog.Entry e = logged.get();
      status = e.status().name();
      messageSid = e.messageSid();
      segments = e.segments() == null ? 0 : e.segments();
      cost = e.cost();
      currency = e.costCurrency();
      skipReason = e.skipReason();
      errorCode = e.errorCode();
      at =
          e.sentAt() != null ? e.sentAt() : e.updatedAt() != null ? e.updatedAt() : clock.instant();
    } else {
      // nothing logged (cannot happen since every skip is logged; kept for a log row deleted by
      // hand)
      status = MessageStatus.FAILED.name();
      at = clock.instant();
    }
    if (result instanceof SendResult.Skipped skipped && skipReason == null) {
      skipReason = skipped.reason();
    }
    events.publishEvent(
        new AnalyticsFacts.SendFact(
            req.sendKey(),
            messageSid,
            req.customerId(),
            req.orderId(),
            step.processId(),
            step.processVersion(),
            step.stepId(),
            step.stepName(),
            step.campaign(),
            step.occasion(),
            step.segment(),
            req.category() == null ? null : req.category().name(),
            req.channel() == null ? null : req.channel().name(),
            req.templateKey(),
            locale,
            status,
            segments,
            cost,
            currency,
            skipReason,
            at,
            errorCode));
  }
}
