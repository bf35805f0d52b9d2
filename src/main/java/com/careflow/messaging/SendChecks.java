package com.careflow.messaging;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import java.time.Clock;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.springframework.stereotype.Component;

/**
 * The send gate's checks of the buyer (rules R20, R22), one copy for the gate ({@link
 * MessageService}, which records the skip under its claim and the customer's cap lock) and for
 * {@link Contactability} (which only answers).
 */
@Component
class SendChecks implements Contactability {

  private final CustomerProfiles customers;
  private final ContactStatus contacts;
  private final MessageLog messageLog;
  private final MessagingProperties props;
  private final Clock clock;

  SendChecks(
      CustomerProfiles customers,
      ContactStatus contacts,
      MessageLog messageLog,
      MessagingProperties props,
      Clock clock) {
    this.customers = customers;
    this.contacts = contacts;
    this.messageLog = messageLog;
    this.props = props;
    this.clock = clock;
  }

  /** A customer with a phone number, or empty: nothing to send to ({@link SkipReason#NO_PHONE}). */
  Optional<Customer> reachableCustomer(String customerId) {
    return customers.find(customerId).filter(SendChecks::hasPhone);
  }

  static boolean hasPhone(Customer customer) {
    return customer.phone() != null && !customer.phone().isBlank();
  }

  /** The number's flags: invalid first (Twilio is not called), then opted out (R22). */
  static Optional<SkipReason> numberBlocked(Optional<ContactStatus.Flags> flags) {
    if (flags.map(ContactStatus.Flags::invalidNumber).orElse(false)) {
      return Optional.of(SkipReason.NUMBER_FLAGGED_INVALID);
    }
    // rule R22: an opted-out number gets nothing (Twilio itself refuses every send to it, 21610)
    if (flags.map(ContactStatus.Flags::optedOut).orElse(false)) {
      return Optional.of(SkipReason.OPTED_OUT);
    }
    return Optional.empty();
  }

  /** Rule R22: marketing needs consent. */
  static Optional<SkipReason> noConsent(Customer customer, MessageCategory category) {
    return category == MessageCategory.MARKETING && !customer.marketingConsent()
        ? Optional.of(SkipReason.NO_CONSENT)
        : Optional.empty();
  }

  /**
   * Rule R20: the cap of the rolling window is reached.
   *
   * @param sentInWindow the marketing messages counted in the window (asked only when capped)
   */
  static Optional<SkipReason> overCap(
      MessagingProperties.FrequencyCap cap, MessageCategory category, IntSupplier sentInWindow) {
    return category == MessageCategory.MARKETING
            && cap.maxMessages() > 0
            && sentInWindow.getAsInt() >= cap.maxMessages()
        ? Optional.of(SkipReason.FREQUENCY_CAP)
        : Optional.empty();
  }

  @Override
  public Optional<SkipReason> whyNot(String customerId, MessageCategory category) {
    Optional<Customer> found = reachableCustomer(customerId);
    if (found.isEmpty()) {
      return Optional.of(SkipReason.NO_PHONE);
    }
    Customer customer = found.get();
    return numberBlocked(contacts.find(customer.phone()))
        .or(() -> noConsent(customer, category))
        .or(
            () ->
                overCap(
                    props.frequencyCap(),
                    category,
                    () ->
                        messageLog.countMarketingSince(
                            customerId, clock.instant().minus(props.frequencyCap().window()), "")));
  }
}
