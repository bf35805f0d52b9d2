package com.careflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * Fault: a development start-up with port 26500 (or 9092, 8080) taken printed ~60 lines of
 * BindException and never exited (the engine's non-daemon actor threads). The ports are checked
 * before anything starts: the start fails with one line naming the port and the setting, and no
 * thread is left behind.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalStackPortTakenTest {

  /** Nothing of the application: only the development stack's initializer runs. */
  @Configuration(proxyBeanMethods = false)
  static class Empty {}

  @Test
  void aTakenZeebePortFailsTheStartWithTheSettingToChangeAndLeavesNoThread(CapturedOutput output)
      throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      SpringApplication app = new SpringApplication(Empty.class);
      app.setWebApplicationType(WebApplicationType.NONE);
      String[] args = {
        "--careflow.local.enabled=true",
        "--careflow.local.zeebe-port=" + port,
        "--careflow.local.kafka-port=0"
      };

      assertThatThrownBy(() -> app.run(args))
          .isInstanceOf(LocalStack.PortTakenException.class)
          .hasMessage(
              "Port "
                  + port
                  + " (the embedded Zeebe gateway) is already in use: stop what uses it or set"
                  + " CAREFLOW_LOCAL_ZEEBEPORT to a free port");
      assertThat(output.getAll())
          .contains("APPLICATION FAILED TO START", "Port " + port, "CAREFLOW_LOCAL_ZEEBEPORT")
          .doesNotContain("BindException", "\tat ");
    }
    // nothing was started: no engine actor, no broker thread survives the failed start
    Set<String> left =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
            .map(Thread::getName)
            .collect(Collectors.toSet());
    assertThat(left).isEmpty();
  }

  @Test
  void aTakenKafkaPortNamesItsSetting() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      assertThatThrownBy(
              () ->
                  LocalStack.requireFreePorts(
                      java.util.List.of(
                          new LocalStack.PortNeed(0, "the embedded Zeebe gateway", "X"),
                          new LocalStack.PortNeed(
                              port, "the embedded Kafka broker", "CAREFLOW_LOCAL_KAFKAPORT"))))
          .isInstanceOfSatisfying(
              LocalStack.PortTakenException.class,
              e -> {
                assertThat(e.port()).isEqualTo(port);
                assertThat(e.getMessage()).contains("CAREFLOW_LOCAL_KAFKAPORT");
              });
      var analysis =
          new PortTakenFailureAnalyzer()
              .analyze(
                  new IllegalStateException(
                      new LocalStack.PortTakenException(port, "x", "SERVER_PORT")));
      assertThat(analysis.getDescription()).startsWith("Port " + port);
      assertThat(analysis.getAction()).contains("SERVER_PORT=" + (port + 1));
    }
  }
}
