package com.careflow.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Twilio's Messages API, stubbed with WireMock so the real Twilio SDK talks HTTP to it. Answers
 * follow Twilio's documented shapes (a Message resource, or an error with {@code code}).
 */
public final class TwilioStub {

  public static final String ACCOUNT_SID = "ACtest00000000000000000000000000";
  public static final String AUTH_TOKEN = "test-auth-token";
  public static final String FROM = "+15005550006";
  public static final String MESSAGES_PATH =
      "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

  private TwilioStub() {}

  /** Starts the stub if needed and points Careflow's Twilio settings at it. */
  public static void register(DynamicPropertyRegistry registry, WireMockServer wireMock) {
    if (!wireMock.isRunning()) {
      wireMock.start();
    }
    registry.add("careflow.twilio.base-url", wireMock::baseUrl);
    registry.add("careflow.twilio.account-sid", () -> ACCOUNT_SID);
    registry.add("careflow.twilio.auth-token", () -> AUTH_TOKEN);
    registry.add("careflow.twilio.from", () -> FROM);
  }

  /** Every message is accepted with this SID and status {@code queued}. */
  public static void acceptMessages(WireMockServer wireMock, String sid) {
    wireMock.stubFor(post(urlPathMatching(MESSAGES_PATH)).willReturn(accepted(sid)));
  }

  public static ResponseDefinitionBuilder accepted(String sid) {
    return aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"sid":"%s","account_sid":"%s","status":"queued","num_segments":"1","direction":"outbound-api",
             "api_version":"2010-04-01","price":null,"error_code":null,"error_message":null}
            """
                .formatted(sid, ACCOUNT_SID));
  }

  /**
   * Twilio's message list (GET on the Messages resource) holding one outbound message from {@link
   * #FROM}, created now, as a look-up after an unknown outcome finds it.
   */
  public static ResponseDefinitionBuilder listed(String sid, String to, String body) {
    return listed(sid, to, FROM, body, java.time.Instant.now());
  }

  /**
   * Twilio's message list holding one outbound message from {@code from}, created at {@code
   * createdAt}; dates in Twilio's RFC 2822 form ({@code Thu, 30 Jul 2015 20:12:31 +0000}).
   */
  public static ResponseDefinitionBuilder listed(
      String sid, String to, String from, String body, java.time.Instant createdAt) {
    String message =
        """
        {"sid":"%s","account_sid":"%s","to":"%s","from":"%s","body":%s,"status":"sent","num_segments":"1",
         "direction":"outbound-api","api_version":"2010-04-01","price":"-0.04","price_unit":"USD",
         "date_created":"%s","date_sent":"%s","error_code":null,"error_message":null}
        """
            .formatted(
                sid, ACCOUNT_SID, to, from, json(body), rfc2822(createdAt), rfc2822(createdAt));
    return page("[" + message + "]");
  }

  /** Twilio's date form in API answers. */
  public static String rfc2822(java.time.Instant at) {
    return java.time.format.DateTimeFormatter.ofPattern(
            "EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.ENGLISH)
        .format(at.atZone(java.time.ZoneOffset.UTC));
  }

  /** Twilio's message list with nothing in it. */
  public static ResponseDefinitionBuilder emptyList() {
    return page("[]");
  }

  private static ResponseDefinitionBuilder page(String messages) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"messages":%s,"uri":"%s","first_page_uri":"%s","next_page_uri":null,"previous_page_uri":null,
             "page":0,"page_size":50,"start":0,"end":0}
            """
                .formatted(messages, MESSAGES_PATH, MESSAGES_PATH));
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Twilio's error answer, e.g. 400 with code 21211 for an invalid number. */
  public static ResponseDefinitionBuilder error(int httpStatus, int code, String message) {
    return aResponse()
        .withStatus(httpStatus)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"code":%d,"message":"%s","more_info":"https://www.twilio.com/docs/errors/%d","status":%d}
            """
                .formatted(code, message, code, httpStatus));
  }
}
