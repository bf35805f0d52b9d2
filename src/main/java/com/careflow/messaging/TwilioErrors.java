package com.careflow.messaging;

import java.util.Map;
import java.util.Set;

/**
 * Whose problem a Twilio error code is (see https://www.twilio.com/docs/api/errors). A refusal is
 * the buyer's only when it is about the number itself; when the shop's account or sender is
 * misconfigured, the buyer's number must not be flagged and an operator must fix the cause.
 */
final class TwilioErrors {

  private TwilioErrors() {}

  /** The recipient replied STOP; Twilio refuses every send to the number (rule R22). */
  static final int UNSUBSCRIBED = 21610;

  /** Too many requests: the account's or sender's rate limit (comes with HTTP 429). */
  static final int TOO_MANY_REQUESTS = 20429;

  /** The sender's queue is full; it drains by itself (Twilio: retry later). */
  static final int QUEUE_OVERFLOW = 21611;

  /** The number itself can never receive SMS: the number is flagged invalid. */
  static final Set<Integer> INVALID_NUMBER =
      Set.of(
          21211, // invalid 'To' phone number
          21214, // 'To' phone number cannot be reached
          21217, // phone number does not appear to be valid
          21401, // invalid phone number
          21407, // this phone number type does not support SMS or MMS
          21614); // 'To' number is not a valid mobile number

  /** The shop's account or sender is misconfigured: what an operator must fix. */
  static final Map<Integer, String> ACCOUNT_PROBLEMS =
      Map.ofEntries(
          Map.entry(
              20003,
              "Twilio rejected the credentials: check careflow.twilio.account-sid and"
                  + " careflow.twilio.auth-token (CAREFLOW_TWILIO_ACCOUNTSID / _AUTHTOKEN)"),
          Map.entry(
              20005,
              "The Twilio account is not active (suspended or closed): reactivate it in the"
                  + " Twilio Console"),
          Map.entry(
              20404,
              "Twilio does not know a resource Careflow sends with: check the account SID and"
                  + " careflow.twilio.messaging-service-sid"),
          Map.entry(
              21212,
              "The sender is not a valid phone number, short code or alphanumeric sender ID:"
                  + " check careflow.twilio.from / whatsapp-from"),
          Map.entry(
              21408,
              "SMS to this destination's region is not enabled on the Twilio account: enable the"
                  + " country under Messaging > Settings > Geo permissions in the Twilio Console"),
          Map.entry(
              21603,
              "No sender configured: set careflow.twilio.from or careflow.twilio.messaging-service-sid"),
          Map.entry(
              21606,
              "The sender cannot send SMS to this destination: use a message-capable Twilio number"
                  + " for this country in careflow.twilio.from, or a Messaging Service"),
          Map.entry(
              21608,
              "The Twilio account is a trial account, which sends only to verified numbers:"
                  + " upgrade the account or verify the number"),
          Map.entry(
              21612,
              "Twilio cannot send with this combination of sender and destination: use a sender"
                  + " that can reach this country (careflow.twilio.from or a Messaging Service)"),
          Map.entry(
              21659,
              "The sender is not a Twilio number of this account, or not valid for this"
                  + " destination: check careflow.twilio.from"),
          Map.entry(
              21701,
              "The Messaging Service does not exist: check careflow.twilio.messaging-service-sid"),
          Map.entry(
              21703,
              "The Messaging Service has no sender in its pool: add a number in the Twilio Console"),
          Map.entry(
              21704,
              "The Messaging Service has no sender in its pool: add a number in the Twilio Console"),
          Map.entry(
              21617, "The message is longer than Twilio's 1,600 characters: shorten the template"));

  /** Twilio codes worth a later retry although they come with HTTP 400. */
  static final Set<Integer> TRANSIENT = Set.of(QUEUE_OVERFLOW, TOO_MANY_REQUESTS, 14107);
}
