package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test engine with RocksDB state behaves like the library's: commands, jobs, timers, record
 * stream.
 */
class RocksDbStateEngineTest {

  private ZeebeTestEngine engine;
  private CamundaClient client;

  @BeforeEach
  void start() throws IOException {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    engine = RocksDbStateEngineFactory.create(port);
    engine.start();
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + port))
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (engine != null) {
      engine.stop();
    }
  }

  @Test
  void runsAProcessWithAJobAndATimerToItsEnd() throws Exception {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("p")
                .startEvent()
                .serviceTask("task", t -> t.zeebeJobType("work"))
                .intermediateCatchEvent("wait", e -> e.timerWithDuration("PT2H"))
                .endEvent()
                .done(),
            "p.bpmn")
        .send()
        .join();
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("p")
            .latestVersion()
            .variables(Map.of("n", 1))
            .send()
            .join()
            .getProcessInstanceKey();
    engine.waitForIdleState(Duration.ofSeconds(10));

    var jobs =
        client
            .newActivateJobsCommand()
            .jobType("work")
            .maxJobsToActivate(5)
            .send()
            .join()
            .getJobs();
    assertThat(jobs)
        .hasSize(1)
        .first()
        .satisfies(job -> assertThat(job.getVariablesAsMap()).containsEntry("n", 1));
    client.newCompleteCommand(jobs.getFirst()).variables(Map.of("n", 2)).send().join();
    engine.waitForIdleState(Duration.ofSeconds(10));
    assertThat(processEnded(key)).as("waits for the timer").isFalse();

    engine.increaseTime(Duration.ofHours(2));
    engine.waitForIdleState(Duration.ofSeconds(10));
    assertThat(processEnded(key)).isTrue();
  }

  @Test
  void keepsManyInstancesApartAndDeletesItsStateAndLogOnStop() throws Exception {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("q")
                .startEvent()
                .serviceTask("task", t -> t.zeebeJobType("q-work"))
                .endEvent()
                .done(),
            "q.bpmn")
        .send()
        .join();
    for (int i = 0; i < 50; i++) {
      client
          .newCreateInstanceCommand()
          .bpmnProcessId("q")
          .latestVersion()
          .variables(Map.of("i", i))
          .send()
          .join();
    }
    engine.waitForIdleState(Duration.ofSeconds(10));
    var jobs =
        client
            .newActivateJobsCommand()
            .jobType("q-work")
            .maxJobsToActivate(100)
            .send()
            .join()
            .getJobs();
    assertThat(jobs)
        .extracting(j -> j.getVariablesAsMap().get("i"))
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, 50).boxed().toList());

    var rocksDbEngine = (RocksDbStateEngineFactory.RocksDbStateEngine) engine;
    Path directory = rocksDbEngine.directory();
    try (var files = Files.list(directory.resolve("state"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("RocksDB's files")
          .contains("CURRENT");
    }
    assertThat(directory.resolve("log"))
        .as("the log is on disk, not on the heap")
        .hasSize(rocksDbEngine.logSizeInBytes());
    assertThat(rocksDbEngine.logSizeInBytes()).isPositive();
    client.close();
    engine.stop();
    engine = null;
    client = null;
    assertThat(directory).doesNotExist();
  }

  @Test
  void correlatesAMessageToTheInstanceWaitingForIt() throws Exception {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("m")
                .startEvent()
                .intermediateCatchEvent(
                    "paid",
                    e ->
                        e.message(
                            m -> m.name("OrderPaid").zeebeCorrelationKeyExpression("orderId")))
                .endEvent()
                .done(),
            "m.bpmn")
        .send()
        .join();
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("m")
            .latestVersion()
            .variables(Map.of("orderId", "o-1"))
            .send()
            .join()
            .getProcessInstanceKey();
    client.newPublishMessageCommand().messageName("OrderPaid").correlationKey("o-2").send().join();
    engine.waitForIdleState(Duration.ofSeconds(10));
    assertThat(processEnded(key)).as("another order's payment").isFalse();

    client.newPublishMessageCommand().messageName("OrderPaid").correlationKey("o-1").send().join();
    engine.waitForIdleState(Duration.ofSeconds(10));
    assertThat(processEnded(key)).isTrue();
  }

  private boolean processEnded(long key) {
    return StreamSupport.stream(engine.getRecordStreamSource().getRecords().spliterator(), false)
        .filter(r -> r.getValueType() == ValueType.PROCESS_INSTANCE && r.getKey() == key)
        .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED)
        .anyMatch(
            r ->
                ((ProcessInstanceRecordValue) r.getValue()).getBpmnElementType()
                    == BpmnElementType.PROCESS);
  }
}
