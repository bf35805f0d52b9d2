package com.careflow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.messaging.MessagingProperties;
import com.careflow.messaging.TwilioProperties;
import com.careflow.platform.ProductionStartupChecks;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * No Docker engine runs on the build machines, so the stack in {@code docker/} is checked
 * statically: pinned images, services that exist, and Careflow's environment matching its real
 * settings and the other services' ports.
 */
class DockerComposeTest {

  private final ComposeFile compose = new ComposeFile("docker-compose.yaml");
  private final Map<String, String> env = compose.env;
  private final Map<String, Map<String, Object>> services = compose.services;

  @Test
  void theStackHasTheServicesTheReadmePromises() {
    assertThat(services)
        .containsOnlyKeys("orchestration", "elasticsearch", "kafka", "postgres", "careflow");
  }

  @Test
  void everyImageIsPinnedToAVersionFromTheEnvFile() {
    assertImagesPinned(compose);
  }

  @Test
  void everyVariableIsDefinedInTheEnvFile() {
    assertVariablesDefined(compose);
  }

  @Test
  void dependenciesNameExistingServicesAndEveryServiceHasAHealthCheck() {
    assertDependenciesAndHealthChecks(compose);
  }

  @Test
  void careflowsEnvironmentNamesRealSettings() throws IOException {
    assertRealSettings(careflowEnvironment());
  }

  @Test
  void careflowRunsInProductionModeAgainstTheStacksServices() {
    Map<String, String> careflow = careflowEnvironment();
    assertThat(careflow)
        .as("the packaged jar has no embedded stack to switch off")
        .doesNotContainKey("CAREFLOW_LOCAL_ENABLED");

    URI grpc = URI.create(careflow.get("CAMUNDA_CLIENT_GRPCADDRESS"));
    assertThat(grpc.getHost()).isEqualTo("orchestration");
    assertThat(compose.containerPorts("orchestration")).contains(grpc.getPort());

    URI rest = URI.create(careflow.get("CAMUNDA_CLIENT_RESTADDRESS"));
    assertThat(rest.getHost()).isEqualTo("orchestration");
    assertThat(compose.containerPorts("orchestration")).contains(rest.getPort());

    String[] kafka = careflow.get("SPRING_KAFKA_BOOTSTRAPSERVERS").split(":");
    assertThat(kafka[0]).isEqualTo("kafka");
    assertThat(compose.environment("kafka").get("KAFKA_LISTENERS")).contains(":" + kafka[1]);

    assertDatabaseIsTheStacksPostgres(compose, careflow);

    assertThat(ComposeFile.list(services.get("careflow").get("ports"))).contains("8080:8080");
  }

  /** Twilio is empty in docker/.env: the compose stack must accept the dry run explicitly. */
  @Test
  void careflowsEnvironmentPassesTheProductionStartupChecks() {
    assertPassesProductionStartupChecks(compose, "careflow");
  }

  @Test
  void noSecretIsCommitted() {
    assertThat(env.get("TWILIO_ACCOUNT_SID")).isEmpty();
    assertThat(env.get("TWILIO_AUTH_TOKEN")).isEmpty();
  }

  private Map<String, String> careflowEnvironment() {
    return compose.environment("careflow");
  }

  // ---- checks every compose file of docker/ passes (DockerComposeClusterTest too)

  static void assertImagesPinned(ComposeFile compose) {
    compose.services.forEach(
        (name, service) -> {
          if (service.containsKey("build")) {
            assertThat(Files.exists(ComposeFile.DOCKER.resolve("Dockerfile")))
                .as(name + " builds docker/Dockerfile")
                .isTrue();
            return;
          }
          String image = compose.resolve((String) service.get("image"));
          assertThat(image).as(name + " image").matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+");
          assertThat(image).as(name + " image tag").doesNotEndWith(":latest");
        });
  }

  static void assertVariablesDefined(ComposeFile compose) {
    assertThat(compose.variables())
        .allSatisfy(
            variable ->
                assertThat(compose.env)
                    .as("docker/.env defines " + variable)
                    .containsKey(variable));
  }

  static void assertDependenciesAndHealthChecks(ComposeFile compose) {
    compose.services.forEach(
        (name, service) -> {
          assertThat(service).as(name + " has a health check").containsKey("healthcheck");
          assertThat(compose.services.keySet())
              .as(name + " depends on existing services")
              .containsAll(compose.dependencies(name));
        });
  }

  static void assertRealSettings(Map<String, String> careflow) throws IOException {
    Set<String> knownSettings = ComposeFile.settingsAsEnvironmentVariables();
    assertThat(knownSettings)
        .as("metadata of Careflow's own settings")
        .contains("CAREFLOW_MESSAGING_DRYRUN", "CAREFLOW_TWILIO_WEBHOOKBASEURL");

    assertThat(careflow.keySet())
        .allSatisfy(
            variable ->
                assertThat(knownSettings)
                    .as("%s is a Careflow, Spring or Camunda client setting", variable)
                    // an element of a list setting: CAREFLOW_SECURITY_USERS_0_USERNAME
                    .contains(variable.replaceFirst("_\\d+(_.*)?$", "")));
  }

  static void assertDatabaseIsTheStacksPostgres(ComposeFile compose, Map<String, String> careflow) {
    URI database = URI.create(careflow.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()));
    assertThat(database.getHost()).isEqualTo("postgres");
    assertThat(database.getPort()).isEqualTo(5432);
    assertThat(database.getPath()).isEqualTo("/" + compose.env.get("CAREFLOW_DB_NAME"));
    assertThat(careflow.get("SPRING_DATASOURCE_USERNAME"))
        .isEqualTo(compose.environment("postgres").get("POSTGRES_USER"));
  }

  static void assertPassesProductionStartupChecks(ComposeFile compose, String service) {
    Binder binder = compose.binder(service);
    assertThat(compose.environment(service)).containsEntry("CAREFLOW_MESSAGING_DRYRUN", "true");
    assertThat(
            ProductionStartupChecks.problems(
                binder.bind("spring.datasource.url", String.class).orElse(null),
                binder.bindOrCreate("careflow.twilio", Bindable.of(TwilioProperties.class)),
                binder.bindOrCreate("careflow.messaging", Bindable.of(MessagingProperties.class))))
        .as(service + " passes the production start-up checks")
        .isEmpty();
  }
}
