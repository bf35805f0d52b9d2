package com.careflow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.messaging.MessagingProperties;
import com.careflow.messaging.TwilioProperties;
import com.careflow.platform.ProductionStartupChecks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs on the build machines, so the stack in {@code docker/} is checked
 * statically: pinned images, services that exist, and Careflow's environment matching its real
 * settings and the other services' ports.
 */
class DockerComposeTest {

  private static final Path DOCKER = Path.of("docker");
  private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)}");

  private final Map<String, String> env = readEnvFile();
  private final Map<String, Map<String, Object>> services = readServices();

  @Test
  void theStackHasTheServicesTheReadmePromises() {
    assertThat(services)
        .containsOnlyKeys("orchestration", "elasticsearch", "kafka", "postgres", "careflow");
  }

  @Test
  void everyImageIsPinnedToAVersionFromTheEnvFile() {
    services.forEach(
        (name, service) -> {
          if (service.containsKey("build")) {
            assertThat(Files.exists(DOCKER.resolve("Dockerfile")))
                .as(name + " builds docker/Dockerfile")
                .isTrue();
            return;
          }
          String image = resolve((String) service.get("image"));
          assertThat(image).as(name + " image").matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+");
          assertThat(image).as(name + " image tag").doesNotEndWith(":latest");
        });
  }

  @Test
  void everyVariableIsDefinedInTheEnvFile() {
    Matcher m = VARIABLE.matcher(read(DOCKER.resolve("docker-compose.yaml")));
    while (m.find()) {
      assertThat(env).as("docker/.env defines " + m.group(1)).containsKey(m.group(1));
    }
  }

  @Test
  void dependenciesNameExistingServicesAndEveryServiceHasAHealthCheck() {
    services.forEach(
        (name, service) -> {
          assertThat(service).as(name + " has a health check").containsKey("healthcheck");
          Object dependsOn = service.get("depends_on");
          Collection<String> targets =
              dependsOn instanceof Map<?, ?> map ? keys(map) : list(dependsOn);
          assertThat(services.keySet())
              .as(name + " depends on existing services")
              .containsAll(targets);
        });
  }

  @Test
  void careflowsEnvironmentNamesRealSettings() throws IOException {
    Set<String> knownSettings = settingsAsEnvironmentVariables();
    assertThat(knownSettings)
        .as("metadata of Careflow's own settings")
        .contains("CAREFLOW_MESSAGING_DRYRUN", "CAREFLOW_TWILIO_WEBHOOKBASEURL");

    assertThat(careflowEnvironment().keySet())
        .allSatisfy(
            variable ->
                assertThat(knownSettings)
                    .as("%s is a Careflow, Spring or Camunda client setting", variable)
                    // an element of a list setting: CAREFLOW_SECURITY_USERS_0_USERNAME
                    .contains(variable.replaceFirst("_\\d+(_.*)?$", "")));
  }

  @Test
  void careflowRunsInProductionModeAgainstTheStacksServices() {
    Map<String, String> careflow = careflowEnvironment();
    assertThat(careflow)
        .as("the packaged jar has no embedded stack to switch off")
        .doesNotContainKey("CAREFLOW_LOCAL_ENABLED");

    URI grpc = URI.create(careflow.get("CAMUNDA_CLIENT_GRPCADDRESS"));
    assertThat(grpc.getHost()).isEqualTo("orchestration");
    assertThat(containerPorts("orchestration")).contains(grpc.getPort());

    URI rest = URI.create(careflow.get("CAMUNDA_CLIENT_RESTADDRESS"));
    assertThat(rest.getHost()).isEqualTo("orchestration");
    assertThat(containerPorts("orchestration")).contains(rest.getPort());

    String[] kafka = careflow.get("SPRING_KAFKA_BOOTSTRAPSERVERS").split(":");
    assertThat(kafka[0]).isEqualTo("kafka");
    assertThat(environment("kafka").get("KAFKA_LISTENERS")).contains(":" + kafka[1]);

    URI database = URI.create(careflow.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()));
    assertThat(database.getHost()).isEqualTo("postgres");
    assertThat(database.getPort()).isEqualTo(5432);
    assertThat(database.getPath()).isEqualTo("/" + env.get("CAREFLOW_DB_NAME"));
    assertThat(careflow.get("SPRING_DATASOURCE_USERNAME"))
        .isEqualTo(resolve(environment("postgres").get("POSTGRES_USER")));

    assertThat(list(services.get("careflow").get("ports"))).contains("8080:8080");
  }

  /** Twilio is empty in docker/.env: the compose stack must accept the dry run explicitly. */
  @Test
  void careflowsEnvironmentPassesTheProductionStartupChecks() {
    Map<String, Object> variables = new LinkedHashMap<>(careflowEnvironment());
    Binder binder =
        new Binder(
            ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));

    assertThat(careflowEnvironment()).containsEntry("CAREFLOW_MESSAGING_DRYRUN", "true");
    assertThat(
            ProductionStartupChecks.problems(
                binder.bind("spring.datasource.url", String.class).orElse(null),
                binder.bindOrCreate("careflow.twilio", Bindable.of(TwilioProperties.class)),
                binder.bindOrCreate("careflow.messaging", Bindable.of(MessagingProperties.class))))
        .isEmpty();
  }

  @Test
  void noSecretIsCommitted() {
    assertThat(env.get("TWILIO_ACCOUNT_SID")).isEmpty();
    assertThat(env.get("TWILIO_AUTH_TOKEN")).isEmpty();
  }

  private Map<String, String> careflowEnvironment() {
    Map<String, String> resolved = new LinkedHashMap<>();
    environment("careflow").forEach((k, v) -> resolved.put(k, resolve(v)));
    return resolved;
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> environment(String service) {
    Map<String, String> result = new LinkedHashMap<>();
    ((Map<String, Object>) services.get(service).get("environment"))
        .forEach((k, v) -> result.put(k, String.valueOf(v)));
    return result;
  }

  /** Container-side ports a service publishes, plus the ones it serves on the compose network. */
  private Set<Integer> containerPorts(String service) {
    Set<Integer> ports = new HashSet<>();
    for (String mapping : list(services.get(service).get("ports"))) {
      ports.add(Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1)));
    }
    return ports;
  }

  private String resolve(String value) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), "")));
    }
    return m.appendTail(out).toString();
  }

  /**
   * Every documented setting on the classpath, spelled as Spring's relaxed binding reads it from
   * the environment.
   */
  private static Set<String> settingsAsEnvironmentVariables() throws IOException {
    Set<String> names = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (URL url :
        Collections.list(
            DockerComposeTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        for (JsonNode property : json.readTree(in).path("properties")) {
          names.add(
              property
                  .path("name")
                  .asText()
                  .replace(".", "_")
                  .replace("-", "")
                  .toUpperCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> readServices() {
    Map<String, Object> compose = new Yaml().load(read(DOCKER.resolve("docker-compose.yaml")));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  private static Map<String, String> readEnvFile() {
    Map<String, String> result = new LinkedHashMap<>();
    for (String line : read(DOCKER.resolve(".env")).split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        result.put(
            trimmed.substring(0, trimmed.indexOf('=')),
            trimmed.substring(trimmed.indexOf('=') + 1));
      }
    }
    return result;
  }

  private static Collection<String> keys(Map<?, ?> map) {
    return map.keySet().stream().map(String::valueOf).toList();
  }

  private static List<String> list(Object value) {
    List<String> result = new ArrayList<>();
    if (value instanceof Collection<?> items) {
      items.forEach(item -> result.add(String.valueOf(item)));
    }
    return result;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + path, e);
    }
  }
}
