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
   * Twilio's message list (GET on the Messages resource) holding one outbound message, as a look-up
   * after an unknown outcome finds it.
   */
  public static ResponseDefinitionBuilder listed(String sid, String to, String body) {
    String message =
        """
        {"sid":"%s","account_sid":"%s","to":"%s","from":"%s","body":%s,"status":"sent","num_segments":"1",
         "direction":"outbound-api","api_version":"2010-04-01","price":"-0.04","price_unit":"USD",
         "date_created":"%s","error_code":null,"error_message":null}
        """
            .formatted(
                sid,
                ACCOUNT_SID,
                to,
                FROM,
                json(body),
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
    return page("[" + message + "]");
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
