package com.careflow.local;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded default: with {@code enabled=true} (the default) Careflow starts its own in-memory
 * Zeebe engine and Kafka broker, so {@code ./mvnw spring-boot:run} needs nothing installed. Set
 * {@code CAREFLOW_LOCAL_ENABLED=false} to connect to a real Camunda cluster and Kafka instead.
 *
 * @param enabled start the local stand-ins (engine, broker) inside this process
 * @param zeebePort gRPC port of the in-memory Zeebe engine; 0 picks a free port (tests)
 * @param kafkaPort port of the embedded KRaft broker; 0 picks a free port (tests)
 * @param engineState where the in-memory engine keeps its state and log: {@code ROCKSDB} (state in
 *     RocksDB and log in a file, in a temporary folder, as a real broker does) or {@code LIBRARY}
 *     (the test library's own, on the heap: its store slows down with every instance it holds and
 *     its log grows the heap; kept to measure against, docs/benchmarks.md)
 */
@ConfigurationProperties("careflow.local")
public record LocalProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("26500") int zeebePort,
    @DefaultValue("9092") int kafkaPort,
    @DefaultValue("ROCKSDB") EngineState engineState) {

  /** Where the in-memory engine keeps its state and log. */
  public enum EngineState {
    ROCKSDB,
    LIBRARY
  }
}
