package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.careflow.journeys.JourneyUnavailableException;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.SendResult;

/** The error handler as the listener container drives it: dead-letter at once, or keep retrying. */
class EventErrorHandlerBehaviourTest {

  final EventsProperties props =
      new EventsProperties(
          "shop.orders",
          "shop.carts",
          "shop.customers",
          3,
          true,
          Duration.ofDays(7),
          1,
          32,
          Duration.ofMillis(1),
          Duration.ofMillis(2),
          3,
          Duration.ofMinutes(5),
          java.time.Instant.parse("2000-01-01T00:00:00Z"),
          "CN");

  @SuppressWarnings("unchecked")
  final KafkaOperations<String, String> kafka = mock(KafkaOperations.class);

  final Consumer<?, ?> consumer = mock(Consumer.class);
  final java.util.List<EngineAccessRefusedException> refusals = new java.util.ArrayList<>();
  final MessageListenerContainer container = mock(MessageListenerContainer.class);
  final ConsumerRecord<String, String> record =
      new ConsumerRecord<>("shop.orders", 2, 41L, "o-1", "{\"eventId\":");

  @SuppressWarnings("unchecked")
  EventErrorHandlerBehaviourTest() {
    when(container.isRunning()).thenReturn(true);
    deadLetterPartitions(3);
    when(kafka.send(any(ProducerRecord.class)))
        .thenAnswer(
            invocation -> {
              ProducerRecord<String, String> sent = invocation.getArgument(0);
              var metadata =
                  new RecordMetadata(
                      new TopicPartition(
                          sent.topic(), sent.partition() == null ? 0 : sent.partition()),
                      0,
                      0,
                      0,
                      0,
                      0);
              return CompletableFuture.completedFuture(new SendResult<>(sent, metadata));
            });
  }

  @Test
  @SuppressWarnings("unchecked")
  void invalidInputGoesToTheDeadLetterTopicAtOnceWithItsReason() {
    var handler =
        EventErrorHandling.errorHandler(kafka, props, refusals::add, () -> !refusals.isEmpty());
    var failure =
        new ListenerExecutionFailedException(
            "Listener failed",
            new InvalidEventException("malformed JSON: Unexpected end-of-input"));

    boolean recovered = handler.handleOne(failure, record, consumer, container);

    assertThat(recovered).isTrue();
    ArgumentCaptor<ProducerRecord<String, String>> sent =
        ArgumentCaptor.forClass(ProducerRecord.class);
    verify(kafka).send(sent.capture());
    var deadLetter = sent.getValue();
    assertThat(deadLetter.topic()).isEqualTo("shop.orders.DLT");
    assertThat(deadLetter.partition()).isEqualTo(2);
    assertThat(deadLetter.value()).isEqualTo("{\"eventId\":");
    assertThat(
            new String(
                deadLetter.headers().lastHeader(EventErrorHandling.REASON_HEADER).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("malformed JSON: Unexpected end-of-input");
    assertThat(
            new String(
                deadLetter.headers().lastHeader("kafka_dlt-exception-cause-fqcn").value(),
                StandardCharsets.UTF_8))
        .isEqualTo(InvalidEventException.class.getName());
    assertThat(deadLetter.headers().lastHeader("kafka_dlt-original-offset")).isNotNull();
  }

  private void deadLetterPartitions(int count) {
    when(kafka.partitionsFor("shop.orders.DLT"))
        .thenReturn(
            java.util.stream.IntStream.range(0, count)
                .mapToObj(p -> new PartitionInfo("shop.orders.DLT", p, null, null, null))
                .toList());
  }

  @Test
  @SuppressWarnings("unchecked")
  @DisplayName(
      "fault 7 (dead letters that cannot be written): a DLT with fewer partitions than the source"
          + " still takes the record")
  void deadLettersThatCannotBeWritten_aSmallerDeadLetterTopicLetsTheProducerChoose() {
    deadLetterPartitions(1); // the shop created shop.orders (3 partitions) before Careflow's DLT
    var handler =
        EventErrorHandling.errorHandler(kafka, props, refusals::add, () -> !refusals.isEmpty());

    boolean recovered =
        handler.handleOne(
            new ListenerExecutionFailedException(
                "Listener failed", new InvalidEventException("malformed JSON")),
            record, // from partition 2
            consumer,
            container);

    assertThat(recovered).isTrue();
    ArgumentCaptor<ProducerRecord<String, String>> sent =
        ArgumentCaptor.forClass(ProducerRecord.class);
    verify(kafka).send(sent.capture());
    assertThat(sent.getValue().topic()).isEqualTo("shop.orders.DLT");
    assertThat(sent.getValue().partition()).as("any partition the DLT has").isNull();
  }

  @Test
  @SuppressWarnings("unchecked")
  void anUnreachableEngineIsRetriedAndNeverDeadLettered() {
    var handler =
        EventErrorHandling.errorHandler(kafka, props, refusals::add, () -> !refusals.isEmpty());
    var failure =
        new ListenerExecutionFailedException(
            "Listener failed",
            new JourneyUnavailableException(
                "Zeebe did not take message OrderPaid (UNAVAILABLE)", null));

    for (int attempt = 0; attempt < 50; attempt++) {
      assertThat(handler.handleOne(failure, record, consumer, container))
          .as("attempt %d", attempt)
          .isFalse();
    }
    verify(kafka, never()).send(any(ProducerRecord.class));
  }

  @Test
  @SuppressWarnings("unchecked")
  void anUnexpectedFailureIsDeadLetteredAfterItsAttempts() {
    var handler =
        EventErrorHandling.errorHandler(kafka, props, refusals::add, () -> !refusals.isEmpty());
    var failure =
        new ListenerExecutionFailedException("Listener failed", new IllegalStateException("a bug"));

    assertThat(handler.handleOne(failure, record, consumer, container)).isFalse();
    assertThat(handler.handleOne(failure, record, consumer, container)).isFalse();
    assertThat(handler.handleOne(failure, record, consumer, container))
        .isTrue(); // third attempt: recovered

    ArgumentCaptor<ProducerRecord<String, String>> sent =
        ArgumentCaptor.forClass(ProducerRecord.class);
    verify(kafka).send(sent.capture());
    assertThat(
            new String(
                sent.getValue().headers().lastHeader(EventErrorHandling.REASON_HEADER).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("IllegalStateException: a bug");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Status.Code.class,
      names = {"UNAUTHENTICATED", "PERMISSION_DENIED"})
  @DisplayName(
      "outage (Zeebe refuses Careflow's credentials): the record is sought back at once, never"
          + " dead-lettered, and the pause is asked for on every refusal")
  void zeebeRefusesTheCredentials_theRecordIsSoughtBackAndThePauseAskedFor(Status.Code code) {
    var handler =
        EventErrorHandling.errorHandler(kafka, props, refusals::add, () -> !refusals.isEmpty());
    var failure =
        new ListenerExecutionFailedException(
            "Listener failed", new EngineAccessRefusedException(code, null));

    long started = System.nanoTime();
    for (int attempt = 0; attempt < 50; attempt++) {
      assertThat(handler.handleOne(failure, record, consumer, container))
          .as("attempt %d", attempt)
          .isFalse();
    }
    // no backoff of its own on the consumer thread: the paused container is the wait
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(refusals).hasSize(50).allSatisfy(r -> assertThat(r.code()).isEqualTo(code));
    // were nothing paused (no listener registry), the unbounded backoff of a transient failure
    var notPaused =
        EventErrorHandling.whilePaused(() -> false, EventErrorHandling.unbounded(props));
    var execution = notPaused.start();
    assertThat(execution.nextBackOff()).isEqualTo(1L);
    assertThat(execution.nextBackOff()).isEqualTo(2L);
    assertThat(EventErrorHandling.isTransient(failure)).isTrue();
    verify(kafka, never()).send(any(ProducerRecord.class));

    // through the container's path (handleRemaining): the consumer seeks back to the record
    // (it reports "in retry, not yet recovered" to the container, which polls again, paused)
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> handler.handleRemaining(failure, java.util.List.of(record), consumer, container))
        .hasMessageContaining("not yet recovered");
    verify(consumer).seek(new TopicPartition("shop.orders", 2), 41L);
    verify(kafka, never()).send(any(ProducerRecord.class));
  }
}
