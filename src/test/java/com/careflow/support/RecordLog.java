package com.careflow.support;

import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobKind;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.camunda.zeebe.protocol.record.value.deployment.Form;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Read-only queries over the engine's record stream: what a journey did, in order. */
public final class RecordLog {

  private final List<Record<?>> records;

  public static RecordLog of(RecordStreamSource source) {
    return new RecordLog(source);
  }

  RecordLog(RecordStreamSource source) {
    List<Record<?>> copy = new ArrayList<>();
    source.getRecords().forEach(copy::add);
    this.records = copy;
  }

  @SuppressWarnings("unchecked")
  private Stream<Record<ProcessInstanceRecordValue>> processInstanceRecords() {
    return records.stream()
        .filter(r -> r.getValueType() == ValueType.PROCESS_INSTANCE)
        .map(r -> (Record<ProcessInstanceRecordValue>) r);
  }

  /** Keys of the process instances of this process, in start order. */
  public List<Long> instancesOf(String bpmnProcessId) {
    return processInstanceRecords()
        .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
        .filter(r -> r.getValue().getBpmnElementType() == BpmnElementType.PROCESS)
        .filter(r -> r.getValue().getBpmnProcessId().equals(bpmnProcessId))
        .map(Record::getKey)
        .distinct()
        .toList();
  }

  /** The single instance of this process, failing when there are none or several. */
  /** The deployed version of the process the instance runs, as the engine recorded it. */
  public int processVersion(long processInstanceKey) {
    return processInstanceRecords()
        .map(Record::getValue)
        .filter(v -> v.getProcessInstanceKey() == processInstanceKey)
        .map(ProcessInstanceRecordValue::getVersion)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no instance " + processInstanceKey));
  }

  public long onlyInstanceOf(String bpmnProcessId) {
    List<Long> keys = instancesOf(bpmnProcessId);
    if (keys.size() != 1) {
      throw new AssertionError(
          "Expected exactly one instance of " + bpmnProcessId + " but found " + keys.size());
    }
    return keys.getFirst();
  }

  /** Element ids the instance completed, in order. */
  public List<String> completedElements(long processInstanceKey) {
    return elementsWith(processInstanceKey, ProcessInstanceIntent.ELEMENT_COMPLETED);
  }

  /** Element ids the instance entered and has not left (its current wait states). */
  public List<String> activeElements(long processInstanceKey) {
    List<String> activated =
        new ArrayList<>(
            elementKeysWith(processInstanceKey, ProcessInstanceIntent.ELEMENT_ACTIVATED));
    activated.removeAll(
        elementKeysWith(processInstanceKey, ProcessInstanceIntent.ELEMENT_COMPLETED));
    activated.removeAll(
        elementKeysWith(processInstanceKey, ProcessInstanceIntent.ELEMENT_TERMINATED));
    return activated.stream().map(k -> k.substring(k.indexOf('|') + 1)).toList();
  }

  /** The definition the instance runs on now (it changes when the instance is migrated). */
  public long processDefinitionKey(long processInstanceKey) {
    return processInstanceRecords()
        .filter(r -> r.getValue().getProcessInstanceKey() == processInstanceKey)
        .reduce((first, second) -> second)
        .map(r -> r.getValue().getProcessDefinitionKey())
        .orElseThrow(() -> new AssertionError("No records of instance " + processInstanceKey));
  }

  public boolean isCompleted(long processInstanceKey) {
    return processInstanceRecords()
        .anyMatch(
            r ->
                r.getKey() == processInstanceKey
                    && r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED);
  }

  public boolean isTerminated(long processInstanceKey) {
    return processInstanceRecords()
        .anyMatch(
            r ->
                r.getKey() == processInstanceKey
                    && r.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED);
  }

  private List<String> elementsWith(long processInstanceKey, ProcessInstanceIntent intent) {
    return processInstanceRecords()
        .filter(r -> r.getValue().getProcessInstanceKey() == processInstanceKey)
        .filter(r -> r.getIntent() == intent)
        .filter(r -> r.getValue().getBpmnElementType() != BpmnElementType.PROCESS)
        .map(r -> r.getValue().getElementId())
        .toList();
  }

  private List<String> elementKeysWith(long processInstanceKey, ProcessInstanceIntent intent) {
    return processInstanceRecords()
        .filter(r -> r.getValue().getProcessInstanceKey() == processInstanceKey)
        .filter(r -> r.getIntent() == intent)
        .filter(r -> r.getValue().getBpmnElementType() != BpmnElementType.PROCESS)
        .map(r -> r.getKey() + "|" + r.getValue().getElementId())
        .distinct()
        .toList();
  }

  /** The latest value (JSON) of a process-level variable, if it was ever set. */
  @SuppressWarnings("unchecked")
  public Optional<String> variable(long processInstanceKey, String name) {
    return records.stream()
        .filter(r -> r.getValueType() == ValueType.VARIABLE)
        .filter(
            r -> r.getIntent() == VariableIntent.CREATED || r.getIntent() == VariableIntent.UPDATED)
        .map(r -> ((Record<VariableRecordValue>) r).getValue())
        .filter(
            v ->
                v.getProcessInstanceKey() == processInstanceKey
                    && v.getScopeKey() == processInstanceKey)
        .filter(v -> v.getName().equals(name))
        .map(VariableRecordValue::getValue)
        .reduce((first, second) -> second);
  }

  /** Jobs created for the instance, in order (one per activation of a service task). */
  @SuppressWarnings("unchecked")
  public List<JobRecordValue> jobsCreated(long processInstanceKey) {
    return records.stream()
        .filter(r -> r.getValueType() == ValueType.JOB && r.getIntent() == JobIntent.CREATED)
        .map(r -> ((Record<JobRecordValue>) r).getValue())
        .filter(j -> j.getProcessInstanceKey() == processInstanceKey)
        // the journey's tasks; its execution listeners (journey-version) run on every instance
        .filter(j -> j.getJobKind() == JobKind.BPMN_ELEMENT)
        .toList();
  }

  /**
   * The instance's job records as one line each ({@code <job key> <intent> retries=<n> backoff=<ms>
   * at <timestamp>}), in log order: what a test prints when a job did not get where it waited for
   * (failed with a backoff and never back, activated and never answered, ...).
   */
  @SuppressWarnings("unchecked")
  public List<String> jobHistory(long processInstanceKey) {
    return records.stream()
        .filter(r -> r.getValueType() == ValueType.JOB)
        .map(r -> (Record<JobRecordValue>) r)
        .filter(r -> r.getValue().getProcessInstanceKey() == processInstanceKey)
        .map(
            r ->
                r.getKey()
                    + " "
                    + r.getIntent()
                    + " retries="
                    + r.getValue().getRetries()
                    + " backoff="
                    + r.getValue().getRetryBackoff()
                    + "ms at "
                    + Instant.ofEpochMilli(r.getTimestamp()))
        .toList();
  }

  /** Incidents raised for the instance and not resolved. */
  @SuppressWarnings("unchecked")
  public List<IncidentRecordValue> openIncidents(long processInstanceKey) {
    List<Record<IncidentRecordValue>> incidents =
        records.stream()
            .filter(r -> r.getValueType() == ValueType.INCIDENT)
            .map(r -> (Record<IncidentRecordValue>) r)
            .filter(r -> r.getValue().getProcessInstanceKey() == processInstanceKey)
            .toList();
    List<Long> resolved =
        incidents.stream()
            .filter(r -> r.getIntent() == IncidentIntent.RESOLVED)
            .map(Record::getKey)
            .toList();
    return incidents.stream()
        .filter(r -> r.getIntent() == IncidentIntent.CREATED && !resolved.contains(r.getKey()))
        .map(Record::getValue)
        .toList();
  }

  /**
   * User tasks created for the instance, in order (Tasklist's view of the journey's staff tasks).
   */
  @SuppressWarnings("unchecked")
  public List<UserTaskRecordValue> userTasksCreated(long processInstanceKey) {
    return records.stream()
        .filter(
            r -> r.getValueType() == ValueType.USER_TASK && r.getIntent() == UserTaskIntent.CREATED)
        .map(r -> ((Record<UserTaskRecordValue>) r).getValue())
        .filter(t -> t.getProcessInstanceKey() == processInstanceKey)
        .toList();
  }

  /** The form id (the Camunda Form's {@code id}) of a deployed form key. */
  public Optional<String> formId(long formKey) {
    return records.stream()
        .filter(r -> r.getValueType() == ValueType.FORM)
        .map(r -> (Form) r.getValue())
        .filter(f -> f.getFormKey() == formKey)
        .map(Form::getFormId)
        .findFirst();
  }

  /** The engine's clock as of the latest record (it moves with {@code increaseTime}). */
  public Instant engineTime() {
    return records.stream()
        .map(Record::getTimestamp)
        .max(Long::compare)
        .map(Instant::ofEpochMilli)
        .orElseThrow();
  }
}
