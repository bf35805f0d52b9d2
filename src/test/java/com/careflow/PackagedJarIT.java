package com.careflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.RocksDbStateEngineFactory;
import io.camunda.zeebe.protocol.record.ValueType;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The packaged jar, started as production starts it ({@code java -jar}), in a folder of its own and
 * with none of the build's environment:
 *
 * <ul>
 *   <li>Fault: a production start without configuration silently runs on stand-ins. With no
 *       configuration it exits non-zero within seconds, naming each missing setting.
 *   <li>With the full production configuration (PostgreSQL, and the Kafka and Zeebe addresses of a
 *       broker and an engine this test starts) it starts, creates its topics on that broker and
 *       deploys its models to that engine: it never starts an embedded component (it has none:
 *       {@link JarContentsIT}).
 * </ul>
 */
class PackagedJarIT {

  /**
   * How long an awaited outcome may take before the test fails: a bound on failure only, generous
   * for a loaded machine (a passing run waits only as long as the outcome takes).
   */
  private static final Duration EVENTUALLY = Duration.ofMinutes(3);

  /** Generous for a loaded 2-core build machine; the measured time is printed. */
  static final Duration REFUSAL_WITHIN = Duration.ofSeconds(60);

  @TempDir Path workDir;

  @Test
  void withoutConfigurationTheJarRefusesToStartNamingWhatIsMissing() throws Exception {
    long started = System.nanoTime();
    Process process = start(Map.of(), "refusal.log");
    boolean exited = process.waitFor(REFUSAL_WITHIN.toSeconds(), TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    String output = Files.readString(workDir.resolve("refusal.log"));
    if (!exited) {
      process.destroyForcibly();
    }
    System.out.println("java -jar without configuration exited after " + took.toMillis() + " ms");

    assertThat(exited).as("exited within %s; output:%n%s", REFUSAL_WITHIN, output).isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("Careflow refuses to start: spring.datasource.url (SPRING_DATASOURCE_URL)")
        .contains("careflow.messaging.dry-run=true (CAREFLOW_MESSAGING_DRYRUN)")
        .doesNotContain("\tat ")
        .doesNotContain("Started CareflowApplication");
  }

  @Test
  void withTheFullProductionConfigurationItUsesTheGivenServicesOnly() throws Exception {
    String dbUrl = System.getenv("CAREFLOW_TEST_DB_URL");
    assumeTrue(dbUrl != null, "needs PostgreSQL: CAREFLOW_TEST_DB_URL (as .ci/run sets it)");
    String dbUser = env("CAREFLOW_TEST_DB_USER", "postgres");
    String dbPassword = env("CAREFLOW_TEST_DB_PASSWORD", "");
    String schema = "careflow_jar_" + ThreadLocalRandom.current().nextInt(1_000_000);

    ZeebeTestEngine engine = RocksDbStateEngineFactory.create(freePort());
    engine.start();
    EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
    kafka.brokerProperties(
        Map.of(
            "listeners", "EXTERNAL://127.0.0.1:" + freePort() + ",CONTROLLER://127.0.0.1:0",
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1"));
    kafka.afterPropertiesSet();
    int httpPort = freePort();
    Process process = null;
    try {
      Map<String, String> production = new HashMap<>();
      production.put(
          "SPRING_DATASOURCE_URL",
          dbUrl + (dbUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
      production.put("SPRING_DATASOURCE_USERNAME", dbUser);
      production.put("SPRING_DATASOURCE_PASSWORD", dbPassword);
      production.put("SPRING_FLYWAY_SCHEMAS", schema);
      // the build machine's PostgreSQL is shared by concurrent builds: a small pool
      production.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "2");
      production.put("SPRING_KAFKA_BOOTSTRAPSERVERS", kafka.getBrokersAsString());
      production.put(
          "CAMUNDA_CLIENT_GRPCADDRESS",
          "http://" + engine.getGatewayAddress().replace("0.0.0.0", "127.0.0.1"));
      production.put("CAMUNDA_CLIENT_PREFERRESTOVERGRPC", "false");
      production.put("CAREFLOW_MESSAGING_DRYRUN", "true");
      // an operator login (bcrypt of "change-me", as in docker/.env): production has none built in
      production.put("CAREFLOW_SECURITY_USERS_0_USERNAME", "admin");
      production.put(
          "CAREFLOW_SECURITY_USERS_0_PASSWORD",
          "{bcrypt}$2a$10$LPzkTCYgwDow1YII.9TR..OS9WI73ewqFFCr.OEcwzWIRQ7QLgBKG");
      production.put("CAREFLOW_SECURITY_USERS_0_ROLES_0", "ADMIN");
      production.put("SERVER_PORT", String.valueOf(httpPort));
      process = start(production, "production.log");

      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
      Integer liveness = null;
      while (System.nanoTime() < deadline && process.isAlive()) {
        liveness = status(http, httpPort, "/actuator/health/liveness");
        if (liveness != null && liveness == 200) {
          break;
        }
        Thread.sleep(500);
      }
      String output = Files.readString(workDir.resolve("production.log"));
      assertThat(liveness).as("alive; output:%n%s", output).isEqualTo(200);
      assertThat(status(http, httpPort, "/actuator/health/readiness"))
          .as("dry run: not ready (503)")
          .isEqualTo(503);
      await("models deployed to the engine given by CAMUNDA_CLIENT_GRPCADDRESS")
          .atMost(EVENTUALLY)
          .until(
              () ->
                  StreamSupport.stream(
                          engine.getRecordStreamSource().getRecords().spliterator(), false)
                      .anyMatch(r -> r.getValueType() == ValueType.DEPLOYMENT));
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()))) {
        await("topics created on the broker given by SPRING_KAFKA_BOOTSTRAPSERVERS")
            .atMost(EVENTUALLY)
            .until(
                () -> admin.listTopics().names().get(30, TimeUnit.SECONDS),
                names -> names.containsAll(List.of("shop.orders", "shop.carts", "shop.customers")));
      }
      assertThat(Files.readString(workDir.resolve("production.log")))
          .doesNotContain("EmbeddedKafka")
          .doesNotContain("KRaft")
          .doesNotContain("in-memory engine")
          .doesNotContain("development mode")
          .doesNotContain("jdbc:h2")
          .doesNotContain("APPLICATION FAILED TO START");
    } catch (AssertionError | RuntimeException e) {
      System.out.println(Files.readString(workDir.resolve("production.log")));
      throw e;
    } finally {
      if (process != null) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
      kafka.destroy();
      engine.stop();
      try (var connection = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
          var statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (SQLException e) {
        // never hide the test's own outcome behind the clean-up's
        System.out.println("Could not drop schema " + schema + ": " + e.getMessage());
      }
    }
  }

  /** {@code java -jar} of the packaged jar with only the given environment, output to a file. */
  private Process start(Map<String, String> environment, String logFile) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path jar = JarContentsIT.packagedJar().toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar.toString()))
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve(logFile).toFile());
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            name ->
                name.startsWith("SPRING_")
                    || name.startsWith("CAREFLOW_")
                    || name.startsWith("CAMUNDA_")
                    || name.startsWith("ZEEBE_")
                    || name.startsWith("JAVA_TOOL_OPTIONS")
                    || name.startsWith("JDK_JAVA_OPTIONS"));
    env.putAll(environment);
    return builder.start();
  }

  private static Integer status(HttpClient http, int port, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
