package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.careflow.journeys.JourneyJobTypes;
import com.careflow.messaging.MessagingJobTypes;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.DecisionEvaluationIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.DecisionEvaluationRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The database away for 10 seconds, measured end to end on the full app (embedded engine and
 * broker): the shared PostgreSQL server keeps running; the application's {@code DataSource} refuses
 * every new connection for the window, as Hikari does when the server cannot be reached ({@link
 * SQLTransientConnectionException}). While it is away, timers fire (the engine's clock moves two
 * hours: each order's payment reminder plans its send time, a job that reads the customer store)
 * and new orders arrive on {@code shop.orders}. Asserted: nothing lost, nothing twice, no incident,
 * no job retry used. Measured (printed and written to {@code target/reliability/database-away.txt},
 * never asserted): the time from the database's return to the last effect.
 */
@Import(DatabaseOutageIT.Outage.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // its own context, closed after
class DatabaseOutageIT extends ShopEventsITBase {

  /**
   * How long an awaited outcome may take before the test fails: a bound on failure only, generous
   * for a loaded machine (a passing run waits only as long as the outcome takes).
   */
  private static final Duration EVENTUALLY = Duration.ofMinutes(3);

  private static final int ORDERS_BEFORE = 10;
  private static final int ORDERS_DURING = 10;
  private static final Duration AWAY = Duration.ofSeconds(10);

  /** Wraps the application's data source: while {@link #away} is set, no new connection. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Outage {
    static final AtomicBoolean away = new AtomicBoolean();
    static final AtomicLong refused = new AtomicLong();

    @Bean
    static BeanPostProcessor databaseOutage() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (bean instanceof DataSource ds && name.equals("dataSource")) {
            return new DelegatingDataSource(ds) {
              @Override
              public Connection getConnection() throws SQLException {
                refuseWhileAway();
                return super.getConnection();
              }

              @Override
              public Connection getConnection(String user, String password) throws SQLException {
                refuseWhileAway();
                return super.getConnection(user, password);
              }
            };
          }
          return bean;
        }
      };
    }

    static void refuseWhileAway() throws SQLTransientConnectionException {
      if (away.get()) {
        refused.incrementAndGet();
        throw new SQLTransientConnectionException(
            "HikariPool-1 - Connection is not available (test: the database is away)", "08001");
      }
    }
  }

  @Autowired com.careflow.local.LocalStack stack;

  @AfterEach
  void databaseBack() {
    Outage.away.set(false);
  }

  @SuppressWarnings("unchecked")
  private List<Record<JobRecordValue>> jobRecords(String type, JobIntent intent) {
    var found = new ArrayList<Record<JobRecordValue>>();
    StreamSupport.stream(stack.engine().getRecordStreamSource().getRecords().spliterator(), false)
        .filter(r -> r.getValueType() == ValueType.JOB && r.getIntent() == intent)
        .map(r -> (Record<JobRecordValue>) r)
        .filter(r -> r.getValue().getType().equals(type))
        .forEach(found::add);
    return found;
  }

  /**
   * Reminder policies decided (the {@code reminder-policy} table evaluated): a journey's first step
   * after its start. (The {@code lookup-buyer} job was, before the intake sent {@code
   * returningBuyer} with the order, issue #19.)
   */
  private long policiesDecided() {
    return StreamSupport.stream(
            stack.engine().getRecordStreamSource().getRecords().spliterator(), false)
        .filter(
            r ->
                r.getValueType() == ValueType.DECISION_EVALUATION
                    && r.getIntent() == DecisionEvaluationIntent.EVALUATED)
        .map(r -> (DecisionEvaluationRecordValue) r.getValue())
        .filter(d -> d.getDecisionId().equals(JourneyJobTypes.Decisions.REMINDER_POLICY))
        .count();
  }

  private long incidents() {
    return StreamSupport.stream(
            stack.engine().getRecordStreamSource().getRecords().spliterator(), false)
        .filter(r -> r.getValueType() == ValueType.INCIDENT)
        .count();
  }

  private boolean allOrdersHaveTheirJourney(List<String> orders) {
    return orders.stream().allMatch(o -> journeysOf(o).size() == 1);
  }

  @Test
  @DisplayName(
      "Database down for 10 s (the intake and the job workers): events in 20, journeys 20, plans"
          + " 10, lost 0, duplicates 0, incidents 0, no job retry used; time to recover measured")
  void databaseDownForTenSeconds_intakeAndJobsBackOffAndResume() {
    List<String> before = new ArrayList<>();
    List<String> during = new ArrayList<>();
    for (int i = 0; i < ORDERS_BEFORE + ORDERS_DURING; i++) {
      String customer = "c-" + run + "-" + i;
      send("shop.customers", customer, customer(customer));
      (i < ORDERS_BEFORE ? before : during).add("o-" + run + "-" + i);
    }
    awaitCaughtUp("shop.customers", ShopEventListener.CUSTOMERS_LISTENER);
    for (int i = 0; i < ORDERS_BEFORE; i++) {
      send("shop.orders", before.get(i), placed(before.get(i), "c-" + run + "-" + i));
    }
    awaitCaughtUp("shop.orders", ShopEventListener.ORDERS_LISTENER);
    await().atMost(EVENTUALLY).until(() -> policiesDecided() >= ORDERS_BEFORE);
    int plansBefore = jobRecords(MessagingJobTypes.PLAN_SEND_TIME, JobIntent.COMPLETED).size();

    // the database goes away; the reminders fall due and new orders arrive meanwhile
    Outage.away.set(true);
    long awayAt = System.nanoTime();
    stack.advanceClock(Duration.ofHours(2));
    for (int i = 0; i < ORDERS_DURING; i++) {
      int n = ORDERS_BEFORE + i;
      send("shop.orders", during.get(i), placed(during.get(i), "c-" + run + "-" + n));
    }
    await().pollDelay(AWAY.minusNanos(System.nanoTime() - awayAt)).until(() -> true);
    long refused = Outage.refused.get();
    int failedJobs = jobRecords(MessagingJobTypes.PLAN_SEND_TIME, JobIntent.FAILED).size();
    Outage.away.set(false);
    long backAt = System.nanoTime();

    // every effect, each once: all journeys, every reminder's send time planned
    AtomicLong lastEffectAt = new AtomicLong();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              boolean done =
                  allOrdersHaveTheirJourney(during)
                      && jobRecords(MessagingJobTypes.PLAN_SEND_TIME, JobIntent.COMPLETED).size()
                          >= plansBefore + ORDERS_BEFORE
                      && policiesDecided() >= ORDERS_BEFORE + ORDERS_DURING;
              if (done) {
                lastEffectAt.set(System.nanoTime());
              }
              return done;
            });
    awaitCaughtUp("shop.orders", ShopEventListener.ORDERS_LISTENER);

    Duration recovery = Duration.ofNanos(lastEffectAt.get() - backAt);
    Duration outage = Duration.ofNanos(backAt - awayAt);

    // lost 0, duplicates 0
    for (String order : before) {
      assertThat(journeysOf(order)).as(order).hasSize(1);
      assertThat(processedRows(order + "-placed")).as(order).isEqualTo(1);
    }
    for (String order : during) {
      assertThat(journeysOf(order)).as(order).hasSize(1);
      assertThat(processedRows(order + "-placed")).as(order).isEqualTo(1);
      assertThat(timesPublished(order + "-placed")).as(order).isEqualTo(1);
    }
    assertThat(recordsOn("shop.orders.DLT", run)).isEmpty();
    // no incident, no job retry used by the outage
    assertThat(incidents()).isZero();
    Map<Long, Integer> createdRetries = new HashMap<>();
    jobRecords(MessagingJobTypes.PLAN_SEND_TIME, JobIntent.CREATED)
        .forEach(r -> createdRetries.put(r.getKey(), r.getValue().getRetries()));
    var failures = new ArrayList<Record<JobRecordValue>>();
    failures.addAll(jobRecords(MessagingJobTypes.PLAN_SEND_TIME, JobIntent.FAILED));
    assertThat(failures).as("jobs that met the outage").isNotEmpty();
    assertThat(failures)
        .allSatisfy(
            f -> assertThat(f.getValue().getRetries()).isEqualTo(createdRetries.get(f.getKey())));
    assertThat(refused).isPositive();

    String figures =
        """
        database away (DatabaseOutageIT): outage %.1f s; events in %d (%d before, %d during); \
        journeys %d; reminder plans %d; connections refused %d; job failures %d (retries unchanged), \
        incidents 0, lost 0, duplicates 0; database back -> last effect %.1f s
        """
            .formatted(
                outage.toMillis() / 1000.0,
                ORDERS_BEFORE + ORDERS_DURING,
                ORDERS_BEFORE,
                ORDERS_DURING,
                ORDERS_BEFORE + ORDERS_DURING,
                ORDERS_BEFORE,
                refused,
                failures.size(),
                recovery.toMillis() / 1000.0);
    Reliability.record("database-away.txt", figures.strip());
  }
}
