package com.careflow.security;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log (table {@code audit_log}, migration V6): who read or did what, to which subject,
 * when and from which address. Rows are only ever added. A failed write fails the caller, so no
 * audited read happens unrecorded.
 */
@Repository
public class AuditLog {

  /** Action: a customer's message log was read; the subject is the customer id. */
  public static final String READ_CUSTOMER_MESSAGES = "READ_CUSTOMER_MESSAGES";

  /** An operator read one order's stored facts (the dashboard's order page; subject: order id). */
  public static final String READ_ORDER = "READ_ORDER";

  /**
   * One row.
   *
   * @param occurredAt when, from the application clock
   * @param actor the login name, or {@value CurrentOperator#ANONYMOUS}
   * @param action what was done, e.g. {@value #READ_CUSTOMER_MESSAGES}
   * @param subject what it was done to, e.g. a customer id
   * @param remoteAddress the client's IP address as the server sees it (behind a proxy, set {@code
   *     server.forward-headers-strategy} to record the client's); null outside a request
   */
  public record Entry(
      long id,
      Instant occurredAt,
      String actor,
      String action,
      String subject,
      String remoteAddress) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public AuditLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records an action of the current operator, with the current request's remote address. */
  public void record(String action, String subject) {
    record(CurrentOperator.name(), action, subject, currentRemoteAddress());
  }

  /** Records an action with every field given (actor and address may come from elsewhere). */
  public void record(String actor, String action, String subject, String remoteAddress) {
    jdbc.sql(
            """
            INSERT INTO audit_log (occurred_at, actor, action, subject, remote_address)
            VALUES (:at, :actor, :action, :subject, :address)
            """)
        .param("at", Timestamp.from(clock.instant()))
        .param("actor", actor)
        .param("action", action)
        .param("subject", subject)
        .param("address", remoteAddress)
        .update();
  }

  /** Every row about one subject, oldest first. */
  public List<Entry> findBySubject(String subject) {
    return jdbc.sql(
            """
            SELECT id, occurred_at, actor, action, subject, remote_address FROM audit_log
            WHERE subject = :subject ORDER BY occurred_at, id
            """)
        .param("subject", subject)
        .query(
            (rs, n) ->
                new Entry(
                    rs.getLong("id"),
                    rs.getTimestamp("occurred_at").toInstant(),
                    rs.getString("actor"),
                    rs.getString("action"),
                    rs.getString("subject"),
                    rs.getString("remote_address")))
        .list();
  }

  private static String currentRemoteAddress() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
      HttpServletRequest request = servlet.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }
}
