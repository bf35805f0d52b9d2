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
 * <p><b>The order (one rule for messaging and analytics).</b> A delivery report moves a message
 * only as {@link #canFollow} says, and both the message log ({@code message_log.status}) and
 * analytics' send facts ({@code analytics_send.status}) move by that one method, so they always
 * show the same status. The rule is Twilio's: a message goes {@code accepted}/{@code scheduled} →
 * {@code queued} → {@code sending} → {@code sent} → one of {@code delivered}, {@code undelivered},
 * {@code failed}, and on WhatsApp and RCS {@code delivered} → {@code read}. Twilio sends status
 * callbacks in no guaranteed order and may repeat them, so:
 *
 * <ul>
 *   <li>a report of an earlier state than the one recorded ({@code sent} after {@code delivered},
 *       {@code queued} after {@code sent}) and a duplicate are ignored;
 *   <li>{@code delivered}, {@code undelivered} and {@code failed} are final: no later report
 *       changes them, not a late {@code failed} after {@code delivered} nor a {@code delivered}
 *       after {@code failed} — the first final report to arrive wins;
 *   <li>{@code read} follows only {@code delivered} or a state before the outcome (a read message
 *       was delivered, its {@code delivered} callback may still be on its way); nothing follows
 *       {@code read};
 *   <li>Careflow's own final states ({@code SKIPPED}, {@code HOLDOUT}, {@code DRY_RUN}) have no
 *       reports; Careflow's states before the provider's answer ({@code PENDING}, {@code UNKNOWN},
 *       {@code ERROR}) are followed by any tracked report.
 * </ul>
 *
 * Ranks used by the rule, low to high: Careflow's states before the provider call (0), {@code
 * accepted}/{@code scheduled} (1), {@code queued} (2), {@code sending} (3), {@code sent} (4),
 * {@code delivered}/{@code undelivered}/{@code failed} (5, final), {@code read} (6, final).
 *
 * <p>Analytics stores a second number beside the status, {@code status_rank} ({@link #creditRank},
 * R23): not an order but the status's class for SQL (0 no send, 1 on its way, 2 sent, 3 delivered,
 * 9 failed). It is a function of the status alone and never decides a move, so a message that
 * messaging shows as failed or undelivered earns analytics no credit, and one messaging shows as
 * sent, delivered or read keeps its credit. Along the rule the class never falls back from {@code
 * PENDING} or a status Twilio reports: a report that {@link #canFollow} one has a class at least as
 * high.
 *
 * <p>The type lives in this small shared-kernel module ({@code com.careflow.messagestatus}, no
 * dependencies) rather than in messaging because analytics and experiments need it too and
 * messaging depends on both (it publishes analytics' facts and asks experiments for a buyer's
 * group): a copy or a string constant there would be a second ordering.
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
  /**
   * Twilio: the buyer read it (WhatsApp, RCS); follows {@link #DELIVERED} or a state before the
   * outcome (its delivered report may still be on its way), never {@link #FAILED} or {@link
   * #UNDELIVERED} ({@link #canFollow}).
   */
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
   * held out, dry run. Only {@link #READ}, and only after {@link #DELIVERED}, can still follow a
   * final status.
   */
  public boolean isFinal() {
    return isFinal;
  }

  /**
   * Whether a report with this status moves a message that is at {@code previous} (the rule in the
   * class comment): a tracked Twilio status ranked above {@code previous}, unless {@code previous}
   * is final, which only {@link #READ} after {@link #DELIVERED} may follow. A duplicate, {@code
   * sent} after {@code delivered}, {@code failed} after {@code delivered} (or the reverse) and
   * anything after Careflow's final states cannot. A null {@code previous} (nothing recorded yet)
   * ranks as the states before the provider call. The only method that decides a move, for the
   * message log and for analytics alike.
   */
  public boolean canFollow(MessageStatus previous) {
    if (!isTrackedReport()) {
      return false; // Careflow's own states, inbound and untracked statuses are never reports
    }
    if (previous == null) {
      return true;
    }
    if (previous.isFinal) {
      return this == READ && previous == DELIVERED;
    }
    return rank > Math.max(previous.rank, 0);
  }

  /**
   * Analytics' class of the status for SQL (stored in {@code analytics_send.status_rank} and {@code
   * analytics_pending_status.status_rank}; a function of the status, not an order: a receipt moves
   * a send only as {@link #canFollow} says, and the class follows the status): 0 skipped or held
   * out (an experiment's virtual send), 1 on its way ({@code PENDING} to {@code sending}), 2 sent
   * or dry run, 3 delivered, read or received, 9 failed, undelivered, cancelled or a provider
   * error. Ranks 1–3 earn attribution credit; 0 and 9 earn none (R23: failed and undelivered
   * messages earn no credit).
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
