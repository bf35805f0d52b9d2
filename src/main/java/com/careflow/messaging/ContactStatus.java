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
    ensureRow(phone);
    jdbc.sql(
            "UPDATE contact_status SET opted_out = TRUE, opt_out_source = :s, opted_out_at = :now, updated_at = :now"
                + " WHERE phone = :p")
        .param("s", source)
        .param("now", now())
        .param("p", phone)
        .update();
  }

  /** The buyer replied START: marketing (with consent) may resume. */
  void optIn(String phone) {
    ensureRow(phone);
    jdbc.sql(
            "UPDATE contact_status SET opted_out = FALSE, opt_out_source = NULL, opted_out_at = NULL,"
                + " updated_at = :now WHERE phone = :p")
        .param("now", now())
        .param("p", phone)
        .update();
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
