package com.careflow.support;

import java.time.Clock;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the repository tests: a JDBC slice with the Flyway schema on the database {@link
 * TestDatabase} chooses (PostgreSQL in CI, H2 otherwise) and a system clock. A test imports the
 * repositories it exercises.
 */
@JdbcTest(properties = "careflow.local.enabled=false")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(RepositoryTestBase.SystemClock.class)
public abstract class RepositoryTestBase {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @TestConfiguration(proxyBeanMethods = false)
  public static class SystemClock {
    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }
  }
}
