package com.careflow.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What messaging knows about a phone number, on its own {@code contact_status} table: opted out
 * (STOP reply, Twilio error 21610; rule R22) or invalid (Twilio 21211 and kin). Keyed by number, so
 * a buyer who changes numbers starts clean.
 */
@Repository
class ContactStatus {

  record Flags(
      String phone,
      boolean optedOut,
      String optOutSource,
      boolean invalidNumber,
      Integer invalidErrorCode) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  ContactStatus(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Optional<Flags> find(String phone) {
    return jdbc.sql("SELECT * FROM contact_status WHERE phone = :p")
        .param("p", phone)
        .query(
            (rs, n) ->
                new Flags(
                    rs.getString("phone"),
                    rs.getBoolean("opted_out"),
                    rs.getString("opt_out_source"),
                    rs.getBoolean("invalid_number"),
                    (Integer) rs.getObject("invalid_error_code", Integer.class)))
        .optional();
  }

  boolean optedOut(String phone) {
    return find(phone).map(Flags::optedOut).orElse(false);
  }

  /** Rule R22: no more marketing to this number. {@code source}: STOP, TWILIO_21610, … */
  void optOut(String phone, String source) {
    optOut(phone, source, clock.instant());
  }

  /**
   * Rule R22, for a reply sent at {@code at}: applied unless a newer reply already changed the
   * state (a STOP and a START sent in the same second: the STOP wins).
   *
   * @return true when the state changed
   */
  boolean optOut(String phone, String source, java.time.Instant at) {
    ensureRow(phone);
    return jdbc.sql(
                """
                UPDATE contact_status SET opted_out = TRUE, opt_out_source = :s, opted_out_at = :at,
                  consent_changed_at = :at, updated_at = :now
                WHERE phone = :p AND (consent_changed_at IS NULL OR consent_changed_at <= :at)
                """)
            .param("s", source)
            .param("at", Timestamp.from(at))
            .param("now", now())
            .param("p", phone)
            .update()
        == 1;
  }

  /** The buyer replied START: marketing (with consent) may resume. */
  void optIn(String phone) {
    optIn(phone, clock.instant(), false);
  }

  /**
   * The buyer's START sent at {@code at}: applied only when newer than the reply that last changed
   * the state, so a late START never undoes a newer STOP.
   *
   * @param stopWinsTies true when {@code at} is Twilio's time, whole seconds: a STOP and a START in
   *     the same second leave the number opted out; false for arrival times, where the later
   *     arrival wins
   * @return true when the state changed
   */
  boolean optIn(String phone, java.time.Instant at, boolean stopWinsTies) {
    ensureRow(phone);
    return jdbc.sql(
                """
                UPDATE contact_status SET opted_out = FALSE, opt_out_source = NULL, opted_out_at = NULL,
                  consent_changed_at = :at, updated_at = :now
                WHERE phone = :p AND (consent_changed_at IS NULL OR consent_changed_at < :at
                  OR (consent_changed_at = :at AND NOT :strict))
                """)
            .param("strict", stopWinsTies)
            .param("at", Timestamp.from(at))
            .param("now", now())
            .param("p", phone)
            .update()
        == 1;
  }

  /**
   * Records an inbound reply once per Twilio MessageSid.
   *
   * @return false when this MessageSid was recorded before (a redelivered webhook)
   */
  boolean recordReply(String messageSid, String phone, String intent, java.time.Instant sentAt) {
    return jdbc.sql(
                """
                INSERT INTO inbound_reply (message_sid, phone, intent, sent_at, received_at)
                VALUES (:sid, :p, :intent, :sent, :now) ON CONFLICT DO NOTHING
                """)
            .param("sid", messageSid)
            .param("p", phone)
            .param("intent", intent)
            .param("sent", Timestamp.from(sentAt))
            .param("now", now())
            .update()
        == 1;
  }

  /** Twilio says the number can never receive (21211 invalid, 21614 not mobile, …). */
  void flagInvalid(String phone, int errorCode) {
    ensureRow(phone);
    jdbc.sql(
            "UPDATE contact_status SET invalid_number = TRUE, invalid_error_code = :c, invalid_at = :now,"
                + " updated_at = :now WHERE phone = :p")
        .param("c", errorCode)
        .param("now", now())
        .param("p", phone)
        .update();
  }

  /** One change an operator made to a number's flags. */
  record FlagAudit(
      String customerId,
      String maskedPhone,
      String action,
      Integer previousErrorCode,
      String reason,
      String actor,
      java.time.Instant at) {}

  /**
   * Clears a wrongly set invalid-number flag and records who did it, when and why, in one
   * transaction with the change.
   *
   * @return the audit entry, or empty when the number was not flagged
   */
  @org.springframework.transaction.annotation.Transactional
  Optional<FlagAudit> clearInvalid(String customerId, String phone, String reason, String actor) {
    Optional<Flags> flags = find(phone);
    if (flags.isEmpty() || !flags.get().invalidNumber()) {
      return Optional.empty();
    }
    Timestamp now = now();
    jdbc.sql(
            "UPDATE contact_status SET invalid_number = FALSE, invalid_error_code = NULL,"
                + " invalid_at = NULL, updated_at = :now WHERE phone = :p AND invalid_number = TRUE")
        .param("now", now)
        .param("p", phone)
        .update();
    jdbc.sql(
            """
            INSERT INTO contact_flag_audit (customer_id, phone, action, previous_error_code, reason,
              actor, acted_at)
            VALUES (:c, :p, 'CLEAR_INVALID', :code, :reason, :actor, :now)
            """)
        .param("c", customerId)
        .param("p", phone)
        .param("code", flags.get().invalidErrorCode())
        .param("reason", reason)
        .param("actor", actor)
        .param("now", now)
        .update();
    return Optional.of(
        new FlagAudit(
            customerId,
            PhoneNumbers.mask(phone),
            "CLEAR_INVALID",
            flags.get().invalidErrorCode(),
            reason,
            actor,
            now.toInstant()));
  }

  /** The flag changes operators made for a customer, oldest first. */
  java.util.List<FlagAudit> audit(String customerId) {
    return jdbc.sql("SELECT * FROM contact_flag_audit WHERE customer_id = :c ORDER BY acted_at, id")
        .param("c", customerId)
        .query(
            (rs, n) ->
                new FlagAudit(
                    rs.getString("customer_id"),
                    PhoneNumbers.mask(rs.getString("phone")),
                    rs.getString("action"),
                    rs.getObject("previous_error_code", Integer.class),
                    rs.getString("reason"),
                    rs.getString("actor"),
                    rs.getTimestamp("acted_at").toInstant()))
        .list();
  }

  private void ensureRow(String phone) {
    jdbc.sql(
            "INSERT INTO contact_status (phone, updated_at) VALUES (:p, :now) ON CONFLICT DO NOTHING")
        .param("p", phone)
        .param("now", now())
        .update();
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }
}
