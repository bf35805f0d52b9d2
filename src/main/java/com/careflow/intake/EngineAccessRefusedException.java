package com.careflow.intake;

import io.grpc.Status.Code;

/**
 * Zeebe refused Careflow's credentials ({@code UNAUTHENTICATED}) or its permission to publish
 * ({@code PERMISSION_DENIED}). Not the event's fault: the record is never dead-lettered; the error
 * handler seeks back to it and {@link EngineAccessPause} pauses the shop-event listeners until the
 * outbox relay's probe publish is accepted.
 */
class EngineAccessRefusedException extends RuntimeException {

  private final Code code;

  EngineAccessRefusedException(Code code, Throwable cause) {
    super("Zeebe refused Careflow's credentials (" + code + "): fix the client credentials", cause);
    this.code = code;
  }

  /** {@code UNAUTHENTICATED} or {@code PERMISSION_DENIED}. */
  Code code() {
    return code;
  }
}
