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

import com.careflow.support.ProcessTestEngine;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

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

  /** The stubbed call of the search by process id and version (its items). */
  @SuppressWarnings("unchecked")
  static List<ProcessDefinition> searchByIdAndVersion(CamundaClient client) {
    return client
        .newProcessDefinitionSearchRequest()
        .filter(any(Consumer.class))
        .page(any(Consumer.class))
        .requestTimeout(any())
        .send()
        .join()
        .items();
  }

  /** The engine answers the create-instance probe of this version with this status. */
  static void probeAnswers(
      io.camunda.client.api.command.CreateProcessInstanceCommandStep1
              .CreateProcessInstanceCommandStep2
          probe,
      int version,
      Status status) {
    when(probe
            .version(version)
            .startBeforeElement(ClusterModels.PROBE_ELEMENT)
            .requestTimeout(any())
            .send()
            .join())
        .thenThrow(new ClientStatusException(status, null));
  }

  @Test
  @DisplayName("#16: a version the cluster keeps is read once, its XML kept; another is empty")
  @SuppressWarnings("unchecked")
  void aKeptVersionIsReadOnce() {
    CamundaClient client = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
    ProcessDefinition v3 = mock(ProcessDefinition.class);
    when(v3.getProcessDefinitionKey()).thenReturn(2251799813685249L);
    when(searchByIdAndVersion(client)).thenReturn(List.of(v3), List.of());
    when(client
            .newProcessDefinitionGetXmlRequest(2251799813685249L)
            .requestTimeout(any())
            .send()
            .join())
        .thenReturn("<definitions>v3</definitions>");
    var processes =
        new ClusterDeployedProcesses(client, new MovingClock(), mock(ModelDeployment.class));

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
    var processes = new ClusterDeployedProcesses(client, clock, mock(ModelDeployment.class));

    assertThat(processes.xml("order-journey", 3)).isEqualTo(Optional.empty());
    assertThat(processes.xml("order-journey", 4)).isEmpty();
    verify(client, times(1)).newProcessDefinitionSearchRequest();
    verify(client, never()).newProcessDefinitionGetXmlRequest(anyLong());

    clock.now = NOW.plus(ClusterDeployedProcesses.RETRY_AFTER).plus(Duration.ofSeconds(1));
    assertThat(processes.xml("order-journey", 3)).isEmpty();
    verify(client, times(2)).newProcessDefinitionSearchRequest();
  }

  @Test
  @DisplayName(
      "#16: the bundled model's version is the start-up deployment's answer, else the cluster's"
          + " newest version whose XML it is (read once); none when no version is it")
  @SuppressWarnings("unchecked")
  void theVersionOfAModel() {
    ModelDeployment startup = mock(ModelDeployment.class);
    when(startup.deployedVersion("order-journey", "<bundled/>")).thenReturn(OptionalInt.of(4));
    CamundaClient client = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
    var processes = new ClusterDeployedProcesses(client, new MovingClock(), startup);
    assertThat(processes.versionOf("order-journey", "<bundled/>")).hasValue(4);
    verify(client, never()).newProcessDefinitionSearchRequest();

    // not deployed at this start (the policy kept the cluster's versions): the REST API's newest
    // versions compared, newest first
    ProcessDefinition v7 = mock(ProcessDefinition.class);
    when(v7.getVersion()).thenReturn(7);
    when(v7.getProcessDefinitionKey()).thenReturn(7L);
    ProcessDefinition v6 = mock(ProcessDefinition.class);
    when(v6.getVersion()).thenReturn(6);
    when(v6.getProcessDefinitionKey()).thenReturn(6L);
    when(client
            .newProcessDefinitionSearchRequest()
            .filter(any(Consumer.class))
            .sort(any(Consumer.class))
            .page(any(Consumer.class))
            .requestTimeout(any())
            .send()
            .join()
            .items())
        .thenReturn(List.of(v7, v6));
    when(client.newProcessDefinitionGetXmlRequest(7L).requestTimeout(any()).send().join())
        .thenReturn("<modeler/>");
    when(client.newProcessDefinitionGetXmlRequest(6L).requestTimeout(any()).send().join())
        .thenReturn("<kept/>\r\n");
    // the stubbing's own calls are not the service's
    org.mockito.Mockito.clearInvocations(client);
    assertThat(processes.versionOf("order-journey", "<kept/>\n")).hasValue(6);
    assertThat(processes.versionOf("order-journey", "<kept/>\n")).hasValue(6);
    // the versions read are kept: version 7's model from memory
    assertThat(processes.xml("order-journey", 7)).contains("<modeler/>");
    assertThat(processes.versionOf("order-journey", "<never-deployed/>")).isEmpty();
    // a model no version is: not compared again for a minute
    assertThat(processes.versionOf("order-journey", "<never-deployed/>")).isEmpty();
    verify(client, times(2)).newProcessDefinitionSearchRequest();
    verify(client, times(1)).newProcessDefinitionGetXmlRequest(6L);
    verify(client, times(1)).newProcessDefinitionGetXmlRequest(7L);
    assertThat(processes.versionOf("order-journey", null)).isEmpty();
  }

  @Test
  @DisplayName(
      "#16: whether a version is deployed: the REST API's search, or without it the gRPC probe"
          + " (NOT_FOUND: no such version); another failure cannot tell")
  @SuppressWarnings("unchecked")
  void whetherAVersionIsDeployed() {
    CamundaClient client = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
    ProcessDefinition v2 = mock(ProcessDefinition.class);
    when(searchByIdAndVersion(client)).thenReturn(List.of(v2), List.of());
    var processes =
        new ClusterDeployedProcesses(client, new MovingClock(), mock(ModelDeployment.class));
    assertThat(processes.isDeployed("order-journey", 2)).contains(true);
    assertThat(processes.isDeployed("order-journey", 99)).contains(false);
    assertThat(processes.isDeployed("order-journey", 0)).contains(false);

    // without the REST API: the gRPC create-instance probe of that version
    CamundaClient grpcOnly = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
    when(grpcOnly.newProcessDefinitionSearchRequest())
        .thenThrow(new IllegalStateException("Connection refused: localhost/127.0.0.1:8088"));
    var probe = grpcOnly.newCreateInstanceCommand().bpmnProcessId("order-journey");
    probeAnswers(probe, 2, Status.INVALID_ARGUMENT);
    probeAnswers(probe, 99, Status.NOT_FOUND);
    probeAnswers(probe, 3, Status.UNAVAILABLE);
    var grpc =
        new ClusterDeployedProcesses(grpcOnly, new MovingClock(), mock(ModelDeployment.class));
    assertThat(grpc.isDeployed("order-journey", 2)).contains(true);
    assertThat(grpc.isDeployed("order-journey", 99)).contains(false);
    assertThat(grpc.isDeployed("order-journey", 3)).isEmpty();
    // the REST API asked once, then not for a minute
    verify(grpcOnly, times(1)).newProcessDefinitionSearchRequest();
  }

  @Test
  @DisplayName(
      "#16 embedded engine (gRPC only): the bundled order journey is the version the start-up"
          + " deployed; a version deployed later from Modeler exists, one never deployed does not;"
          + " a restart that deploys the bundled model again makes it the newest version")
  void onTheEmbeddedEngine() throws Exception {
    List<String> models =
        List.of("file:bpmn/**/*.bpmn", "file:dmn/**/*.dmn", "file:bpmn/**/*.form");
    String bundled = Files.readString(Path.of("bpmn/order-journey.bpmn"), StandardCharsets.UTF_8);
    String fromModeler = bundled.replace("name=\"Order journey\"", "name=\"Order journey 2\"");
    assertThat(fromModeler).isNotEqualTo(bundled);
    try (ProcessTestEngine engine = ProcessTestEngine.start()) {
      ModelDeployment startup =
          new ModelDeployment(
              engine.client(),
              new DeploymentProperties(true, models, DeploymentPolicy.IF_MISSING),
              new PathMatchingResourcePatternResolver());
      startup.deploy();
      engine
          .client()
          .newDeployResourceCommand()
          .addResourceBytes(fromModeler.getBytes(StandardCharsets.UTF_8), "order-journey.bpmn")
          .send()
          .join();
      var processes = new ClusterDeployedProcesses(engine.client(), Clock.systemUTC(), startup);

      assertThat(processes.versionOf("order-journey", bundled)).hasValue(1);
      assertThat(processes.isDeployed("order-journey", 1)).contains(true);
      assertThat(processes.isDeployed("order-journey", 2)).contains(true);
      assertThat(processes.isDeployed("order-journey", 3)).contains(false);
      assertThat(processes.isDeployed("no-such-journey", 1)).contains(false);

      // a restart with policy always: the bundled model deployed over version 2 is version 3
      ModelDeployment restart =
          new ModelDeployment(
              engine.client(),
              new DeploymentProperties(true, models, DeploymentPolicy.ALWAYS),
              new PathMatchingResourcePatternResolver());
      restart.deploy();
      assertThat(restart.deployedVersion("order-journey", bundled)).hasValue(3);
      assertThat(restart.deployedVersion("order-journey", fromModeler)).isEmpty();
      // a deployment with a changed model gives each of its models a new version (Zeebe 8.8),
      // the unchanged cart recovery too: the number recorded is the one the engine answered
      String cartRecovery =
          Files.readString(Path.of("bpmn/cart-recovery.bpmn"), StandardCharsets.UTF_8);
      assertThat(restart.deployedVersion("cart-recovery", cartRecovery)).hasValue(2);
      // a restart that changes nothing: the engine answers with the versions it has
      ModelDeployment again =
          new ModelDeployment(
              engine.client(),
              new DeploymentProperties(true, models, DeploymentPolicy.ALWAYS),
              new PathMatchingResourcePatternResolver());
      again.deploy();
      assertThat(again.deployedVersion("order-journey", bundled)).hasValue(3);
      assertThat(again.deployedVersion("cart-recovery", cartRecovery)).hasValue(2);
      assertThat(processes.isDeployed("order-journey", 3)).contains(true);
      assertThat(processes.isDeployed("order-journey", 4)).contains(false);
    }
  }
}
