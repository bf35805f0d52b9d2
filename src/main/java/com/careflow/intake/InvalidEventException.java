package com.careflow.intake;

/**
 * A record that can never take effect however often it is retried: malformed JSON, an unknown
 * {@code type}, a missing or out-of-range field. The error handler sends it straight to the topic's
 * dead-letter topic with {@link #reason()} in the {@code careflow-dlt-reason} header.
 */
class InvalidEventException extends RuntimeException {

  private final String reason;

  InvalidEventException(String reason) {
    super(reason);
    this.reason = reason;
  }

  InvalidEventException(String reason, Throwable cause) {
    super(reason, cause);
    this.reason = reason;
  }

  /** Why the record was refused, for a person reading the dead-letter topic. */
  String reason() {
    return reason;
  }
}
