package com.careflow.bench;

import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.InMemoryEngine;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.impl.record.value.job.JobRecord;
import io.camunda.zeebe.protocol.impl.record.value.message.ProcessMessageSubscriptionRecord;
import io.camunda.zeebe.protocol.impl.record.value.processinstance.ProcessInstanceRecord;
import io.camunda.zeebe.protocol.impl.record.value.variable.VariableRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RecordValue;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessMessageSubscriptionIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the engine's log incrementally and decodes only the few events the benchmark counts.
 *
 * <p>Why not the engine's {@code getRecordStreamSource()}: it turns every record of the log into a
 * record object (reflection and a full decode each); in the first profile of this benchmark that
 * watching cost as much CPU as the engine writing the log, on a 2-core machine. Here a record costs
 * its metadata unless its type and intent are ones we count.
 */
final class RecordTail {

  /** What the benchmark is told about each counted event. */
  interface Sink {
    void accept(Intent intent, long key, RecordValue value);
  }

  private static final Set<Intent> ELEMENT_LIFECYCLE =
      Set.of(
          ProcessInstanceIntent.ELEMENT_ACTIVATED,
          ProcessInstanceIntent.ELEMENT_COMPLETED,
          ProcessInstanceIntent.ELEMENT_TERMINATED);

  private final LogStreamReader reader;
  private final RecordMetadata metadata = new RecordMetadata();
  private long lastPosition = -1;

  RecordTail(ZeebeTestEngine engine) {
    this.reader = logStreamOf(engine).newLogStreamReader();
  }

  /** The engine's log stream: the test engine keeps it private, and this is a benchmark's probe. */
  private static LogStream logStreamOf(ZeebeTestEngine engine) {
    try {
      var field = InMemoryEngine.class.getDeclaredField("logStream");
      field.setAccessible(true);
      return (LogStream) field.get(engine);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "zeebe-process-test changed: no InMemoryEngine.logStream to read", e);
    }
  }

  /**
   * Hands the counted events written since the previous call to the sink; returns how many records
   * were read.
   */
  int poll(Sink sink) {
    if (lastPosition < 0) {
      reader.seekToFirstEvent();
    } else {
      reader.seekToNextEvent(lastPosition);
    }
    int read = 0;
    while (reader.hasNext()) {
      LoggedEvent event = reader.next();
      lastPosition = event.getPosition();
      read++;
      metadata.reset();
      event.readMetadata(metadata);
      if (metadata.getRecordType() != RecordType.EVENT) {
        continue;
      }
      Intent intent = metadata.getIntent();
      ValueType type = metadata.getValueType();
      if (type == ValueType.PROCESS_INSTANCE && ELEMENT_LIFECYCLE.contains(intent)) {
        sink.accept(intent, event.getKey(), decode(event, ProcessInstanceRecord::new));
      } else if (type == ValueType.VARIABLE && intent == VariableIntent.CREATED) {
        sink.accept(intent, event.getKey(), decode(event, VariableRecord::new));
      } else if (type == ValueType.PROCESS_MESSAGE_SUBSCRIPTION
          && intent == ProcessMessageSubscriptionIntent.CORRELATED) {
        sink.accept(intent, event.getKey(), decode(event, ProcessMessageSubscriptionRecord::new));
      } else if (type == ValueType.JOB && intent == JobIntent.TIMED_OUT) {
        sink.accept(
            intent,
            event.getKey(),
            decode(event, JobRecord::new)); // a worker held a job past its timeout
      }
    }
    return read;
  }

  private static <T extends UnifiedRecordValue> T decode(LoggedEvent event, Supplier<T> empty) {
    T value = empty.get();
    event.readValue(value);
    return value;
  }
}
