package com.careflow.intake;

import com.careflow.analytics.AnalyticsFacts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The analytics facts the intake owes (table {@code intake_analytics_fact}, issue #19): written in
 * the intake's transaction, with the event's {@code processed_event} row, so each event owes its
 * fact once; recorded after the commit, through the analytics module's port ({@link
 * AnalyticsFacts#recordOrderFacts}: a batch of up to {@value #BATCH} rows as one {@link
 * AnalyticsFacts.OrderFactBatch} application event that {@code AnalyticsEventListener} passes on),
 * in one transaction, by one thread at a time: the analytics module reads and writes what the batch
 * shares (a day's rollup rows, a buyer's orders) once per batch, not once per fact.
 *
 * <p>Why not in the intake's transaction (as before): recording a placed or paid order updates the
 * day's rollup rows, which every order of the day shares; three consumer threads updating them in
 * their own transactions spent a fifth of the intake's CPU waiting for each other's row locks (the
 * profile in {@code docs/benchmarks.md}), and a poll's transaction would hold those locks for the
 * whole poll. Recorded in batches by one thread, they are locked once per batch and by no one else
 * of the intake.
 *
 * <p>What holds: a fact is recorded at least once (a row is deleted in the transaction that records
 * it; a crash before that commit leaves it for the next drain), and the analytics port is
 * idempotent (a replayed fact changes nothing), so each fact takes effect once. The figures depend
 * only on the set of facts, not their order (see {@link AnalyticsFacts}), so the order of the
 * batches does not matter. Facts lag the store by one drain: the listener thread that committed a
 * poll drains after publishing it (unless another thread is draining: then that one takes the rows
 * too), and a sweep every {@value #SWEEP_SECONDS} s takes rows older than that (left by a database
 * outage, a refusal race or a restart). A fact the analytics module refuses ({@link
 * IllegalArgumentException}) is kept with its reason in {@code failed_reason} and logged: a batch
 * with a refused fact is recorded again fact by fact, each behind a savepoint, so the others are
 * recorded; any other failure leaves the batch for the next drain.
 */
@Repository
class AnalyticsFactOutbox {

  private static final Logger log = LoggerFactory.getLogger(AnalyticsFactOutbox.class);

  /** Rows recorded in one transaction. */
  static final int BATCH = 200;

  /** Interval of the sweep, and the age of the rows it takes. */
  static final int SWEEP_SECONDS = 5;

  private static final Map<String, Class<? extends AnalyticsFacts.OrderFact>> TYPES =
      Map.of(
          "OrderPlacedFact", AnalyticsFacts.OrderPlacedFact.class,
          "PaymentFact", AnalyticsFacts.PaymentFact.class,
          "RefundFact", AnalyticsFacts.RefundFact.class,
          "CancellationFact", AnalyticsFacts.CancellationFact.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate transaction;
  private final ApplicationEventPublisher facts;
  private final ObjectMapper json =
      JsonMapper.builder()
          .findAndAddModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();
  private final ReentrantLock draining = new ReentrantLock();
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("analytics-fact-sweep").factory());

  AnalyticsFactOutbox(
      JdbcClient jdbc,
      Clock clock,
      TransactionTemplate transaction,
      ApplicationEventPublisher facts) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.transaction = transaction;
    this.facts = facts;
  }

  /**
   * Owes one fact of the event; joins the caller's transaction.
   *
   * @param fact one of {@link AnalyticsFacts.OrderPlacedFact}, {@link AnalyticsFacts.PaymentFact},
   *     {@link AnalyticsFacts.RefundFact}, {@link AnalyticsFacts.CancellationFact}
   */
  void add(String eventId, Object fact) {
    String type = fact.getClass().getSimpleName();
    if (!TYPES.containsKey(type)) {
      throw new IllegalArgumentException("not an intake fact: " + fact.getClass().getName());
    }
    String text;
    try {
      text = json.writeValueAsString(fact);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("fact of " + eventId + " not writable", e);
    }
    jdbc.sql(
            """
            INSERT INTO intake_analytics_fact (event_id, fact_type, fact, created_at)
            VALUES (:eventId, :type, :fact, :now)
            """)
        .param("eventId", eventId)
        .param("type", type)
        .param("fact", text)
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }

  /**
   * Records the facts owed now, unless another thread is at it (it takes them too); never throws: a
   * failure leaves the rows for the next drain or the sweep.
   *
   * @return facts recorded
   */
  int drainIfIdle() {
    return draining.tryLock() ? drainLocked(null) : 0;
  }

  /**
   * Records the facts owed now, after a drain in progress (the single-record path and tests); never
   * throws.
   *
   * @return facts recorded
   */
  int drain() {
    draining.lock();
    return drainLocked(null);
  }

  /** The sweep: rows older than {@value #SWEEP_SECONDS} s, waiting for a drain in progress. */
  int sweep() {
    draining.lock();
    return drainLocked(Timestamp.from(clock.instant().minusSeconds(SWEEP_SECONDS)));
  }

  /** {@link #drain(Timestamp)} with the lock held by the caller; releases it. */
  private int drainLocked(Timestamp before) {
    try {
      return drain(before);
    } finally {
      draining.unlock();
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void startSweeping() {
    sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
  }

  @PreDestroy
  void close() {
    sweeper.shutdownNow();
  }

  /** How many facts are owed and not refused (health, tests). */
  long owed() {
    return jdbc.sql("SELECT COUNT(*) FROM intake_analytics_fact WHERE failed_reason IS NULL")
        .query(Long.class)
        .single();
  }

  private record Owed(long id, String eventId, String type, String fact) {}

  /** Batches of the rows there now (created before {@code before}, if given), up to the newest. */
  private int drain(Timestamp before) {
    long started = System.nanoTime();
    int recorded = 0;
    try {
      Long last =
          jdbc.sql("SELECT MAX(id) FROM intake_analytics_fact")
              .query(Long.class)
              .optional()
              .orElse(null);
      long after = 0;
      while (last != null && after < last) {
        List<Owed> batch = owedBatch(after, last, before);
        if (batch.isEmpty()) {
          break;
        }
        Integer n = transaction.execute(status -> record(batch, status));
        recorded += n == null ? 0 : n;
        after = batch.getLast().id();
      }
    } catch (RuntimeException e) {
      log.warn("Analytics facts not recorded now, left for the next drain: {}", e.toString());
    }
    if (recorded > 0 && log.isDebugEnabled()) {
      log.debug(
          "{} analytics facts recorded in {}",
          recorded,
          Duration.ofNanos(System.nanoTime() - started));
    }
    return recorded;
  }

  private List<Owed> owedBatch(long after, long last, Timestamp before) {
    return jdbc.sql(
            "SELECT id, event_id, fact_type, fact FROM intake_analytics_fact WHERE id > :after AND"
                + " id <= :last AND failed_reason IS NULL"
                + (before == null ? "" : " AND created_at < :before")
                + " ORDER BY id LIMIT "
                + BATCH)
        .param("after", after)
        .param("last", last)
        .params(before == null ? Map.of() : Map.of("before", before))
        .query(
            (rs, i) -> new Owed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
  }

  /**
   * One batch in the caller's transaction, recorded rows deleted: the readable facts at once
   * ({@link AnalyticsFacts#recordOrderFacts}, published as one {@link
   * AnalyticsFacts.OrderFactBatch}); when the analytics module refuses one of them, each fact
   * behind its own savepoint instead, so the refused one is kept with its reason and the rest are
   * recorded.
   */
  private int record(List<Owed> batch, TransactionStatus status) {
    List<Owed> readable = new ArrayList<>(batch.size());
    List<AnalyticsFacts.OrderFact> read = new ArrayList<>(batch.size());
    for (Owed owed : batch) {
      try {
        read.add(read(owed));
        readable.add(owed);
      } catch (IllegalArgumentException e) {
        refused(owed, e);
      }
    }
    List<Long> done = new ArrayList<>(readable.size());
    if (!read.isEmpty()) {
      Object savepoint = status.createSavepoint();
      try {
        facts.publishEvent(new AnalyticsFacts.OrderFactBatch(read));
        status.releaseSavepoint(savepoint);
        readable.forEach(owed -> done.add(owed.id()));
      } catch (IllegalArgumentException e) {
        status.rollbackToSavepoint(savepoint);
        log.info(
            "Analytics refused a fact of a batch of {} ({}); recording them one by one",
            read.size(),
            e.getMessage());
        for (int i = 0; i < readable.size(); i++) {
          if (recordAlone(readable.get(i), read.get(i), status)) {
            done.add(readable.get(i).id());
          }
        }
      }
    }
    if (!done.isEmpty()) {
      jdbc.sql("DELETE FROM intake_analytics_fact WHERE id IN (:ids)").param("ids", done).update();
    }
    return done.size();
  }

  /** One fact behind a savepoint; false when refused (then kept with its reason). */
  private boolean recordAlone(Owed owed, AnalyticsFacts.OrderFact fact, TransactionStatus status) {
    Object savepoint = status.createSavepoint();
    try {
      facts.publishEvent(fact);
      status.releaseSavepoint(savepoint);
      return true;
    } catch (IllegalArgumentException e) {
      status.rollbackToSavepoint(savepoint);
      refused(owed, e);
      return false;
    }
  }

  /** Keeps a refused fact's row with its reason (at most 500 characters) and logs it. */
  private void refused(Owed owed, IllegalArgumentException e) {
    String reason = String.valueOf(e.getMessage());
    log.error(
        "Analytics refused the {} of event {}: {} (kept in intake_analytics_fact)",
        owed.type(),
        owed.eventId(),
        reason);
    jdbc.sql("UPDATE intake_analytics_fact SET failed_reason = :reason WHERE id = :id")
        .param("reason", reason.length() > 500 ? reason.substring(0, 500) : reason)
        .param("id", owed.id())
        .update();
  }

  private AnalyticsFacts.OrderFact read(Owed owed) {
    Class<? extends AnalyticsFacts.OrderFact> type = TYPES.get(owed.type());
    if (type == null) {
      throw new IllegalArgumentException("unknown fact type " + owed.type());
    }
    try {
      return json.readValue(owed.fact(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("fact not readable: " + e.getOriginalMessage(), e);
    }
  }
}
