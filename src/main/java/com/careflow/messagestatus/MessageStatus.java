package com.careflow.messagestatus;

import java.util.Locale;
import java.util.Optional;

/**
 * The status of one message: Twilio's message statuses (the {@code status} of a Message resource
 * and the {@code MessageStatus} of a status callback, lowercase there) and Careflow's own states
 * for a message Twilio has not (yet) accepted. Stored by {@link #name()} in the VARCHAR columns
 * {@code message_log.status}, {@code unmatched_status_report.status} and analytics' status columns,
 * and handed to the journeys as the engine variable {@code lastMessageStatus} (the BPMN models
 * compare it, e.g. {@code lastMessageStatus = "SKIPPED"}).
 *
 * <p>The order: a delivery report only ever moves a message forward ({@link #canFollow}), so
 * Twilio's duplicate and out-of-order callbacks cannot undo a later status. Ranks, low to high:
 * Careflow's states before the provider call (0), {@code accepted}/{@code scheduled} (1), {@code
 * queued} (2), {@code sending} (3), {@code sent} (4), {@code delivered}/{@code undelivered}/{@code
 * failed} (5), {@code read} (6).
 *
 * <p>The same table gives analytics its stored {@code status_rank} ({@link #creditRank}, R23), so
 * the statuses are ordered in this one place. The type lives in this small shared-kernel module
 * ({@code com.careflow.messagestatus}, no dependencies) rather than in messaging because analytics
 * and experiments need it too and messaging depends on both (it publishes analytics' facts and asks
 * experiments for a buyer's group): a copy or a string constant there would be a second ordering.
 */
public enum MessageStatus {
  /**
   * Careflow: recorded before the provider is called; still PENDING after a crash means "look it
   * up".
   */
  PENDING(false, 0, false, 1),
  /**
   * Careflow: no answer after the request went out; a retry looks the message up before sending.
   */
  UNKNOWN(false, 0, false, -1),
  /**
   * Careflow: a retryable failure, the provider answered and sent nothing (429, refused
   * connection).
   */
  ERROR(false, 0, false, 9),
  /**
   * Careflow: not sent on purpose (no consent, opted out, frequency cap); see messaging's {@code
   * SkipReason}.
   */
  SKIPPED(false, 0, true, 0),
  /** Careflow: an experiment's virtual send to its hold-out group (nothing sent, #18). */
  HOLDOUT(false, 0, true, 0),
  /** Careflow: the dry-run sender "sent" it; no provider, no reports. */
  DRY_RUN(false, 0, true, 2),

  /** Twilio: a Messaging Service accepted it for sending. */
  ACCEPTED(true, 1, false, 1),
  /** Twilio: a Messaging Service scheduled it for later. */
  SCHEDULED(true, 1, false, 1),
  /** Twilio: queued to be sent (the initial status without a Messaging Service). */
  QUEUED(true, 2, false, 1),
  /** Twilio: being handed to the carrier. */
  SENDING(true, 3, false, 1),
  /** Twilio: handed to the carrier. */
  SENT(true, 4, false, 2),
  /**
   * Twilio: refused for good. Also Careflow's status for a send the provider refused without a
   * Message SID.
   */
  FAILED(true, 5, true, 9),
  /** Twilio: the carrier confirmed delivery. */
  DELIVERED(true, 5, true, 3),
  /** Twilio: the carrier could not deliver it. */
  UNDELIVERED(true, 5, true, 9),
  /** Twilio: the buyer read it (WhatsApp, RCS); may follow any other outcome. */
  READ(true, 6, true, 3),

  /** Twilio, inbound only: not tracked for a send (a report with it is ignored). */
  RECEIVING(true, -1, false, -1),
  /** Twilio, inbound only: not tracked for a send. */
  RECEIVED(true, -1, true, 3),
  /** Twilio, multi-part channels only: not tracked for a send. */
  PARTIALLY_DELIVERED(true, -1, false, -1),
  /** Twilio, a scheduled message cancelled: not tracked (Careflow does not schedule at Twilio). */
  CANCELED(true, -1, true, 9);

  private final boolean twilio;
  private final int rank;
  private final boolean isFinal;
  private final int creditRank;

  MessageStatus(boolean twilio, int rank, boolean isFinal, int creditRank) {
    this.twilio = twilio;
    this.rank = rank;
    this.isFinal = isFinal;
    this.creditRank = creditRank;
  }

  /**
   * Twilio's value ({@code queued}, {@code delivered}, …, case-insensitive) as a status; empty for
   * a value Twilio does not document or one of Careflow's own names.
   */
  public static Optional<MessageStatus> fromTwilio(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      MessageStatus s = valueOf(value.trim().toUpperCase(Locale.ROOT));
      return s.twilio ? Optional.of(s) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * A stored status ({@link #name()}, as in {@code message_log.status}); empty for a value this
   * enum does not know.
   */
  public static Optional<MessageStatus> fromStored(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The column value for a status the provider answered a send with: a known status by its {@link
   * #name()} (Twilio's {@code queued} becomes {@code QUEUED}, the dry run's {@code DRY_RUN} stays);
   * a value this enum does not know, upper-cased as it came.
   */
  public static String storedValue(String providerStatus) {
    return fromTwilio(providerStatus)
        .or(() -> fromStored(providerStatus))
        .map(MessageStatus::name)
        .orElseGet(() -> providerStatus.toUpperCase(Locale.ROOT));
  }

  /** Twilio's own lowercase value, e.g. {@code delivered}; Careflow's states have none. */
  public Optional<String> twilioValue() {
    return twilio ? Optional.of(name().toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /** A status Twilio reports that Careflow tracks for a send (applies to the message log). */
  public boolean isTrackedReport() {
    return twilio && rank > 0;
  }

  /**
   * The outcome is known: delivered, undelivered, failed, read, cancelled, or (Careflow's) skipped,
   * held out, dry run. Only {@link #READ} can still follow a final status.
   */
  public boolean isFinal() {
    return isFinal;
  }

  /**
   * Whether a report with this status moves a message that is at {@code previous} forward: a
   * tracked Twilio status ranked above it. A duplicate, or {@code sent} after {@code delivered},
   * cannot, nor anything after Careflow's final states; an unknown previous value ranks as the
   * states before the provider call.
   */
  public boolean canFollow(MessageStatus previous) {
    if (previous != null && previous.isFinal && !previous.isTrackedReport()) {
      return false; // skipped, held out, dry run; an inbound or cancelled message
    }
    return isTrackedReport() && rank > (previous == null ? 0 : Math.max(previous.rank, 0));
  }

  /**
   * Analytics' rank of the status (stored in {@code analytics_send.status_rank} and {@code
   * analytics_pending_status.status_rank}; a receipt only raises it): 0 skipped or held out (an
   * experiment's virtual send), 1 on its way ({@code PENDING} to {@code sending}), 2 sent or dry
   * run, 3 delivered, read or received, 9 failed, undelivered, cancelled or a provider error. Ranks
   * 1–3 earn attribution credit; 0 and 9 earn none (R23: failed and undelivered messages earn no
   * credit).
   *
   * @throws IllegalArgumentException for a status analytics does not record ({@code UNKNOWN},
   *     {@code receiving}, {@code partially_delivered})
   */
  public int creditRank() {
    if (creditRank < 0) {
      throw new IllegalArgumentException("unknown message status " + this);
    }
    return creditRank;
  }
}
