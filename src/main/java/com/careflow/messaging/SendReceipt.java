package com.careflow.messaging;

import com.careflow.messagestatus.MessageStatus;
import java.math.BigDecimal;

/**
 * What the provider answered for an accepted message.
 *
 * @param messageSid Twilio's MessageSid, or a {@code DRY_RUN-…} id in dry-run mode
 * @param status the provider's status ({@code QUEUED}, {@code ACCEPTED}, …) or {@code DRY_RUN}; the
 *     adapter maps the provider's value ({@link MessageStatus#fromTwilio})
 * @param segments SMS segments the message takes, null when unknown
 * @param price the provider's price (positive), null when not yet known
 * @param priceUnit currency of {@code price}
 */
record SendReceipt(
    String messageSid, MessageStatus status, Integer segments, BigDecimal price, String priceUnit) {

  public SendReceipt(String messageSid, MessageStatus status) {
    this(messageSid, status, null, null, null);
  }
}
