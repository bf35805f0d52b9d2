package com.careflow.platform;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.MigrateProcessInstanceCommandStep1.MigrateProcessInstanceCommandFinalStep;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.ProcessInstance;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves running journeys to the newest version of their model with Camunda 8.8's process instance
 * migration, following a {@link MigrationPlan}. Finding the instances uses the orchestration
 * cluster's search API (REST); the migration itself is one command per instance.
 */
@Component
class ProcessInstanceMigration {

  private static final Logger log = LoggerFactory.getLogger(ProcessInstanceMigration.class);
  private static final int PAGE_SIZE = 100;

  private final CamundaClient client;

  public ProcessInstanceMigration(CamundaClient client) {
    this.client = client;
  }

  /** What a run did. */
  public record Result(
      long targetDefinitionKey, int targetVersion, List<Long> migrated, List<String> failures) {}

  /** Migrates one instance; the engine rejects a plan that leaves an active element unmapped. */
  public void migrate(long processInstanceKey, long targetDefinitionKey, MigrationPlan plan) {
    MigrateProcessInstanceCommandFinalStep command = null;
    for (MigrationPlan.Mapping m : plan.mappings()) {
      command =
          command == null
              ? client
                  .newMigrateProcessInstanceCommand(processInstanceKey)
                  .migrationPlan(targetDefinitionKey)
                  .addMappingInstruction(m.source(), m.target())
              : command.addMappingInstruction(m.source(), m.target());
    }
    command.send().join();
  }

  /**
   * Migrates every active instance of the plan's process that runs an older version than the newest
   * deployed one. With {@code dryRun} it only lists them.
   */
  public Result migrateAll(MigrationPlan plan, boolean dryRun) {
    ProcessDefinition target =
        client
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId(plan.processId()))
            .sort(s -> s.version().desc())
            .page(p -> p.limit(1))
            .send()
            .join()
            .items()
            .stream()
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("No deployed process " + plan.processId()));

    List<Long> migrated = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (ProcessInstance instance : olderActiveInstances(plan.processId(), target.getVersion())) {
      if (dryRun) {
        migrated.add(instance.getProcessInstanceKey());
        continue;
      }
      try {
        migrate(instance.getProcessInstanceKey(), target.getProcessDefinitionKey(), plan);
        migrated.add(instance.getProcessInstanceKey());
      } catch (RuntimeException e) {
        // one instance the plan does not fit must not stop the others; Operate shows it unchanged
        failures.add(instance.getProcessInstanceKey() + ": " + e.getMessage());
        log.warn(
            "Instance {} of {} not migrated: {}",
            instance.getProcessInstanceKey(),
            plan.processId(),
            e.getMessage());
      }
    }
    return new Result(target.getProcessDefinitionKey(), target.getVersion(), migrated, failures);
  }

  private List<ProcessInstance> olderActiveInstances(String processId, int targetVersion) {
    List<ProcessInstance> found = new ArrayList<>();
    String after = null;
    while (true) {
      String cursor = after;
      var page =
          client
              .newProcessInstanceSearchRequest()
              .filter(
                  f ->
                      f.processDefinitionId(processId)
                          .state(ProcessInstanceState.ACTIVE)
                          .processDefinitionVersion(v -> v.lt(targetVersion)))
              .page(
                  p -> {
                    p.limit(PAGE_SIZE);
                    if (cursor != null) {
                      p.after(cursor);
                    }
                  })
              .send()
              .join();
      found.addAll(page.items());
      if (page.items().size() < PAGE_SIZE) {
        return found;
      }
      after = page.page().endCursor();
    }
  }
}
