package com.careflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;

/**
 * Issue #14 (G): {@code /local/events} forwards the body's bytes as sent; re-serializing turned a
 * shop's {@code 99.00} into {@code 99.0} and {@code 12345678901234.5} into {@code
 * 1.23456789012345E13}, so the local stack never showed what the intake does with the real input.
 */
class LocalEventsControllerTest {

  @SuppressWarnings("unchecked")
  final KafkaOperations<String, byte[]> kafka = mock(KafkaOperations.class);

  final LocalEventsController controller = new LocalEventsController(kafka);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"eventId\":\"e-1\",\"type\":\"OrderPaid\",\"orderId\":\"o-1\",\"amount\":99.00}",
        "{\"eventId\":\"e-2\",\"type\":\"OrderPlaced\",\"orderId\":\"o-2\",\"amount\":12345678901234.5}",
        "{ \"eventId\" : \"e-3\", \"customerId\":\"c-3\", \"name\":\"张三\" }",
        "{\"eventId\":\"e-4\",\"orderId\":\"o-4\",\"amount\":\"99.00\"}",
      })
  void theBodyGoesToKafkaByteForByte(String body) throws Exception {
    byte[] sent = body.getBytes(StandardCharsets.UTF_8);
    @SuppressWarnings("unchecked")
    ArgumentCaptor<byte[]> value = ArgumentCaptor.forClass(byte[].class);
    when(kafka.send(anyString(), any(), any(byte[].class)))
        .thenReturn(
            CompletableFuture.completedFuture(
                new SendResult<>(
                    new ProducerRecord<>("shop.orders", "k", sent),
                    new RecordMetadata(new TopicPartition("shop.orders", 0), 0, 0, 0, 0, 0))));

    controller.publish("shop.orders", sent);

    verify(kafka).send(any(), any(), value.capture());
    assertThat(value.getValue()).isEqualTo(sent);
  }

  @ParameterizedTest
  @ValueSource(strings = {"o-1"})
  void theKeyIsTheOrderId(String orderId) throws Exception {
    byte[] sent = ("{\"orderId\":\"" + orderId + "\",\"customerId\":\"c\"}").getBytes();
    when(kafka.send(anyString(), any(), any(byte[].class)))
        .thenReturn(
            CompletableFuture.completedFuture(
                new SendResult<>(
                    new ProducerRecord<>("shop.orders", orderId, sent),
                    new RecordMetadata(new TopicPartition("shop.orders", 0), 0, 0, 0, 0, 0))));
    controller.publish("shop.orders", sent);
    verify(kafka).send("shop.orders", orderId, sent);
  }

  @org.junit.jupiter.api.Test
  void aBodyThatIsNotJsonIsRefusedAndNothingIsSent() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> controller.publish("shop.orders", "{".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(org.springframework.web.server.ResponseStatusException.class)
        .hasMessageContaining("400");
    org.mockito.Mockito.verifyNoInteractions(kafka);
  }
}
