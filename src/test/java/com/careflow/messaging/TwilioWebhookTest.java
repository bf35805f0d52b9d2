package com.careflow.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.customers.OrderHistory;
import com.careflow.messagestatus.MessageStatus;
import com.careflow.support.TestDatabase;
import com.careflow.support.TwilioStub;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Twilio's webhooks as Twilio sends them (issue #15 faults 1, 2 and 7): signed over the public URL
 * with its query string, behind a path prefix; replies as buyers type them; out-of-order and
 * duplicate deliveries. The real database, the real SDK against the WireMock stub for sends.
 */
@JdbcTest(properties = "careflow.local.enabled=false")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class TwilioWebhookTest {

  static final WireMockServer twilio =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());

  /** A shop that serves Careflow under a path prefix behind its proxy. */
  static final String PREFIXED_BASE = "https://shop.example/careflow";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @BeforeAll
  static void startStub() {
    twilio.start();
  }

  @AfterAll
  static void stopStub() {
    twilio.stop();
  }

  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-11T04:00:00Z"));
  CustomerProfiles customers;
  MessageLog messageLog;
  ContactStatus contacts;

  @BeforeEach
  void setUp() {
    twilio.resetAll();
    customers = new CustomerProfiles(jdbc, clock);
    messageLog = new MessageLog(jdbc, clock);
    contacts = new ContactStatus(jdbc, clock);
  }

  TwilioProperties twilioProps(String base) {
    return MessagingTestSupport.twilio(
        twilio.baseUrl(), Map.of("careflow.twilio.webhook-base-url", base));
  }

  MockMvc webhooks(String base) {
    return MockMvcBuilders.standaloneSetup(
            new TwilioWebhookController(
                twilioProps(base),
                MessagingTestSupport.messaging(Map.of()),
                messageLog,
                contacts,
                new TwilioMessageSender(
                    twilioProps(base),
                    MessagingTestSupport.localLimit(1000, Duration.ofSeconds(5))),
                clock,
                event -> {}))
        .build();
  }

  MessageService service(String base) {
    MessagingProperties props = MessagingTestSupport.messaging(Map.of());
    return new MessageService(
        customers,
        new OrderHistory(jdbc, clock),
        MessagingTestSupport.texts(jdbc, props, transactions, clock),
        messageLog,
        contacts,
        new TwilioMessageSender(
            twilioProps(base), MessagingTestSupport.localLimit(1000, Duration.ofSeconds(5))),
        props,
        new QuietHoursProperties(
            LocalTime.of(2, 0), LocalTime.of(9, 0), ZoneId.of("Asia/Shanghai")),
        transactions,
        clock);
  }

  String buyer() {
    String id = "c-" + UUID.randomUUID();
    String phone =
        "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    customers.upsertProfile(
        new Customer(id, "Li Lei", phone, "en", "Asia/Shanghai", null, true, 0));
    return id;
  }

  String phoneOf(String customerId) {
    return customers.find(customerId).orElseThrow().phone();
  }

  MessageService.SendRequest request(String customerId) {
    return new MessageService.SendRequest(
        "1/Activity_Send/" + UUID.randomUUID(),
        customerId,
        "o-1",
        1L,
        "Activity_Send",
        "payment-reminder-new",
        MessageCategory.TRANSACTIONAL,
        Channel.SMS,
        Map.of(),
        5);
  }

  /**
   * A webhook as Twilio posts it: {@code pathAndQuery} is what reaches this service, the signature
   * is over {@code signedUrl} (the full public URL, query included) and the POST body only.
   */
  static MockHttpServletRequestBuilder twilioPost(
      String pathAndQuery, Map<String, String> body, String signedUrl) {
    MockHttpServletRequestBuilder request =
        MockMvcRequestBuilders.post(java.net.URI.create(pathAndQuery))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED);
    body.forEach(request::param);
    request.header(
        "X-Twilio-Signature",
        MessagingTestSupport.signature(TwilioStub.AUTH_TOKEN, signedUrl, body));
    return request;
  }

  // ---- fault 1: signatures over the full URL with its query; a base URL with a path prefix

  @Test
  void fault1_aCallbackWhoseUrlCarriesAQueryStringIsAccepted() throws Exception {
    TwilioStub.acceptMessages(twilio, "SM-query");
    String c = buyer();
    service(PREFIXED_BASE).send(request(c));
    Map<String, String> delivered =
        Map.of(
            "MessageSid", "SM-query",
            "MessageStatus", "delivered",
            "AccountSid", TwilioStub.ACCOUNT_SID);
    String path = TwilioMessageSender.STATUS_CALLBACK_PATH;

    webhooks(PREFIXED_BASE)
        .perform(
            twilioPost(
                path + "?route=eu-1&trace=a%20b",
                delivered,
                PREFIXED_BASE + path + "?route=eu-1&trace=a%20b"))
        .andExpect(status().isNoContent());

    assertThat(messageLog.findByMessageSid("SM-query"))
        .get()
        .returns(MessageStatus.DELIVERED, MessageLog.Entry::status);
  }

  @Test
  void fault1_theQueryIsPartOfTheSignedUrlNotOfTheSignedParameters() throws Exception {
    Map<String, String> body = Map.of("MessageSid", "SM-x", "MessageStatus", "delivered");
    Map<String, String> merged = new HashMap<>(body);
    merged.put("route", "eu-1");
    String path = TwilioMessageSender.STATUS_CALLBACK_PATH;
    MockMvc mvc = webhooks(PREFIXED_BASE);

    // signed the old, wrong way: query parameters merged into the form parameters
    var wrong =
        MockMvcRequestBuilders.post(java.net.URI.create(path + "?route=eu-1"))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .header(
                "X-Twilio-Signature",
                MessagingTestSupport.signature(
                    TwilioStub.AUTH_TOKEN, PREFIXED_BASE + path, merged));
    body.forEach(wrong::param);
    mvc.perform(wrong).andExpect(status().isForbidden());
    // a query the caller added after Twilio signed
    mvc.perform(twilioPost(path + "?route=eu-2", body, PREFIXED_BASE + path + "?route=eu-1"))
        .andExpect(status().isForbidden());
  }

  @Test
  void fault1_aBaseUrlWithAPathPrefixKeepsItForTheCallbackAndTheSignature() throws Exception {
    TwilioStub.acceptMessages(twilio, "SM-prefix");
    String c = buyer();
    service(PREFIXED_BASE + "/").send(request(c));

    assertThat(
            twilio
                .findAll(postRequestedFor(urlPathEqualTo(TwilioStub.MESSAGES_PATH)))
                .getFirst()
                .formParameter("StatusCallback")
                .firstValue())
        .isEqualTo("https://shop.example/careflow/api/twilio/status");

    Map<String, String> sent = Map.of("MessageSid", "SM-prefix", "MessageStatus", "sent");
    String path = TwilioMessageSender.STATUS_CALLBACK_PATH;
    MockMvc mvc = webhooks(PREFIXED_BASE);
    mvc.perform(twilioPost(path, sent, "https://shop.example" + path))
        .andExpect(status().isForbidden());
    mvc.perform(twilioPost(path, sent, PREFIXED_BASE + path)).andExpect(status().isNoContent());
    assertThat(messageLog.findByMessageSid("SM-prefix"))
        .get()
        .returns(MessageStatus.SENT, MessageLog.Entry::status);
  }

  // ---- fault 2: opt-out words as buyers write them (rule R22)

  Map<String, String> reply(String from, String body, String sid) {
    return Map.of("From", from, "To", TwilioStub.FROM, "Body", body, "MessageSid", sid);
  }

  @ParameterizedTest(name = "fault 2 / R22: the reply \"{0}\" opts out")
  @ValueSource(strings = {"Stop.", "ＴＤ", "stop ", "退订。", "td！", "T", "t。", " 退订 ", "Unsubscribe!"})
  void fault2_r22_repliesAsBuyersWriteThemOptOut(String body) throws Exception {
    String c = buyer();
    webhooks(PREFIXED_BASE)
        .perform(
            twilioPost(
                TwilioWebhookController.INBOUND_PATH,
                reply(phoneOf(c), body, "SMin-" + UUID.randomUUID()),
                PREFIXED_BASE + TwilioWebhookController.INBOUND_PATH))
        .andExpect(status().isOk());
    assertThat(contacts.optedOut(phoneOf(c))).isTrue();
  }

  @ParameterizedTest(name = "fault 2 / R22: the reply \"{0}\" is not an opt-out")
  @ValueSource(strings = {"Thanks, when does it ship?", "stop sending me coupons pls", "TT", "To"})
  void fault2_r22_otherRepliesDoNotOptOut(String body) throws Exception {
    String c = buyer();
    webhooks(PREFIXED_BASE)
        .perform(
            twilioPost(
                TwilioWebhookController.INBOUND_PATH,
                reply(phoneOf(c), body, "SMin-" + UUID.randomUUID()),
                PREFIXED_BASE + TwilioWebhookController.INBOUND_PATH))
        .andExpect(status().isOk());
    assertThat(contacts.optedOut(phoneOf(c))).isFalse();
  }

  // ---- fault 7: webhooks that lose data

  String inbound() {
    return PREFIXED_BASE + TwilioWebhookController.INBOUND_PATH;
  }

  void reply(MockMvc mvc, String phone, String body, String sid) throws Exception {
    mvc.perform(
            twilioPost(TwilioWebhookController.INBOUND_PATH, reply(phone, body, sid), inbound()))
        .andExpect(status().isOk());
  }

  /** Twilio's Message resource for an inbound reply, as a fetch by SID answers. */
  void twilioKnows(String sid, String from, String body, Instant createdAt) {
    twilio.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get(
                urlPathEqualTo(
                    "/2010-04-01/Accounts/"
                        + TwilioStub.ACCOUNT_SID
                        + "/Messages/"
                        + sid
                        + ".json"))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"sid":"%s","account_sid":"%s","to":"%s","from":"%s","body":"%s",
                         "status":"received","direction":"inbound","date_created":"%s"}
                        """
                            .formatted(
                                sid,
                                TwilioStub.ACCOUNT_SID,
                                TwilioStub.FROM,
                                from,
                                body,
                                TwilioStub.rfc2822(createdAt)))));
  }

  @Test
  void fault7_r22_aLateStartCannotUndoANewerStop() throws Exception {
    String c = buyer();
    String phone = phoneOf(c);
    Instant sent = Instant.parse("2026-11-11T03:00:00Z");
    twilioKnows("SMin-start", phone, "START", sent);
    twilioKnows("SMin-stop", phone, "STOP", sent.plusSeconds(40));
    MockMvc mvc = webhooks(PREFIXED_BASE);

    reply(mvc, phone, "STOP", "SMin-stop"); // the newer reply arrives first
    reply(mvc, phone, "START", "SMin-start"); // the older one late

    assertThat(contacts.optedOut(phone)).isTrue();
  }

  @Test
  void fault7_r22_aStartSentAfterTheStopStillOptsBackIn() throws Exception {
    String c = buyer();
    String phone = phoneOf(c);
    Instant sent = Instant.parse("2026-11-11T03:00:00Z");
    twilioKnows("SMin-stop2", phone, "STOP", sent);
    twilioKnows("SMin-start2", phone, "START", sent.plusSeconds(40));
    MockMvc mvc = webhooks(PREFIXED_BASE);

    reply(mvc, phone, "STOP", "SMin-stop2");
    reply(mvc, phone, "START", "SMin-start2");

    assertThat(contacts.optedOut(phone)).isFalse();
  }

  @Test
  void fault7_r22_aRedeliveredReplyCountsOnce() throws Exception {
    // Twilio cannot be asked for the replies' times here: the arrival order stands in
    String c = buyer();
    String phone = phoneOf(c);
    MockMvc mvc = webhooks(PREFIXED_BASE);

    reply(mvc, phone, "STOP", "SMin-a");
    clock.advance(Duration.ofMinutes(1));
    reply(mvc, phone, "START", "SMin-b");
    clock.advance(Duration.ofMinutes(1));
    reply(mvc, phone, "STOP", "SMin-a"); // the first webhook, delivered again

    assertThat(contacts.optedOut(phone)).isFalse();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM inbound_reply WHERE phone = :p")
                .param("p", phone)
                .query(Integer.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void fault7_aStatusCallbackBeforeTheSendIsRecordedIsKeptAndApplied() throws Exception {
    String path = TwilioMessageSender.STATUS_CALLBACK_PATH;
    MockMvc mvc = webhooks(PREFIXED_BASE);
    Map<String, String> delivered = Map.of("MessageSid", "SM-early", "MessageStatus", "delivered");
    // Twilio delivered before this service recorded Twilio's answer to the send
    mvc.perform(twilioPost(path, delivered, PREFIXED_BASE + path))
        .andExpect(status().isNoContent());
    mvc.perform(
            twilioPost(
                path,
                Map.of("MessageSid", "SM-early", "MessageStatus", "sent"),
                PREFIXED_BASE + path))
        .andExpect(status().isNoContent());

    TwilioStub.acceptMessages(twilio, "SM-early");
    String c = buyer();
    service(PREFIXED_BASE).send(request(c));

    assertThat(messageLog.findByMessageSid("SM-early"))
        .get()
        .returns(MessageStatus.DELIVERED, MessageLog.Entry::status);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM unmatched_status_report WHERE message_sid = 'SM-early'")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void fault7_aCallbackForAnUnknownSidIsKeptNotDropped() throws Exception {
    String path = TwilioMessageSender.STATUS_CALLBACK_PATH;
    webhooks(PREFIXED_BASE)
        .perform(
            twilioPost(
                path,
                Map.of(
                    "MessageSid",
                    "SM-stranger",
                    "MessageStatus",
                    "undelivered",
                    "ErrorCode",
                    "30003"),
                PREFIXED_BASE + path))
        .andExpect(status().isNoContent());

    assertThat(
            jdbc.sql(
                    "SELECT error_code FROM unmatched_status_report WHERE message_sid = 'SM-stranger'")
                .query(Integer.class)
                .single())
        .isEqualTo(30003);
  }
}
