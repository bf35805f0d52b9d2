package com.careflow.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code processed_event} table: every shop event that took effect, by event id, with the
 * SHA-256 of its content.
 */
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

  /**
   * Marks the event done, in the caller's transaction. {@code ON CONFLICT DO NOTHING}: a consumer
   * handling the same event at the same moment waits for the other's transaction, then finds the
   * row.
   *
   * @return true when this call marked it; false when it was marked before (by this id only)
   */
  boolean markIfNew(ShopEvent event, String topic, String contentHash) {
    return jdbc.sql(
                """
                INSERT INTO processed_event
                  (event_id, topic, type, occurred_at, processed_at, content_hash)
                VALUES (:id, :topic, :type, :occurredAt, :now, :hash)
                ON CONFLICT DO NOTHING
                """)
            .param("id", event.eventId())
            .param("topic", topic)
            .param("type", event.type().typeName())
            .param("occurredAt", Timestamp.from(event.occurredAt().toInstant()))
            .param("now", Timestamp.from(clock.instant()))
            .param("hash", contentHash)
            .update()
        == 1;
  }

  /** The content hash the event id was first stored with (empty for rows from before V8). */
  Optional<String> contentHash(String eventId) {
    return jdbc.sql("SELECT content_hash FROM processed_event WHERE event_id = :id")
        .param("id", eventId)
        .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
        .optional()
        .flatMap(h -> h);
  }
}
