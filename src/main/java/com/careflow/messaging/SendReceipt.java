package com.careflow.messaging;

import java.math.BigDecimal;

/**
 * What the provider answered for an accepted message.
 *
 * @param messageSid Twilio's MessageSid, or a {@code DRY_RUN-…} id in dry-run mode
 * @param status the provider's status ({@code queued}, {@code accepted}, …) or {@code DRY_RUN}
 * @param segments SMS segments the message takes, null when unknown
 * @param price the provider's price (positive), null when not yet known
 * @param priceUnit currency of {@code price}
 */
record SendReceipt(
    String messageSid, String status, Integer segments, BigDecimal price, String priceUnit) {

  public SendReceipt(String messageSid, String status) {
    this(messageSid, status, null, null, null);
  }
}
