package com.careflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** How the engine's answers to a publish become "duplicate", "try again later" or a real error. */
class ZeebeMessagePublisherTest {

  final CamundaClient client = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
  final ZeebeMessagePublisher gateway = new ZeebeMessagePublisher(client);

  void engineAnswers(Status.Code code) {
    engineAnswers(code, "engine says " + code);
  }

  void engineAnswers(Status.Code code, String description) {
    // the gateway passes a Map<String, ?>, which Java binds to the variables(Object) overload
    when(client
            .newPublishMessageCommand()
            .messageName(anyString())
            .correlationKey(anyString())
            .messageId(anyString())
            .timeToLive(any())
            .variables((Object) anyMap())
            .send()
            .join())
        .thenThrow(new ClientStatusException(code.toStatus().withDescription(description), null));
  }

  boolean publish() {
    return gateway.publish("OrderPaid", "o-1", "e-1", Duration.ofDays(7), Map.of("orderId", "o-1"));
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {"UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED"})
  void anUnreachableOrOverloadedEngineIsATransientFailure(Status.Code code) {
    engineAnswers(code);
    assertThatThrownBy(this::publish)
        .isInstanceOf(JourneyUnavailableException.class)
        .hasMessageContaining("OrderPaid")
        .hasMessageContaining(code.name());
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {"ALREADY_EXISTS"})
  void aMessageIdZeebeStillHoldsIsADuplicate(Status.Code code) {
    engineAnswers(code);
    assertThat(publish()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {"INVALID_ARGUMENT", "PERMISSION_DENIED", "INTERNAL"})
  void otherAnswersAreNotHidden(Status.Code code) {
    engineAnswers(code);
    assertThatThrownBy(this::publish).isInstanceOf(ClientStatusException.class);
  }

  /**
   * Issue #14, "Zeebe message too large -> DLT": the engine's real answers for a message that can
   * never fit, whatever their status code, are not transient (a retry would stall the partition for
   * ever); real backpressure, the same RESOURCE_EXHAUSTED code, stays transient.
   */
  @ParameterizedTest(name = "{0} \"{1}\" -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          RESOURCE_EXHAUSTED | gRPC message exceeds maximum size 4194304: 5592449                 | TOO_LARGE
          UNKNOWN            | Command 'PUBLISH' rejected with code 'EXCEEDED_BATCH_RECORD_SIZE' | TOO_LARGE
          INVALID_ARGUMENT   | Message size exceeds maximum                                      | TOO_LARGE
          RESOURCE_EXHAUSTED | Received message larger than max (5592449 vs 4194304)             | TOO_LARGE
          RESOURCE_EXHAUSTED | Expected to handle gRPC request PublishMessage, but request could not be processed due to backpressure | TRANSIENT
          RESOURCE_EXHAUSTED | Reached maximum capacity of requests handled                      | TRANSIENT
          UNAVAILABLE        | io exception                                                      | TRANSIENT
          """)
  void aMessageTooLargeIsRefusedForGoodWhateverItsCode_backpressureStaysTransient(
      Status.Code code, String description, String expected) {
    engineAnswers(code, description);
    if (expected.equals("TRANSIENT")) {
      assertThatThrownBy(this::publish).isInstanceOf(JourneyUnavailableException.class);
    } else {
      assertThatThrownBy(this::publish)
          .isInstanceOf(ClientStatusException.class)
          .isNotInstanceOf(JourneyUnavailableException.class)
          .satisfies(
              e -> assertThat(ZeebeMessagePublisher.tooLarge((ClientStatusException) e)).isTrue());
    }
  }
}
