package com.careflow.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Which database the tests run on, chosen once per test JVM:
 *
 * <ol>
 *   <li>{@code CAREFLOW_TEST_DB_URL} (with {@code CAREFLOW_TEST_DB_USER}, default {@code postgres},
 *       and {@code CAREFLOW_TEST_DB_PASSWORD}, default empty): that PostgreSQL, in a schema of its
 *       own so concurrent builds and earlier runs do not meet. {@code .ci/run} sets it.
 *   <li>Docker available: a PostgreSQL container (Testcontainers).
 *   <li>Otherwise H2 in PostgreSQL mode, the embedded default.
 * </ol>
 *
 * The same Flyway migrations run on each, so every repository test proves both dialects.
 */
public final class TestDatabase {

  private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
  private static final String SCHEMA =
      "careflow_test_"
          + ProcessHandle.current().pid()
          + "_"
          + ThreadLocalRandom.current().nextInt(1000);
  private static volatile PostgreSQLContainer<?> container;

  private TestDatabase() {}

  public enum Kind {
    POSTGRES_FROM_ENV,
    POSTGRES_CONTAINER,
    H2
  }

  public static Kind kind() {
    if (System.getenv("CAREFLOW_TEST_DB_URL") != null) {
      return Kind.POSTGRES_FROM_ENV;
    }
    return dockerAvailable() ? Kind.POSTGRES_CONTAINER : Kind.H2;
  }

  /** Points {@code spring.datasource.*} (and Flyway) at the chosen database. */
  public static void register(DynamicPropertyRegistry registry) {
    switch (kind()) {
      case POSTGRES_FROM_ENV -> {
        String url = System.getenv("CAREFLOW_TEST_DB_URL");
        String separator = url.contains("?") ? "&" : "?";
        registry.add("spring.datasource.url", () -> url + separator + "currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> env("CAREFLOW_TEST_DB_USER", "postgres"));
        registry.add("spring.datasource.password", () -> env("CAREFLOW_TEST_DB_PASSWORD", ""));
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        // the suite caches a dozen application contexts, each with its own pool, against one shared
        // server (max_connections 100 by default); Hikari's default of 10 each exhausts it
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> 4);
        dropSchemaAtExit(url);
        log.info("Tests use PostgreSQL at {} (schema {})", url, SCHEMA);
      }
      case POSTGRES_CONTAINER -> {
        PostgreSQLContainer<?> pg = container();
        registry.add("spring.datasource.url", pg::getJdbcUrl);
        registry.add("spring.datasource.username", pg::getUsername);
        registry.add("spring.datasource.password", pg::getPassword);
        log.info("Tests use a PostgreSQL container");
      }
      case H2 -> log.info("Tests use H2 (set CAREFLOW_TEST_DB_URL to run them on PostgreSQL)");
    }
  }

  private static volatile boolean dropHookAdded;

  /** The schema is this JVM's alone: drop it when the tests are done, so none pile up. */
  private static synchronized void dropSchemaAtExit(String url) {
    if (dropHookAdded) {
      return;
    }
    dropHookAdded = true;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (var connection =
                          DriverManager.getConnection(
                              url,
                              env("CAREFLOW_TEST_DB_USER", "postgres"),
                              env("CAREFLOW_TEST_DB_PASSWORD", ""));
                      var statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
                  } catch (SQLException e) {
                    log.warn("Could not drop test schema {}: {}", SCHEMA, e.getMessage());
                  }
                }));
  }

  private static synchronized PostgreSQLContainer<?> container() {
    if (container == null) {
      container = new PostgreSQLContainer<>("postgres:16-alpine");
      container.start();
    }
    return container;
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
