package com.careflow.messaging;

import java.time.Instant;
import java.util.Optional;

/**
 * The port to the outside messaging provider. Journeys and workers talk to this, never to Twilio
 * directly, so tests swap only the edge.
 */
public interface MessageSender {

  /**
   * Hands one message to the provider, in one request (retries belong to the job, so each one is
   * counted and backed off where Operate shows it).
   *
   * @throws SendFailedException when the provider refused, could not be reached, or did not answer
   */
  SendReceipt send(OutboundMessage message);

  /**
   * Looks for a message the provider already accepted: the same text to the same number, created at
   * or after {@code since}. Used before resending after an unknown outcome.
   */
  Optional<SendReceipt> findSent(OutboundMessage message, Instant since);

  /** A short name for logs and the start-up summary ({@code twilio}, {@code dry-run}). */
  String mode();
}
