package com.careflow.support;

import com.careflow.messaging.JourneyVersionWorker;
import com.careflow.messaging.MessagingJobTypes;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.RocksDbStateEngineFactory;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The in-memory Zeebe engine with the project's real models from {@code bpmn/} and {@code dmn/}
 * deployed, a Camunda client on its gRPC gateway, and the few moves a process test needs: publish a
 * message, work a job by hand, move the clock, and read the record stream ({@link #records()}).
 */
public final class ProcessTestEngine implements AutoCloseable {

  /** The project's models, as operations managers edit them. */
  public static final Path BPMN_DIR = Path.of("bpmn");

  public static final Path DMN_DIR = Path.of("dmn");

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  private final ZeebeTestEngine engine;
  private final CamundaClient client;

  private ProcessTestEngine(ZeebeTestEngine engine, CamundaClient client) {
    this.engine = engine;
    this.client = client;
  }

  public static ProcessTestEngine start() {
    return start(RocksDbStateEngineFactory::create);
  }

  /** With an engine of one's choice, made for a gRPC port (the benchmark compares state stores). */
  public static ProcessTestEngine start(IntFunction<ZeebeTestEngine> factory) {
    ZeebeTestEngine engine = factory.apply(freePort());
    engine.start();
    CamundaClient client =
        CamundaClient.newClientBuilder()
            .grpcAddress(
                URI.create("http://" + engine.getGatewayAddress().replace("0.0.0.0", "127.0.0.1")))
            .preferRestOverGrpc(false)
            .numJobWorkerExecutionThreads(
                4) // as the service: a slow handler must not hold back the others
            .defaultRequestTimeout(
                Duration.ofSeconds(30)) // the build machine is shared; deploys can be slow
            .build();
    return new ProcessTestEngine(engine, client);
  }

  public CamundaClient client() {
    return client;
  }

  /** Deploys every model of the project in one deployment, as the service does at start-up. */
  public DeploymentEvent deployProjectModels() {
    return deploy(modelFiles());
  }

  /**
   * All {@code .bpmn}, {@code .dmn} and {@code .form} files under {@code bpmn/} and {@code dmn/}.
   */
  public static List<Path> modelFiles() {
    try (Stream<Path> bpmn = Files.walk(BPMN_DIR);
        Stream<Path> dmn = Files.walk(DMN_DIR)) {
      return Stream.concat(bpmn, dmn)
          .filter(p -> !p.toString().contains(".camunda"))
          .filter(
              p ->
                  p.toString().endsWith(".bpmn")
                      || p.toString().endsWith(".dmn")
                      || p.toString().endsWith(".form"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public DeploymentEvent deploy(List<Path> files) {
    DeployResourceCommandStep2 command = null;
    for (Path file : files) {
      command =
          command == null
              ? client.newDeployResourceCommand().addResourceFile(file.toString())
              : command.addResourceFile(file.toString());
    }
    DeploymentEvent event = command.send().join();
    waitForIdle();
    return event;
  }

  public void publishMessage(String name, String correlationKey, Map<String, ?> variables) {
    client
        .newPublishMessageCommand()
        .messageName(name)
        .correlationKey(correlationKey)
        .timeToLive(Duration.ofHours(1))
        .variables(variables)
        .send()
        .join();
    waitForIdle();
  }

  /** Activates the one waiting job of this type, failing the test when there is none. */
  public ActivatedJob nextJob(String jobType) {
    waitForIdle();
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(jobType)
            .maxJobsToActivate(1)
            .timeout(Duration.ofMinutes(1))
            .requestTimeout(Duration.ofSeconds(2))
            .send()
            .join()
            .getJobs();
    if (jobs.isEmpty()) {
      throw new AssertionError("No job of type '" + jobType + "' is waiting");
    }
    return jobs.getFirst();
  }

  /** Activates and completes the next job of this type with the given output variables. */
  public ActivatedJob completeJob(String jobType, Map<String, ?> variables) {
    ActivatedJob job = nextJob(jobType);
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
    waitForIdle();
    return job;
  }

  /** Moves the engine's clock; timers due by then fire. */
  public void increaseTime(Duration duration) {
    engine.increaseTime(duration);
    waitForIdle();
  }

  /**
   * The raw record stream, for tests too large to copy it into a {@link RecordLog}; call {@link
   * #waitForIdle} first.
   */
  public io.camunda.zeebe.process.test.api.RecordStreamSource recordStream() {
    return engine.getRecordStreamSource();
  }

  public RecordLog records() {
    waitForIdle();
    return new RecordLog(engine.getRecordStreamSource());
  }

  /**
   * Waits until the engine is idle. A journey's process-level start listener ({@code
   * journey-version}) is answered on the way, by the production worker, as the service would: every
   * journey started in a test runs past it without the test completing it by hand.
   */
  public void waitForIdle() {
    idle();
    while (answerJourneyVersionJobs()) {
      idle();
    }
  }

  private void idle() {
    try {
      engine.waitForIdleState(IDLE_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Engine did not become idle within " + IDLE_TIMEOUT, e);
    }
  }

  private final JourneyVersionWorker journeyVersion = new JourneyVersionWorker();
  private long recordsScanned;
  private long journeyVersionJobsWaiting;

  /** Completes the waiting {@code journey-version} jobs; true when there were any. */
  private boolean answerJourneyVersionJobs() {
    long position = 0;
    for (Record<?> r : engine.getRecordStreamSource().getRecords()) {
      if (position++ < recordsScanned) {
        continue;
      }
      if (r.getValueType() == ValueType.JOB
          && r.getRecordType() == RecordType.EVENT
          && MessagingJobTypes.JOURNEY_VERSION.equals(((JobRecordValue) r.getValue()).getType())) {
        if (r.getIntent() == JobIntent.CREATED) {
          journeyVersionJobsWaiting++;
        } else if (r.getIntent() == JobIntent.COMPLETED || r.getIntent() == JobIntent.CANCELED) {
          journeyVersionJobsWaiting--;
        }
      }
    }
    recordsScanned = position;
    if (journeyVersionJobsWaiting <= 0) {
      return false;
    }
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(MessagingJobTypes.JOURNEY_VERSION)
            .maxJobsToActivate((int) journeyVersionJobsWaiting)
            .timeout(Duration.ofMinutes(1))
            .requestTimeout(Duration.ofSeconds(2))
            .send()
            .join()
            .getJobs();
    for (ActivatedJob job : jobs) {
      client
          .newCompleteCommand(job.getKey())
          .variables(journeyVersion.journeyVersion(job))
          .send()
          .join();
    }
    return !jobs.isEmpty();
  }

  @Override
  public void close() {
    client.close();
    engine.stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
