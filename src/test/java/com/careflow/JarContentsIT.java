package com.careflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fault: the production artifact carries test infrastructure (the in-memory Zeebe engine and its
 * RocksDB state, a Kafka broker, ZooKeeper, JUnit, H2) that could be started in production and
 * brings its vulnerabilities along. Lists every class of the packaged jar, nested jars included
 * (runs after {@code package}, in failsafe).
 */
class JarContentsIT {

  /** Half the 213 MB the jar weighed while it carried the embedded stack. */
  static final long MAX_BYTES = 106_000_000L;

  /** Class-name prefixes that must not be in the production artifact, and what they are. */
  static final List<String[]> FORBIDDEN =
      List.of(
          new String[] {"io/camunda/zeebe/process/test/", "the test engine (zeebe-process-test)"},
          new String[] {"io/camunda/zeebe/engine/", "the Zeebe engine"},
          new String[] {"io/camunda/zeebe/db/", "the engine's state store (zeebe-db)"},
          new String[] {"org/rocksdb/", "RocksDB"},
          new String[] {"kafka/server/", "the Kafka broker (Scala)"},
          new String[] {"org/apache/kafka/server/config/", "the Kafka broker's configuration"},
          new String[] {"org/apache/kafka/raft/", "Kafka's KRaft controller"},
          new String[] {"org/apache/kafka/metadata/", "Kafka's cluster metadata"},
          new String[] {"org/apache/kafka/storage/", "the Kafka broker's log storage"},
          new String[] {"org/apache/zookeeper/", "ZooKeeper"},
          new String[] {"org/junit/", "JUnit 5"},
          new String[] {"junit/framework/", "JUnit 4"},
          new String[] {"org/springframework/test/", "spring-test"},
          new String[] {"org/springframework/kafka/test/", "spring-kafka-test"},
          new String[] {"org/h2/", "H2"},
          new String[] {"org/apache/commons/beanutils/", "commons-beanutils"},
          new String[] {"com/careflow/local/", "the embedded stack"});

  static Path packagedJar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("careflow-.*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/careflow-*.jar: run package"));
    }
  }

  @Test
  void theJarHoldsNoTestEngineBrokerZooKeeperOrJUnitClass() throws IOException {
    List<String> found = new ArrayList<>();
    int classes = 0;
    try (JarFile jar = new JarFile(packagedJar().toFile())) {
      for (JarEntry entry : jar.stream().toList()) {
        if (entry.getName().endsWith(".jar")) {
          try (var nested = new JarInputStream(jar.getInputStream(entry))) {
            for (JarEntry inner; (inner = nested.getNextJarEntry()) != null; ) {
              classes += check(entry.getName() + "!/", inner.getName(), found);
            }
          }
        } else {
          classes += check("", entry.getName().replaceFirst("^BOOT-INF/classes/", ""), found);
        }
      }
    }
    assertThat(classes).as("classes listed").isGreaterThan(10_000);
    assertThat(found).as("test infrastructure in the production jar").isEmpty();
  }

  private static int check(String container, String name, List<String> found) {
    if (!name.endsWith(".class")) {
      return 0;
    }
    for (String[] forbidden : FORBIDDEN) {
      if (name.startsWith(forbidden[0])) {
        found.add(forbidden[1] + ": " + container + name);
      }
    }
    return 1;
  }

  /** Client, protocol and starter of one Camunda release, not a mix pulled in by test libraries. */
  @Test
  void theJarHoldsOneCamundaVersion() throws IOException {
    Set<String> versions = new TreeSet<>();
    List<String> camundaJars = new ArrayList<>();
    try (JarFile jar = new JarFile(packagedJar().toFile())) {
      for (JarEntry entry : jar.stream().toList()) {
        Matcher m = CAMUNDA_JAR.matcher(entry.getName());
        if (m.matches() && isIoCamunda(jar, entry)) {
          camundaJars.add(m.group(1));
          versions.add(m.group(2));
        }
      }
    }
    assertThat(camundaJars).contains("camunda-client-java", "zeebe-gateway-protocol-impl");
    assertThat(versions).as("Camunda versions in %s", camundaJars).hasSize(1);
  }

  /** Published under the group {@code io.camunda} (not Camunda 7's {@code org.camunda}). */
  private static boolean isIoCamunda(JarFile jar, JarEntry nestedJar) throws IOException {
    try (var nested = new JarInputStream(jar.getInputStream(nestedJar))) {
      for (JarEntry inner; (inner = nested.getNextJarEntry()) != null; ) {
        if (inner.getName().startsWith("META-INF/maven/io.camunda/")) {
          return true;
        }
      }
    }
    return false;
  }

  private static final Pattern CAMUNDA_JAR =
      Pattern.compile(
          "BOOT-INF/lib/((?:camunda|zeebe)-[a-z0-9-]+)-(\\d+\\.\\d+\\.\\d+[^/]*)\\.jar");

  @Test
  void theJarIsLessThanHalfItsFormerSize() throws IOException {
    assertThat(Files.size(packagedJar())).isLessThan(MAX_BYTES);
  }
}
