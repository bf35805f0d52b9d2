package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.careflow.analytics.AnalyticsFacts;
import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.messagestatus.MessageStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every settled send becomes one analytics fact, under the step that asked for it (R23–R26). */
class SendFactsTest {

  static final Instant NOW = Instant.parse("2026-11-11T02:00:00Z");
  static final SendFacts.Caller REMINDER =
      new SendFacts.Caller(
          "order-journey",
          7,
          "Activity_SendPaymentReminder",
          "Send payment reminder",
          null,
          null,
          "NEW");

  final MessageLog messageLog = mock(MessageLog.class);
  final CustomerProfiles customers = mock(CustomerProfiles.class);
  final List<Object> published = new ArrayList<>();
  final SendFacts facts =
      new SendFacts(
          messageLog,
          customers,
          MessagingTestSupport.messaging(Map.of()),
          published::add,
          Clock.fixed(NOW, ZoneOffset.UTC));

  final MessageService.SendRequest request =
      new MessageService.SendRequest(
          "1/Activity_SendMessage/7",
          "c-1",
          "o-1",
          1L,
          "Activity_SendMessage",
          "payment-reminder-new",
          MessageCategory.TRANSACTIONAL,
          Channel.SMS,
          Map.of(),
          3);

  SendFactsTest() {
    when(customers.find("c-1"))
        .thenReturn(
            Optional.of(
                new Customer("c-1", "Li Wei", "+8613800138000", "zh-CN", null, null, true, 0)));
  }

  @Test
  void r23_aSentMessageIsCountedUnderItsCallingStepWithTheLogsStatusAndCost() {
    logged(MessageStatus.QUEUED, "SM1", 2, new BigDecimal("0.10"), null);

    facts.settled(
        request,
        new SendResult.Sent(MessageStatus.QUEUED, "SM1"),
        REMINDER,
        "message-delivery",
        3,
        "x");

    AnalyticsFacts.SendFact f = only();
    assertThat(f.stepId()).isEqualTo("Activity_SendPaymentReminder");
    assertThat(f.stepName()).isEqualTo("Send payment reminder");
    assertThat(f.processId()).isEqualTo("order-journey");
    // the journey's version as the journey passed it, not the delivery's own (3)
    assertThat(f.processVersion()).isEqualTo(7);
    assertThat(f.segment()).isEqualTo("NEW");
    assertThat(f.status()).isEqualTo("QUEUED");
    assertThat(f.messageSid()).isEqualTo("SM1");
    assertThat(f.segments()).isEqualTo(2);
    assertThat(f.cost()).isEqualByComparingTo("0.10");
    assertThat(f.locale()).isEqualTo("zh-CN");
    assertThat(f.sendId()).isEqualTo(request.sendKey());
  }

  @Test
  void r23_aJourneyThatPassedNoVersionIsCountedUnderAnUnknownVersionNotTheDeliverysOwn() {
    logged(MessageStatus.QUEUED, "SM1", 1, new BigDecimal("0.05"), null);
    SendFacts.Caller noVersion =
        new SendFacts.Caller(
            "order-journey",
            null,
            "Activity_SendPaymentReminder",
            "Send payment reminder",
            null,
            null,
            "NEW");

    facts.settled(
        request,
        new SendResult.Sent(MessageStatus.QUEUED, "SM1"),
        noVersion,
        "message-delivery",
        3,
        "x");

    assertThat(only())
        .returns("order-journey", AnalyticsFacts.SendFact::processId)
        .returns(null, AnalyticsFacts.SendFact::processVersion);
  }

  @Test
  void r24_aSkippedSendIsCountedWithItsReasonAndNoCost() {
    logged(MessageStatus.SKIPPED, null, null, null, MessageService.NO_CONSENT);

    facts.settled(
        request, new SendResult.Skipped(MessageService.NO_CONSENT), REMINDER, "m", 1, "x");

    assertThat(only())
        .returns("SKIPPED", AnalyticsFacts.SendFact::status)
        .returns("NO_CONSENT", AnalyticsFacts.SendFact::skipReason)
        .returns(0, AnalyticsFacts.SendFact::segments);
  }

  @Test
  void r23_anUndeliverableSendWithNothingLoggedIsCountedAsFailed() {
    when(messageLog.findBySendKey(request.sendKey())).thenReturn(Optional.empty());

    facts.settled(request, new SendResult.Undeliverable(null, "no phone"), REMINDER, "m", 1, "x");

    assertThat(only())
        .returns(MessageStatus.FAILED.name(), AnalyticsFacts.SendFact::status)
        .returns(NOW, AnalyticsFacts.SendFact::sentAt);
  }

  @Test
  void aSendStillToBeRetriedIsNotCountedYet() {
    facts.settled(
        request,
        new SendResult.RetryLater("busy", Duration.ofSeconds(5), true),
        REMINDER,
        "m",
        1,
        "x");
    facts.settled(request, new SendResult.AccountProblem(20003, "fix"), REMINDER, "m", 1, "x");

    assertThat(published).isEmpty();
  }

  @Test
  void aDeliveryWithoutCallerIsCountedUnderItsOwnElementAndVersion() {
    logged(MessageStatus.DRY_RUN, "dry-1", 1, null, null);

    facts.settled(
        request,
        new SendResult.Sent(MessageStatus.DRY_RUN, "dry-1"),
        null,
        "message-delivery",
        4,
        "Activity_SendMessage");

    assertThat(only())
        .returns("message-delivery", AnalyticsFacts.SendFact::processId)
        .returns(4, AnalyticsFacts.SendFact::processVersion)
        .returns("Activity_SendMessage", AnalyticsFacts.SendFact::stepId)
        .returns("DRY_RUN", AnalyticsFacts.SendFact::status);
  }

  private AnalyticsFacts.SendFact only() {
    assertThat(published).hasSize(1);
    return (AnalyticsFacts.SendFact) published.getFirst();
  }

  private void logged(
      MessageStatus status,
      String messageSid,
      Integer segments,
      BigDecimal cost,
      String skipReason) {
    when(messageLog.findBySendKey(request.sendKey()))
        .thenReturn(
            Optional.of(
                new MessageLog.Entry(
                    1,
                    request.sendKey(),
                    "c-1",
                    "o-1",
                    1L,
                    "Activity_SendMessage",
                    "payment-reminder-new",
                    MessageCategory.TRANSACTIONAL,
                    Channel.SMS,
                    "body",
                    status,
                    skipReason,
                    messageSid,
                    null,
                    null,
                    1,
                    segments,
                    cost,
                    cost == null ? null : "USD",
                    NOW.minusSeconds(60),
                    NOW.minusSeconds(30),
                    messageSid == null ? null : NOW.minusSeconds(30),
                    null,
                    null,
                    NOW.minusSeconds(60),
                    null,
                    null,
                    "en",
                    1)));
  }
}
