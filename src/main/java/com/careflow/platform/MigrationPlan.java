package com.careflow.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How running instances of one journey move to its newest version: which element of the old version
 * (a wait state such as a timer, a message wait or a task) continues as which element of the new
 * one. Kept beside the models in {@code bpmn/migrations/<process>.migration.json}.
 *
 * @param processId the BPMN process id, e.g. {@code order-journey}
 * @param description what changed and why the mapping is safe, for the person running it
 * @param mappings element id in the running version to element id in the target version
 */
record MigrationPlan(String processId, String description, List<Mapping> mappings) {

  public record Mapping(String source, String target) {
    public Mapping {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(target, "target");
    }
  }

  public MigrationPlan {
    Objects.requireNonNull(processId, "processId");
    mappings = List.copyOf(mappings);
    if (mappings.isEmpty()) {
      throw new IllegalArgumentException("Migration plan for " + processId + " maps no element");
    }
  }

  public static MigrationPlan read(Path file) {
    try {
      return new ObjectMapper().readValue(file.toFile(), MigrationPlan.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read migration plan " + file + ": " + e.getMessage(), e);
    }
  }
}
