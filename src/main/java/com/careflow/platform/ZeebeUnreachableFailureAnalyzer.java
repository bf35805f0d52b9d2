package com.careflow.platform;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.spring.properties.CamundaClientProperties;
import io.grpc.Status;
import java.util.Set;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns "the Zeebe gateway cannot be reached" at start-up (the model deployment's first call fails
 * with gRPC {@code UNAVAILABLE} or {@code DEADLINE_EXCEEDED}) into Spring Boot's "APPLICATION
 * FAILED TO START" report: one line naming the address tried and its setting, no stack trace. Other
 * engine errors keep their stack trace. Registered in {@code META-INF/spring.factories}.
 */
class ZeebeUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<ClientStatusException> {

  private static final Set<Status.Code> UNREACHABLE =
      Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);

  private final Environment environment;

  ZeebeUnreachableFailureAnalyzer(Environment environment) {
    this.environment = environment;
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ClientStatusException cause) {
    if (!UNREACHABLE.contains(cause.getStatusCode())) {
      return null;
    }
    String address = environment.getProperty("camunda.client.grpc-address");
    // unset: the Camunda client's own default, as its properties hold it (no copy here)
    String shown =
        address == null
            ? new CamundaClientProperties().getGrpcAddress() + " (the default)"
            : address;
    return new FailureAnalysis(
        "Careflow cannot reach the Zeebe gateway at "
            + shown
            + ", set by camunda.client.grpc-address (CAMUNDA_CLIENT_GRPCADDRESS): "
            + cause.getStatusCode()
            + (cause.getMessage() == null ? "" : " (" + firstLine(cause.getMessage()) + ")"),
        "Start the Zeebe gateway or correct CAMUNDA_CLIENT_GRPCADDRESS (and"
            + " CAMUNDA_CLIENT_RESTADDRESS); CAREFLOW_DEPLOYMENT_ENABLED=false starts without"
            + " deploying the models, unready until the engine answers. For development, run"
            + " ./mvnw spring-boot:test-run, which starts an embedded engine.",
        cause);
  }

  /**
   * The Camunda client's own default address when nothing sets it, read from its properties class
   * (no copy here; a {@code camunda.client.mode} puts its mode's address into the environment, so
   * it never comes to this).
   */
  static String clientDefaultAddress() {
    return new CamundaClientProperties().getGrpcAddress().toString();
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
