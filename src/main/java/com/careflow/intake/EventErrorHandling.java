package com.careflow.intake;

import com.careflow.backoff.ExponentialBackoff;
import com.careflow.journeys.JourneyUnavailableException;
import com.careflow.platform.TransientFailures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * What happens to a record that fails (see {@code docs/events.md}, "Errors"):
 *
 * <ul>
 *   <li>invalid input ({@link InvalidEventException}): straight to {@code <topic>.DLT}, no retry;
 *   <li>transient ({@link #isTransient}: engine or database unreachable): retried with exponential
 *       backoff, without limit, offset not committed, nothing dead-lettered while it lasts;
 *   <li>Zeebe refusing Careflow's credentials ({@link EngineAccessRefusedException}): the consumer
 *       seeks back to the record at once (no offset committed, nothing dead-lettered) and {@link
 *       EngineAccessPause} pauses the listeners until a probe publish is accepted;
 *   <li>anything else: a few retries, then the dead-letter topic.
 * </ul>
 *
 * Dead letters carry Spring's {@code kafka_dlt-exception-*} and {@code kafka_dlt-original-*}
 * headers plus {@value #REASON_HEADER} with a human-readable reason.
 */
@Configuration(proxyBeanMethods = false)
class EventErrorHandling {

  /** Header on every dead letter: why the record was refused, for a person. */
  static final String REASON_HEADER = "careflow-dlt-reason";

  private static final Logger log = LoggerFactory.getLogger(EventErrorHandling.class);

  @Bean
  DefaultErrorHandler shopEventErrorHandler(
      ProducerFactory<Object, Object> producers, EventsProperties props, EngineAccessPause pause) {
    // the record's bytes as they came (a value that is not UTF-8, a tombstone): a byte serializer
    KafkaTemplate<Object, Object> bytes =
        new KafkaTemplate<>(
            producers,
            Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    return errorHandler(bytes, props, pause::refused, pause::isPaused);
  }

  /**
   * The shop-event listener containers pause after the records in hand, not after the rest of the
   * poll ({@code pauseImmediate}; the rest is sought back and redelivered after the resume), so a
   * pause for refused credentials holds every partition at the first record it could not publish.
   * They commit a poll's offsets once the batch listener returns ({@code BATCH}): it returns only
   * when every record of the poll took effect, and otherwise names the first that did not ({@link
   * org.springframework.kafka.listener.BatchListenerFailedException}).
   */
  @Bean
  ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
      shopEventContainers() {
    return container -> {
      container.getContainerProperties().setPauseImmediate(true);
      container.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
    };
  }

  /**
   * The handler, dead-lettering through {@code deadLetters} (a byte-valued template).
   *
   * @param onRefusedCredentials told of every refusal of Careflow's credentials (pauses the
   *     listeners)
   * @param listenersPaused whether they are paused: then the refused record is sought back at once,
   *     without a backoff of its own; otherwise (nothing could be paused) it waits in the unbounded
   *     backoff of a transient failure, so the engine is never asked in a tight loop
   */
  static DefaultErrorHandler errorHandler(
      KafkaOperations<?, ?> deadLetters,
      EventsProperties props,
      java.util.function.Consumer<EngineAccessRefusedException> onRefusedCredentials,
      java.util.function.BooleanSupplier listenersPaused) {
    var recoverer =
        new DeadLetterPublishingRecoverer(
            deadLetters,
            (record, e) -> deadLetterPartition(deadLetters, record.topic(), record.partition()));
    recoverer.setHeadersFunction(
        (record, e) -> {
          var headers = new RecordHeaders();
          headers.add(REASON_HEADER, reason(e).getBytes(StandardCharsets.UTF_8));
          return headers;
        });
    var handler =
        new DefaultErrorHandler(
            (record, e) -> {
              log.warn(
                  "Dead-lettering {}-{}@{}: {}",
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  reason(e));
              recoverer.accept(record, asRecordFailure(e));
            },
            bounded(props));
    handler.addNotRetryableExceptions(InvalidEventException.class);
    handler.setBackOffFunction(
        (record, e) -> {
          if (refusedCredentials(e) != null) {
            // no sleep on the consumer thread while the container is paused: the probe is the
            // backoff (the retry listener below pauses before the first interval is asked for)
            return whilePaused(listenersPaused, unbounded(props));
          }
          return isTransient(e) ? unbounded(props) : bounded(props);
        });
    handler.setRetryListeners(
        new RetryListener() {
          @Override
          public void failedDelivery(ConsumerRecord<?, ?> record, Exception e, int attempt) {
            EngineAccessRefusedException refusal = refusedCredentials(e);
            if (refusal != null) {
              log.warn(
                  "{}-{}@{} waits: {}",
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  refusal.getMessage());
              onRefusedCredentials.accept(refusal);
            }
          }
        });
    return handler;
  }

  /**
   * {@code <topic>.DLT}, same partition when the dead-letter topic has it; otherwise partition -1
   * (the producer's partitioner chooses): a shop that created {@code shop.orders} with more
   * partitions than its {@code .DLT} must not stall a partition on a dead letter that cannot land.
   */
  static TopicPartition deadLetterPartition(
      KafkaOperations<?, ?> kafka, String topic, int partition) {
    String deadLetters = EventsProperties.deadLetterTopic(topic);
    int available;
    try {
      var partitions = kafka.partitionsFor(deadLetters);
      available = partitions == null ? 0 : partitions.size();
    } catch (RuntimeException e) {
      available = 0;
    }
    return new TopicPartition(deadLetters, partition < available ? partition : -1);
  }

  /**
   * Engine or database unreachable ({@link TransientFailures}, including the SQL states of a
   * failover): worth waiting for, never a reason to dead-letter.
   */
  static boolean isTransient(Throwable e) {
    if (TransientFailures.isDataAccessTransient(e) || refusedCredentials(e) != null) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JourneyUnavailableException) {
        return true;
      }
    }
    return false;
  }

  /**
   * A batch listener's failure as a record listener's looks on the dead letter: the listener's
   * exception with the record's own cause ({@code kafka_dlt-exception-cause-fqcn} names it, not the
   * batch wrapper that only carries the record's index).
   */
  static Exception asRecordFailure(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BatchListenerFailedException batch && batch.getCause() != null) {
        return new ListenerExecutionFailedException(
            "Listener failed on " + reason(batch.getCause()), batch.getCause());
      }
    }
    return e;
  }

  /** The refusal of Careflow's credentials in the cause chain, or null. */
  static EngineAccessRefusedException refusedCredentials(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof EngineAccessRefusedException refusal) {
        return refusal;
      }
    }
    return null;
  }

  /** The innermost explanation a person can act on. */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InvalidEventException invalid) {
        return invalid.reason();
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /** No wait while {@code paused} says so; otherwise {@code otherwise}'s. */
  static BackOff whilePaused(java.util.function.BooleanSupplier paused, BackOff otherwise) {
    return () -> {
      BackOffExecution fallback = otherwise.start();
      return () -> paused.getAsBoolean() ? 0 : fallback.nextBackOff();
    };
  }

  /**
   * Transient failures: {@link ExponentialBackoff}'s waits (the one formula, as in {@code platform}
   * and {@code messaging}) from {@code retry-initial-interval} up to {@code retry-max-interval},
   * without limit: retried until the engine or database is back.
   */
  static BackOff unbounded(EventsProperties props) {
    return backOff(
        new ExponentialBackoff(props.retryInitialInterval(), props.retryMaxInterval()),
        Long.MAX_VALUE);
  }

  /**
   * Other failures: {@code other-failure-attempts} attempts in all, {@code retry-initial-interval}
   * apart (the same formula with its ceiling at the first wait), then the dead-letter topic.
   */
  static BackOff bounded(EventsProperties props) {
    return backOff(
        new ExponentialBackoff(props.retryInitialInterval(), props.retryInitialInterval()),
        Math.max(0, props.otherFailureAttempts() - 1));
  }

  /** Spring Kafka's {@link BackOff} over the formula: its wait per failure, then STOP. */
  private static BackOff backOff(ExponentialBackoff formula, long maxRetries) {
    return () ->
        new BackOffExecution() {
          private long failures;

          @Override
          public long nextBackOff() {
            if (failures >= maxRetries) {
              return STOP;
            }
            failures++;
            return formula.after((int) Math.min(failures, Integer.MAX_VALUE)).toMillis();
          }
        };
  }
}
