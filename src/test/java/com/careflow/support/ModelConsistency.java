package com.careflow.support;

import io.camunda.client.annotation.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.util.ClassUtils;

/**
 * Keeps code and models in step: every job type in a BPMN has a {@code @JobWorker}, every worker's
 * type is used by some BPMN, every called decision exists in {@code dmn/}, every called process
 * exists in {@code bpmn/}, and every message a BPMN waits for is one the event intake publishes.
 */
public final class ModelConsistency {

  private ModelConsistency() {}

  /** What the models reference, file by file. */
  public record ModelReferences(
      Map<String, Set<String>> jobTypes,
      Map<String, Set<String>> calledDecisions,
      Map<String, Set<String>> calledProcesses,
      Map<String, Set<String>> messageNames,
      Set<String> processIds,
      Set<String> decisionIds) {}

  public static ModelReferences read(List<Path> modelFiles) {
    var refs =
        new ModelReferences(
            new TreeMap<>(),
            new TreeMap<>(),
            new TreeMap<>(),
            new TreeMap<>(),
            new TreeSet<>(),
            new TreeSet<>());
    for (Path file : modelFiles) {
      String name = file.getFileName().toString();
      if (name.endsWith(".bpmn")) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        model
            .getModelElementsByType(ZeebeTaskDefinition.class)
            .forEach(
                t -> refs.jobTypes().computeIfAbsent(t.getType(), k -> new TreeSet<>()).add(name));
        model
            .getModelElementsByType(ZeebeExecutionListener.class)
            .forEach(
                l -> refs.jobTypes().computeIfAbsent(l.getType(), k -> new TreeSet<>()).add(name));
        model
            .getModelElementsByType(ZeebeCalledDecision.class)
            .forEach(
                d ->
                    refs.calledDecisions()
                        .computeIfAbsent(d.getDecisionId(), k -> new TreeSet<>())
                        .add(name));
        model
            .getModelElementsByType(ZeebeCalledElement.class)
            .forEach(
                c ->
                    refs.calledProcesses()
                        .computeIfAbsent(c.getProcessId(), k -> new TreeSet<>())
                        .add(name));
        model
            .getModelElementsByType(Message.class)
            .forEach(
                m ->
                    refs.messageNames()
                        .computeIfAbsent(m.getName(), k -> new TreeSet<>())
                        .add(name));
        model.getModelElementsByType(Process.class).forEach(p -> refs.processIds().add(p.getId()));
      } else if (name.endsWith(".dmn")) {
        Dmn.readModelFromFile(file.toFile())
            .getModelElementsByType(Decision.class)
            .forEach(d -> refs.decisionIds().add(d.getId()));
      }
    }
    return refs;
  }

  /** The job types of every {@code @JobWorker} method in classes under this package. */
  /** The job types the models' execution listeners name ({@code zeebe:executionListener}). */
  public static Set<String> executionListenerTypes(List<Path> modelFiles) {
    Set<String> types = new TreeSet<>();
    for (Path file : modelFiles) {
      if (file.getFileName().toString().endsWith(".bpmn")) {
        Bpmn.readModelFromFile(file.toFile())
            .getModelElementsByType(ZeebeExecutionListener.class)
            .forEach(l -> types.add(l.getType()));
      }
    }
    return types;
  }

  public static Set<String> workerTypes(String basePackage) {
    return new TreeSet<>(workerFetchVariables(basePackage).keySet());
  }

  /**
   * Each {@code @JobWorker}'s job type and the variables it fetches (what it reads from the job).
   */
  public static Map<String, Set<String>> workerFetchVariables(String basePackage) {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(
        (reader, factory) ->
            reader.getAnnotationMetadata().hasAnnotatedMethods(JobWorker.class.getName()));
    Map<String, Set<String>> workers = new TreeMap<>();
    for (var candidate : scanner.findCandidateComponents(basePackage)) {
      Class<?> type =
          ClassUtils.resolveClassName(
              candidate.getBeanClassName(), ModelConsistency.class.getClassLoader());
      for (Method method : type.getDeclaredMethods()) {
        JobWorker worker = method.getAnnotation(JobWorker.class);
        if (worker != null) {
          workers.put(worker.type(), new TreeSet<>(List.of(worker.fetchVariables())));
        }
      }
    }
    return workers;
  }

  /** Every mismatch as a sentence a reader can act on; empty when code and models agree. */
  public static List<String> problems(
      ModelReferences refs, Set<String> workerTypes, Set<String> publishedMessages) {
    List<String> problems = new ArrayList<>();
    refs.jobTypes()
        .forEach(
            (type, files) -> {
              if (!workerTypes.contains(type)) {
                problems.add("Job type '" + type + "' used in " + files + " has no @JobWorker");
              }
            });
    workerTypes.forEach(
        type -> {
          if (!refs.jobTypes().containsKey(type)) {
            problems.add("@JobWorker type '" + type + "' is used by no BPMN in bpmn/");
          }
        });
    refs.calledDecisions()
        .forEach(
            (id, files) -> {
              if (!refs.decisionIds().contains(id)) {
                problems.add(
                    "Decision '" + id + "' called in " + files + " is not defined in dmn/");
              }
            });
    refs.calledProcesses()
        .forEach(
            (id, files) -> {
              if (!refs.processIds().contains(id)) {
                problems.add(
                    "Process '" + id + "' called in " + files + " is not defined in bpmn/");
              }
            });
    refs.messageNames()
        .forEach(
            (message, files) -> {
              if (!publishedMessages.contains(message)) {
                problems.add(
                    "Message '"
                        + message
                        + "' in "
                        + files
                        + " is never published by the event intake");
              }
            });
    return problems;
  }
}
