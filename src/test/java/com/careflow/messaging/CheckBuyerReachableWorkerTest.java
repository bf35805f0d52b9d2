package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.careflow.customers.CustomerProfiles;
import com.careflow.support.RepositoryTestBase;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The journeys' "Check buyer can be messaged" step (cart recovery, service recovery, out of stock):
 * the category reaches the send check, and a no is recorded once as the send gate records a skip.
 */
@Import({CustomerProfiles.class, MessageLog.class})
class CheckBuyerReachableWorkerTest extends RepositoryTestBase {

  @Autowired CustomerProfiles profiles;
  @Autowired MessageLog messageLog;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-10T03:00:00Z"), ZoneOffset.UTC);
  private final List<MessageCategory> asked = new ArrayList<>();
  private final List<Object> published = new ArrayList<>();

  private CheckBuyerReachableWorker worker(Optional<SkipReason> answer) {
    var skips =
        new SkipRecorder(
            messageLog, profiles, MessagingTestSupport.messaging(Map.of()), published::add, clock);
    return new CheckBuyerReachableWorker(
        (customerId, category) -> {
          asked.add(category);
          return answer;
        },
        skips);
  }

  private static ActivatedJob job() {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getProcessInstanceKey()).thenReturn(2251799813685249L);
    when(job.getElementId()).thenReturn("Activity_CheckRecoveryReachable");
    when(job.getElementInstanceKey()).thenReturn(2251799813685300L);
    when(job.getBpmnProcessId()).thenReturn("order-journey");
    when(job.getProcessDefinitionVersion()).thenReturn(3);
    return job;
  }

  private static CheckBuyerReachableWorker.Input apology() {
    return new CheckBuyerReachableWorker.Input(
        "c-flagged",
        MessageCategory.TRANSACTIONAL,
        Channel.SMS,
        "service-recovery-apology",
        "order-journey",
        "Activity_SendRecoveryApology",
        "Send apology with coupon",
        "B_ACTIVE");
  }

  @Test
  @DisplayName("R13/R22/R24: a buyer who cannot be messaged: one SKIPPED row with the reason")
  void r22_aNoIsRecordedOnceAsASkippedMessage() {
    var worker = worker(Optional.of(SkipReason.NUMBER_FLAGGED_INVALID));

    Map<String, Object> out = worker.checkBuyerReachable(apology(), job());
    worker.checkBuyerReachable(apology(), job()); // a retried job

    assertThat(out)
        .containsEntry("buyerReachable", false)
        .containsEntry("buyerUnreachableReason", "NUMBER_FLAGGED_INVALID")
        .containsEntry("lastMessageStatus", "SKIPPED");
    assertThat(asked).containsOnly(MessageCategory.TRANSACTIONAL);
    var entry =
        messageLog
            .findBySendKey("2251799813685249/Activity_CheckRecoveryReachable/2251799813685300")
            .orElseThrow();
    assertThat(entry.status()).isEqualTo(com.careflow.messagestatus.MessageStatus.SKIPPED);
    assertThat(entry.skipReason()).isEqualTo("NUMBER_FLAGGED_INVALID");
    assertThat(entry.customerId()).isEqualTo("c-flagged");
    assertThat(entry.templateKey()).isEqualTo("service-recovery-apology");
    assertThat(entry.category()).isEqualTo(MessageCategory.TRANSACTIONAL);
    assertThat(messageLog.findByCustomer("c-flagged")).hasSize(1);
    // #16: the check runs in the journey itself, so the skip carries the journey's own deployed
    // version
    assertThat(published)
        .first()
        .isInstanceOfSatisfying(
            com.careflow.analytics.AnalyticsFacts.SendFact.class,
            fact -> {
              assertThat(fact.processId()).isEqualTo("order-journey");
              assertThat(fact.processVersion()).isEqualTo(3);
            });
  }

  @Test
  @DisplayName("R22: a buyer who can be messaged: nothing recorded")
  void r22_aYesRecordsNothing() {
    Map<String, Object> out = worker(Optional.empty()).checkBuyerReachable(apology(), job());

    assertThat(out).isEqualTo(Map.of("buyerReachable", true));
    assertThat(
            messageLog.findBySendKey(
                "2251799813685249/Activity_CheckRecoveryReachable/2251799813685300"))
        .isEmpty();
  }
}
