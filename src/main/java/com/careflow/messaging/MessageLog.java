package com.careflow.messaging;

import com.careflow.messagestatus.MessageStatus;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What Careflow sent, or means to send, to whom; on the {@code message_log} table. */
@Repository
public class MessageLog {

  private final JdbcClient jdbc;
  private final Clock clock;

  public MessageLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * One row of the log. {@code status} is PENDING until the provider answered; it is stored by
   * {@link MessageStatus#name()} and read back as the enum, a stored value the enum does not know
   * failing the read with an {@link IllegalStateException} that names the value and the row.
   */
  public record Entry(
      long id,
      String sendKey,
      String customerId,
      String orderId,
      Long processInstanceKey,
      String elementId,
      String templateKey,
      MessageCategory category,
      Channel channel,
      String body,
      MessageStatus status,
      String skipReason,
      String messageSid,
      Integer errorCode,
      String errorMessage,
      int attempts,
      Integer segments,
      BigDecimal cost,
      String costCurrency,
      Instant createdAt,
      Instant updatedAt,
      Instant sentAt,
      Instant statusAt,
      Instant leaseUntil,
      Instant firstClaimedAt,
      String encoding,
      String destinationCallingCode,
      String textLocale,
      Integer textVersion) {

    /** The provider accepted it (or it was deliberately not sent): never send it again. */
    public boolean settled() {
      return messageSid != null || is(MessageStatus.SKIPPED);
    }

    /** The provider refused it for good: the same BPMN error again, no new request. */
    public boolean rejected() {
      return messageSid == null && is(MessageStatus.FAILED);
    }

    /** Whether the status is this one. */
    public boolean is(MessageStatus s) {
      return s == status;
    }
  }

  /**
   * A new attempt, recorded before the provider is called.
   *
   * @param textLocale the locale of the message text used ({@link MessageTexts}), null if unknown
   * @param textVersion its version, null if unknown
   */
  public record Attempt(
      String sendKey,
      String customerId,
      String orderId,
      Long processInstanceKey,
      String elementId,
      String templateKey,
      MessageCategory category,
      Channel channel,
      String body,
      String textLocale,
      Integer textVersion) {

    /** An attempt without a text version (none known). */
    public Attempt(
        String sendKey,
        String customerId,
        String orderId,
        Long processInstanceKey,
        String elementId,
        String templateKey,
        MessageCategory category,
        Channel channel,
        String body) {
      this(
          sendKey,
          customerId,
          orderId,
          processInstanceKey,
          elementId,
          templateKey,
          category,
          channel,
          body,
          null,
          null);
    }
  }

  public Optional<Entry> findBySendKey(String sendKey) {
    return jdbc.sql("SELECT * FROM message_log WHERE send_key = :k")
        .param("k", sendKey)
        .query(this::map)
        .optional();
  }

  public Optional<Entry> findByMessageSid(String messageSid) {
    return jdbc.sql("SELECT * FROM message_log WHERE message_sid = :p")
        .param("p", messageSid)
        .query(this::map)
        .optional();
  }

  public List<Entry> findByCustomer(String customerId) {
    return jdbc.sql("SELECT * FROM message_log WHERE customer_id = :c ORDER BY created_at, id")
        .param("c", customerId)
        .query(this::map)
        .list();
  }

  /**
   * Records an attempt as PENDING; returns its id. Fails on a send key that is already recorded.
   */
  public long recordAttempt(Attempt a) {
    return insert(a, MessageStatus.PENDING, null);
  }

  /** Records a send that was deliberately not made ({@link SkipReason}). */
  public long recordSkipped(Attempt a, SkipReason reason) {
    return recordSkipped(a, reason, null, null);
  }

  /**
   * Records a send that was deliberately not made, with the Twilio error code and text that explain
   * it (a flagged number), or nulls.
   */
  public long recordSkipped(Attempt a, SkipReason reason, Integer errorCode, String errorMessage) {
    return insert(a, MessageStatus.SKIPPED, reason.name(), errorCode, errorMessage);
  }

  private long insert(Attempt a, MessageStatus status, String skipReason) {
    return insert(a, status, skipReason, null, null);
  }

  private long insert(
      Attempt a, MessageStatus status, String skipReason, Integer errorCode, String errorMessage) {
    Timestamp now = now();
    withAttempt(
            jdbc.sql(
                """
                INSERT INTO message_log (send_key, customer_id, order_id, process_instance_key,
                  element_id, template_key, category, channel, body, status, skip_reason,
                  error_code, error_message, created_at, updated_at, text_locale, text_version)
                VALUES (:sendKey, :customerId, :orderId, :pik, :elementId, :templateKey, :category,
                  :channel, :body, :status, :skip, :code, :msg, :now, :now, :textLocale,
                  :textVersion)
                """),
            a)
        .param("code", errorCode)
        .param("msg", truncate(errorMessage))
        .param("body", a.body())
        .param("status", status.name())
        .param("skip", skipReason)
        .param("now", now)
        .update();
    return findBySendKey(a.sendKey()).orElseThrow().id();
  }

  /**
   * Claims a send key for one worker until {@code leaseUntil} (fault 6 of issue #15): records the
   * attempt as PENDING with the lease, or, when it is recorded already, takes it over only if it is
   * not settled and no other worker's lease is still running. One conditional statement each, so of
   * two activations of the same send exactly one wins, on any number of instances.
   *
   * @return true when this owner holds the lease now
   */
  boolean claim(Attempt a, String owner, Instant leaseUntil) {
    Timestamp now = now();
    int inserted =
        withAttempt(
                jdbc.sql(
                    """
                INSERT INTO message_log (send_key, customer_id, order_id, process_instance_key,
                  element_id, template_key, category, channel, body, status, created_at, updated_at,
                  lease_owner, lease_until, first_claimed_at, text_locale, text_version)
                VALUES (:sendKey, :customerId, :orderId, :pik, :elementId, :templateKey, :category,
                  :channel, :body, :status, :now, :now, :owner, :until, :now, :textLocale,
                  :textVersion)
                ON CONFLICT DO NOTHING
                """),
                a)
            .param("body", a.body())
            .param("status", MessageStatus.PENDING.name())
            .param("now", now)
            .param("owner", owner)
            .param("until", Timestamp.from(leaseUntil))
            .update();
    if (inserted == 1) {
      return true;
    }
    // the previous outcome stays readable (UNKNOWN, ERROR): a resend looks up only after UNKNOWN
    return jdbc.sql(
                """
                UPDATE message_log SET body = :b, lease_owner = :owner, lease_until = :until,
                  first_claimed_at = COALESCE(first_claimed_at, :now), updated_at = :now,
                  text_locale = :textLocale, text_version = :textVersion
                WHERE send_key = :k AND message_sid IS NULL AND status <> :skipped
                  AND NOT (status = :failed)
                  AND (lease_until IS NULL OR lease_until <= :now OR lease_owner = :owner)
                """)
            .param("b", a.body())
            .param("textLocale", a.textLocale())
            .param("textVersion", a.textVersion())
            .param("owner", owner)
            .param("until", Timestamp.from(leaseUntil))
            .param("now", now)
            .param("k", a.sendKey())
            .param("skipped", MessageStatus.SKIPPED.name())
            .param("failed", MessageStatus.FAILED.name())
            .update()
        == 1;
  }

  /**
   * The send's text could not be rendered (no published text, a placeholder the journey did not
   * fill, a text breaking R12/R14/R21): an {@link MessageStatus#ERROR} row with the reason, so the
   * buyer's message log shows it next to the incident. A send already accepted or skipped is left
   * alone; a retry after the fix overwrites the row.
   */
  void recordTextProblem(Attempt a, String message) {
    Timestamp now = now();
    String text = message.length() > 1000 ? message.substring(0, 997) + "..." : message;
    int inserted =
        withAttempt(
                jdbc.sql(
                    """
                INSERT INTO message_log (send_key, customer_id, order_id, process_instance_key,
                  element_id, template_key, category, channel, body, status, error_message,
                  created_at, updated_at, text_locale, text_version)
                VALUES (:sendKey, :customerId, :orderId, :pik, :elementId, :templateKey, :category,
                  :channel, NULL, :status, :error, :now, :now, :textLocale, :textVersion)
                ON CONFLICT DO NOTHING
                """),
                a)
            .param("status", MessageStatus.ERROR.name())
            .param("error", text)
            .param("now", now)
            .update();
    if (inserted == 0) {
      jdbc.sql(
              """
              UPDATE message_log SET status = :status, error_code = NULL, error_message = :error,
                text_locale = :textLocale, text_version = :textVersion, updated_at = :now
              WHERE send_key = :k AND message_sid IS NULL AND status <> :skipped
              """)
          .param("status", MessageStatus.ERROR.name())
          .param("error", text)
          .param("textLocale", a.textLocale())
          .param("textVersion", a.textVersion())
          .param("now", now)
          .param("k", a.sendKey())
          .param("skipped", MessageStatus.SKIPPED.name())
          .update();
    }
  }

  /** Ends this owner's lease (after recording an outcome); another owner's stays. */
  void release(String sendKey, String owner) {
    jdbc.sql(
            "UPDATE message_log SET lease_owner = NULL, lease_until = NULL WHERE send_key = :k"
                + " AND lease_owner = :owner")
        .param("k", sendKey)
        .param("owner", owner)
        .update();
  }

  /** The attempt is about to call the provider: PENDING until it answers. */
  void markPending(String sendKey) {
    jdbc.sql("UPDATE message_log SET status = :s, updated_at = :now WHERE send_key = :k")
        .param("s", MessageStatus.PENDING.name())
        .param("now", now())
        .param("k", sendKey)
        .update();
  }

  /**
   * A send retried after a failure is now skipped (the buyer opted out meanwhile, the cap filled).
   */
  void markSkipped(String sendKey, SkipReason reason) {
    jdbc.sql(
            "UPDATE message_log SET status = :s, skip_reason = :r, updated_at = :now WHERE send_key = :k")
        .param("s", MessageStatus.SKIPPED.name())
        .param("r", reason.name())
        .param("now", now())
        .param("k", sendKey)
        .update();
  }

  /**
   * As {@link #markSkipped(String, SkipReason)}, keeping the error code and text that explain it.
   */
  void markSkipped(String sendKey, SkipReason reason, Integer errorCode, String errorMessage) {
    jdbc.sql(
            """
            UPDATE message_log SET status = :s, skip_reason = :r, error_code = :code,
              error_message = :msg, updated_at = :now WHERE send_key = :k
            """)
        .param("s", MessageStatus.SKIPPED.name())
        .param("r", reason.name())
        .param("code", errorCode)
        .param("msg", truncate(errorMessage))
        .param("now", now())
        .param("k", sendKey)
        .update();
  }

  /**
   * Binds the columns every insert of an attempt shares: {@code :sendKey, :customerId, :orderId,
   * :pik, :elementId, :templateKey, :category, :channel, :textLocale, :textVersion}.
   */
  private static JdbcClient.StatementSpec withAttempt(JdbcClient.StatementSpec spec, Attempt a) {
    return spec.param("sendKey", a.sendKey())
        .param("customerId", a.customerId())
        .param("orderId", a.orderId())
        .param("pik", a.processInstanceKey())
        .param("elementId", a.elementId())
        .param("templateKey", a.templateKey())
        .param("category", a.category().name())
        .param("channel", a.channel().name())
        .param("textLocale", a.textLocale())
        .param("textVersion", a.textVersion());
  }

  private static String truncate(String text) {
    return text == null ? null : text.substring(0, Math.min(1000, text.length()));
  }

  /** Counts one more call to the provider; returns how many there have been for this send key. */
  int countProviderCall(String sendKey) {
    jdbc.sql(
            "UPDATE message_log SET attempts = attempts + 1, updated_at = :now WHERE send_key = :k")
        .param("now", now())
        .param("k", sendKey)
        .update();
    return findBySendKey(sendKey).orElseThrow().attempts();
  }

  public void recordSent(String sendKey, SendReceipt receipt) {
    recordSent(sendKey, receipt, null, null);
  }

  /** The provider accepted the message: its id, status, segments and cost (rule R24). */
  void recordSent(String sendKey, SendReceipt receipt, BigDecimal cost, String costCurrency) {
    recordSent(sendKey, receipt, cost, costCurrency, null, null);
  }

  /**
   * @param encoding GSM7 or UCS2 (SMS), null when not counted
   * @param callingCode the destination's country calling code that priced the estimate, or null
   */
  void recordSent(
      String sendKey,
      SendReceipt receipt,
      BigDecimal cost,
      String costCurrency,
      String encoding,
      String callingCode) {
    Timestamp now = now();
    jdbc.sql(
            """
            UPDATE message_log SET status = :s, message_sid = :p, num_segments = :seg, cost = :cost,
              cost_currency = :cur, encoding = :enc, destination_calling_code = :cc, error_code = NULL,
              error_message = NULL, sent_at = :now, updated_at = :now
            WHERE send_key = :k
            """)
        .param("enc", encoding)
        .param("cc", callingCode)
        .param("s", receipt.status().name())
        .param("p", receipt.messageSid())
        .param("seg", receipt.segments())
        .param("cost", cost)
        .param("cur", costCurrency)
        .param("now", now)
        .param("k", sendKey)
        .update();
    if (receipt.messageSid() != null) {
      applyStoredReports(receipt.messageSid());
    }
  }

  public void recordFailed(String sendKey, Integer errorCode, String errorMessage) {
    recordFailure(sendKey, MessageStatus.FAILED, errorCode, errorMessage);
  }

  /** A failed call: FAILED (refused for good), ERROR (retryable) or UNKNOWN (no answer). */
  void recordFailure(String sendKey, MessageStatus status, Integer errorCode, String errorMessage) {
    jdbc.sql(
            """
            UPDATE message_log SET status = :s, error_code = :code, error_message = :msg, updated_at = :now
            WHERE send_key = :k
            """)
        .param("s", status.name())
        .param("code", errorCode)
        .param(
            "msg",
            errorMessage == null
                ? null
                : errorMessage.substring(0, Math.min(1000, errorMessage.length())))
        .param("now", now())
        .param("k", sendKey)
        .update();
  }

  /** What became of a delivery report. */
  enum ReportOutcome {
    APPLIED,
    /** A duplicate, or older than what the log holds. */
    NO_CHANGE,
    /** For a message the log does not know (yet): kept until the send is recorded. */
    STORED,
    /** A status Careflow does not track. */
    IGNORED
  }

  /**
   * A delivery report from the provider (fault 7 of issue #15): applied when it moves the message
   * forward; for a MessageSid the log does not know yet (the callback overtook the recording of the
   * send, or belongs to a send still being reconciled) it is stored and applied by {@link
   * #recordSent}.
   */
  ReportOutcome acceptStatusReport(String messageSid, String providerStatus, Integer errorCode) {
    Optional<MessageStatus> parsed =
        MessageStatus.fromTwilio(providerStatus).filter(MessageStatus::isTrackedReport);
    if (parsed.isEmpty()) {
      return ReportOutcome.IGNORED;
    }
    MessageStatus status = parsed.get();
    if (findByMessageSid(messageSid).isEmpty()) {
      jdbc.sql(
              """
              INSERT INTO unmatched_status_report (message_sid, status, error_code, received_at)
              VALUES (:p, :s, :code, :now)
              """)
          .param("p", messageSid)
          .param("s", status.name())
          .param("code", errorCode)
          .param("now", now())
          .update();
      // the send may have been recorded meanwhile, after it looked for stored reports
      if (findByMessageSid(messageSid).isEmpty()) {
        return ReportOutcome.STORED;
      }
      return applyStoredReports(messageSid) ? ReportOutcome.APPLIED : ReportOutcome.NO_CHANGE;
    }
    return applyStatusReport(messageSid, status, errorCode)
        ? ReportOutcome.APPLIED
        : ReportOutcome.NO_CHANGE;
  }

  /** Applies and removes the reports kept for a MessageSid; true when one changed the log. */
  boolean applyStoredReports(String messageSid) {
    record Stored(long id, MessageStatus status, Integer errorCode) {}
    List<Stored> stored =
        jdbc.sql(
                "SELECT id, status, error_code FROM unmatched_status_report WHERE message_sid = :p"
                    + " ORDER BY id")
            .param("p", messageSid)
            .query(
                (rs, n) ->
                    new Stored(
                        rs.getLong("id"),
                        status(rs.getString("status"), "unmatched_status_report", rs.getLong("id")),
                        rs.getObject("error_code", Integer.class)))
            .list();
    boolean changed = false;
    for (Stored s : stored) {
      changed |= applyStatusReport(messageSid, s.status(), s.errorCode());
      jdbc.sql("DELETE FROM unmatched_status_report WHERE id = :id").param("id", s.id()).update();
    }
    return changed;
  }

  /**
   * A delivery report from the provider. Applied only when {@link MessageStatus#canFollow} the
   * logged status (the one rule analytics applies too), so a duplicate, a late {@code sent} after
   * {@code delivered} or a late {@code failed} after {@code delivered} changes nothing.
   *
   * @return true when the log changed
   */
  boolean applyStatusReport(String messageSid, MessageStatus status, Integer errorCode) {
    Optional<Entry> entry = findByMessageSid(messageSid);
    if (entry.isEmpty() || !status.canFollow(entry.get().status())) {
      return false;
    }
    // compare-and-set on the status we read: a concurrent report cannot be overwritten by an older
    // one
    return jdbc.sql(
                """
            UPDATE message_log SET status = :s, error_code = COALESCE(:code, error_code), status_at = :now,
              updated_at = :now
            WHERE message_sid = :p AND status = :old
            """)
            .param("s", status.name())
            .param("code", errorCode)
            .param("now", now())
            .param("p", messageSid)
            .param("old", entry.get().status().name())
            .update()
        == 1;
  }

  /**
   * Rule R20: marketing messages to this customer since {@code since} that count against the cap
   * (sent, pending or of unknown outcome; skipped and refused ones do not).
   */
  int countMarketingSince(String customerId, Instant since, String exceptSendKey) {
    return jdbc.sql(
            """
            SELECT COUNT(*) FROM message_log
            WHERE customer_id = :c AND category = 'MARKETING' AND created_at >= :since AND send_key <> :k
              AND status NOT IN ('SKIPPED', 'ERROR') AND NOT (status = 'FAILED' AND message_sid IS NULL)
            """)
        .param("c", customerId)
        .param("k", exceptSendKey)
        .param("since", Timestamp.from(since))
        .query(Integer.class)
        .single();
  }

  /**
   * Locks the customer's cap row until the surrounding transaction ends, creating it first. Every
   * app instance counts and records a marketing send under this lock (rule R20).
   */
  void lockCustomer(String customerId) {
    jdbc.sql(
            "INSERT INTO message_cap_lock (customer_id, created_at) VALUES (:c, :now) ON CONFLICT DO NOTHING")
        .param("c", customerId)
        .param("now", now())
        .update();
    jdbc.sql("SELECT customer_id FROM message_cap_lock WHERE customer_id = :c FOR UPDATE")
        .param("c", customerId)
        .query(String.class)
        .single();
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /**
   * A stored status as the enum.
   *
   * @throws IllegalStateException for a value {@link MessageStatus} does not know, naming it, the
   *     table and the row's id (a row written by hand or by a newer version)
   */
  static MessageStatus status(String stored, String table, long id) {
    return MessageStatus.fromStored(stored)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    table
                        + " row "
                        + id
                        + " has status '"
                        + stored
                        + "', which is not a MessageStatus ("
                        + java.util.Arrays.toString(MessageStatus.values())
                        + ")"));
  }

  private Entry map(ResultSet rs, int n) throws SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getString("send_key"),
        rs.getString("customer_id"),
        rs.getString("order_id"),
        rs.getObject("process_instance_key", Long.class),
        rs.getString("element_id"),
        rs.getString("template_key"),
        MessageCategory.valueOf(rs.getString("category")),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("body"),
        status(rs.getString("status"), "message_log", rs.getLong("id")),
        rs.getString("skip_reason"),
        rs.getString("message_sid"),
        rs.getObject("error_code", Integer.class),
        rs.getString("error_message"),
        rs.getInt("attempts"),
        rs.getObject("num_segments", Integer.class),
        rs.getBigDecimal("cost"),
        rs.getString("cost_currency"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "sent_at"),
        instant(rs, "status_at"),
        instant(rs, "lease_until"),
        instant(rs, "first_claimed_at"),
        rs.getString("encoding"),
        rs.getString("destination_calling_code"),
        rs.getString("text_locale"),
        rs.getObject("text_version", Integer.class));
  }
}
