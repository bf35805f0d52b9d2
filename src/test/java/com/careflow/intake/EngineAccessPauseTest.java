package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The pause for refused credentials, driven as the error handler and the probe thread drive it: the
 * three listeners pause, health DOWN with the reason, the outbox probe runs with a doubling wait,
 * and the listeners resume only when Zeebe takes a message again.
 */
class EngineAccessPauseTest {

  final EventsProperties props = EventsProperties.defaults();
  final IntakeOutbox outbox = mock(IntakeOutbox.class);
  final EngineAccessHealth health = new EngineAccessHealth(Clock.systemUTC());
  final Map<String, MessageListenerContainer> containers = new HashMap<>();
  final List<Duration> probeDelays = new ArrayList<>();
  final List<Runnable> probes = new ArrayList<>();
  final EngineAccessPause pause;

  EngineAccessPauseTest() {
    KafkaListenerEndpointRegistry registry = mock(KafkaListenerEndpointRegistry.class);
    for (String id : EngineAccessPause.LISTENERS) {
      var container = mock(MessageListenerContainer.class);
      // a container remembers whether a pause was asked for, as the real one does
      boolean[] requested = {false};
      org.mockito.Mockito.doAnswer(i -> requested[0] = true).when(container).pause();
      org.mockito.Mockito.doAnswer(i -> !(requested[0] = false)).when(container).resume();
      when(container.isPauseRequested()).thenAnswer(i -> requested[0]);
      containers.put(id, container);
      when(registry.getListenerContainer(id)).thenReturn(container);
    }
    var beans = new StaticListableBeanFactory();
    beans.addBean("registry", registry);
    pause =
        new EngineAccessPause(
            beans.getBeanProvider(KafkaListenerEndpointRegistry.class),
            outbox,
            health,
            props,
            (task, delay) -> {
              probes.add(task);
              probeDelays.add(delay);
            });
  }

  void runNextProbe() {
    probes.removeFirst().run();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Status.Code.class,
      names = {"UNAUTHENTICATED", "PERMISSION_DENIED"})
  @DisplayName(
      "outage (Zeebe refuses Careflow's credentials): every shop-event listener pauses, health DOWN"
          + " with the reason; the outbox probe backs off while refused and the listeners resume on"
          + " the first accepted publish")
  void zeebeRefusesTheCredentials_listenersPauseAndResumeOnAnAcceptedPublish(Status.Code code) {
    health.refused(code.name()); // as the outbox does on the refusal
    // three consumer threads meet the refusal: one pause, one probe schedule
    for (int i = 0; i < 3; i++) {
      pause.refused(new EngineAccessRefusedException(code, null));
    }

    assertThat(pause.isPaused()).isTrue();
    containers.values().forEach(c -> verify(c, times(1)).pause());
    var down = health.health();
    assertThat(down.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
    assertThat(down.getDetails())
        .containsEntry("listeners", "paused")
        .hasEntrySatisfying("reason", r -> assertThat(r.toString()).contains(code.name()));
    assertThat(probes).hasSize(1);

    // the engine still refuses, then cannot be reached: the probe waits 1, 2, 4 s ... (30 s max)
    when(outbox.probe())
        .thenReturn(IntakeOutbox.Probe.REFUSED)
        .thenReturn(IntakeOutbox.Probe.UNREACHABLE)
        .thenReturn(IntakeOutbox.Probe.REFUSED)
        .thenReturn(IntakeOutbox.Probe.REFUSED)
        .thenReturn(IntakeOutbox.Probe.REFUSED)
        .thenReturn(IntakeOutbox.Probe.REFUSED)
        .thenReturn(IntakeOutbox.Probe.ACCEPTED);
    for (int i = 0; i < 6; i++) {
      runNextProbe();
      assertThat(pause.isPaused()).isTrue();
    }
    assertThat(probeDelays)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
    containers.values().forEach(c -> verify(c, never()).resume());
    assertThat(health.health().getStatus())
        .isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);

    // the probe's publish is accepted (the outbox sets health UP): every listener resumes
    health.accepted();
    runNextProbe();
    assertThat(pause.isPaused()).isFalse();
    containers.values().forEach(c -> verify(c, times(1)).resume());
    assertThat(health.health().getStatus())
        .isEqualTo(org.springframework.boot.actuate.health.Status.UP);
    assertThat(probes).as("no probe after the resume").isEmpty();

    // refused again later: paused again, probing from the initial wait
    pause.refused(new EngineAccessRefusedException(code, null));
    containers.values().forEach(c -> verify(c, times(2)).pause());
    assertThat(probeDelays.getLast()).isEqualTo(Duration.ofSeconds(1));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = IntakeOutbox.Probe.class,
      names = {"ANSWERED", "NOTHING_OWED"})
  @DisplayName(
      "outage (Zeebe refuses Careflow's credentials): an engine that answers about the message, or"
          + " nothing owed to probe with, resumes the listeners (their next record tells)")
  void zeebeRefusesTheCredentials_otherProbeAnswersResume(IntakeOutbox.Probe answer) {
    pause.refused(new EngineAccessRefusedException(Status.Code.PERMISSION_DENIED, null));
    when(outbox.probe()).thenReturn(answer);
    runNextProbe();
    assertThat(pause.isPaused()).isFalse();
    containers.values().forEach(c -> verify(c).resume());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Status.Code.class,
      names = {"UNAUTHENTICATED"})
  @DisplayName(
      "outage (Zeebe refuses Careflow's credentials, and the store is away for the probe): still"
          + " paused, probed again")
  void zeebeRefusesTheCredentials_aProbeThatFailsKeepsThePause(Status.Code code) {
    pause.refused(new EngineAccessRefusedException(code, null));
    when(outbox.probe()).thenThrow(new IllegalStateException("no connection"));
    runNextProbe();
    assertThat(pause.isPaused()).isTrue();
    assertThat(probes).hasSize(1);
    containers.values().forEach(c -> verify(c, never()).resume());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Status.Code.class,
      names = {"PERMISSION_DENIED"})
  @DisplayName(
      "outage (Zeebe refuses Careflow's credentials) with no listener to pause: not paused, so the"
          + " error handler's backoff stays the wait (never a tight loop against the engine)")
  void zeebeRefusesTheCredentials_nothingToPauseKeepsTheBackoff(Status.Code code) {
    var nothing =
        new EngineAccessPause(
            new StaticListableBeanFactory().getBeanProvider(KafkaListenerEndpointRegistry.class),
            outbox,
            health,
            props,
            (task, delay) -> probes.add(task));
    nothing.refused(new EngineAccessRefusedException(code, null));
    assertThat(nothing.isPaused()).isFalse();
    assertThat(probes).isEmpty();
    assertThat(health.health().getStatus())
        .isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
  }
}
