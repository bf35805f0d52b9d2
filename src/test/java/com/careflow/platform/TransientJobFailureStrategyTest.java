package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.support.ProcessTestEngine;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy.ExceptionHandlingContext;
import io.camunda.client.metrics.DefaultNoopMetricsRecorder;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The one job-failure mechanism of every Careflow {@code @JobWorker}, on the in-memory engine: a
 * worker whose store fails with the database away for N attempts, then answers. The worker here is
 * what the Camunda Spring client runs around a {@code @JobWorker} method: call it, complete the job
 * with its result, or hand the exception to the {@code JobExceptionHandlingStrategy} bean.
 */
class TransientJobFailureStrategyTest {

  private static final String JOB_TYPE = "read-store";
  private static final int RETRIES = 3;

  private ProcessTestEngine engine;
  private final JobsProperties props =
      new JobsProperties(Duration.ofSeconds(1), Duration.ofSeconds(8));
  private TransientJobFailureStrategy strategy;

  @BeforeEach
  void start() {
    engine = ProcessTestEngine.start();
    var model =
        Bpmn.createExecutableProcess("transient-db")
            .startEvent()
            .serviceTask(
                "work", t -> t.zeebeJobType(JOB_TYPE).zeebeJobRetries(String.valueOf(RETRIES)))
            .endEvent()
            .done();
    engine
        .client()
        .newDeployResourceCommand()
        .addProcessModel(model, "transient-db.bpmn")
        .send()
        .join();
    engine.waitForIdle();
    strategy =
        new TransientJobFailureStrategy(
            (command, error) -> {
              throw new AssertionError("the fail command was refused", error);
            },
            new DefaultNoopMetricsRecorder(),
            props);
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  /** A store that is away for the first {@code failures} calls, then answers. */
  private static final class FlakyStore {
    private final int failures;
    private final RuntimeException away;
    private int calls;

    FlakyStore(int failures, RuntimeException away) {
      this.failures = failures;
      this.away = away;
    }

    Map<String, Object> read() {
      if (++calls <= failures) {
        throw away;
      }
      return Map.of("returningBuyer", true);
    }
  }

  /** One activation of the job, handled as the Spring client handles a {@code @JobWorker}. */
  private void work(FlakyStore store) throws Exception {
    ActivatedJob job = engine.nextJob(JOB_TYPE);
    Map<String, Object> result;
    try {
      result = store.read();
    } catch (Exception e) {
      int failedBefore = failed().size();
      strategy.handleException(
          e, new ExceptionHandlingContext(engine.client(), job, new JobWorkerValue()));
      awaitFailedRecords(failedBefore + 1);
      return;
    }
    engine.client().newCompleteCommand(job.getKey()).variables(result).send().join();
    engine.waitForIdle();
  }

  private List<JobRecordValue> failed() {
    engine.waitForIdle();
    List<JobRecordValue> values = new ArrayList<>();
    for (Record<?> r : engine.recordStream().getRecords()) {
      if (r.getValueType() == ValueType.JOB && r.getIntent() == JobIntent.FAILED) {
        values.add((JobRecordValue) r.getValue());
      }
    }
    return values;
  }

  private void awaitFailedRecords(int count) throws InterruptedException {
    for (int i = 0; i < 200 && failed().size() < count; i++) {
      Thread.sleep(25); // the fail command is sent asynchronously, as in the client
    }
    assertThat(failed()).hasSize(count);
  }

  private long incidents() {
    engine.waitForIdle();
    return StreamSupport.stream(engine.recordStream().getRecords().spliterator(), false)
        .filter(r -> r.getValueType() == ValueType.INCIDENT)
        .count();
  }

  private boolean completed() {
    engine.waitForIdle();
    return StreamSupport.stream(engine.recordStream().getRecords().spliterator(), false)
        .anyMatch(r -> r.getValueType() == ValueType.JOB && r.getIntent() == JobIntent.COMPLETED);
  }

  private void databaseAwayForAttempts(int attempts, RuntimeException away) throws Exception {
    engine
        .client()
        .newCreateInstanceCommand()
        .bpmnProcessId("transient-db")
        .latestVersion()
        .send()
        .join();
    var store = new FlakyStore(attempts, away);
    for (int attempt = 1; attempt <= attempts; attempt++) {
      work(store);
      // the job is offered again only after its backoff (the engine's clock)
      engine.increaseTime(props.backoff(attempt));
    }
    work(store);
  }

  @Test
  @DisplayName(
      "Database down (a 10-second failover) for a job worker: 5 failed attempts, no incident, the job"
          + " completes, its retries never decremented, the backoff doubling 1 s to 8 s")
  void databaseDownForAJobWorker_noIncidentRetriesUnchanged() throws Exception {
    databaseAwayForAttempts(
        5,
        new CannotGetJdbcConnectionException(
            "Failed to obtain JDBC Connection", new SQLException("timeout", "08001")));

    var failures = failed();
    assertThat(failures).hasSize(5);
    assertThat(failures).allSatisfy(f -> assertThat(f.getRetries()).isEqualTo(RETRIES));
    assertThat(failures)
        .extracting(JobRecordValue::getRetryBackoff)
        .containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 8_000L);
    assertThat(failures.getFirst().getErrorMessage()).contains("database unavailable");
    assertThat(incidents()).isZero();
    assertThat(completed()).isTrue();
  }

  @Test
  @DisplayName(
      "Database down mid-statement (connection lost, SQL state 08006, which Spring translates to a"
          + " non-transient DataAccessResourceFailureException): more attempts than the job has"
          + " retries, still no incident")
  void databaseDownMidStatement_moreAttemptsThanRetries() throws Exception {
    databaseAwayForAttempts(
        RETRIES + 2,
        new DataAccessResourceFailureException(
            "I/O error",
            new SQLException("An I/O error occurred while sending to the backend.", "08006")));

    assertThat(failed())
        .hasSize(RETRIES + 2)
        .allSatisfy(f -> assertThat(f.getRetries()).isEqualTo(RETRIES));
    assertThat(incidents()).isZero();
    assertThat(completed()).isTrue();
  }

  @Test
  @DisplayName(
      "Other failures keep the client's handling: a duplicate key is not the database away; the"
          + " exception goes back to the client, which fails the job with one retry fewer")
  void otherFailuresKeepTheirHandling() throws Exception {
    engine
        .client()
        .newCreateInstanceCommand()
        .bpmnProcessId("transient-db")
        .latestVersion()
        .send()
        .join();
    ActivatedJob job = engine.nextJob(JOB_TYPE);
    var notTransient = new DuplicateKeyException("duplicate", new SQLException("dup", "23505"));

    assertThatThrownBy(
            () ->
                strategy.handleException(
                    notTransient,
                    new ExceptionHandlingContext(engine.client(), job, new JobWorkerValue())))
        .isSameAs(notTransient);
    assertThat(failed()).isEmpty();
  }

  @Test
  @DisplayName(
      "Which failures are the database away: Spring's transient and recoverable exceptions, JDBC's"
          + " transient ones, and the SQL states of a failover, anywhere in the cause chain")
  void whichFailuresAreTheDatabaseAway() {
    for (String state :
        List.of("08001", "08006", "08003", "57P01", "57P02", "57P03", "53300", "25006", "40001")) {
      assertThat(
              TransientFailures.isDataAccessTransient(
                  new DataAccessResourceFailureException("x", new SQLException("x", state))))
          .as(state)
          .isTrue();
    }
    assertThat(
            TransientFailures.isDataAccessTransient(
                new java.sql.SQLTransientConnectionException("pool")))
        .isTrue();
    assertThat(
            TransientFailures.isDataAccessTransient(
                new org.springframework.dao.QueryTimeoutException("t")))
        .isTrue();
    for (String state : List.of("23505", "22001", "42P01", "42501")) {
      assertThat(
              TransientFailures.isDataAccessTransient(
                  new DataAccessResourceFailureException("x", new SQLException("x", state))))
          .as(state)
          .isFalse();
    }
    assertThat(TransientFailures.isDataAccessTransient(new IllegalStateException("bug"))).isFalse();
  }
}
