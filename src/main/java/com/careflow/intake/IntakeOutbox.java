package com.careflow.intake;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.journeys.JourneyUnavailableException;
import com.careflow.journeys.ZeebeMessagePublisher;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status.Code;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The transactional outbox of the event intake (table {@code intake_outbox}): the Zeebe message an
 * event owes the journeys is written in the same transaction as its stored fact and its {@code
 * processed_event} row, and published only after that commit, with message id = event id. So no
 * journey starts without its stored fact, no stored fact stays without its journey, and a resend
 * (same event id) finds the row already there and starts nothing.
 *
 * <p>The relay runs on the listener thread for the event's key, before the Kafka offset is
 * committed: a crash or an engine outage between commit and publish leaves the offset uncommitted,
 * and the redelivered record (already processed) relays what is still owed, oldest first, so one
 * key's messages reach Zeebe in the order they were stored.
 */
@Repository
class IntakeOutbox {

  private static final Logger log = LoggerFactory.getLogger(IntakeOutbox.class);

  /** Answers that say "this message can never be taken": the event goes to the DLT. */
  private static final Set<Code> REFUSED =
      Set.of(Code.INVALID_ARGUMENT, Code.FAILED_PRECONDITION, Code.OUT_OF_RANGE);

  /** Answers that say "we may not talk to the engine": wait, never dead-letter. */
  private static final Set<Code> NOT_ALLOWED = Set.of(Code.UNAUTHENTICATED, Code.PERMISSION_DENIED);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ZeebeMessagePublisher journeys;
  private final EventsProperties props;
  private final EngineAccessHealth access;
  private final CustomerProfiles buyers;
  private final ObjectMapper json =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  IntakeOutbox(
      JdbcClient jdbc,
      Clock clock,
      ZeebeMessagePublisher journeys,
      EventsProperties props,
      EngineAccessHealth access,
      CustomerProfiles buyers) {
    this.buyers = buyers;
    this.jdbc = jdbc;
    this.clock = clock;
    this.journeys = journeys;
    this.props = props;
    this.access = access;
  }

  /** Owes the event's message to the engine; joins the caller's transaction. */
  void add(ShopEvent event) {
    add(event, Map.of());
  }

  /**
   * Owes the event's message to the engine with variables the store adds to the event's own (what
   * the intake knows of the buyer when the event arrives, e.g. {@code returningBuyer}); joins the
   * caller's transaction.
   */
  void add(ShopEvent event, Map<String, Object> known) {
    String variables;
    try {
      Map<String, Object> all = event.variables();
      if (!known.isEmpty()) {
        all = new java.util.LinkedHashMap<>(all);
        all.putAll(known);
      }
      variables = json.writeValueAsString(EngineVariables.allowlisted(all));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("variables of " + event.eventId() + " not writable", e);
    }
    jdbc.sql(
            """
            INSERT INTO intake_outbox
              (event_id, message_name, correlation_key, variables, created_at)
            VALUES (:eventId, :name, :key, :variables, :now)
            ON CONFLICT DO NOTHING
            """)
        .param("eventId", event.eventId())
        .param("name", event.type().messageName())
        .param("key", event.correlationKey())
        .param("variables", variables)
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }

  private record Owed(long id, String eventId, String messageName, String variables) {}

  /**
   * The stored variables of an owed message, as JSON read back. An {@code OrderPlaced} row without
   * {@code returningBuyer} (stored by a Careflow before issue #19, whose journey looked the buyer
   * up itself) gets it here, from the customer store — the answer the {@code lookup-buyer} worker
   * gives (a paid order on record, rules R1, R2) — because the order journey no longer looks the
   * buyer up: every {@code OrderPlaced} reaching the engine carries it.
   *
   * @throws IllegalStateException the row's JSON is unreadable
   */
  private Map<String, Object> variablesOf(Owed message) {
    Map<String, Object> variables;
    try {
      variables = json.readValue(message.variables(), new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("outbox row " + message.id() + " unreadable", e);
    }
    if (ShopEventType.ORDER_PLACED.messageName().equals(message.messageName())
        && !variables.containsKey("returningBuyer")
        && variables.get("customerId") instanceof String customerId) {
      variables = new java.util.LinkedHashMap<>(variables);
      variables.put(
          "returningBuyer", buyers.find(customerId).map(Customer::returning).orElse(false));
    }
    return variables;
  }

  /**
   * Publishes every message still owed for one correlation key, oldest first.
   *
   * @param currentEventId the event being handled: only a refusal of its own message fails it
   * @return how many Zeebe took as new (a message it already held counts as published, not new)
   * @throws JourneyUnavailableException the engine is away or overloaded (retry later; nothing is
   *     lost)
   * @throws EngineAccessRefusedException the engine refuses Careflow's credentials (the listeners
   *     pause until {@link #probe} gets a publish accepted; nothing is lost)
   * @throws InvalidEventException the engine refused a message for good (too large, say): it is
   *     marked failed and its event is dead-lettered
   */
  int relay(String correlationKey, String currentEventId) {
    try {
      return relay(correlationKey, Set.of(currentEventId));
    } catch (RelayFailure failure) {
      throw failure.getCause();
    }
  }

  /**
   * A relay that stopped: the event whose message could not be published, and why (one of the
   * exceptions {@link #relay(String, String)} names). The key's later messages were not tried.
   */
  static final class RelayFailure extends Exception {
    private final String eventId;

    RelayFailure(String eventId, RuntimeException cause) {
      super("message of event " + eventId + " not published", cause, false, false);
      this.eventId = eventId;
    }

    /** The event whose message failed: the first of its key not yet in the engine. */
    String eventId() {
      return eventId;
    }

    @Override
    public synchronized RuntimeException getCause() {
      return (RuntimeException) super.getCause();
    }
  }

  /**
   * Publishes every message still owed for one correlation key, oldest first, for the events of one
   * poll at once ({@link EventIntake#handleAll}): a refusal for good of any of {@code current}
   * stops the key like any other failure; that of an older event's message (marked failed) does
   * not.
   *
   * @return how many Zeebe took as new
   * @throws RelayFailure naming the event whose message failed; the key's later messages wait
   */
  int relay(String correlationKey, Set<String> current) throws RelayFailure {
    List<Owed> owed =
        jdbc.sql(
                """
                SELECT id, event_id, message_name, variables FROM intake_outbox
                WHERE correlation_key = :key AND published_at IS NULL AND failed_reason IS NULL
                ORDER BY id
                """)
            .param("key", correlationKey)
            .query(
                (rs, n) ->
                    new Owed(
                        rs.getLong("id"),
                        rs.getString("event_id"),
                        rs.getString("message_name"),
                        rs.getString("variables")))
            .list();
    int fresh = 0;
    for (Owed message : owed) {
      try {
        if (publish(correlationKey, message)) {
          fresh++;
        }
      } catch (InvalidEventException e) {
        if (current.contains(message.eventId())) {
          throw new RelayFailure(message.eventId(), e);
        }
        continue; // an earlier event's message, marked failed: this record is not its to carry
      } catch (RuntimeException e) {
        throw new RelayFailure(message.eventId(), e);
      }
      jdbc.sql("UPDATE intake_outbox SET published_at = :now WHERE id = :id")
          .param("now", Timestamp.from(clock.instant()))
          .param("id", message.id())
          .update();
    }
    return fresh;
  }

  /** Messages stored but not yet published (for health and tests). */
  long owed() {
    return jdbc.sql(
            "SELECT COUNT(*) FROM intake_outbox WHERE published_at IS NULL AND failed_reason IS NULL")
        .query(Long.class)
        .single();
  }

  /** What a {@link #probe} found out about Careflow's access to the engine. */
  enum Probe {
    /** The engine took the oldest owed message (or said it holds it already): access works. */
    ACCEPTED,
    /** The engine answered about the message itself, not about who we are: access works. */
    ANSWERED,
    /** Nothing owed to try with: access unknown; the next record will tell. */
    NOTHING_OWED,
    /** The engine still refuses Careflow's credentials. */
    REFUSED,
    /** The engine cannot be reached: access unknown, try again later. */
    UNREACHABLE
  }

  /**
   * Tries to publish the oldest message still owed (of any key; the oldest of its key too, so one
   * key's messages still reach Zeebe in order), with its own message id, so a message Zeebe already
   * holds is not published twice. The honest probe while Zeebe refuses Careflow's credentials: only
   * a real publish shows that the permission to publish is back (a topology request would not). A
   * message Zeebe takes is stamped published, as by {@link #relay}; one it refuses for any other
   * reason is left as it is, for the listener to handle when its record comes again.
   *
   * @return what the engine said; never throws for an engine answer
   */
  Probe probe() {
    record Oldest(String key, Owed message) {}
    List<Oldest> oldest =
        jdbc.sql(
                """
                SELECT id, event_id, message_name, correlation_key, variables FROM intake_outbox
                WHERE published_at IS NULL AND failed_reason IS NULL
                ORDER BY id LIMIT 1
                """)
            .query(
                (rs, n) ->
                    new Oldest(
                        rs.getString("correlation_key"),
                        new Owed(
                            rs.getLong("id"),
                            rs.getString("event_id"),
                            rs.getString("message_name"),
                            rs.getString("variables"))))
            .list();
    if (oldest.isEmpty()) {
      return Probe.NOTHING_OWED;
    }
    Owed message = oldest.getFirst().message();
    Map<String, Object> variables = variablesOf(message);
    try {
      journeys.publish(
          message.messageName(),
          oldest.getFirst().key(),
          message.eventId(),
          props.messageTimeToLive(),
          variables);
    } catch (JourneyUnavailableException e) {
      return Probe.UNREACHABLE;
    } catch (ClientStatusException e) {
      if (NOT_ALLOWED.contains(e.getStatusCode())) {
        access.refused(e.getStatusCode().name());
        return Probe.REFUSED;
      }
      access.accepted();
      return Probe.ANSWERED;
    }
    access.accepted();
    jdbc.sql("UPDATE intake_outbox SET published_at = :now WHERE id = :id")
        .param("now", Timestamp.from(clock.instant()))
        .param("id", message.id())
        .update();
    return Probe.ACCEPTED;
  }

  private boolean publish(String correlationKey, Owed message) {
    Map<String, Object> variables = variablesOf(message);
    try {
      boolean fresh =
          journeys.publish(
              message.messageName(),
              correlationKey,
              message.eventId(),
              props.messageTimeToLive(),
              variables);
      access.accepted();
      return fresh;
    } catch (ClientStatusException e) {
      Code code = e.getStatusCode();
      if (NOT_ALLOWED.contains(code)) {
        access.refused(code.name());
        throw new EngineAccessRefusedException(code, e);
      }
      if (REFUSED.contains(code) || ZeebeMessagePublisher.tooLarge(e)) {
        String reason =
            "Zeebe refused message "
                + message.messageName()
                + " for good ("
                + code
                + (ZeebeMessagePublisher.tooLarge(e) ? ", too large" : "")
                + ")";
        jdbc.sql("UPDATE intake_outbox SET failed_reason = :reason WHERE id = :id")
            .param("reason", reason)
            .param("id", message.id())
            .update();
        log.warn("{} of event {}: dead-lettered", reason, message.eventId());
        throw new InvalidEventException(reason, e);
      }
      throw e;
    }
  }
}
