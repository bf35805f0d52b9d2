package com.careflow.messaging;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Twilio account and sender settings. Without {@code accountSid} and {@code authToken} Careflow
 * runs in dry-run mode: messages are rendered, logged (numbers masked) and recorded, never sent.
 *
 * @param accountSid the account SID ({@code AC…}); from the environment, never the repository
 * @param authToken the auth token; from the environment, never the repository
 * @param from the sending number for SMS (E.164)
 * @param whatsappFrom the sending number for WhatsApp (E.164, without the {@code whatsapp:} prefix)
 * @param messagingServiceSid a Messaging Service ({@code MG…}) to send through instead of {@code
 *     from}
 * @param baseUrl Twilio's API root; tests point it at a local stub
 * @param webhookBaseUrl this service's public root as Twilio sees it, path prefix included (e.g.
 *     {@code https://shop.example/careflow}); used to ask for status callbacks and to check {@code
 *     X-Twilio-Signature}, which signs the public URL, not the one behind a proxy
 * @param connectTimeout how long to wait for a connection to Twilio
 * @param readTimeout how long to wait for Twilio's answer; after that the outcome is unknown and is
 *     reconciled by looking the message up before any resend
 */
@ConfigurationProperties("careflow.twilio")
public record TwilioProperties(
    String accountSid,
    String authToken,
    String from,
    String whatsappFrom,
    String messagingServiceSid,
    @DefaultValue(DEFAULT_BASE_URL_TEXT) URI baseUrl,
    URI webhookBaseUrl,
    @DefaultValue("PT10S") Duration connectTimeout,
    @DefaultValue("PT30S") Duration readTimeout) {

  /** Twilio's API root, the default of {@code baseUrl} (written once). */
  static final String DEFAULT_BASE_URL_TEXT = "https://api.twilio.com";

  public static final URI DEFAULT_BASE_URL = URI.create(DEFAULT_BASE_URL_TEXT);

  /** True when credentials are set, so messages really go out. */
  public boolean configured() {
    return StringUtils.hasText(accountSid) && StringUtils.hasText(authToken);
  }

  /**
   * The public URL Twilio calls for {@code path} ({@code /api/twilio/status}): the webhook base URL
   * with its own path kept ({@code https://shop.example/careflow} → {@code
   * https://shop.example/careflow/api/twilio/status}), unlike {@link URI#resolve}, which replaces a
   * base path with an absolute one. Null when no webhook base URL is configured.
   */
  public String webhookUrl(String path) {
    if (webhookBaseUrl == null) {
      return null;
    }
    String base = webhookBaseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + (path.startsWith("/") ? path : "/" + path);
  }

  @Override
  public String toString() {
    return "TwilioProperties[accountSid="
        + accountSid
        + ", from="
        + PhoneNumbers.mask(from)
        + ", baseUrl="
        + baseUrl
        + "]";
  }
}
