package com.careflow.platform;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.CommandWrapper;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every {@code @JobWorker} of Careflow fails a job, in one place (the Camunda Spring client's
 * {@link JobExceptionHandlingStrategy}; workers stay thin and never catch data-access errors):
 *
 * <ul>
 *   <li>the database briefly away ({@link TransientFailures#isDataAccessTransient}: a failover, a
 *       restart, no connection): the job is failed with its retries <b>unchanged</b> and an
 *       exponential backoff ({@link JobsProperties}), so a database that is away for seconds or
 *       minutes creates no incident; the job completes on the first attempt after it is back;
 *   <li>anything else (a worker's {@code CamundaError} — BPMN error or job error with its own
 *       retries — or an unexpected exception): the client's {@link
 *       DefaultJobExceptionHandlingStrategy}, unchanged (an unexpected exception costs one retry).
 * </ul>
 *
 * <p>The backoff grows per job: consecutive transient failures of the same job key are counted in
 * memory (at most {@value #TRACKED_JOBS} jobs; a restart starts over at the first wait, which only
 * shortens one wait).
 */
class TransientJobFailureStrategy implements JobExceptionHandlingStrategy {

  static final int TRACKED_JOBS = 10_000;

  private static final Logger log = LoggerFactory.getLogger(TransientJobFailureStrategy.class);

  private final JobExceptionHandlingStrategy others;
  private final CommandExceptionHandlingStrategy commandFailures;
  private final MetricsRecorder metrics;
  private final JobsProperties props;
  private final Map<Long, Integer> transientAttempts =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
              return size() > TRACKED_JOBS;
            }
          });

  public TransientJobFailureStrategy(
      CommandExceptionHandlingStrategy commandFailures,
      MetricsRecorder metrics,
      JobsProperties props) {
    this.others = new DefaultJobExceptionHandlingStrategy(commandFailures, metrics);
    this.commandFailures = commandFailures;
    this.metrics = metrics;
    this.props = props;
  }

  @Override
  public void handleException(Exception e, ExceptionHandlingContext context) throws Exception {
    ActivatedJob job = context.job();
    if (!TransientFailures.isDataAccessTransient(e)) {
      transientAttempts.remove(job.getKey());
      others.handleException(e, context);
      return;
    }
    int attempt = transientAttempts.merge(job.getKey(), 1, Integer::sum);
    Duration backoff = props.backoff(attempt);
    log.warn(
        "Job {} ({}) waits for the database (attempt {}, again in {}, retries kept at {}): {}",
        job.getKey(),
        job.getType(),
        attempt,
        backoff,
        job.getRetries(),
        rootMessage(e));
    var fail =
        context
            .jobClient()
            .newFailCommand(job.getKey())
            .retries(job.getRetries())
            .retryBackoff(backoff)
            .errorMessage("database unavailable, retried without using a retry: " + rootMessage(e));
    new CommandWrapper(fail, job, commandFailures, metrics, 10)
        .executeAsyncWithMetrics(
            MetricsRecorder.METRIC_NAME_JOB, MetricsRecorder.ACTION_FAILED, job.getType());
  }

  /** Consecutive transient failures recorded for the job (0 once it failed otherwise). */
  int transientAttempts(long jobKey) {
    return transientAttempts.getOrDefault(jobKey, 0);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
