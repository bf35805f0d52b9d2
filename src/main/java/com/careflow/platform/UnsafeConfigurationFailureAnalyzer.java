package com.careflow.platform;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link UnsafeConfigurationException} into Spring Boot's "APPLICATION FAILED TO START"
 * report: one line per missing or unsafe setting, no stack trace. Registered in {@code
 * META-INF/spring.factories}.
 */
class UnsafeConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<UnsafeConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnsafeConfigurationException cause) {
    return new FailureAnalysis(
        cause.problems().stream()
            .map(problem -> "Careflow refuses to start: " + problem)
            .collect(Collectors.joining(System.lineSeparator())),
        "Set the settings named above (README, Configuration). For development, run"
            + " ./mvnw spring-boot:test-run, which starts the embedded stack instead.",
        cause);
  }
}
