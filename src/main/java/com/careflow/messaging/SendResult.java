package com.careflow.messaging;

import com.careflow.messagestatus.MessageStatus;
import java.time.Duration;

/**
 * What became of one send, as {@link MessageService#send} reports it. The job worker maps it onto
 * Camunda's protocol ({@link SendMessageWorker#complete}): {@link Sent} and {@link Skipped}
 * complete the job, {@link Undeliverable} throws the BPMN error the journey catches, {@link
 * RetryLater} fails the job with a backoff, {@link AccountProblem} raises an incident (no retries)
 * whose message says what to fix.
 */
sealed interface SendResult {

  /**
   * The provider accepted it (now or on an earlier attempt), or the dry run recorded it.
   *
   * @param status the provider's status ({@code QUEUED}, …) or {@code DRY_RUN}
   * @param messageSid Twilio's MessageSid, or a {@code DRY_RUN-…} id
   */
  record Sent(MessageStatus status, String messageSid) implements SendResult {}

  /**
   * Deliberately not sent; recorded in the message log with its reason.
   *
   * @param reason {@code NO_CONSENT}, {@code OPTED_OUT}, {@code FREQUENCY_CAP}, or a {@code
   *     REASON_EXPIRED_…} reason (the order was paid, cancelled or refunded meanwhile)
   */
  record Skipped(String reason) implements SendResult {}

  /**
   * The buyer cannot receive it (no number, a number Twilio calls invalid): the journey's error
   * path, never a retry.
   *
   * @param errorCode Twilio's error code, null when none applies
   */
  record Undeliverable(Integer errorCode, String reason) implements SendResult {}

  /**
   * Nothing known to be sent yet, worth another attempt after {@code delay}.
   *
   * @param consumesRetry false for waits that are no failure (quiet hours, another worker's lease)
   */
  record RetryLater(String reason, Duration delay, boolean consumesRetry) implements SendResult {}

  /**
   * The shop's side is misconfigured (credentials, sender, region permission, a template): no retry
   * helps and the buyer is not to blame. An incident whose message says what to fix.
   *
   * @param errorCode Twilio's error code, null for a problem found before calling Twilio
   */
  record AccountProblem(Integer errorCode, String whatToFix) implements SendResult {}
}
