package com.careflow.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

  /** Real Twilio when credentials are configured, the dry run otherwise. */
  @Bean
  MessageSender messageSender(TwilioProperties twilio) {
    if (twilio.configured()) {
      return new TwilioMessageSender(twilio);
    }
    log.info("No Twilio credentials (CAREFLOW_TWILIO_ACCOUNTSID / CAREFLOW_TWILIO_AUTHTOKEN): messages run dry");
    return new DryRunMessageSender();
  }
}
