package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.journeys.JourneyJobTypes;
import com.careflow.messaging.MessagingJobTypes;
import com.careflow.support.ProcessTestBase;
import com.careflow.support.ProcessTestEngine;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped migration plans fit the models, and a plan really moves a running instance. */
class ProcessInstanceMigrationTest extends ProcessTestBase {

  private static final Path PLANS = ProcessTestEngine.BPMN_DIR.resolve("migrations");

  @Test
  void everyPlanNamesElementsOfItsProcess() throws IOException {
    List<Path> plans;
    try (Stream<Path> files = Files.list(PLANS)) {
      plans = files.filter(p -> p.toString().endsWith(".migration.json")).toList();
    }
    assertThat(plans).isNotEmpty();
    for (Path file : plans) {
      MigrationPlan plan = MigrationPlan.read(file);
      Set<String> elementIds = flowNodeIds(plan.processId());
      assertThat(plan.mappings())
          .as(file.toString())
          .allSatisfy(
              m -> {
                assertThat(elementIds).as("source in " + file).contains(m.source());
                assertThat(elementIds).as("target in " + file).contains(m.target());
              });
    }
  }

  @Test
  void aWaitingDeliveryMovesToTheNewVersionAndGoesOn(@TempDir Path dir) throws IOException {
    MigrationPlan plan = MigrationPlan.read(PLANS.resolve("message-delivery.migration.json"));
    long instance =
        engine
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId(JourneyJobTypes.MESSAGE_DELIVERY_PROCESS_ID)
            .latestVersion()
            .variables(Map.of("customerId", "c-1", "templateKey", "payment-reminder-new"))
            .send()
            .join()
            .getProcessInstanceKey();
    engine.completeJob(
        MessagingJobTypes.PLAN_SEND_TIME,
        Map.of("sendAt", "2099-01-01T00:00:00Z")); // held by the timer

    long v2 =
        engine
            .deploy(List.of(changedCopy(dir)))
            .getProcesses()
            .getFirst()
            .getProcessDefinitionKey();
    new ProcessInstanceMigration(engine.client()).migrate(instance, v2, plan);

    var records = engine.records();
    assertThat(records.processDefinitionKey(instance)).isEqualTo(v2);
    assertThat(records.activeElements(instance)).contains("Event_QuietHoursOver");
  }

  /** The real model with a new name on one step: a second version, as an operations edit makes. */
  private static Path changedCopy(Path dir) throws IOException {
    Path file = ProcessTestEngine.BPMN_DIR.resolve("message-delivery.bpmn");
    Path copy = dir.resolve("message-delivery.bpmn");
    Files.writeString(
        copy, Files.readString(file).replace("name=\"Send message\"", "name=\"Send message now\""));
    return copy;
  }

  private static Set<String> flowNodeIds(String processId) {
    for (Path file : ProcessTestEngine.modelFiles()) {
      if (file.toString().endsWith(".bpmn")) {
        var model = Bpmn.readModelFromFile(file.toFile());
        if (model.getModelElementsByType(Process.class).stream()
            .anyMatch(p -> p.getId().equals(processId))) {
          return model.getModelElementsByType(FlowNode.class).stream()
              .map(FlowNode::getId)
              .collect(Collectors.toSet());
        }
      }
    }
    throw new AssertionError("No model defines process " + processId);
  }
}
