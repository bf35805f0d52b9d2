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
import org.junit.jupiter.params.provider.EnumSource;

/** How the engine's answers to a publish become "duplicate", "try again later" or a real error. */
class JourneyGatewayTest {

  final CamundaClient client = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
  final JourneyGateway gateway = new JourneyGateway(client);

  void engineAnswers(Status.Code code) {
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
        .thenThrow(
            new ClientStatusException(
                code.toStatus().withDescription("engine says " + code), null));
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
}
