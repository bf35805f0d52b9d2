/**
 * Messages to buyers through Twilio (SMS, WhatsApp): quiet hours (R4), templates, consent and
 * opt-outs, rate limits, the send log and Twilio's status and reply webhooks. Owns the tables
 * {@code message_log} (V1), {@code contact_status}, {@code message_cap_lock} (V3), {@code
 * inbound_reply}, {@code unmatched_status_report} and {@code contact_flag_audit} (V7), {@code
 * message_text} and {@code message_text_version} (V12, the message texts operations edit) and
 * {@code send_rate_bucket} (V14, the send limit shared by every instance).
 *
 * <p>Exposes {@link com.careflow.messaging.MessagingJobTypes} (its workers {@code plan-send-time}
 * and {@code send-message}), the settings {@link com.careflow.messaging.MessagingProperties} and
 * {@link com.careflow.messaging.TwilioProperties} (checked at start-up by platform), {@link
 * com.careflow.messaging.MessageLog}, {@link com.careflow.messaging.Channel} and {@link
 * com.careflow.messaging.MessageCategory}. Reads contact data from customers, asks experiments
 * which group a buyer is in, tells analytics of each send. Also exposes {@link
 * com.careflow.messaging.SkipRecorder} and {@link com.careflow.messaging.SkipReason} (campaigns
 * record their skips in the message log), {@link com.careflow.messaging.Contactability} (the send
 * gate's check of the buyer, asked before a journey spends on a message), {@link
 * com.careflow.messaging.CustomerMessages} and {@link com.careflow.messaging.MessageTexts} (the
 * dashboard's pages), and needs {@link com.careflow.messaging.DeployedModels} (implemented by
 * platform). Masks coupon codes in its logs with coupons' redaction.
 */
@ApplicationModule(
    allowedDependencies = {
      "analytics",
      "backoff",
      "coupons",
      "customers",
      "experiments",
      "messagestatus",
      "security"
    })
package com.careflow.messaging;

import org.springframework.modulith.ApplicationModule;
