package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: an earlier deployed version of a journey from the cluster's REST API, for the
 * dashboard's diagram; the cluster that cannot give it (the embedded engine speaks gRPC only) holds
 * no page up and throws nothing.
 */
class ClusterDeployedProcessesTest {

  static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");

  /** A clock whose instant the test moves. */
  static final class MovingClock extends Clock {
    Instant now = NOW;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  @DisplayName("#16: a version the cluster keeps is read once, its XML kept; another is empty")
  @SuppressWarnings("unchecked")
  void aKeptVersionIsReadOnce() {
    CamundaClient client = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
    ProcessDefinition v3 = mock(ProcessDefinition.class);
    when(v3.getProcessDefinitionKey()).thenReturn(2251799813685249L);
    when(client
            .newProcessDefinitionSearchRequest()
            .filter(any(Consumer.class))
            .page(any(Consumer.class))
            .requestTimeout(any())
            .send()
            .join()
            .items())
        .thenReturn(List.of(v3), List.of());
    when(client
            .newProcessDefinitionGetXmlRequest(2251799813685249L)
            .requestTimeout(any())
            .send()
            .join())
        .thenReturn("<definitions>v3</definitions>");
    var processes = new ClusterDeployedProcesses(client, new MovingClock());

    assertThat(processes.xml("order-journey", 3)).contains("<definitions>v3</definitions>");
    assertThat(processes.xml("order-journey", 3)).contains("<definitions>v3</definitions>");
    // the second read of version 3 came from memory: the cluster's next answer is no version
    assertThat(processes.xml("order-journey", 9)).isEmpty();
    assertThat(processes.xml("order-journey", 0)).isEmpty();
    assertThat(processes.xml(" ", 3)).isEmpty();
  }

  @Test
  @DisplayName(
      "Fault: without the REST API the answer is empty at once, the cluster not asked again for a"
          + " minute")
  void anUnreachableClusterIsNotAskedAgainForAMinute() {
    CamundaClient client = mock(CamundaClient.class);
    when(client.newProcessDefinitionSearchRequest())
        .thenThrow(new IllegalStateException("Connection refused: localhost/127.0.0.1:8088"));
    MovingClock clock = new MovingClock();
    var processes = new ClusterDeployedProcesses(client, clock);

    assertThat(processes.xml("order-journey", 3)).isEqualTo(Optional.empty());
    assertThat(processes.xml("order-journey", 4)).isEmpty();
    verify(client, times(1)).newProcessDefinitionSearchRequest();
    verify(client, never()).newProcessDefinitionGetXmlRequest(anyLong());

    clock.now = NOW.plus(ClusterDeployedProcesses.RETRY_AFTER).plus(Duration.ofSeconds(1));
    assertThat(processes.xml("order-journey", 3)).isEmpty();
    verify(client, times(2)).newProcessDefinitionSearchRequest();
  }
}
