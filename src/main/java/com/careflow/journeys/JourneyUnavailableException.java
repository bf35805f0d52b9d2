package com.careflow.journeys;

/**
 * The engine could not be reached or was overloaded (gRPC UNAVAILABLE, DEADLINE_EXCEEDED,
 * RESOURCE_EXHAUSTED): a transient failure, worth retrying until the engine is back.
 */
public class JourneyUnavailableException extends RuntimeException {

  public JourneyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
