package com.careflow.messaging;

import com.careflow.coupons.CouponCodeRedaction;
import com.careflow.messagestatus.MessageStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Used when no Twilio credentials are configured: logs what a buyer would get and accepts it, so
 * the embedded mode and demos show every message (the rendered text is in the message log) without
 * anything leaving the machine. The log line masks the phone number and the coupon codes, as every
 * log does; the message log keeps the full text for operations admins.
 */
class DryRunMessageSender implements MessageSender {

  public static final MessageStatus STATUS = MessageStatus.DRY_RUN;
  private static final Logger log = LoggerFactory.getLogger(DryRunMessageSender.class);

  @Override
  public SendReceipt send(OutboundMessage message) {
    String id = "DRY_RUN-" + UUID.randomUUID();
    log.info(
        "[dry run] {} {} to {}: {}",
        message.channel(),
        id,
        PhoneNumbers.mask(message.to()),
        CouponCodeRedaction.redact(message.body()));
    return new SendReceipt(id, STATUS);
  }

  /** Nothing ever left the machine, so there is nothing to find: a dry retry runs dry again. */
  @Override
  public List<SendReceipt> findSent(OutboundMessage message, Instant since) {
    return List.of();
  }

  @Override
  public String mode() {
    return "dry-run";
  }
}
