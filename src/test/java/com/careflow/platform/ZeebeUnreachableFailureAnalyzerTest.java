package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.mock.env.MockEnvironment;

/**
 * Fault: an unreachable Zeebe gateway at start-up ended with "Application run failed" and a
 * ClientStatusException stack trace. It is reported in one line naming the address and the setting.
 */
class ZeebeUnreachableFailureAnalyzerTest {

  private static Throwable unreachableAtStartup(Status.Code code) {
    var grpc = Status.fromCode(code).withDescription("io exception\nChannel Pipeline: [...]");
    var cause = new ClientStatusException(grpc, new StatusRuntimeException(grpc));
    return new BeanCreationException("modelDeployment", "Error creating bean", cause);
  }

  @Test
  void anUnreachableGatewayIsOneLineNamingTheAddressAndTheSetting() {
    var env =
        new MockEnvironment()
            .withProperty("camunda.client.grpc-address", "http://zeebe.internal:26500");
    FailureAnalysis analysis =
        new ZeebeUnreachableFailureAnalyzer(env)
            .analyze(unreachableAtStartup(Status.Code.UNAVAILABLE));

    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription())
        .contains(
            "http://zeebe.internal:26500",
            "camunda.client.grpc-address",
            "CAMUNDA_CLIENT_GRPCADDRESS",
            "UNAVAILABLE")
        .doesNotContain("Channel Pipeline")
        .hasLineCount(1);
    assertThat(analysis.getAction()).contains("CAREFLOW_DEPLOYMENT_ENABLED=false");
  }

  @Test
  void withoutTheSettingTheClientsDefaultAddressIsNamed() {
    FailureAnalysis analysis =
        new ZeebeUnreachableFailureAnalyzer(new MockEnvironment())
            .analyze(unreachableAtStartup(Status.Code.DEADLINE_EXCEEDED));
    // the client's own default (http://0.0.0.0:26500 in 8.8), not a copy that can drift from it
    assertThat(analysis.getDescription())
        .contains(
            new io.camunda.client.spring.properties.CamundaClientProperties().getGrpcAddress()
                + " (the default)");
  }

  @Test
  void otherEngineErrorsKeepTheirStackTrace() {
    assertThat(
            new ZeebeUnreachableFailureAnalyzer(new MockEnvironment())
                .analyze(unreachableAtStartup(Status.Code.PERMISSION_DENIED)))
        .isNull();
  }

  @Test
  void itIsRegisteredForSpringBootsFailureReport() throws Exception {
    // Careflow's own META-INF/spring.factories lists it under Spring Boot's FailureAnalyzer key
    Properties careflow =
        PropertiesLoaderUtils.loadProperties(
            new UrlResource(
                ZeebeUnreachableFailureAnalyzer.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toString()
                    + "META-INF/spring.factories"));
    assertThat(careflow.getProperty(FailureAnalyzer.class.getName()))
        .contains(ZeebeUnreachableFailureAnalyzer.class.getName());
  }
}
