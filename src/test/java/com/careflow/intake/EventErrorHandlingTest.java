package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.journeys.JourneyUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

/** Which failures wait for the engine or database, and which go to the dead-letter topic. */
class EventErrorHandlingTest {

  final EventsProperties props =
      new EventsProperties(
          "shop.orders",
          "shop.carts",
          "shop.customers",
          3,
          true,
          Duration.ofDays(7),
          1,
          32,
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          3,
          Duration.ofMinutes(5),
          java.time.Instant.parse("2000-01-01T00:00:00Z"),
          "CN");

  static ListenerExecutionFailedException asKafkaReportsIt(Throwable cause) {
    return new ListenerExecutionFailedException("Listener failed", cause);
  }

  @Test
  void engineOrDatabaseUnreachableIsTransientWhereverItIsWrapped() {
    assertThat(
            EventErrorHandling.isTransient(
                asKafkaReportsIt(
                    new JourneyUnavailableException(
                        "Zeebe did not take message OrderPaid (UNAVAILABLE)", null))))
        .isTrue();
    assertThat(
            EventErrorHandling.isTransient(
                asKafkaReportsIt(
                    new CannotGetJdbcConnectionException(
                        "no connection", new SQLException("refused")))))
        .isTrue();
    assertThat(EventErrorHandling.isTransient(asKafkaReportsIt(new QueryTimeoutException("slow"))))
        .isTrue();
  }

  @Test
  void invalidInputAndBugsAreNotTransient() {
    assertThat(
            EventErrorHandling.isTransient(
                asKafkaReportsIt(new InvalidEventException("rating must be 1 to 5"))))
        .isFalse();
    assertThat(EventErrorHandling.isTransient(asKafkaReportsIt(new NullPointerException("bug"))))
        .isFalse();
  }

  @Test
  void transientFailuresAreRetriedWithoutLimitAndGrowingPauses() {
    BackOffExecution execution = EventErrorHandling.unbounded(props).start();
    long first = execution.nextBackOff();
    long last = first;
    for (int i = 0; i < 10_000; i++) {
      last = execution.nextBackOff();
      assertThat(last).as("attempt %d", i).isNotEqualTo(BackOffExecution.STOP);
    }
    assertThat(first).isEqualTo(1000);
    assertThat(last).isEqualTo(30_000);
  }

  /**
   * One backoff formula (issue #20): the intake's Kafka retries wait by {@code
   * backoff.ExponentialBackoff} like platform and messaging; no main class uses a backoff of
   * Spring's own ({@code ExponentialBackOff}, {@code FixedBackOff}), only its interfaces.
   */
  @Test
  void theIntakeWaitsByTheOneBackoffFormula() {
    var formula =
        new com.careflow.backoff.ExponentialBackoff(
            props.retryInitialInterval(), props.retryMaxInterval());
    BackOffExecution execution = EventErrorHandling.unbounded(props).start();
    for (int failures = 1; failures <= 12; failures++) {
      assertThat(execution.nextBackOff()).isEqualTo(formula.after(failures).toMillis());
    }
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .should()
        .dependOnClassesThat(
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(
                    "org.springframework.util.backoff")
                .and(
                    com.tngtech.archunit.base.DescribedPredicate.not(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES)))
        .check(
            new com.tngtech.archunit.core.importer.ClassFileImporter()
                .withImportOption(
                    com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.careflow"));
  }

  @Test
  void otherFailuresGetAFewAttemptsThenTheDeadLetterTopic() {
    BackOffExecution execution = EventErrorHandling.bounded(props).start();
    // 3 attempts = the first delivery and 2 retries
    assertThat(execution.nextBackOff()).isEqualTo(1000);
    assertThat(execution.nextBackOff()).isEqualTo(1000);
    assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
  }

  @Test
  void theReasonIsTheValidationMessageOrTheRootCause() {
    assertThat(
            EventErrorHandling.reason(
                asKafkaReportsIt(
                    new InvalidEventException("ReviewPosted e-1: rating must be 1 to 5, was 6"))))
        .isEqualTo("ReviewPosted e-1: rating must be 1 to 5, was 6");
    assertThat(
            EventErrorHandling.reason(
                asKafkaReportsIt(
                    new IllegalStateException("wrapper", new ArithmeticException("/ by zero")))))
        .isEqualTo("ArithmeticException: / by zero");
  }
}
