package com.careflow.messaging;

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

  /** One row of the log. {@code status} is PENDING until the provider answered. */
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
      String status,
      String providerId,
      Integer errorCode,
      String errorMessage,
      Instant createdAt,
      Instant updatedAt) {}

  /** A new attempt, recorded before the provider is called. */
  public record Attempt(
      String sendKey,
      String customerId,
      String orderId,
      Long processInstanceKey,
      String elementId,
      String templateKey,
      MessageCategory category,
      Channel channel,
      String body) {}

  public static final String PENDING = "PENDING";
  public static final String FAILED = "FAILED";

  public Optional<Entry> findBySendKey(String sendKey) {
    return jdbc.sql("SELECT * FROM message_log WHERE send_key = :k").param("k", sendKey).query(this::map).optional();
  }

  public List<Entry> findByCustomer(String customerId) {
    return jdbc.sql("SELECT * FROM message_log WHERE customer_id = :c ORDER BY created_at, id")
        .param("c", customerId)
        .query(this::map)
        .list();
  }

  /** Records an attempt; returns its id. Fails on a send key that is already recorded. */
  public long recordAttempt(Attempt a) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql(
            """
            INSERT INTO message_log (send_key, customer_id, order_id, process_instance_key, element_id,
              template_key, category, channel, body, status, created_at, updated_at)
            VALUES (:sendKey, :customerId, :orderId, :pik, :elementId, :templateKey, :category, :channel,
              :body, :status, :now, :now)
            """)
        .param("sendKey", a.sendKey())
        .param("customerId", a.customerId())
        .param("orderId", a.orderId())
        .param("pik", a.processInstanceKey())
        .param("elementId", a.elementId())
        .param("templateKey", a.templateKey())
        .param("category", a.category().name())
        .param("channel", a.channel().name())
        .param("body", a.body())
        .param("status", PENDING)
        .param("now", now)
        .update();
    return findBySendKey(a.sendKey()).orElseThrow().id();
  }

  public void recordSent(String sendKey, SendReceipt receipt) {
    jdbc.sql("UPDATE message_log SET status = :s, provider_id = :p, updated_at = :now WHERE send_key = :k")
        .param("s", receipt.status().toUpperCase(java.util.Locale.ROOT))
        .param("p", receipt.providerId())
        .param("now", Timestamp.from(clock.instant()))
        .param("k", sendKey)
        .update();
  }

  public void recordFailed(String sendKey, Integer errorCode, String errorMessage) {
    jdbc.sql(
            """
            UPDATE message_log SET status = :s, error_code = :code, error_message = :msg, updated_at = :now
            WHERE send_key = :k
            """)
        .param("s", FAILED)
        .param("code", errorCode)
        .param("msg", errorMessage == null ? null : errorMessage.substring(0, Math.min(1000, errorMessage.length())))
        .param("now", Timestamp.from(clock.instant()))
        .param("k", sendKey)
        .update();
  }

  private Entry map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getString("send_key"),
        rs.getString("customer_id"),
        rs.getString("order_id"),
        (Long) rs.getObject("process_instance_key", Long.class),
        rs.getString("element_id"),
        rs.getString("template_key"),
        MessageCategory.valueOf(rs.getString("category")),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("body"),
        rs.getString("status"),
        rs.getString("provider_id"),
        (Integer) rs.getObject("error_code", Integer.class),
        rs.getString("error_message"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
