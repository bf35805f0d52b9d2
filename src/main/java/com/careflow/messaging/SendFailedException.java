package com.careflow.messaging;

/**
 * The provider did not (knowingly) accept a message.
 *
 * <p>{@link Kind#REJECTED} failures (an invalid number, an opted-out recipient) must not be
 * retried; {@link Kind#RETRYABLE} ones (429, network refused) may succeed later and nothing was
 * sent; {@link Kind#UNKNOWN} ones (a timeout after the request went out, a 5xx) may or may not have
 * created the message, so a retry looks it up before sending again.
 */
class SendFailedException extends RuntimeException {

  public enum Kind {
    REJECTED,
    RETRYABLE,
    UNKNOWN
  }

  private final Integer errorCode;
  private final int httpStatus;
  private final Kind kind;

  public SendFailedException(
      String message, Integer errorCode, int httpStatus, Kind kind, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
    this.kind = kind;
  }

  /** Twilio's error code (21211, 21610, …), or null when none was given. */
  public Integer errorCode() {
    return errorCode;
  }

  /** The HTTP status of the provider's answer, 0 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  public Kind kind() {
    return kind;
  }

  public boolean permanent() {
    return kind == Kind.REJECTED;
  }
}
