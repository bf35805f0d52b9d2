package com.careflow.orders;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code processed_event} table: every shop event that took effect, by event id. */
@Repository
class ProcessedEvents {

  private final JdbcClient jdbc;
  private final Clock clock;

  ProcessedEvents(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  boolean contains(String eventId) {
    return jdbc.sql("SELECT COUNT(*) FROM processed_event WHERE event_id = :id")
            .param("id", eventId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Marks the event done; a second mark of the same id fails with a duplicate-key exception. */
  void mark(ShopEvent event, String topic) {
    jdbc.sql(
            """
            INSERT INTO processed_event (event_id, topic, type, occurred_at, processed_at)
            VALUES (:id, :topic, :type, :occurredAt, :now)
            """)
        .param("id", event.eventId())
        .param("topic", topic)
        .param("type", event.type().typeName())
        .param("occurredAt", Timestamp.from(event.occurredAt().toInstant()))
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }
}
