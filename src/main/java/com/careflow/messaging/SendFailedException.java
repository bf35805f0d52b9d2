package com.careflow.messaging;

/**
 * The provider did not accept a message.
 *
 * <p>{@code permanent} failures (an invalid number, an opted-out recipient) must not be retried;
 * the others (rate limit, provider outage, network) may succeed later.
 */
public class SendFailedException extends RuntimeException {

  private final Integer errorCode;
  private final int httpStatus;
  private final boolean permanent;

  public SendFailedException(String message, Integer errorCode, int httpStatus, boolean permanent, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
    this.permanent = permanent;
  }

  /** Twilio's error code (21211, 21610, …), or null when none was given. */
  public Integer errorCode() {
    return errorCode;
  }

  /** The HTTP status of the provider's answer, 0 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  public boolean permanent() {
    return permanent;
  }
}
