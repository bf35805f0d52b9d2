package com.careflow.messaging;

import java.util.Objects;

/**
 * One rendered message for one phone number.
 *
 * @param to the buyer's number in E.164 ({@code +8613800138000})
 * @param body the rendered text
 * @param channel SMS or WhatsApp
 */
record OutboundMessage(String to, String body, Channel channel) {

  public OutboundMessage {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(channel, "channel");
  }

  @Override
  public String toString() {
    return "OutboundMessage[to="
        + PhoneNumbers.mask(to)
        + ", channel="
        + channel
        + ", chars="
        + body.length()
        + "]";
  }
}
