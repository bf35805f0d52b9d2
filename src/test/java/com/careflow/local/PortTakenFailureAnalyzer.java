package com.careflow.local;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A development start-up on a taken port ends with Spring Boot's short failure report naming the
 * port and the setting to change, instead of a BindException's stack traces. Registered in {@code
 * src/test/resources/META-INF/spring.factories}.
 */
class PortTakenFailureAnalyzer extends AbstractFailureAnalyzer<LocalStack.PortTakenException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, LocalStack.PortTakenException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set "
            + cause.setting()
            + " to a free port (e.g. "
            + cause.setting()
            + "="
            + (cause.port() + 1)
            + ") or stop the process that listens on port "
            + cause.port()
            + ".",
        null);
  }
}
