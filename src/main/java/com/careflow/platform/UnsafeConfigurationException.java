package com.careflow.platform;

import java.util.List;

/**
 * Thrown at start-up by {@link ProductionStartupChecks} when the configuration is not safe for
 * production; {@link UnsafeConfigurationFailureAnalyzer} prints it without a stack trace.
 */
class UnsafeConfigurationException extends RuntimeException {

  private final List<String> problems;

  /**
   * @param problems one sentence per problem, each naming the setting
   */
  public UnsafeConfigurationException(List<String> problems) {
    super("Careflow refuses to start: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One sentence per problem, each naming the setting and its environment variable. */
  public List<String> problems() {
    return problems;
  }
}
