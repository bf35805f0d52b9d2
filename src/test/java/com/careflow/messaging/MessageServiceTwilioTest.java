package com.careflow.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.customers.OrderHistory;
import com.careflow.messagestatus.MessageStatus;
import com.careflow.security.AuditLog;
import com.careflow.support.TestDatabase;
import com.careflow.support.TwilioStub;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.JobError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * The send path end to end below the job worker: the real Twilio SDK against a WireMock stub of
 * Twilio's API, the real database (PostgreSQL or H2), real templates. Rules R4-R22 as named.
 */
@JdbcTest(properties = "careflow.local.enabled=false")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(
    propagation = Propagation.NOT_SUPPORTED) // real commits: the cap lock needs real transactions
class MessageServiceTwilioTest {

  static final WireMockServer twilio =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());

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
  OrderHistory orders;
  MessageLog messageLog;
  ContactStatus contacts;
  MessageService service;
  MessageSender sender;

  @BeforeEach
  void setUp() {
    twilio.resetAll();
    customers = new CustomerProfiles(jdbc, clock);
    orders = new OrderHistory(jdbc, clock);
    messageLog = new MessageLog(jdbc, clock);
    contacts = new ContactStatus(jdbc, clock);
    build(Map.of(), Map.of());
  }

  void build(Map<String, String> messagingSettings, Map<String, String> twilioSettings) {
    MessagingProperties props = MessagingTestSupport.messaging(messagingSettings);
    sender =
        new TwilioMessageSender(
            MessagingTestSupport.twilio(twilio.baseUrl(), twilioSettings),
            MessagingTestSupport.localLimit(1000, Duration.ofSeconds(5)));
    service = serviceWith(sender, props);
  }

  MessageService serviceWith(MessageSender s, MessagingProperties props) {
    return new MessageService(
        customers,
        orders,
        MessagingTestSupport.texts(jdbc, props, transactions, clock),
        messageLog,
        contacts,
        s,
        props,
        new QuietHoursProperties(
            LocalTime.of(2, 0), LocalTime.of(9, 0), ZoneId.of("Asia/Shanghai")),
        transactions,
        clock);
  }

  // ---- fixtures

  String buyer(String locale, boolean consent) {
    String id = "c-" + UUID.randomUUID();
    String phone =
        "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    customers.upsertProfile(
        new Customer(id, "Li Lei", phone, locale, "Asia/Shanghai", null, consent, 0));
    return id;
  }

  String phoneOf(String customerId) {
    return customers.find(customerId).orElseThrow().phone();
  }

  static String key() {
    return "1/Activity_Send/" + UUID.randomUUID();
  }

  /**
   * What the job worker makes of a send's result: the completion, or the Camunda error it throws.
   */
  record Outcome(String status, String messageSid) {}

  static Outcome run(MessageService s, MessageService.SendRequest request) {
    SendResult result = s.send(request);
    Map<String, Object> variables = SendMessageWorker.complete(result, request.retries());
    return result instanceof SendResult.Sent sent
        ? new Outcome(sent.status().name(), sent.messageSid())
        : new Outcome((String) variables.get("lastMessageStatus"), null);
  }

  Outcome send(String customerId, MessageCategory category, String sendKey, int retries) {
    return run(
        service,
        new MessageService.SendRequest(
            sendKey,
            customerId,
            "o-1",
            1L,
            "Activity_Send",
            "payment-reminder-new",
            category,
            Channel.SMS,
            Map.of(),
            retries));
  }

  Outcome send(String customerId, MessageCategory category) {
    return send(customerId, category, key(), 5);
  }

  List<LoggedRequest> posts() {
    return twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioStub.MESSAGES_PATH)));
  }

  List<LoggedRequest> lookups() {
    return twilio.findAll(getRequestedFor(urlPathEqualTo(TwilioStub.MESSAGES_PATH)));
  }

  void accept(String sid) {
    TwilioStub.acceptMessages(twilio, sid);
  }

  // ---- templates and locale

  @Test
  void aSendRendersTheBuyersLocale() {
    accept("SM1");
    String english = buyer("en", true);
    String chinese = buyer("zh-CN", true);
    String french = buyer("fr", true); // no French template: the shop default (zh-CN)

    send(english, MessageCategory.TRANSACTIONAL);
    send(chinese, MessageCategory.TRANSACTIONAL);
    send(french, MessageCategory.TRANSACTIONAL);

    assertThat(posts())
        .extracting(r -> r.formParameter("Body").firstValue())
        .containsExactly(
            "Your order o-1 is waiting for payment. Pay now and it ships today - stock is limited.",
            "【小店】您的订单 o-1 还未付款，现在付款今天就能发货，库存有限，请尽快完成支付。",
            "【小店】您的订单 o-1 还未付款，现在付款今天就能发货，库存有限，请尽快完成支付。");
    assertThat(posts().getFirst().formParameter("To").firstValue()).isEqualTo(phoneOf(english));
    assertThat(messageLog.findByCustomer(english))
        .singleElement()
        .returns(MessageStatus.QUEUED, MessageLog.Entry::status)
        .returns("SM1", MessageLog.Entry::messageSid)
        .returns(1, MessageLog.Entry::segments)
        .satisfies(e -> assertThat(e.cost()).isEqualByComparingTo("0.05"));
  }

  @Test
  void aMissingVariableIsAnIncidentNamingTemplateAndVariable() {
    String c = buyer("en", true);
    JobError error =
        catchThrowableOfType(
            JobError.class,
            () ->
                run(
                    service,
                    new MessageService.SendRequest(
                        key(),
                        c,
                        null,
                        1L,
                        "Activity_Send",
                        "payment-reminder-new",
                        MessageCategory.TRANSACTIONAL,
                        Channel.SMS,
                        Map.of(),
                        5)));

    assertThat(error.getRetries()).isZero();
    assertThat(error.getErrorMessage()).contains("payment-reminder-new (en, version", "'orderId'");
    assertThat(posts()).isEmpty();
    // issue #21: never silent, the buyer's message log says the same as the incident
    assertThat(messageLog.findByCustomer(c))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(MessageStatus.ERROR);
              assertThat(e.errorMessage())
                  .contains("payment-reminder-new (en, version", "'orderId'");
              assertThat(e.textLocale()).isEqualTo("en");
              assertThat(e.textVersion()).isNotNull();
            });
  }

  // ---- never twice

  @Test
  void aDuplicateJobSendsOnce() {
    accept("SM-dup");
    String c = buyer("en", true);
    String sendKey = key();

    var first = send(c, MessageCategory.TRANSACTIONAL, sendKey, 5);
    // the job completion was lost; Zeebe hands the same job (same element instance) out again
    var second = send(c, MessageCategory.TRANSACTIONAL, sendKey, 5);

    assertThat(second).isEqualTo(first);
    assertThat(posts()).hasSize(1);
    assertThat(lookups()).isEmpty();
  }

  @Test
  void aWorkerKilledAfterTwilioAnsweredIsReconciledNotResent() {
    accept("SM-killed");
    String c = buyer("en", true);
    String sendKey = key();
    String body =
        "Your order o-1 is waiting for payment. Pay now and it ships today - stock is limited.";
    // the worker dies between Twilio's answer and recording it: the log still says PENDING
    MessageSender dying =
        new MessageSender() {
          @Override
          public SendReceipt send(OutboundMessage message) {
            sender.send(message);
            throw new IllegalStateException("worker killed after Twilio answered");
          }

          @Override
          public List<SendReceipt> findSent(OutboundMessage message, Instant since) {
            return sender.findSent(message, since);
          }

          @Override
          public String mode() {
            return "dying";
          }
        };
    MessagingProperties props = MessagingTestSupport.messaging(Map.of());
    assertThatThrownBy(
            () ->
                run(
                    serviceWith(dying, props),
                    new MessageService.SendRequest(
                        sendKey,
                        c,
                        "o-1",
                        1L,
                        "Activity_Send",
                        "payment-reminder-new",
                        MessageCategory.TRANSACTIONAL,
                        Channel.SMS,
                        Map.of(),
                        5)))
        .hasMessageContaining("killed");
    assertThat(messageLog.findBySendKey(sendKey))
        .get()
        .returns(MessageStatus.PENDING, MessageLog.Entry::status);
    twilio.stubFor(
        get(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(TwilioStub.listed("SM-killed", phoneOf(c), body)));

    var retried = send(c, MessageCategory.TRANSACTIONAL, sendKey, 4);

    assertThat(retried.messageSid()).isEqualTo("SM-killed");
    assertThat(posts()).hasSize(1);
    assertThat(lookups()).hasSize(1);
    assertThat(lookups().getFirst().queryParameter("To").firstValue()).isEqualTo(phoneOf(c));
    assertThat(messageLog.findBySendKey(sendKey))
        .get()
        .returns(MessageStatus.SENT, MessageLog.Entry::status)
        .satisfies(e -> assertThat(e.cost()).isEqualByComparingTo("0.04"));
  }

  @Test
  void aTimeoutAfterTheRequestWentOutIsLookedUpBeforeAnyResend() {
    build(Map.of(), Map.of("careflow.twilio.read-timeout", "PT0.5S"));
    String c = buyer("en", true);
    String sendKey = key();
    twilio.stubFor(
        post(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(TwilioStub.accepted("SM-slow").withFixedDelay(1500)));

    JobError error =
        catchThrowableOfType(
            JobError.class, () -> send(c, MessageCategory.TRANSACTIONAL, sendKey, 5));
    assertThat(error.getErrorMessage()).contains("No answer from Twilio");
    assertThat(messageLog.findBySendKey(sendKey))
        .get()
        .returns(MessageStatus.UNKNOWN, MessageLog.Entry::status);

    twilio.stubFor(
        get(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(
                TwilioStub.listed(
                    "SM-slow",
                    phoneOf(c),
                    messageLog.findBySendKey(sendKey).orElseThrow().body())));
    var retried = send(c, MessageCategory.TRANSACTIONAL, sendKey, 4);

    assertThat(retried.messageSid()).isEqualTo("SM-slow");
    assertThat(posts()).hasSize(1);
  }

  @Test
  void r4_aRetryThatFallsIntoTheQuietHoursIsHeldNotSent() {
    accept("SM-night");
    String c = buyer("en", true); // Asia/Shanghai
    clock.advance(Duration.ofHours(15)); // 19:00Z = 03:00 in Shanghai

    JobError held =
        catchThrowableOfType(
            JobError.class, () -> send(c, MessageCategory.TRANSACTIONAL, key(), 3));

    assertThat(held.getRetries()).as("waiting is no failure").isEqualTo(3);
    assertThat(held.getRetryBackoff()).isEqualTo(Duration.ofHours(6));
    assertThat(held.getErrorMessage()).contains("Quiet hours", "R4");
    assertThat(posts()).isEmpty();
  }

  // ---- Twilio errors

  void busyThenCalm() {
    twilio.stubFor(
        post(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .inScenario("busy")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("calm")
            .willReturn(TwilioStub.error(429, 20429, "Too Many Requests")));
    twilio.stubFor(
        post(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .inScenario("busy")
            .whenScenarioStateIs("calm")
            .willReturn(TwilioStub.accepted("SM-after-429")));
  }

  @Test
  void a429IsRepeatedAfterThePauseAndSendsOnceInTheSameActivation() {
    String c = buyer("en", true);
    String sendKey = key();
    busyThenCalm();

    long started = System.nanoTime();
    var sent = send(c, MessageCategory.TRANSACTIONAL, sendKey, 5);

    assertThat(sent.messageSid()).isEqualTo("SM-after-429");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("backoff-on429 (1 s) honoured before the repeat")
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(posts()).hasSize(2); // one refused with 429, one accepted: one message
    assertThat(lookups()).as("a 429 means nothing was sent: no look-up needed").isEmpty();
    assertThat(messageLog.findBySendKey(sendKey))
        .get()
        .returns("SM-after-429", MessageLog.Entry::messageSid);
  }

  @Test
  void a429OutlastingTheRepeatsFailsTheJobWithABackoffAndTheRetrySendsOnce() {
    String c = buyer("en", true);
    String sendKey = key();
    sender =
        new TwilioMessageSender(
            MessagingTestSupport.twilio(twilio.baseUrl(), Map.of()),
            SegmentRateLimiter.local(
                MessagingTestSupport.sendLimit(
                    Map.of(
                        "careflow.messaging.send-limit.segments-per-second", "1000",
                        "careflow.messaging.send-limit.retries-on429", "0")),
                Duration.ofSeconds(5)));
    service = serviceWith(sender, MessagingTestSupport.messaging(Map.of()));
    busyThenCalm();

    JobError busy =
        catchThrowableOfType(
            JobError.class, () -> send(c, MessageCategory.TRANSACTIONAL, sendKey, 5));
    assertThat(busy.getRetries()).isEqualTo(4);
    assertThat(busy.getRetryBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(busy.getErrorMessage()).contains("20429");

    var sent = send(c, MessageCategory.TRANSACTIONAL, sendKey, 4);

    assertThat(sent.messageSid()).isEqualTo("SM-after-429");
    assertThat(posts()).hasSize(2); // one refused with 429, one accepted: one message
    assertThat(lookups()).as("a 429 means nothing was sent: no look-up needed").isEmpty();
    assertThat(messageLog.findBySendKey(sendKey)).get().returns(2, MessageLog.Entry::attempts);
  }

  @Test
  void an21211InvalidNumberRaisesTheBpmnErrorWithoutRetriesAndFlagsTheNumber() {
    String c = buyer("en", true);
    twilio.stubFor(
        post(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(
                TwilioStub.error(
                    400,
                    21211,
                    "The 'To' number " + phoneOf(c) + " is not a valid phone number.")));

    BpmnError error =
        catchThrowableOfType(BpmnError.class, () -> send(c, MessageCategory.TRANSACTIONAL));

    assertThat(error.getErrorCode()).isEqualTo(MessageService.ERROR_UNDELIVERABLE);
    assertThat(error.getErrorMessage())
        .contains("21211", PhoneNumbers.mask(phoneOf(c)))
        .doesNotContain(phoneOf(c));
    assertThat(error.getVariables()).isEqualTo(Map.of("sendErrorCode", "21211"));
    assertThat(contacts.find(phoneOf(c))).get().returns(true, ContactStatus.Flags::invalidNumber);
    // the next message to that number is not even tried
    BpmnError again =
        catchThrowableOfType(BpmnError.class, () -> send(c, MessageCategory.TRANSACTIONAL));
    assertThat(again.getErrorMessage()).contains("flagged invalid", "21211");
    assertThat(posts()).hasSize(1);
  }

  @Test
  void r22_twilio21610RecordsTheOptOut() {
    String c = buyer("en", true);
    twilio.stubFor(
        post(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(TwilioStub.error(400, 21610, "Attempt to send to unsubscribed recipient")));

    assertThatThrownBy(() -> send(c, MessageCategory.TRANSACTIONAL)).isInstanceOf(BpmnError.class);

    assertThat(contacts.find(phoneOf(c)))
        .get()
        .returns(true, ContactStatus.Flags::optedOut)
        .returns("TWILIO_21610", ContactStatus.Flags::optOutSource);
    assertThat(send(c, MessageCategory.MARKETING).status()).isEqualTo(MessageStatus.SKIPPED.name());
    assertThat(posts()).hasSize(1);
  }

  @Test
  void a5xxExhaustsTheRetriesIntoAnIncidentNamingTheTwilioCode() throws Exception {
    String c = buyer("en", true);
    String sendKey = key();
    twilio.stubFor(
        post(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(TwilioStub.error(503, 20503, "Service Unavailable")));
    twilio.stubFor(
        get(urlPathEqualTo(TwilioStub.MESSAGES_PATH)).willReturn(TwilioStub.emptyList()));

    List<JobError> failures = new ArrayList<>();
    for (int retries = 5; retries >= 1; retries--) { // what Zeebe does with retries="5"
      int r = retries;
      failures.add(
          catchThrowableOfType(
              JobError.class, () -> send(c, MessageCategory.TRANSACTIONAL, sendKey, r)));
    }

    assertThat(failures).extracting(JobError::getRetries).containsExactly(4, 3, 2, 1, 0);
    assertThat(failures)
        .extracting(JobError::getRetryBackoff)
        .containsExactly(
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(40),
            Duration.ofSeconds(80),
            Duration.ofSeconds(160));
    assertThat(failures.getLast().getErrorMessage())
        .contains("Twilio error 20503", "HTTP 503", "Service Unavailable", "no retries left");
    // #21 finding 6: the incident text the ops guide shows (section 7) is the one the code writes
    var incident =
        java.util.regex.Pattern.compile(
            "Twilio error \\d+ \\(HTTP \\d{3}\\): [^\\[]+ \\[send [^,\\]]+, attempt \\d+\\]"
                + " \\(no retries left\\)");
    assertThat(failures.getLast().getErrorMessage()).matches(incident);
    var example =
        java.util.regex.Pattern.compile("`(Twilio error [^`]+)`")
            .matcher(java.nio.file.Files.readString(java.nio.file.Path.of("docs/ops-guide.md")));
    assertThat(example.find()).as("the ops guide's incident example").isTrue();
    assertThat(example.group(1)).matches(incident);
    // honest counting: one HTTP request per job attempt (the SDK's own 5xx retries are off), and a
    // 5xx may hide a created message, so every retry looked it up first
    assertThat(posts()).hasSize(5);
    assertThat(lookups()).hasSize(4);
  }

  // ---- nothing skipped silently (issue #21 finding 4): every skip kind is a SKIPPED row

  MessageLog.Entry onlyRow(String customerId) {
    List<MessageLog.Entry> rows = messageLog.findByCustomer(customerId);
    assertThat(rows).as("the customer's message log").hasSize(1);
    return rows.getFirst();
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "Skips: no phone number (or an unknown customer) is a SKIPPED row NO_PHONE, the journey's"
          + " undeliverable path, and a redelivered job gives the same answer")
  void skip_noPhoneIsASkippedRowAndTheUndeliverablePath() {
    String c = "c-" + UUID.randomUUID();
    customers.upsertProfile(new Customer(c, "Li Lei", null, "en", "Asia/Shanghai", null, true, 0));
    String unknown = "c-unknown-" + UUID.randomUUID();
    String sendKey = key();

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> send(c, MessageCategory.TRANSACTIONAL, sendKey, 5));
    BpmnError again =
        catchThrowableOfType(
            BpmnError.class, () -> send(c, MessageCategory.TRANSACTIONAL, sendKey, 5));
    BpmnError unknownError =
        catchThrowableOfType(BpmnError.class, () -> send(unknown, MessageCategory.MARKETING));

    assertThat(List.of(error, again, unknownError))
        .extracting(BpmnError::getErrorCode)
        .containsOnly(MessageService.ERROR_UNDELIVERABLE);
    assertThat(onlyRow(c))
        .returns(MessageStatus.SKIPPED, MessageLog.Entry::status)
        .returns(SkipReason.NO_PHONE.name(), MessageLog.Entry::skipReason)
        .returns(sendKey, MessageLog.Entry::sendKey);
    assertThat(onlyRow(unknown))
        .returns(MessageStatus.SKIPPED, MessageLog.Entry::status)
        .returns(SkipReason.NO_PHONE.name(), MessageLog.Entry::skipReason);
    assertThat(posts()).isEmpty();
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "Skips: a send to a number flagged invalid is a SKIPPED row NUMBER_FLAGGED_INVALID keeping"
          + " Twilio's 21211, Twilio is not called, the journey takes its undeliverable path")
  void skip_aFlaggedNumberIsASkippedRowWithTheFlagsErrorCode() {
    String c = buyer("en", true);
    contacts.flagInvalid(phoneOf(c), 21211);
    String sendKey = key();

    BpmnError error =
        catchThrowableOfType(
            BpmnError.class, () -> send(c, MessageCategory.TRANSACTIONAL, sendKey, 5));
    BpmnError again =
        catchThrowableOfType(
            BpmnError.class, () -> send(c, MessageCategory.TRANSACTIONAL, sendKey, 5));

    assertThat(error.getErrorCode()).isEqualTo(MessageService.ERROR_UNDELIVERABLE);
    assertThat(error.getErrorMessage()).contains("flagged invalid", "21211");
    assertThat(again.getVariables()).isEqualTo(Map.of("sendErrorCode", "21211"));
    assertThat(onlyRow(c))
        .returns(MessageStatus.SKIPPED, MessageLog.Entry::status)
        .returns(SkipReason.NUMBER_FLAGGED_INVALID.name(), MessageLog.Entry::skipReason)
        .returns(21211, MessageLog.Entry::errorCode);
    assertThat(posts()).isEmpty();
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "R22 skips: a number that opted out gets no message, recorded as SKIPPED OPTED_OUT")
  void r22_anOptedOutNumberIsASkippedRowWithItsReason() {
    accept("SM-opt");
    String c = buyer("en", true);
    contacts.optOut(phoneOf(c), "STOP");

    assertThat(send(c, MessageCategory.TRANSACTIONAL).status())
        .isEqualTo(MessageStatus.SKIPPED.name());

    assertThat(onlyRow(c)).returns(SkipReason.OPTED_OUT.name(), MessageLog.Entry::skipReason);
    assertThat(posts()).isEmpty();
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "R22 skips: a campaign's consent skip recorded through SkipRecorder is one SKIPPED row"
          + " NO_CONSENT per send key and a skipped send fact of the campaign's step")
  void r22_aCampaignConsentSkipIsARowAndAFactOnce() {
    String c = buyer("zh-CN", false);
    List<Object> published = new ArrayList<>();
    SkipRecorder recorder =
        new SkipRecorder(
            messageLog, customers, MessagingTestSupport.messaging(Map.of()), published::add, clock);
    SkipRecorder.Skip skip =
        new SkipRecorder.Skip(
            "campaign/CHRISTMAS-2026/" + c,
            c,
            "campaign-offer",
            "Activity_SendOffer",
            "Send occasion message",
            "CHRISTMAS-2026",
            "CHRISTMAS",
            "campaign-offer",
            MessageCategory.MARKETING,
            Channel.SMS,
            SkipReason.NO_CONSENT);

    assertThat(recorder.record(skip)).isTrue();
    assertThat(recorder.record(skip)).as("a retried batch").isFalse();

    assertThat(onlyRow(c))
        .returns(MessageStatus.SKIPPED, MessageLog.Entry::status)
        .returns(SkipReason.NO_CONSENT.name(), MessageLog.Entry::skipReason)
        .returns("Activity_SendOffer", MessageLog.Entry::elementId)
        .returns(MessageCategory.MARKETING, MessageLog.Entry::category);
    // published on each call; the analytics keep one per send id (a retried batch is counted once)
    assertThat(published).hasSize(2).allSatisfy(f -> assertThat(f).isEqualTo(published.getFirst()));
    assertThat(published.getFirst())
        .isInstanceOfSatisfying(
            com.careflow.analytics.AnalyticsFacts.SendFact.class,
            f -> {
              assertThat(f.status()).isEqualTo(MessageStatus.SKIPPED.name());
              assertThat(f.skipReason()).isEqualTo("NO_CONSENT");
              assertThat(f.campaign()).isEqualTo("CHRISTMAS-2026");
              assertThat(f.occasion()).isEqualTo("CHRISTMAS");
              assertThat(f.processId()).isEqualTo("campaign-offer");
              assertThat(f.stepId()).isEqualTo("Activity_SendOffer");
              assertThat(f.locale()).isEqualTo("zh-CN");
            });
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "R15/R16 skips: a campaign offer the occasion does not address is one SKIPPED row with its"
          + " reason and the offer's instance, and a skipped send fact with the segment decided")
  void r15_r16_anOfferNotAddressedIsARowWithItsInstanceAndAFactWithItsSegment() {
    String c = buyer("en", true);
    List<Object> published = new ArrayList<>();
    SkipRecorder recorder =
        new SkipRecorder(
            messageLog, customers, MessagingTestSupport.messaging(Map.of()), published::add, clock);

    boolean recorded =
        recorder.record(
            new SkipRecorder.Skip(
                "campaign/CHRISTMAS-2026/" + c,
                c,
                "campaign-offer",
                2,
                "Activity_SendOffer",
                "Send occasion message",
                "CHRISTMAS-2026",
                "CHRISTMAS",
                "campaign-offer",
                MessageCategory.MARKETING,
                Channel.SMS,
                SkipReason.SEGMENT_NOT_ADDRESSED,
                2251799813685249L,
                "NEW"));

    assertThat(recorded).isTrue();
    assertThat(onlyRow(c))
        .returns(MessageStatus.SKIPPED, MessageLog.Entry::status)
        .returns("SEGMENT_NOT_ADDRESSED", MessageLog.Entry::skipReason)
        .returns(2251799813685249L, MessageLog.Entry::processInstanceKey)
        .returns("Activity_SendOffer", MessageLog.Entry::elementId);
    assertThat(published.getFirst())
        .isInstanceOfSatisfying(
            com.careflow.analytics.AnalyticsFacts.SendFact.class,
            f -> {
              assertThat(f.skipReason()).isEqualTo("SEGMENT_NOT_ADDRESSED");
              assertThat(f.segment()).isEqualTo("NEW");
              assertThat(f.campaign()).isEqualTo("CHRISTMAS-2026");
              assertThat(f.processVersion()).isEqualTo(2);
            });
  }

  // ---- consent and the frequency cap

  @Test
  @org.junit.jupiter.api.DisplayName(
      "R20/R22: Contactability (asked before a campaign issues a coupon) answers what the send gate"
          + " then records, for every reason and for a buyer who gets the message")
  void r22_r20_contactabilityAnswersAsTheSendGateDecides() {
    accept("SM-check");
    SendChecks checks =
        new SendChecks(
            customers, contacts, messageLog, MessagingTestSupport.messaging(Map.of()), clock);
    String ok = buyer("en", true);
    String noConsent = buyer("en", false);
    String optedOut = buyer("en", true);
    contacts.optOut(phoneOf(optedOut), "STOP");
    String flagged = buyer("en", true);
    contacts.flagInvalid(phoneOf(flagged), 21211);
    String capped = buyer("en", true);
    for (int i = 0; i < 3; i++) {
      assertThat(send(capped, MessageCategory.MARKETING).status()).isEqualTo("QUEUED");
    }
    String unknown = "c-" + UUID.randomUUID();

    Map<String, String> asked = new java.util.LinkedHashMap<>();
    Map<String, String> gate = new java.util.LinkedHashMap<>();
    for (String c : List.of(ok, noConsent, optedOut, flagged, capped, unknown)) {
      asked.put(
          c, checks.whyNot(c, MessageCategory.MARKETING).map(SkipReason::name).orElse("SENT"));
      // (a message that would go out is sent by the gate: QUEUED at the stub)
      String sendKey = key();
      // the gate's own result (the worker turns an undeliverable one into a BPMN error)
      service.send(
          new MessageService.SendRequest(
              sendKey,
              c,
              "o-1",
              1L,
              "Activity_Send",
              "payment-reminder-new",
              MessageCategory.MARKETING,
              Channel.SMS,
              Map.of(),
              5));
      gate.put(
          c,
          messageLog
              .findBySendKey(sendKey)
              .map(e -> e.status() == MessageStatus.SKIPPED ? e.skipReason() : "SENT")
              .orElseThrow());
    }

    assertThat(asked)
        .isEqualTo(gate)
        .containsValues(
            "SENT",
            SkipReason.NO_CONSENT.name(),
            SkipReason.OPTED_OUT.name(),
            SkipReason.NUMBER_FLAGGED_INVALID.name(),
            SkipReason.FREQUENCY_CAP.name(),
            SkipReason.NO_PHONE.name());
    assertThat(checks.whyNot(noConsent, MessageCategory.TRANSACTIONAL))
        .as("consent and the cap are marketing's only")
        .isEmpty();
  }

  @Test
  void r22_marketingWithoutConsentIsSkippedAndRecorded() {
    accept("SM-x");
    String c = buyer("en", false);

    assertThat(send(c, MessageCategory.MARKETING).status()).isEqualTo(MessageStatus.SKIPPED.name());
    assertThat(send(c, MessageCategory.TRANSACTIONAL).status()).isEqualTo("QUEUED");

    assertThat(messageLog.findByCustomer(c))
        .extracting(MessageLog.Entry::skipReason)
        .containsExactly(MessageService.NO_CONSENT, null);
    assertThat(posts()).hasSize(1);
  }

  @Test
  void r20_marketingIsCappedPerRollingWindowTransactionalNever() {
    accept("SM-cap");
    String c = buyer("en", true);

    List<String> marketing = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      marketing.add(send(c, MessageCategory.MARKETING).status());
    }
    String transactional = send(c, MessageCategory.TRANSACTIONAL).status();
    clock.advance(Duration.ofDays(7).plusMinutes(1));
    String nextWeek = send(c, MessageCategory.MARKETING).status();

    assertThat(marketing)
        .containsExactly("QUEUED", "QUEUED", "QUEUED", MessageStatus.SKIPPED.name());
    assertThat(transactional).isEqualTo("QUEUED");
    assertThat(nextWeek).isEqualTo("QUEUED");
    assertThat(messageLog.findByCustomer(c))
        .filteredOn(e -> e.status() == MessageStatus.SKIPPED)
        .singleElement()
        .returns(MessageService.FREQUENCY_CAP, MessageLog.Entry::skipReason);
  }

  @Test
  void r20_theCapHoldsUnderParallelSends() throws Exception {
    accept("SM-par");
    build(Map.of("careflow.messaging.frequency-cap.max-messages", "2"), Map.of());
    String c = buyer("en", true);
    // separate services share nothing but the database, like two app instances
    MessagingProperties props =
        MessagingTestSupport.messaging(
            Map.of("careflow.messaging.frequency-cap.max-messages", "2"));
    List<MessageService> instances =
        List.of(service, serviceWith(sender, props), serviceWith(sender, props));
    List<Callable<String>> sends = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      MessageService instance = instances.get(i % instances.size());
      sends.add(
          () ->
              run(
                      instance,
                      new MessageService.SendRequest(
                          key(),
                          c,
                          "o-1",
                          1L,
                          "Activity_Send",
                          "payment-reminder-new",
                          MessageCategory.MARKETING,
                          Channel.SMS,
                          Map.of(),
                          5))
                  .status());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<String> statuses = new ArrayList<>();
    try {
      for (Future<String> f : pool.invokeAll(sends)) {
        statuses.add(f.get());
      }
    } finally {
      pool.shutdown();
    }

    assertThat(statuses).filteredOn("QUEUED"::equals).hasSize(2);
    assertThat(statuses).filteredOn(MessageStatus.SKIPPED.name()::equals).hasSize(6);
    assertThat(posts()).hasSize(2);
  }

  // ---- webhooks and the message log API

  static final String PUBLIC_BASE = "https://careflow.example.com";

  MockMvc webhooks() {
    TwilioProperties props =
        MessagingTestSupport.twilio(
            twilio.baseUrl(), Map.of("careflow.twilio.webhook-base-url", PUBLIC_BASE));
    return MockMvcBuilders.standaloneSetup(
            new TwilioWebhookController(
                props,
                MessagingTestSupport.messaging(Map.of()),
                messageLog,
                contacts,
                sender,
                clock,
                event -> {}),
            new CustomerMessagesController(
                new CustomerMessages(messageLog, new AuditLog(jdbc, clock)),
                new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules(),
                new org.springframework.context.support.StaticMessageSource()))
        .build();
  }

  /**
   * A webhook as Twilio posts it, signed over the public URL (this service runs behind a proxy).
   */
  MockHttpServletRequestBuilder twilioPost(
      String path, Map<String, String> params, String signature) {
    MockHttpServletRequestBuilder request =
        MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED);
    params.forEach(request::param);
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return request;
  }

  MockHttpServletRequestBuilder signedPost(String path, Map<String, String> params) {
    return twilioPost(
        path,
        params,
        MessagingTestSupport.signature(TwilioStub.AUTH_TOKEN, PUBLIC_BASE + path, params));
  }

  @Test
  void r22_stopThenAMarketingSendIsSkipped_startResubscribes() throws Exception {
    accept("SM-stop");
    String c = buyer("en", true);
    Map<String, String> stop =
        Map.of("From", phoneOf(c), "To", TwilioStub.FROM, "Body", " stop ", "MessageSid", "SMin1");

    webhooks()
        .perform(signedPost(TwilioWebhookController.INBOUND_PATH, stop))
        .andExpect(status().isOk());
    var afterStop = send(c, MessageCategory.MARKETING);
    webhooks()
        .perform(
            signedPost(
                TwilioWebhookController.INBOUND_PATH,
                Map.of(
                    "From",
                    phoneOf(c),
                    "To",
                    TwilioStub.FROM,
                    "Body",
                    "START",
                    "MessageSid",
                    "SMin2")))
        .andExpect(status().isOk());
    var afterStart = send(c, MessageCategory.MARKETING);

    assertThat(afterStop.status()).isEqualTo(MessageStatus.SKIPPED.name());
    assertThat(messageLog.findByCustomer(c).getFirst().skipReason())
        .isEqualTo(MessageService.OPTED_OUT);
    assertThat(afterStart.status()).isEqualTo("QUEUED");
    assertThat(posts()).hasSize(1);
  }

  @Test
  void r22_anUnsignedStopIsIgnored() throws Exception {
    String c = buyer("en", true);
    webhooks()
        .perform(
            twilioPost(
                TwilioWebhookController.INBOUND_PATH,
                Map.of("From", phoneOf(c), "Body", "STOP"),
                null))
        .andExpect(status().isForbidden());
    assertThat(contacts.optedOut(phoneOf(c))).isFalse();
  }

  @Test
  void statusCallbacksNeedAValidSignatureAndOnlyMoveForward() throws Exception {
    accept("SM-report");
    String c = buyer("en", true);
    send(c, MessageCategory.TRANSACTIONAL);
    String path = TwilioMessageSender.STATUS_CALLBACK_PATH;
    Map<String, String> delivered =
        Map.of(
            "MessageSid",
            "SM-report",
            "MessageStatus",
            "delivered",
            "AccountSid",
            TwilioStub.ACCOUNT_SID,
            "To",
            phoneOf(c));
    Map<String, String> sent =
        Map.of(
            "MessageSid",
            "SM-report",
            "MessageStatus",
            "sent",
            "AccountSid",
            TwilioStub.ACCOUNT_SID,
            "To",
            phoneOf(c));
    MockMvc mvc = webhooks();

    mvc.perform(twilioPost(path, delivered, null)).andExpect(status().isForbidden());
    mvc.perform(
            twilioPost(
                path,
                delivered,
                MessagingTestSupport.signature("wrong-token", PUBLIC_BASE + path, delivered)))
        .andExpect(status().isForbidden());
    // signed for the internal URL, not the public one Twilio called
    mvc.perform(
            twilioPost(
                path,
                delivered,
                MessagingTestSupport.signature(
                    TwilioStub.AUTH_TOKEN, "http://localhost" + path, delivered)))
        .andExpect(status().isForbidden());
    assertThat(messageLog.findByMessageSid("SM-report"))
        .get()
        .returns(MessageStatus.QUEUED, MessageLog.Entry::status);

    mvc.perform(signedPost(path, delivered)).andExpect(status().isNoContent());
    mvc.perform(signedPost(path, sent)).andExpect(status().isNoContent()); // late, out of order
    mvc.perform(signedPost(path, delivered)).andExpect(status().isNoContent()); // duplicate

    assertThat(messageLog.findByMessageSid("SM-report"))
        .get()
        .returns(MessageStatus.DELIVERED, MessageLog.Entry::status)
        .satisfies(e -> assertThat(e.statusAt()).isNotNull());
  }

  @Test
  void aFailedDeliveryReportKeepsTwilioErrorCode() throws Exception {
    accept("SM-undeliverable");
    String c = buyer("en", true);
    send(c, MessageCategory.TRANSACTIONAL);

    webhooks()
        .perform(
            signedPost(
                TwilioMessageSender.STATUS_CALLBACK_PATH,
                Map.of(
                    "MessageSid",
                    "SM-undeliverable",
                    "MessageStatus",
                    "undelivered",
                    "ErrorCode",
                    "30003")))
        .andExpect(status().isNoContent());

    assertThat(messageLog.findByMessageSid("SM-undeliverable"))
        .get()
        .returns(MessageStatus.UNDELIVERED, MessageLog.Entry::status)
        .returns(30003, MessageLog.Entry::errorCode);
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "R22: customer service sees what was sent and what was skipped (reason code and rule),"
          + " without the phone number")
  void customerServiceSeesWhatWasSentWithoutThePhoneNumber() throws Exception {
    accept("SM-cs");
    String c = buyer("en", false);
    send(c, MessageCategory.TRANSACTIONAL);
    send(c, MessageCategory.MARKETING);

    String json =
        webhooks()
            .perform(MockMvcRequestBuilders.get("/api/customers/{id}/messages", c))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$", org.hamcrest.Matchers.hasSize(2)))
            .andExpect(jsonPath("$[0].templateKey").value("payment-reminder-new"))
            .andExpect(jsonPath("$[0].category").value("TRANSACTIONAL"))
            .andExpect(jsonPath("$[0].status").value("QUEUED"))
            .andExpect(jsonPath("$[0].messageSid").value("SM-cs"))
            .andExpect(jsonPath("$[0].text").value(org.hamcrest.Matchers.containsString("o-1")))
            .andExpect(jsonPath("$[0].orderId").value("o-1"))
            .andExpect(jsonPath("$[0].journeyStep").value("Activity_Send"))
            .andExpect(jsonPath("$[1].status").value("SKIPPED"))
            .andExpect(jsonPath("$[1].skipReason").value("NO_CONSENT"))
            .andExpect(jsonPath("$[1].skipRule").value("R22"))
            .andExpect(jsonPath("$[0].skipRule").doesNotExist())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(json).doesNotContain(phoneOf(c).substring(3));
  }

  // ---- dry run

  @Test
  void withoutCredentialsSendsRunDryWithTheRenderedText() {
    String c = buyer("en", true);
    MessageService dry =
        serviceWith(new DryRunMessageSender(), MessagingTestSupport.messaging(Map.of()));

    var outcome =
        run(
            dry,
            new MessageService.SendRequest(
                key(),
                c,
                "o-9",
                1L,
                "Activity_Send",
                "payment-reminder-new",
                MessageCategory.TRANSACTIONAL,
                Channel.SMS,
                new HashMap<>(),
                5));

    assertThat(outcome.status()).isEqualTo(DryRunMessageSender.STATUS.name());
    assertThat(messageLog.findByCustomer(c))
        .singleElement()
        .returns(DryRunMessageSender.STATUS, MessageLog.Entry::status)
        .returns(
            "Your order o-9 is waiting for payment. Pay now and it ships today - stock is limited.",
            MessageLog.Entry::body);
    assertThat(posts()).isEmpty();
  }

  // ---- fault 5: account problems are the shop's, not the buyer's

  @org.junit.jupiter.params.ParameterizedTest(
      name = "fault 5: Twilio {0} (HTTP {1}) is an incident saying what to fix, no flag")
  @org.junit.jupiter.params.provider.CsvSource({
    "20003, 401, careflow.twilio.auth-token",
    "21408, 400, Geo permissions",
    "21606, 400, careflow.twilio.from",
    "21659, 400, careflow.twilio.from",
    "21212, 400, careflow.twilio.from",
    "21603, 400, careflow.twilio.messaging-service-sid",
    "21608, 400, trial account",
    "21612, 400, sender",
    "20404, 404, messaging-service-sid"
  })
  void fault5_anAccountProblemIsAnIncidentAndTheBuyerIsNotFlagged(
      int code, int httpStatus, String whatToFix) {
    String c = buyer("en", true);
    String sendKey = key();
    twilio.stubFor(
        post(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(TwilioStub.error(httpStatus, code, "Twilio says no")));

    JobError incident =
        catchThrowableOfType(
            JobError.class, () -> send(c, MessageCategory.TRANSACTIONAL, sendKey, 5));

    assertThat(incident.getRetries()).as("an incident at once").isZero();
    assertThat(incident.getErrorMessage()).contains(String.valueOf(code), whatToFix);
    assertThat(contacts.find(phoneOf(c)))
        .as("the buyer's number is not flagged")
        .map(ContactStatus.Flags::invalidNumber)
        .isNotEqualTo(java.util.Optional.of(true));
    // the operator fixes the account and retries the incident in Operate: the message goes out
    twilio.resetAll();
    accept("SM-fixed-" + code);
    assertThat(send(c, MessageCategory.TRANSACTIONAL, sendKey, 1).messageSid())
        .isEqualTo("SM-fixed-" + code);
    assertThat(send(c, MessageCategory.TRANSACTIONAL).status()).isEqualTo("QUEUED");
  }

  @Test
  void fault5_queueOverflow21611IsRetriedWithBackoff() {
    String c = buyer("en", true);
    String sendKey = key();
    twilio.stubFor(
        post(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .inScenario("overflow")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("drained")
            .willReturn(TwilioStub.error(400, 21611, "This 'From' number has exceeded the queue")));
    twilio.stubFor(
        post(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .inScenario("overflow")
            .whenScenarioStateIs("drained")
            .willReturn(TwilioStub.accepted("SM-drained")));

    JobError busy =
        catchThrowableOfType(
            JobError.class, () -> send(c, MessageCategory.TRANSACTIONAL, sendKey, 5));
    assertThat(busy.getRetries()).isEqualTo(4);
    assertThat(busy.getRetryBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(busy.getErrorMessage()).contains("21611");
    assertThat(contacts.find(phoneOf(c))).isEmpty();

    assertThat(send(c, MessageCategory.TRANSACTIONAL, sendKey, 4).messageSid())
        .isEqualTo("SM-drained");
  }

  @org.junit.jupiter.params.ParameterizedTest(
      name = "fault 5: Twilio {0} is the buyer's number: flagged, the journey's error path")
  @org.junit.jupiter.params.provider.ValueSource(ints = {21211, 21614, 21217, 21401, 21407})
  void fault5_aGenuinelyInvalidNumberIsStillFlagged(int code) {
    String c = buyer("en", true);
    twilio.stubFor(
        post(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(TwilioStub.error(400, code, "not a number that can receive SMS")));

    BpmnError error =
        catchThrowableOfType(BpmnError.class, () -> send(c, MessageCategory.TRANSACTIONAL));

    assertThat(error.getVariables()).isEqualTo(Map.of("sendErrorCode", String.valueOf(code)));
    assertThat(contacts.find(phoneOf(c))).get().returns(true, ContactStatus.Flags::invalidNumber);
  }

  MockMvc admin() {
    return MockMvcBuilders.standaloneSetup(new ContactFlagsController(customers, contacts)).build();
  }

  @Test
  void fault5_anOperatorClearsAWronglyFlaggedNumberAndTheClearingIsAudited() throws Exception {
    String c = buyer("en", true);
    contacts.flagInvalid(phoneOf(c), 21408); // flagged by the old code for a region setting
    BpmnError blocked =
        catchThrowableOfType(BpmnError.class, () -> send(c, MessageCategory.TRANSACTIONAL));
    assertThat(blocked.getErrorMessage()).contains("/api/admin/contacts/" + c + "/flag");
    java.security.Principal ops = () -> "ops-anna";

    admin()
        .perform(MockMvcRequestBuilders.delete("/api/admin/contacts/{id}/flag", c).principal(ops))
        .andExpect(status().isBadRequest());
    admin()
        .perform(
            MockMvcRequestBuilders.delete("/api/admin/contacts/{id}/flag", c)
                .param("reason", "21408 was our Geo permission, now enabled")
                .principal(ops))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.actor").value("ops-anna"))
        .andExpect(jsonPath("$.previousErrorCode").value(21408))
        .andExpect(jsonPath("$.phone").doesNotExist());
    admin()
        .perform(
            MockMvcRequestBuilders.delete("/api/admin/contacts/{id}/flag", c)
                .param("reason", "again")
                .principal(ops))
        .andExpect(status().isNotFound());

    assertThat(contacts.find(phoneOf(c))).get().returns(false, ContactStatus.Flags::invalidNumber);
    assertThat(contacts.audit(c))
        .singleElement()
        .returns("ops-anna", ContactStatus.FlagAudit::actor)
        .returns("21408 was our Geo permission, now enabled", ContactStatus.FlagAudit::reason)
        .returns(clock.instant(), ContactStatus.FlagAudit::at);
    String json =
        admin()
            .perform(MockMvcRequestBuilders.get("/api/admin/contacts/{id}/flag", c))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.invalidNumber").value(false))
            .andExpect(jsonPath("$.history", org.hamcrest.Matchers.hasSize(1)))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(json).doesNotContain(phoneOf(c));
    accept("SM-unflagged");
    assertThat(send(c, MessageCategory.TRANSACTIONAL).status()).isEqualTo("QUEUED");
  }

  // ---- fault 6: two workers, one send

  @Test
  void fault6_aSecondActivationWhileTheFirstIsSendingWaitsForTheLease() throws Exception {
    accept("SM-once");
    String c = buyer("en", true);
    String sendKey = key();
    var inFlight = new java.util.concurrent.CountDownLatch(1);
    var proceed = new java.util.concurrent.CountDownLatch(1);
    MessageSender slow =
        new MessageSender() {
          @Override
          public void awaitSendPermit() {
            inFlight.countDown();
            try {
              proceed.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public SendReceipt send(OutboundMessage message) {
            return sender.send(message);
          }

          @Override
          public List<SendReceipt> findSent(OutboundMessage message, Instant since) {
            return sender.findSent(message, since);
          }

          @Override
          public String mode() {
            return "slow";
          }
        };
    MessagingProperties props = MessagingTestSupport.messaging(Map.of());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Outcome> first = pool.submit(() -> send(serviceWith(slow, props), c, sendKey, 5));
      assertThat(inFlight.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      // the job timed out; Zeebe hands the same job to another worker (another instance)
      JobError second =
          catchThrowableOfType(
              JobError.class, () -> send(serviceWith(sender, props), c, sendKey, 5));
      assertThat(second.getRetries()).as("waiting for a lease is no failure").isEqualTo(5);
      assertThat(second.getErrorMessage()).contains("another worker");
      assertThat(second.getRetryBackoff()).isPositive().isLessThanOrEqualTo(props.sendLease());

      proceed.countDown();
      assertThat(first.get().messageSid()).isEqualTo("SM-once");
    } finally {
      proceed.countDown();
      pool.shutdown();
    }
    assertThat(posts()).hasSize(1);
    assertThat(send(c, MessageCategory.TRANSACTIONAL, sendKey, 4).messageSid())
        .isEqualTo("SM-once");
    assertThat(posts()).hasSize(1);
  }

  Outcome send(MessageService s, String customerId, String sendKey, int retries) {
    return run(
        s,
        new MessageService.SendRequest(
            sendKey,
            customerId,
            "o-1",
            1L,
            "Activity_Send",
            "payment-reminder-new",
            MessageCategory.TRANSACTIONAL,
            Channel.SMS,
            Map.of(),
            retries));
  }

  @Test
  void fault6_aLeaseLeftByADeadWorkerExpires() {
    accept("SM-after-lease");
    String c = buyer("en", true);
    String sendKey = key();
    String body =
        "Your order o-1 is waiting for payment. Pay now and it ships today - stock is limited.";
    // a worker claimed the send and died before calling Twilio
    assertThat(
            messageLog.claim(
                new MessageLog.Attempt(
                    sendKey,
                    c,
                    "o-1",
                    1L,
                    "Activity_Send",
                    "payment-reminder-new",
                    MessageCategory.TRANSACTIONAL,
                    Channel.SMS,
                    body),
                "dead-worker",
                clock.instant().plus(Duration.ofMinutes(2))))
        .isTrue();

    JobError early =
        catchThrowableOfType(
            JobError.class, () -> send(c, MessageCategory.TRANSACTIONAL, sendKey, 5));
    assertThat(early.getRetryBackoff()).isEqualTo(Duration.ofMinutes(2));
    clock.advance(Duration.ofMinutes(2).plusSeconds(1));

    assertThat(send(c, MessageCategory.TRANSACTIONAL, sendKey, 5).messageSid())
        .isEqualTo("SM-after-lease");
    assertThat(posts()).hasSize(1);
    assertThat(lookups()).as("no provider call was made before: nothing to look up").isEmpty();
  }

  /** A send whose first attempt timed out at Twilio: its outcome is unknown. */
  String unknownOutcome(String c, String sendKey) {
    build(Map.of(), Map.of("careflow.twilio.read-timeout", "PT0.5S"));
    twilio.stubFor(
        post(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(TwilioStub.accepted("SM-slow").withFixedDelay(1500)));
    catchThrowableOfType(JobError.class, () -> send(c, MessageCategory.TRANSACTIONAL, sendKey, 5));
    twilio.resetAll();
    return messageLog.findBySendKey(sendKey).orElseThrow().body();
  }

  @Test
  void fault6_theLookUpMatchesOnTheSender() {
    String c = buyer("en", true);
    String sendKey = key();
    String body = unknownOutcome(c, sendKey);
    // the same text to the same number, but from another of the shop's senders
    twilio.stubFor(
        get(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(
                TwilioStub.listed(
                    "SM-other-sender", phoneOf(c), "+15005550009", body, Instant.now())));
    accept("SM-resent");

    assertThat(send(c, MessageCategory.TRANSACTIONAL, sendKey, 4).messageSid())
        .isEqualTo("SM-resent");
    assertThat(lookups().getFirst().queryParameter("From").firstValue()).isEqualTo(TwilioStub.FROM);
    assertThat(lookups().getFirst().queryParameter("DateSent>").isPresent()).isTrue();
  }

  @Test
  void fault6_theLookUpMatchesOnlyMessagesFromTheClaimOn() {
    String c = buyer("en", true);
    String sendKey = key();
    String body = unknownOutcome(c, sendKey);
    Instant claimed = messageLog.findBySendKey(sendKey).orElseThrow().firstClaimedAt();
    // an identical reminder from an hour before this send was claimed
    twilio.stubFor(
        get(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(
                TwilioStub.listed(
                    "SM-last-hour",
                    phoneOf(c),
                    TwilioStub.FROM,
                    body,
                    claimed.minusSeconds(3600))));
    accept("SM-resent");

    assertThat(send(c, MessageCategory.TRANSACTIONAL, sendKey, 4).messageSid())
        .isEqualTo("SM-resent");
  }

  @Test
  void fault6_aMessageAnotherSendRecordedIsNeverTakenForThisOne() {
    String c = buyer("en", true);
    accept("SM-first-reminder");
    send(c, MessageCategory.TRANSACTIONAL); // the identical previous reminder, recorded
    twilio.resetAll();
    String sendKey = key();
    String body = unknownOutcome(c, sendKey);
    twilio.stubFor(
        get(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(
                TwilioStub.listed(
                    "SM-first-reminder", phoneOf(c), TwilioStub.FROM, body, Instant.now())));
    accept("SM-second-reminder");

    assertThat(send(c, MessageCategory.TRANSACTIONAL, sendKey, 4).messageSid())
        .isEqualTo("SM-second-reminder");
  }

  // ---- fault 4: no send after its reason expired

  String placedOrder(String customerId) {
    String orderId = "o-" + UUID.randomUUID();
    orders.recordOrderPlaced(
        orderId, customerId, clock.instant(), new java.math.BigDecimal("99.00"), "CNY", 1, null);
    return orderId;
  }

  void apply(String event, String orderId, String customerId) {
    switch (event) {
      case "paid" ->
          orders.recordOrderPaid(
              orderId, customerId, clock.instant(), new java.math.BigDecimal("99.00"));
      case "cancelled" -> orders.recordOrderCancelled(orderId, clock.instant(), "BUYER");
      case "refunded" -> orders.recordRefundRequested(orderId, clock.instant());
      case "shipped" -> orders.recordOrderShipped(orderId, clock.instant(), "SF", "SF123");
      default -> throw new IllegalArgumentException(event);
    }
  }

  /** A sender whose rate-limit wait lets the shop's event land meanwhile. */
  MessageSender eventDuringTheWait(Runnable event) {
    return new MessageSender() {
      @Override
      public void awaitSendPermit() {
        event.run();
      }

      @Override
      public SendReceipt send(OutboundMessage message) {
        return sender.send(message);
      }

      @Override
      public List<SendReceipt> findSent(OutboundMessage message, Instant since) {
        return sender.findSent(message, since);
      }

      @Override
      public String mode() {
        return "event-during-wait";
      }
    };
  }

  @org.junit.jupiter.params.ParameterizedTest(
      name = "fault 4: {0} with the order {1} during the rate-limit wait -> {2}")
  @org.junit.jupiter.params.provider.CsvSource({
    "payment-reminder-new, paid, REASON_EXPIRED_PAID",
    "payment-reminder-returning, paid, REASON_EXPIRED_PAID",
    "payment-reminder-new, cancelled, REASON_EXPIRED_CANCELLED",
    "shipment-notice, cancelled, REASON_EXPIRED_CANCELLED",
    "shipment-notice, paid, QUEUED",
    "review-invite, refunded, REASON_EXPIRED_REFUNDED",
    "review-invite, cancelled, REASON_EXPIRED_CANCELLED",
    "review-invite, shipped, QUEUED",
    "care-message, refunded, REASON_EXPIRED_REFUNDED",
    "service-recovery-apology, refunded, QUEUED"
  })
  void fault4_theReasonIsRecheckedRightBeforeTheProviderCall(
      String template, String event, String expected) {
    accept("SM-reason");
    String c = buyer("en", true);
    String orderId = placedOrder(c);
    MessageService waiting =
        serviceWith(
            eventDuringTheWait(() -> apply(event, orderId, c)),
            MessagingTestSupport.messaging(Map.of()));
    String sendKey = key();

    Outcome outcome =
        run(
            waiting,
            new MessageService.SendRequest(
                sendKey,
                c,
                orderId,
                1L,
                "Activity_Send",
                template,
                MessageCategory.TRANSACTIONAL,
                Channel.SMS,
                Map.of(
                    "carrier",
                    "SF",
                    "trackingNumber",
                    "SF123",
                    "title",
                    "Tea",
                    "couponCode",
                    "C1",
                    "couponValue",
                    "5",
                    "couponExpiresOn",
                    "2026-12-01"),
                5));

    if (expected.equals("QUEUED")) {
      assertThat(outcome.status()).isEqualTo("QUEUED");
      assertThat(posts()).hasSize(1);
    } else {
      assertThat(outcome.status()).isEqualTo(MessageStatus.SKIPPED.name());
      assertThat(posts()).isEmpty();
      assertThat(messageLog.findBySendKey(sendKey))
          .get()
          .returns(MessageStatus.SKIPPED, MessageLog.Entry::status)
          .returns(expected, MessageLog.Entry::skipReason)
          .returns(null, MessageLog.Entry::leaseUntil);
    }
  }

  @Test
  void fault4_aReminderForAnOrderPaidBeforeTheJobRanIsSkippedWithoutWaiting() {
    String c = buyer("en", true);
    String orderId = placedOrder(c);
    apply("paid", orderId, c);
    MessageService neverWaits =
        serviceWith(
            eventDuringTheWait(
                () -> {
                  throw new AssertionError("no rate-limit wait for a message that will not go out");
                }),
            MessagingTestSupport.messaging(Map.of()));

    Outcome outcome =
        run(
            neverWaits,
            new MessageService.SendRequest(
                key(),
                c,
                orderId,
                1L,
                "Activity_Send",
                "payment-reminder-new",
                MessageCategory.TRANSACTIONAL,
                Channel.SMS,
                Map.of(),
                5));

    assertThat(outcome.status()).isEqualTo(MessageStatus.SKIPPED.name());
    assertThat(messageLog.findByCustomer(c))
        .singleElement()
        .returns("REASON_EXPIRED_PAID", MessageLog.Entry::skipReason);
  }

  @Test
  void fault4_aDeclaredConditionOverridesTheTemplateConvention() {
    accept("SM-declared");
    String c = buyer("en", true);
    String orderId = placedOrder(c);
    apply("cancelled", orderId, c);

    Outcome outcome =
        run(
            service,
            new MessageService.SendRequest(
                key(),
                c,
                orderId,
                1L,
                "Activity_Send",
                "payment-reminder-new",
                MessageCategory.TRANSACTIONAL,
                Channel.SMS,
                Map.of(),
                SendCondition.NONE,
                5));

    assertThat(outcome.status()).isEqualTo("QUEUED");
  }

  // ---- segments and cost ("Also")

  @Test
  void r24_segmentsAndTheCostEstimateAreRecordedForDryRunsToo() {
    String c = buyer("zh-CN", true);
    MessageService dry =
        serviceWith(new DryRunMessageSender(), MessagingTestSupport.messaging(Map.of()));

    run(
        dry,
        new MessageService.SendRequest(
            key(),
            c,
            "o-1",
            1L,
            "Activity_Send",
            "payment-reminder-new",
            MessageCategory.TRANSACTIONAL,
            Channel.SMS,
            Map.of(),
            5));

    MessageLog.Entry entry = messageLog.findByCustomer(c).getFirst();
    assertThat(entry)
        .returns(DryRunMessageSender.STATUS, MessageLog.Entry::status)
        .returns("UCS2", MessageLog.Entry::encoding)
        .returns(SmsSegments.count(entry.body()).segments(), MessageLog.Entry::segments);
    assertThat(entry.segments()).isEqualTo(1);
    // #16 "dry runs record the same facts": segments × the destination's price per segment
    MessagingProperties props = MessagingTestSupport.messaging(Map.of());
    assertThat(entry.cost())
        .isPositive()
        .isEqualByComparingTo(props.pricePerSegment(phoneOf(c)).perSegment());
    assertThat(entry.costCurrency()).isEqualTo(props.costCurrency());
  }

  @Test
  void r24_theCostEstimateUsesTheDestinationCountrysPricePerSegment() {
    twilio.stubFor(
        post(urlPathEqualTo(TwilioStub.MESSAGES_PATH))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"sid":"SM-priced","account_sid":"%s","status":"queued","num_segments":"2",
                         "direction":"outbound-api","price":null}
                        """
                            .formatted(TwilioStub.ACCOUNT_SID))));
    build(
        Map.of(
            "careflow.messaging.cost-per-segment-by-calling-code.86", "0.0125",
            "careflow.messaging.cost-per-segment-by-calling-code.1", "0.0079"),
        Map.of());
    String chinese = buyer("en", true);
    String other = "c-" + UUID.randomUUID();
    customers.upsertProfile(
        new Customer(other, "Ana", "+447700900123", "en", "Asia/Shanghai", null, true, 0));

    send(chinese, MessageCategory.TRANSACTIONAL);
    send(other, MessageCategory.TRANSACTIONAL);

    assertThat(messageLog.findByCustomer(chinese).getFirst())
        .returns(2, MessageLog.Entry::segments)
        .returns("86", MessageLog.Entry::destinationCallingCode)
        .returns("GSM7", MessageLog.Entry::encoding)
        .satisfies(e -> assertThat(e.cost()).isEqualByComparingTo("0.025"));
    assertThat(messageLog.findByCustomer(other).getFirst())
        .returns(null, MessageLog.Entry::destinationCallingCode)
        .satisfies(e -> assertThat(e.cost()).isEqualByComparingTo("0.10"));
  }

  // ---- issue #19, target 4: marketing gives way while the sender is saturated

  /** A sender saturated for marketing: deferred before any work, or deferred at the wait. */
  MessageSender saturatedForMarketing(boolean deferBeforeWork) {
    return new MessageSender() {
      @Override
      public Optional<Duration> marketingDeferral() {
        return deferBeforeWork ? Optional.of(Duration.ofSeconds(7)) : Optional.empty();
      }

      @Override
      public void awaitSendPermit(OutboundMessage message, MessageCategory category) {
        if (category == MessageCategory.MARKETING) {
          throw new SegmentRateLimiter.SendDeferred("saturated", Duration.ofSeconds(9));
        }
      }

      @Override
      public SendReceipt send(OutboundMessage message) {
        return sender.send(message);
      }

      @Override
      public List<SendReceipt> findSent(OutboundMessage message, Instant since) {
        return sender.findSent(message, since);
      }

      @Override
      public String mode() {
        return "saturated";
      }
    };
  }

  MessageService.SendRequest marketingRequest(String customerId, String sendKey) {
    return new MessageService.SendRequest(
        sendKey,
        customerId,
        "o-1",
        1L,
        "Activity_Send",
        "payment-reminder-new",
        MessageCategory.MARKETING,
        Channel.SMS,
        Map.of(),
        3);
  }

  @Test
  void aMarketingSendDeferredBeforeAnyWorkKeepsItsRetriesAndLeavesNoTrace() {
    accept("SM-never");
    String c = buyer("en", true);
    String sendKey = key();

    SendResult result =
        serviceWith(saturatedForMarketing(true), MessagingTestSupport.messaging(Map.of()))
            .send(marketingRequest(c, sendKey));

    assertThat(result)
        .isEqualTo(
            new SendResult.RetryLater(
                "Send limit saturated: marketing send "
                    + sendKey
                    + " gives way to transactional messages, back in PT7S",
                Duration.ofSeconds(7),
                false));
    assertThat(posts()).isEmpty();
    assertThat(messageLog.findBySendKey(sendKey)).isEmpty();
  }

  @Test
  void aMarketingSendDeferredAtTheWaitIsReleasedUnfailedAndGoesOutOnceWhenItComesBack() {
    accept("SM-later");
    String c = buyer("en", true);
    String sendKey = key();

    SendResult deferred =
        serviceWith(saturatedForMarketing(false), MessagingTestSupport.messaging(Map.of()))
            .send(marketingRequest(c, sendKey));

    assertThat(deferred)
        .isInstanceOfSatisfying(
            SendResult.RetryLater.class,
            later -> {
              assertThat(later.consumesRetry()).isFalse();
              assertThat(later.delay()).isEqualTo(Duration.ofSeconds(9));
            });
    assertThat(posts()).isEmpty();
    assertThat(messageLog.findBySendKey(sendKey))
        .get()
        .satisfies(
            e -> {
              assertThat(e.status()).isNotEqualTo(MessageStatus.ERROR);
              assertThat(e.attempts()).isZero();
            });
    // the same job back once the limit has room: sent once
    assertThat(service.send(marketingRequest(c, sendKey))).isInstanceOf(SendResult.Sent.class);
    assertThat(posts()).hasSize(1);
  }
}
