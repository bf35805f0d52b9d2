package com.careflow.messaging;

import com.careflow.backoff.ExponentialBackoff;
import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.customers.OrderHistory;
import com.careflow.messagestatus.MessageStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place every message passes. Sends one message at most once per send key: a worker first
 * claims the key with a lease (a conditional write with an expiry), so a second activation of the
 * same send waits instead of racing; the attempt is recorded before the provider is called, so a
 * retried job finds it and returns the recorded result; an attempt whose outcome is unknown is
 * looked up at the provider (same sender, since the first claim) before any resend. On the way it
 * checks consent and opt-out (rule R22), flagged numbers, the marketing frequency cap (rule R20)
 * under a per-customer database lock, and — right before the provider call, after the rate-limit
 * wait — whether the message's reason still holds ({@link SendCondition}).
 *
 * <p>Returns a {@link SendResult}; the job worker maps it onto Camunda's protocol.
 */
@Service
class MessageService {

  /**
   * BPMN error a journey catches when a message can never be delivered (bad number, no contact).
   */
  public static final String ERROR_UNDELIVERABLE = "MESSAGE_UNDELIVERABLE";

  /** Twilio: the recipient replied STOP; Twilio refuses every send to the number (rule R22). */
  static final int TWILIO_UNSUBSCRIBED = TwilioErrors.UNSUBSCRIBED;

  /** Skip reasons recorded in the log ({@link SkipReason}). */
  static final String NO_CONSENT = SkipReason.NO_CONSENT.name();

  static final String OPTED_OUT = SkipReason.OPTED_OUT.name();
  static final String FREQUENCY_CAP = SkipReason.FREQUENCY_CAP.name();

  private static final Logger log = LoggerFactory.getLogger(MessageService.class);

  private final CustomerProfiles customers;
  private final OrderHistory orders;
  private final MessageTexts texts;
  private final MessageLog messageLog;
  private final ContactStatus contacts;
  private final MessageSender sender;
  private final MessagingProperties props;
  private final QuietHoursProperties quietHours;
  private final TransactionTemplate tx;
  private final Clock clock;

  MessageService(
      CustomerProfiles customers,
      OrderHistory orders,
      MessageTexts texts,
      MessageLog messageLog,
      ContactStatus contacts,
      MessageSender sender,
      MessagingProperties props,
      QuietHoursProperties quietHours,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.customers = customers;
    this.orders = orders;
    this.texts = texts;
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
   * @param condition why the message may still go out, re-checked right before the provider call
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
      SendCondition condition,
      int retries) {

    /** A request whose condition follows from its template key ({@link SendCondition}). */
    public SendRequest(
        String sendKey,
        String customerId,
        String orderId,
        Long processInstanceKey,
        String elementId,
        String templateKey,
        MessageCategory category,
        Channel channel,
        Map<String, Object> templateVariables,
        int retries) {
      this(
          sendKey,
          customerId,
          orderId,
          processInstanceKey,
          elementId,
          templateKey,
          category,
          channel,
          templateVariables,
          SendCondition.forTemplate(templateKey),
          retries);
    }
  }

  /** The gate's verdict, inside the claiming transaction. */
  private sealed interface Gate {
    record Send() implements Gate {}

    record Busy(Instant leaseUntil) implements Gate {}

    record Skip(SkipReason reason) implements Gate {}

    record Invalid(int errorCode, String message) implements Gate {}
  }

  public SendResult send(SendRequest req) {
    if (req.category() == MessageCategory.MARKETING) {
      // issue #19: while the sender is saturated, marketing gives way before any other work (no
      // database
      // round trip: a settled send deferred now returns its recorded result when it comes back)
      Optional<Duration> deferral = sender.marketingDeferral();
      if (deferral.isPresent()) {
        return deferred(req, deferral.get());
      }
    }
    Optional<MessageLog.Entry> earlier = messageLog.findBySendKey(req.sendKey());
    if (earlier.isPresent() && earlier.get().settled()) {
      log.info(
          "Send {} already done ({}), not sending again", req.sendKey(), earlier.get().status());
      return recorded(earlier.get());
    }
    if (earlier.isPresent() && earlier.get().rejected()) {
      return new SendResult.Undeliverable(earlier.get().errorCode(), earlier.get().errorMessage());
    }
    Optional<Customer> found = customers.find(req.customerId()).filter(SendChecks::hasPhone);
    if (found.isEmpty()) {
      // nothing silent: the log shows the skip, the journey takes its undeliverable path
      String text = "No phone number known for customer " + req.customerId();
      recordSkippedBeforeClaim(req, SkipReason.NO_PHONE, null, text);
      return new SendResult.Undeliverable(null, text);
    }
    Customer customer = found.get();
    MessageTexts.Rendered text;
    try {
      // the published version at send time (operations publish without a restart)
      text = texts.render(req.templateKey(), props.localeOf(customer.locale()), withOrderId(req));
    } catch (MessageTemplates.TemplateException e) {
      // retrying cannot fix a text: straight to an incident that names it, and a row in the
      // buyer's message log that says the same (never a silent failure)
      messageLog.recordTextProblem(
          new MessageLog.Attempt(
              req.sendKey(),
              req.customerId(),
              req.orderId(),
              req.processInstanceKey(),
              req.elementId(),
              req.templateKey(),
              req.category(),
              req.channel(),
              null,
              e.textLocale(),
              e.textVersion()),
          e.getMessage());
      log.error("Send {} not sent, its text needs a fix: {}", req.sendKey(), e.getMessage());
      return new SendResult.AccountProblem(null, e.getMessage());
    }
    String body = text.body();
    OutboundMessage message = new OutboundMessage(customer.phone(), body, req.channel());

    Optional<SendResult> held = holdDuringQuietHours(req, customer);
    if (held.isPresent()) {
      return held.get();
    }
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
            body,
            text.locale(),
            text.version());
    String owner = UUID.randomUUID().toString();
    Gate gate = tx.execute(status -> gate(attempt, req, customer, owner));
    switch (gate) {
      case Gate.Busy busy -> {
        Duration wait = Duration.between(clock.instant(), busy.leaseUntil());
        return new SendResult.RetryLater(
            "Send "
                + req.sendKey()
                + " is being worked by another worker until "
                + busy.leaseUntil()
                + "; not sending twice",
            wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait,
            false);
      }
      case Gate.Skip skip -> {
        return new SendResult.Skipped(skip.reason().name());
      }
      case Gate.Invalid invalid -> {
        return new SendResult.Undeliverable(invalid.errorCode(), invalid.message());
      }
      case Gate.Send send -> {}
    }
    try {
      return sendClaimed(req, customer, message, owner);
    } finally {
      messageLog.release(req.sendKey(), owner);
    }
  }

  /** This worker holds the send key's lease. */
  private SendResult sendClaimed(
      SendRequest req, Customer customer, OutboundMessage message, String owner) {
    MessageLog.Entry claimed = messageLog.findBySendKey(req.sendKey()).orElseThrow();
    if (claimed.attempts() > 0 && !claimed.is(MessageStatus.ERROR)) {
      // an earlier run called the provider and never learnt (or never recorded) the answer
      try {
        Optional<SendReceipt> found = lookUp(claimed, message);
        if (found.isPresent()) {
          return recordSent(req.sendKey(), message, found.get());
        }
      } catch (SendFailedException e) {
        return retryLater(
            req,
            "Cannot check whether send " + req.sendKey() + " already went out: " + e.getMessage(),
            claimed.attempts());
      }
    }
    try {
      sender.awaitSendPermit(message, req.category());
    } catch (SegmentRateLimiter.SendDeferred e) {
      // nothing sent, nothing failed: the claim is released, the cap still counts the send
      return deferred(req, e.retryAfter());
    } catch (SendFailedException e) {
      messageLog.recordFailure(req.sendKey(), MessageStatus.ERROR, null, e.getMessage());
      return retryLater(req, e.getMessage(), Math.max(1, claimed.attempts()));
    }
    // fault 4: the wait may have outlived the reason (the buyer paid, the order was cancelled)
    Optional<SkipReason> expired = reasonExpired(req);
    if (expired.isPresent()) {
      messageLog.markSkipped(req.sendKey(), expired.get());
      log.info("Send {} ({}) skipped: {}", req.sendKey(), req.templateKey(), expired.get());
      return new SendResult.Skipped(expired.get().name());
    }
    messageLog.markPending(req.sendKey());
    int attempts = messageLog.countProviderCall(req.sendKey());
    try {
      return recordSent(req.sendKey(), message, sender.send(message));
    } catch (SendFailedException e) {
      return failed(req, customer, e, attempts);
    }
  }

  /**
   * Rule R4, second line of defence: the process waits on a timer until the window opens, but a
   * retry backed off into the night must not send either. The job is handed back, its retries
   * untouched, with a backoff until the window opens.
   */
  private Optional<SendResult> holdDuringQuietHours(SendRequest req, Customer customer) {
    Instant now = clock.instant();
    Instant allowed = quietHours.window().nextAllowed(now, quietHours.zoneOf(customer.timeZone()));
    if (allowed.isAfter(now)) {
      return Optional.of(
          new SendResult.RetryLater(
              "Quiet hours in the buyer's time zone: send "
                  + req.sendKey()
                  + " held until "
                  + allowed
                  + " (rule R4)",
              Duration.between(now, allowed),
              false));
    }
    return Optional.empty();
  }

  private Optional<SkipReason> reasonExpired(SendRequest req) {
    SendCondition condition = req.condition() == null ? SendCondition.NONE : req.condition();
    if (condition == SendCondition.NONE || req.orderId() == null) {
      return Optional.empty();
    }
    return condition.expired(orders.orderState(req.orderId()));
  }

  /**
   * The claim, then consent, opt-out, flagged number, the message's reason and frequency cap; one
   * transaction.
   */
  private Gate gate(MessageLog.Attempt a, SendRequest req, Customer customer, String owner) {
    Instant leaseUntil = clock.instant().plus(props.sendLease());
    if (!messageLog.claim(a, owner, leaseUntil)) {
      MessageLog.Entry other = messageLog.findBySendKey(a.sendKey()).orElseThrow();
      if (other.settled() || other.rejected()) {
        // settled between our first read and the claim: the next attempt returns its result
        return new Gate.Busy(clock.instant());
      }
      return new Gate.Busy(other.leaseUntil() == null ? clock.instant() : other.leaseUntil());
    }
    Optional<ContactStatus.Flags> flags = contacts.find(customer.phone());
    Optional<SkipReason> blocked = SendChecks.numberBlocked(flags);
    if (blocked.filter(SkipReason.NUMBER_FLAGGED_INVALID::equals).isPresent()) {
      int code = flags.get().invalidErrorCode() == null ? 0 : flags.get().invalidErrorCode();
      String text =
          "Number "
              + PhoneNumbers.mask(customer.phone())
              + " is flagged invalid (Twilio error "
              + code
              + "), not sent; an operator clears a wrong flag with"
              + " DELETE /api/admin/contacts/"
              + customer.customerId()
              + "/flag";
      // not sent, Twilio not called: a skip with the flag's error code, and the error path
      messageLog.markSkipped(a.sendKey(), SkipReason.NUMBER_FLAGGED_INVALID, code, text);
      messageLog.release(a.sendKey(), owner);
      return new Gate.Invalid(code, text);
    }
    // rule R22: an opted-out number gets nothing (the same checks Contactability answers with)
    if (blocked.isPresent()) {
      return skip(a, owner, blocked.get());
    }
    Optional<SkipReason> expired = reasonExpired(req);
    if (expired.isPresent()) {
      return skip(a, owner, expired.get());
    }
    Optional<SkipReason> noConsent = SendChecks.noConsent(customer, a.category());
    if (noConsent.isPresent()) { // rule R22: marketing needs consent
      return skip(a, owner, noConsent.get());
    }
    if (a.category() == MessageCategory.MARKETING) {
      // rule R20: count and record under the customer's row lock, so parallel sends on any
      // instance cannot both take the last place under the cap
      messageLog.lockCustomer(a.customerId());
      MessagingProperties.FrequencyCap cap = props.frequencyCap();
      Optional<SkipReason> capped =
          SendChecks.overCap(
              cap,
              a.category(),
              () ->
                  messageLog.countMarketingSince(
                      a.customerId(), clock.instant().minus(cap.window()), a.sendKey()));
      if (capped.isPresent()) {
        return skip(a, owner, capped.get());
      }
    }
    return new Gate.Send();
  }

  private Gate skip(MessageLog.Attempt a, String owner, SkipReason reason) {
    messageLog.markSkipped(a.sendKey(), reason);
    messageLog.release(a.sendKey(), owner);
    log.info("Send {} ({} {}) skipped: {}", a.sendKey(), a.category(), a.templateKey(), reason);
    return new Gate.Skip(reason);
  }

  /**
   * Fault 6: the provider's messages to this number from this sender since the send key was first
   * claimed (no earlier call can belong to it), with this text, that no other send key recorded.
   */
  private Optional<SendReceipt> lookUp(MessageLog.Entry earlier, OutboundMessage message) {
    OutboundMessage sentText =
        earlier.body() == null
            ? message
            : new OutboundMessage(message.to(), earlier.body(), message.channel());
    Instant since =
        earlier.firstClaimedAt() == null ? earlier.createdAt() : earlier.firstClaimedAt();
    List<SendReceipt> candidates = sender.findSent(sentText, since);
    return candidates.stream()
        .filter(
            r ->
                messageLog
                    .findByMessageSid(r.messageSid())
                    .map(e -> e.sendKey().equals(earlier.sendKey()))
                    .orElse(true))
        .findFirst();
  }

  /**
   * Records the provider's acceptance with segments (Twilio's count, else counted as Twilio does;
   * dry runs too) and cost (Twilio's price, else segments × the destination's price per segment; a
   * dry run records that estimate as well: "dry runs record the same facts", #16, so the embedded
   * default shows what the messages would have cost), rule R24.
   */
  private SendResult recordSent(String sendKey, OutboundMessage message, SendReceipt receipt) {
    SmsSegments.Count count = SmsSegments.count(message.body());
    int segments = receipt.segments() == null ? count.segments() : receipt.segments();
    MessagingProperties.Priced priced = props.pricePerSegment(message.to());
    BigDecimal cost = receipt.price();
    String currency = receipt.priceUnit();
    if (cost == null) {
      // rule R24: Twilio prices a message only after it went out; estimate per segment meanwhile
      cost = priced.perSegment().multiply(BigDecimal.valueOf(segments));
      currency = props.costCurrency();
    }
    messageLog.recordSent(
        sendKey,
        new SendReceipt(
            receipt.messageSid(), receipt.status(), segments, receipt.price(), receipt.priceUnit()),
        cost,
        currency,
        message.channel() == Channel.SMS ? count.encoding().name() : null,
        priced.callingCode());
    return new SendResult.Sent(receipt.status(), receipt.messageSid());
  }

  private SendResult failed(
      SendRequest req, Customer customer, SendFailedException e, int attempts) {
    Integer code = e.errorCode();
    if (e.kind() == SendFailedException.Kind.REJECTED && code != null) {
      String fix = TwilioErrors.ACCOUNT_PROBLEMS.get(code);
      if (fix != null) {
        // fault 5: the shop's problem, not the buyer's: no flag, retried once an operator fixed it
        messageLog.recordFailure(req.sendKey(), MessageStatus.ERROR, code, e.getMessage());
        log.error(
            "Send {} refused for an account problem: {} ({})", req.sendKey(), fix, e.getMessage());
        return new SendResult.AccountProblem(code, fix + " [" + e.getMessage() + "]");
      }
      if (TwilioErrors.TRANSIENT.contains(code)) {
        messageLog.recordFailure(req.sendKey(), MessageStatus.ERROR, code, e.getMessage());
        return retryLater(req, e.getMessage(), attempts);
      }
    }
    switch (e.kind()) {
      case REJECTED -> {
        messageLog.recordFailure(req.sendKey(), MessageStatus.FAILED, code, e.getMessage());
        if (code != null && code == TwilioErrors.UNSUBSCRIBED) {
          contacts.optOut(customer.phone(), "TWILIO_" + TwilioErrors.UNSUBSCRIBED); // rule R22
        } else if (code != null && TwilioErrors.INVALID_NUMBER.contains(code)) {
          contacts.flagInvalid(customer.phone(), code);
        }
        log.warn(
            "Send {} to {} refused for good: {}",
            req.sendKey(),
            PhoneNumbers.mask(customer.phone()),
            e.getMessage());
        return new SendResult.Undeliverable(code, e.getMessage());
      }
      case RETRYABLE ->
          messageLog.recordFailure(req.sendKey(), MessageStatus.ERROR, code, e.getMessage());
      case UNKNOWN ->
          messageLog.recordFailure(req.sendKey(), MessageStatus.UNKNOWN, code, e.getMessage());
    }
    return retryLater(req, e.getMessage(), attempts);
  }

  /**
   * Exponential backoff by the provider calls made so far; the text carries Twilio's error code and
   * message for the incident in Operate when the retries are used up.
   */
  private SendResult retryLater(SendRequest req, String message, int attempts) {
    Duration backoff =
        new ExponentialBackoff(props.retryBackoff(), props.maxRetryBackoff()).after(attempts);
    String text = message + " [send " + req.sendKey() + ", attempt " + attempts + "]";
    log.warn("Send failed: {}", text);
    return new SendResult.RetryLater(text, backoff, true);
  }

  /**
   * A marketing send giving way to transactional ones (issue #19): its job comes back after {@code
   * backoff} with its retries untouched.
   */
  private static SendResult deferred(SendRequest req, Duration backoff) {
    return new SendResult.RetryLater(
        "Send limit saturated: marketing send "
            + req.sendKey()
            + " gives way to transactional messages, back in "
            + backoff,
        backoff,
        false);
  }

  private static SendResult recorded(MessageLog.Entry e) {
    if (!e.is(MessageStatus.SKIPPED)) {
      return new SendResult.Sent(e.status(), e.messageSid());
    }
    SkipReason reason = SkipReason.of(e.skipReason());
    return reason != null && reason.undeliverable()
        ? new SendResult.Undeliverable(e.errorCode(), e.errorMessage())
        : new SendResult.Skipped(e.skipReason());
  }

  /**
   * A skip decided before the send key is claimed (no phone): a new row, or the existing unsettled
   * row of an earlier attempt turned into the skip.
   */
  private void recordSkippedBeforeClaim(
      SendRequest req, SkipReason reason, Integer errorCode, String text) {
    if (messageLog.findBySendKey(req.sendKey()).isPresent()) {
      messageLog.markSkipped(req.sendKey(), reason, errorCode, text);
    } else {
      messageLog.recordSkipped(
          new MessageLog.Attempt(
              req.sendKey(),
              req.customerId(),
              req.orderId(),
              req.processInstanceKey(),
              req.elementId(),
              req.templateKey(),
              req.category(),
              req.channel(),
              null),
          reason,
          errorCode,
          text);
    }
    log.info("Send {} ({}) skipped: {}", req.sendKey(), req.templateKey(), reason);
  }

  private static Map<String, Object> withOrderId(SendRequest req) {
    var vars = new HashMap<String, Object>(req.templateVariables());
    if (req.orderId() != null) {
      vars.putIfAbsent("orderId", req.orderId());
    }
    return vars;
  }
}
