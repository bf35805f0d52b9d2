package com.careflow.messaging;

/**
 * The port to the outside messaging provider. Journeys and workers talk to this, never to Twilio
 * directly, so tests swap only the edge.
 */
public interface MessageSender {

  /**
   * Hands one message to the provider.
   *
   * @throws SendFailedException when the provider refused or could not be reached
   */
  SendReceipt send(OutboundMessage message);

  /** A short name for logs and the start-up summary ({@code twilio}, {@code dry-run}). */
  String mode();
}
