package com.careflow.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port to the outside messaging provider. Journeys and workers talk to this, never to Twilio
 * directly, so tests swap only the edge.
 */
interface MessageSender {

  /**
   * Hands one message to the provider, in one request (retries belong to the job, so each one is
   * counted and backed off where Operate shows it).
   *
   * @throws SendFailedException when the provider refused, could not be reached, or did not answer
   */
  SendReceipt send(OutboundMessage message);

  /**
   * Looks for messages the provider already accepted: the same text to the same number from this
   * sender (number or Messaging Service), created at or after {@code since} (less the clock skew
   * the sender allows for), oldest first. Used before resending after an unknown outcome.
   */
  List<SendReceipt> findSent(OutboundMessage message, Instant since);

  /**
   * Waits for the sender's rate limit to allow one more request (rule of the sender's
   * messages-per-second). Called right before {@link #send}, so what is checked after the wait is
   * current when the request goes out.
   *
   * @throws SendFailedException (retryable, nothing sent) when no permit came in time
   */
  default void awaitSendPermit() {}

  /**
   * Waits for the sender's rate limit to allow {@code message}, counted as the provider counts it
   * (SMS segments for Twilio). Called right before {@link #send}; by default {@link
   * #awaitSendPermit()}.
   *
   * @throws SendFailedException (retryable, nothing sent) when no permit came in time
   */
  default void awaitSendPermit(OutboundMessage message) {
    awaitSendPermit();
  }

  /**
   * Waits for the sender's rate limit as a message of {@code category} does: transactional messages
   * go before marketing ones while the limit is saturated (issue #19). By default {@link
   * #awaitSendPermit(OutboundMessage)}, the same for both.
   *
   * @throws SendFailedException (retryable, nothing sent) when no permit came in time
   * @throws SegmentRateLimiter.SendDeferred a marketing message that gives way (nothing sent, the
   *     job comes back later with its retries untouched)
   */
  default void awaitSendPermit(OutboundMessage message, MessageCategory category) {
    awaitSendPermit(message);
  }

  /**
   * Whether a marketing message should not start now because the sender is saturated and enough
   * marketing messages already wait on this instance: the backoff to defer its job by, else empty.
   * Checked before any other work for the send; never true for a sender without a limit.
   */
  default Optional<java.time.Duration> marketingDeferral() {
    return Optional.empty();
  }

  /**
   * When the provider created a message (an inbound reply's send time), for ordering replies that
   * arrive out of order; empty when unknown or the provider cannot be asked.
   */
  default Optional<Instant> createdAt(String messageSid) {
    return Optional.empty();
  }

  /** A short name for logs and the start-up summary ({@code twilio}, {@code dry-run}). */
  String mode();
}
