package com.careflow.bench;

import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.protocol.record.Record;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the in-memory engine's record stream incrementally: each call hands over only the records
 * written since the previous one, so watching 100,000 journeys stays linear.
 */
final class RecordTail {

  private final RecordStreamSource source;
  private int next;

  RecordTail(RecordStreamSource source) {
    this.source = source;
  }

  /** Feeds the new records to the consumer; returns how many there were. */
  int poll(Consumer<Record<?>> consumer) {
    List<Record<?>> records = (List<Record<?>>) source.getRecords(); // an unmodifiable list, growing
    int end = records.size();
    for (int i = next; i < end; i++) {
      consumer.accept(records.get(i));
    }
    int count = end - next;
    next = end;
    return count;
  }
}
