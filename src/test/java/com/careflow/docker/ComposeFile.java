package com.careflow.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
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
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * One compose file of {@code docker/} read as Docker Compose reads it (YAML anchors and merge keys
 * resolved), with the {@code ${VARIABLE}}s of {@code docker/.env}: the static checks of {@link
 * DockerComposeTest} and {@link DockerComposeClusterTest}.
 */
final class ComposeFile {

  static final Path DOCKER = Path.of("docker");
  static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)}");

  final Path path;
  final String text;
  final Map<String, String> env;
  final Map<String, Map<String, Object>> services;

  @SuppressWarnings("unchecked")
  ComposeFile(String name) {
    this.path = DOCKER.resolve(name);
    this.text = read(path);
    this.env = readEnvFile();
    Map<String, Object> compose = new Yaml().load(text);
    this.services = (Map<String, Map<String, Object>>) compose.get("services");
  }

  /** A service's environment, variables of docker/.env resolved. */
  @SuppressWarnings("unchecked")
  Map<String, String> environment(String service) {
    Map<String, String> result = new LinkedHashMap<>();
    ((Map<String, Object>) services.get(service).get("environment"))
        .forEach((k, v) -> result.put(k, resolve(String.valueOf(v))));
    return result;
  }

  /** The environment as Spring Boot's relaxed binding reads it in the container. */
  Binder binder(String service) {
    Map<String, Object> variables = new LinkedHashMap<>(environment(service));
    return new Binder(
        ConfigurationPropertySources.from(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
  }

  /** Container-side ports a service publishes. */
  Set<Integer> containerPorts(String service) {
    Set<Integer> ports = new HashSet<>();
    for (String mapping : list(services.get(service).get("ports"))) {
      ports.add(Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1)));
    }
    return ports;
  }

  /** Services that the given one names in {@code depends_on}. */
  Collection<String> dependencies(String service) {
    Object dependsOn = services.get(service).get("depends_on");
    return dependsOn instanceof Map<?, ?> map
        ? map.keySet().stream().map(String::valueOf).toList()
        : list(dependsOn);
  }

  String resolve(String value) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), "")));
    }
    return m.appendTail(out).toString();
  }

  /** The {@code ${VARIABLE}}s the file uses. */
  List<String> variables() {
    List<String> names = new ArrayList<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * Every documented setting on the classpath, spelled as Spring's relaxed binding reads it from
   * the environment.
   */
  static Set<String> settingsAsEnvironmentVariables() throws IOException {
    Set<String> names = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (URL url :
        Collections.list(
            ComposeFile.class
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

  static List<String> list(Object value) {
    List<String> result = new ArrayList<>();
    if (value instanceof Collection<?> items) {
      items.forEach(item -> result.add(String.valueOf(item)));
    }
    return result;
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

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + path, e);
    }
  }
}
