package com.careflow.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused login configuration into Spring Boot's short "APPLICATION FAILED TO START". */
class LoginConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<LoginConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, LoginConfigurationException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Configure operators (careflow.security.users[0].username / password / roles, password as"
            + " {bcrypt}...) or a JWT issuer (spring.security.oauth2.resourceserver.jwt.issuer-uri);"
            + " see the README, \"Login and roles\".",
        cause);
  }
}
