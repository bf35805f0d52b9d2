package com.careflow.messaging;

/** How a message reaches the buyer; both go through Twilio's Messages API. */
public enum Channel {
  SMS,
  WHATSAPP
}
