/**
 * Messages to buyers through Twilio (SMS, WhatsApp): quiet hours (R4), templates, consent and
 * opt-outs, rate limits, the send log and Twilio's status and reply webhooks. Owns the tables
 * {@code message_log} (V1), {@code contact_status}, {@code message_cap_lock} (V3), {@code
 * inbound_reply}, {@code unmatched_status_report} and {@code contact_flag_audit} (V7).
 *
 * <p>Exposes {@link com.careflow.messaging.MessagingJobTypes} (its workers {@code plan-send-time}
 * and {@code send-message}), {@link com.careflow.messaging.MessageSender} and the settings {@link
 * com.careflow.messaging.MessagingProperties} and {@link com.careflow.messaging.TwilioProperties}
 * (checked at start-up by platform), {@link com.careflow.messaging.MessageLog}, {@link
 * com.careflow.messaging.Channel} and {@link com.careflow.messaging.MessageCategory}. Reads contact
 * data from customers, asks experiments which group a buyer is in, tells analytics of each send.
 */
@ApplicationModule(allowedDependencies = {"analytics", "customers", "experiments", "security"})
package com.careflow.messaging;

import org.springframework.modulith.ApplicationModule;
