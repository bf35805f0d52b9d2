package com.careflow.messaging;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerRepository;
import io.camunda.client.exception.CamundaError;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place every message passes. Sends one message at most once per send key: the attempt is
 * recorded before the provider is called, so a retried job finds it and returns the recorded result
 * instead of sending again; an attempt whose outcome is unknown is looked up at the provider before
 * any resend. On the way it checks consent and opt-out (rule R22), flagged numbers, and the
 * marketing frequency cap (rule R20) under a per-customer database lock.
 */
@Service
public class MessageService {

  /**
   * BPMN error a journey catches when a message can never be delivered (bad number, no contact).
   */
  public static final String ERROR_UNDELIVERABLE = "MESSAGE_UNDELIVERABLE";

  /** Twilio: the recipient replied STOP; Twilio refuses every send to the number (rule R22). */
  static final int TWILIO_UNSUBSCRIBED = 21610;

  /** Twilio codes that mean the number itself can never receive: the profile is flagged. */
  static final Set<Integer> TWILIO_INVALID_NUMBER =
      Set.of(21211, 21214, 21217, 21401, 21407, 21408, 21612, 21614);

  /** Skip reasons recorded in the log. */
  static final String NO_CONSENT = "NO_CONSENT";

  static final String OPTED_OUT = "OPTED_OUT";
  static final String FREQUENCY_CAP = "FREQUENCY_CAP";

  private static final Logger log = LoggerFactory.getLogger(MessageService.class);

  private final CustomerRepository customers;
  private final MessageTemplates templates;
  private final MessageLog messageLog;
  private final ContactStatus contacts;
  private final MessageSender sender;
  private final MessagingProperties props;
  private final QuietHoursProperties quietHours;
  private final TransactionTemplate tx;
  private final Clock clock;

  MessageService(
      CustomerRepository customers,
      MessageTemplates templates,
      MessageLog messageLog,
      ContactStatus contacts,
      MessageSender sender,
      MessagingProperties props,
      QuietHoursProperties quietHours,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.customers = customers;
    this.templates = templates;
    this.messageLog = messageLog;
    this.contacts = contacts;
    this.sender = sender;
    this.props = props;
    this.quietHours = quietHours;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * @param sendKey stable across retries of the same step (see {@link SendMessageWorker#sendKey})
   * @param retries the job's retries left, before this attempt
   */
  public record SendRequest(
      String sendKey,
      String customerId,
      String orderId,
      Long processInstanceKey,
      String elementId,
      String templateKey,
      MessageCategory category,
      Channel channel,
      Map<String, Object> templateVariables,
      int retries) {}

  /**
   * {@code status}: the provider's (QUEUED, …), DRY_RUN or SKIPPED; {@code providerId} null when
   * skipped.
   */
  public record Outcome(String status, String providerId) {}

  private enum Gate {
    SEND,
    SKIPPED,
    INVALID_NUMBER
  }

  public Outcome send(SendRequest req) {
    Optional<MessageLog.Entry> earlier = messageLog.findBySendKey(req.sendKey());
    if (earlier.isPresent() && earlier.get().settled()) {
      log.info(
          "Send {} already done ({}), not sending again", req.sendKey(), earlier.get().status());
      return outcome(earlier.get());
    }
    if (earlier.isPresent() && earlier.get().rejected()) {
      throw undeliverable(earlier.get().errorCode(), earlier.get().errorMessage());
    }
    Customer customer =
        customers
            .find(req.customerId())
            .filter(c -> c.phone() != null && !c.phone().isBlank())
            .orElseThrow(
                () ->
                    CamundaError.bpmnError(
                        ERROR_UNDELIVERABLE,
                        "No phone number known for customer " + req.customerId()));
    String body;
    try {
      body = templates.render(req.templateKey(), customer.locale(), withOrderId(req));
    } catch (MessageTemplates.TemplateException e) {
      // retrying cannot fix a template: straight to an incident that names it
      throw CamundaError.jobError(e.getMessage(), Map.of(), 0);
    }
    OutboundMessage message = new OutboundMessage(customer.phone(), body, req.channel());

    if (earlier.isPresent()
        && earlier.get().attempts() > 0
        && !MessageLog.ERROR.equals(earlier.get().status())) {
      // an earlier run called the provider and never learnt (or never recorded) the answer
      Optional<SendReceipt> found = lookUp(req, earlier.get(), message);
      if (found.isPresent()) {
        return recordSent(req.sendKey(), found.get());
      }
    }

    holdDuringQuietHours(req, customer);
    MessageLog.Attempt attempt =
        new MessageLog.Attempt(
            req.sendKey(),
            req.customerId(),
            req.orderId(),
            req.processInstanceKey(),
            req.elementId(),
            req.templateKey(),
            req.category(),
            req.channel(),
            body);
    Gate gate = tx.execute(status -> gate(attempt, customer, earlier.isPresent()));
    if (gate == Gate.SKIPPED) {
      return outcome(messageLog.findBySendKey(req.sendKey()).orElseThrow());
    }
    if (gate == Gate.INVALID_NUMBER) {
      MessageLog.Entry entry = messageLog.findBySendKey(req.sendKey()).orElseThrow();
      throw undeliverable(entry.errorCode(), entry.errorMessage());
    }

    int attempts = messageLog.countProviderCall(req.sendKey());
    try {
      return recordSent(req.sendKey(), sender.send(message));
    } catch (SendFailedException e) {
      return failed(req, customer, e, attempts);
    }
  }

  /**
   * Rule R4, second line of defence: the process waits on a timer until the window opens, but a
   * retry backed off into the night must not send either. The job is handed back, its retries
   * untouched, with a backoff until the window opens.
   */
  private void holdDuringQuietHours(SendRequest req, Customer customer) {
    Instant now = clock.instant();
    Instant allowed = quietHours.window().nextAllowed(now, quietHours.zoneOf(customer.timeZone()));
    if (allowed.isAfter(now)) {
      throw CamundaError.jobError(
          "Quiet hours in the buyer's time zone: send "
              + req.sendKey()
              + " held until "
              + allowed
              + " (rule R4)",
          Map.of(),
          req.retries(),
          Duration.between(now, allowed));
    }
  }

  /**
   * Consent, opt-out, flagged number and frequency cap, then the attempt is recorded; one
   * transaction.
   */
  private Gate gate(MessageLog.Attempt a, Customer customer, boolean recorded) {
    Optional<ContactStatus.Flags> flags = contacts.find(customer.phone());
    if (flags.map(ContactStatus.Flags::invalidNumber).orElse(false)) {
      record(a, recorded);
      int code = flags.get().invalidErrorCode() == null ? 0 : flags.get().invalidErrorCode();
      messageLog.recordFailure(
          a.sendKey(),
          MessageLog.FAILED,
          code,
          "Number "
              + PhoneNumbers.mask(customer.phone())
              + " is flagged invalid (Twilio error "
              + code
              + "), not sent");
      return Gate.INVALID_NUMBER;
    }
    // rule R22: an opted-out number gets nothing (Twilio itself refuses every send to it, 21610)
    if (flags.map(ContactStatus.Flags::optedOut).orElse(false)) {
      return skip(a, recorded, OPTED_OUT);
    }
    if (a.category() == MessageCategory.MARKETING) {
      if (!customer.marketingConsent()) { // rule R22: marketing needs consent
        return skip(a, recorded, NO_CONSENT);
      }
      // rule R20: count and record under the customer's row lock, so parallel sends on any
      // instance cannot both take the last place under the cap
      messageLog.lockCustomer(a.customerId());
      MessagingProperties.FrequencyCap cap = props.frequencyCap();
      if (cap.maxMessages() > 0
          && messageLog.countMarketingSince(
                  a.customerId(), clock.instant().minus(cap.window()), a.sendKey())
              >= cap.maxMessages()) {
        return skip(a, recorded, FREQUENCY_CAP);
      }
    }
    record(a, recorded);
    return Gate.SEND;
  }

  private void record(MessageLog.Attempt a, boolean recorded) {
    if (recorded) {
      messageLog.markPending(a.sendKey(), a.body());
    } else {
      messageLog.recordAttempt(a);
    }
  }

  private Gate skip(MessageLog.Attempt a, boolean recorded, String reason) {
    if (recorded) {
      messageLog.markSkipped(a.sendKey(), reason);
    } else {
      messageLog.recordSkipped(a, reason);
    }
    log.info("Send {} ({} {}) skipped: {}", a.sendKey(), a.category(), a.templateKey(), reason);
    return Gate.SKIPPED;
  }

  private Optional<SendReceipt> lookUp(
      SendRequest req, MessageLog.Entry earlier, OutboundMessage message) {
    OutboundMessage sentText =
        earlier.body() == null
            ? message
            : new OutboundMessage(message.to(), earlier.body(), message.channel());
    try {
      return sender.findSent(sentText, earlier.createdAt());
    } catch (SendFailedException e) {
      throw retryLater(
          req,
          "Cannot check whether send " + req.sendKey() + " already went out: " + e.getMessage(),
          earlier.attempts());
    }
  }

  private Outcome recordSent(String sendKey, SendReceipt receipt) {
    BigDecimal cost = receipt.price();
    String currency = receipt.priceUnit();
    if (cost == null && !DryRunMessageSender.STATUS.equals(receipt.status())) {
      // rule R24: Twilio prices a message only after it went out; estimate per segment meanwhile
      int segments = receipt.segments() == null ? 1 : receipt.segments();
      cost = props.costPerSegment().multiply(BigDecimal.valueOf(segments));
      currency = props.costCurrency();
    }
    messageLog.recordSent(sendKey, receipt, cost, currency);
    return new Outcome(receipt.status().toUpperCase(Locale.ROOT), receipt.providerId());
  }

  private Outcome failed(SendRequest req, Customer customer, SendFailedException e, int attempts) {
    switch (e.kind()) {
      case REJECTED -> {
        messageLog.recordFailure(req.sendKey(), MessageLog.FAILED, e.errorCode(), e.getMessage());
        if (e.errorCode() != null && e.errorCode() == TWILIO_UNSUBSCRIBED) {
          contacts.optOut(customer.phone(), "TWILIO_" + TWILIO_UNSUBSCRIBED); // rule R22
        } else if (e.errorCode() != null && TWILIO_INVALID_NUMBER.contains(e.errorCode())) {
          contacts.flagInvalid(customer.phone(), e.errorCode());
        }
        log.warn(
            "Send {} to {} refused for good: {}",
            req.sendKey(),
            PhoneNumbers.mask(customer.phone()),
            e.getMessage());
        throw undeliverable(e.errorCode(), e.getMessage());
      }
      case RETRYABLE ->
          messageLog.recordFailure(req.sendKey(), MessageLog.ERROR, e.errorCode(), e.getMessage());
      case UNKNOWN ->
          messageLog.recordFailure(
              req.sendKey(), MessageLog.UNKNOWN, e.errorCode(), e.getMessage());
    }
    throw retryLater(req, e.getMessage(), attempts);
  }

  /**
   * A failed job with exponential backoff; when the retries are used up the incident in Operate
   * carries Twilio's error code and message.
   */
  private RuntimeException retryLater(SendRequest req, String message, int attempts) {
    int retriesLeft = Math.max(0, req.retries() - 1);
    Duration backoff =
        props.retryBackoff().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
    if (backoff.compareTo(props.maxRetryBackoff()) > 0) {
      backoff = props.maxRetryBackoff();
    }
    String text =
        message
            + " [send "
            + req.sendKey()
            + ", attempt "
            + attempts
            + (retriesLeft == 0 ? ", no retries left]" : ", retry in " + backoff + "]");
    log.warn("Send failed: {}", text);
    return CamundaError.jobError(text, Map.of(), retriesLeft, backoff);
  }

  private static RuntimeException undeliverable(Integer errorCode, String message) {
    return CamundaError.bpmnError(
        ERROR_UNDELIVERABLE,
        message,
        Map.of("sendErrorCode", errorCode == null ? "" : String.valueOf(errorCode)));
  }

  private static Outcome outcome(MessageLog.Entry e) {
    return new Outcome(e.status(), e.providerId());
  }

  private static Map<String, Object> withOrderId(SendRequest req) {
    var vars = new HashMap<String, Object>(req.templateVariables());
    if (req.orderId() != null) {
      vars.putIfAbsent("orderId", req.orderId());
    }
    return vars;
  }
}
