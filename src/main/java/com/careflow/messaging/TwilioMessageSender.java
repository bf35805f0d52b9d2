package com.careflow.messaging;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

/** Sends through Twilio's Messages API with the official Java SDK. */
public class TwilioMessageSender implements MessageSender {

  private static final Logger log = LoggerFactory.getLogger(TwilioMessageSender.class);

  private final TwilioProperties props;
  private final TwilioRestClient client;

  public TwilioMessageSender(TwilioProperties props) {
    this.props = props;
    this.client =
        new TwilioRestClient.Builder(props.accountSid(), props.authToken())
            .httpClient(httpClient(props))
            .build();
  }

  @Override
  public SendReceipt send(OutboundMessage message) {
    MessageCreator creator = creator(message);
    try {
      Message sent = creator.create(client);
      log.info("Twilio accepted {} as {} ({})", message, sent.getSid(), sent.getStatus());
      return new SendReceipt(sent.getSid(), String.valueOf(sent.getStatus()));
    } catch (ApiException e) {
      int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
      boolean transientFailure = status == 429 || status >= 500;
      throw new SendFailedException(
          "Twilio refused the message (HTTP " + status + ", error " + e.getCode() + "): " + e.getMessage(),
          e.getCode(), status, !transientFailure, e);
    } catch (ApiConnectionException e) {
      throw new SendFailedException("Twilio could not be reached: " + e.getMessage(), null, 0, false, e);
    }
  }

  private MessageCreator creator(OutboundMessage message) {
    boolean whatsapp = message.channel() == Channel.WHATSAPP;
    PhoneNumber to = new PhoneNumber(whatsapp ? "whatsapp:" + message.to() : message.to());
    if (StringUtils.hasText(props.messagingServiceSid()) && !whatsapp) {
      return Message.creator(to, props.messagingServiceSid(), message.body());
    }
    String from = whatsapp ? "whatsapp:" + props.whatsappFrom() : props.from();
    return Message.creator(to, new PhoneNumber(from), message.body());
  }

  @Override
  public String mode() {
    return "twilio";
  }

  /**
   * The SDK always builds {@code https://api.twilio.com/...} URLs; a non-default base URL (a local
   * stub in tests, a proxy) is honoured by routing every request to that host instead.
   */
  static HttpClient httpClient(TwilioProperties props) {
    if (TwilioProperties.DEFAULT_BASE_URL.equals(props.baseUrl())) {
      return new NetworkHttpClient();
    }
    HttpHost target = HttpHost.create(props.baseUrl());
    HttpClientBuilder builder =
        HttpClientBuilder.create()
            .useSystemProperties()
            .setRoutePlanner((host, context) -> new HttpRoute(target));
    return new NetworkHttpClient(builder);
  }
}
