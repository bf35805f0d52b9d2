package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.careflow.messagestatus.MessageStatus;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The thin worker: a send key stable across redeliveries, the job's retries, defaults. */
class SendMessageWorkerTest {

  private static ActivatedJob job(long jobKey, long elementInstanceKey, int retries) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(jobKey);
    when(job.getProcessInstanceKey()).thenReturn(2251799813685249L);
    when(job.getElementId()).thenReturn("Activity_SendMessage");
    when(job.getElementInstanceKey()).thenReturn(elementInstanceKey);
    when(job.getRetries()).thenReturn(retries);
    return job;
  }

  @Test
  void theSendKeyIgnoresTheJobKeySoARedeliveryIsTheSameSend() {
    // a timed-out job comes back under the same job key, a failed one too; a new visit of the
    // step (a repeated reminder) is a new element instance
    assertThat(SendMessageWorker.sendKey(job(1, 7, 5)))
        .isEqualTo(SendMessageWorker.sendKey(job(99, 7, 4)))
        .isEqualTo("2251799813685249/Activity_SendMessage/7");
    assertThat(SendMessageWorker.sendKey(job(1, 8, 5)))
        .isNotEqualTo(SendMessageWorker.sendKey(job(1, 7, 5)));
  }

  @Test
  void theWorkerHandsOverIdsAndRetriesAndReturnsOnlyTheStatus() {
    MessageService service = mock(MessageService.class);
    when(service.send(any())).thenReturn(new SendResult.Sent(MessageStatus.QUEUED, "SM1"));
    var worker = new SendMessageWorker(service, mock(SendFacts.class));

    Map<String, Object> out =
        worker.sendMessage(
            job(1, 7, 3),
            new SendMessageWorker.Input("c-1", "o-1", "payment-reminder-new", null, null, null));

    var request = ArgumentCaptor.forClass(MessageService.SendRequest.class);
    verify(service).send(request.capture());
    assertThat(request.getValue())
        .returns("2251799813685249/Activity_SendMessage/7", MessageService.SendRequest::sendKey)
        .returns(MessageCategory.TRANSACTIONAL, MessageService.SendRequest::category)
        .returns(Channel.SMS, MessageService.SendRequest::channel)
        .returns(Map.of(), MessageService.SendRequest::templateVariables)
        .returns(SendCondition.ORDER_UNPAID, MessageService.SendRequest::condition)
        .returns(3, MessageService.SendRequest::retries);
    assertThat(out).isEqualTo(Map.of("lastMessageStatus", "QUEUED"));
  }

  @Test
  void aSendStepMayDeclareItsConditionOverridingTheTemplateConvention() {
    MessageService service = mock(MessageService.class);
    when(service.send(any())).thenReturn(new SendResult.Skipped("REASON_EXPIRED_PAID"));
    var worker = new SendMessageWorker(service, mock(SendFacts.class));

    Map<String, Object> out =
        worker.sendMessage(
            job(1, 7, 3),
            new SendMessageWorker.Input(
                "c-1", "o-1", "care-message", null, null, null, SendCondition.ORDER_NOT_CANCELLED));

    var request = ArgumentCaptor.forClass(MessageService.SendRequest.class);
    verify(service).send(request.capture());
    assertThat(request.getValue().condition()).isEqualTo(SendCondition.ORDER_NOT_CANCELLED);
    assertThat(out).isEqualTo(Map.of("lastMessageStatus", "SKIPPED"));
  }

  @Test
  void theWorkerMapsEachResultOntoCamundasProtocol() {
    assertThat(
            SendMessageWorker.complete(new SendResult.Sent(MessageStatus.DRY_RUN, "DRY_RUN-1"), 5))
        .isEqualTo(Map.of("lastMessageStatus", "DRY_RUN"));
    assertThat(SendMessageWorker.complete(new SendResult.Skipped("OPTED_OUT"), 5))
        .isEqualTo(Map.of("lastMessageStatus", "SKIPPED"));

    var bpmn =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.camunda.client.exception.BpmnError.class,
            () ->
                SendMessageWorker.complete(
                    new SendResult.Undeliverable(21211, "invalid number"), 5));
    assertThat(bpmn.getErrorCode()).isEqualTo(MessageService.ERROR_UNDELIVERABLE);
    assertThat(bpmn.getVariables()).isEqualTo(Map.of("sendErrorCode", "21211"));

    var failure =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.camunda.client.exception.JobError.class,
            () ->
                SendMessageWorker.complete(
                    new SendResult.RetryLater("429", java.time.Duration.ofSeconds(20), true), 5));
    assertThat(failure.getRetries()).isEqualTo(4);
    assertThat(failure.getRetryBackoff()).isEqualTo(java.time.Duration.ofSeconds(20));

    var wait =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.camunda.client.exception.JobError.class,
            () ->
                SendMessageWorker.complete(
                    new SendResult.RetryLater("leased", java.time.Duration.ofSeconds(90), false),
                    5));
    assertThat(wait.getRetries()).as("waiting is no failure").isEqualTo(5);

    var incident =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.camunda.client.exception.JobError.class,
            () ->
                SendMessageWorker.complete(
                    new SendResult.AccountProblem(21408, "enable the region"), 5));
    assertThat(incident.getRetries()).isZero();
    assertThat(incident.getErrorMessage()).contains("21408", "enable the region");
  }

  @Test
  void aHeldOutBuyerGetsNoMessageAndTheJourneyGoesOnAsIfSent() {
    MessageService service = mock(MessageService.class);
    var experiments = mock(com.careflow.experiments.SendStepExperiments.class);
    when(experiments.decide(any()))
        .thenReturn(
            java.util.Optional.of(
                new com.careflow.experiments.Assignment(
                    "exp",
                    3,
                    com.careflow.experiments.Assignment.Group.HOLDOUT,
                    "payment-reminder-new")));
    var worker = new SendMessageWorker(service, experiments, mock(SendFacts.class));
    ActivatedJob job = job(1, 7, 3);
    when(job.getVariablesAsType(SendMessageWorker.ExperimentInput.class))
        .thenReturn(new SendMessageWorker.ExperimentInput("exp", 10, null, null));

    Map<String, Object> out =
        worker.sendMessage(
            job,
            new SendMessageWorker.Input("c-1", "o-1", "payment-reminder-new", null, null, null));

    org.mockito.Mockito.verifyNoInteractions(service);
    assertThat(out).isEqualTo(Map.of("lastMessageStatus", "HOLDOUT"));
  }

  @Test
  void aVariantPicksItsTemplate() {
    MessageService service = mock(MessageService.class);
    when(service.send(any())).thenReturn(new SendResult.Sent(MessageStatus.QUEUED, "SM1"));
    var experiments = mock(com.careflow.experiments.SendStepExperiments.class);
    when(experiments.decide(any()))
        .thenReturn(
            java.util.Optional.of(
                new com.careflow.experiments.Assignment(
                    "exp",
                    9000,
                    com.careflow.experiments.Assignment.Group.TREATMENT,
                    "care-message")));
    var worker = new SendMessageWorker(service, experiments, mock(SendFacts.class));
    ActivatedJob job = job(1, 7, 3);
    when(job.getVariablesAsType(SendMessageWorker.ExperimentInput.class))
        .thenReturn(
            new SendMessageWorker.ExperimentInput("exp", 10, "care-message,review-invite", "1,1"));

    worker.sendMessage(
        job, new SendMessageWorker.Input("c-1", "o-1", "payment-reminder-new", null, null, null));

    var request = ArgumentCaptor.forClass(MessageService.SendRequest.class);
    verify(service).send(request.capture());
    assertThat(request.getValue().templateKey()).isEqualTo("care-message");
  }

  @Test
  void badExperimentSettingsRaiseAnIncidentThatSaysWhatToFixAndSendNothing() {
    MessageService service = mock(MessageService.class);
    var experiments = mock(com.careflow.experiments.SendStepExperiments.class);
    when(experiments.decide(any()))
        .thenThrow(
            new IllegalArgumentException("holdout share must be between 0 and 50 %, was 80"));
    var worker = new SendMessageWorker(service, experiments, mock(SendFacts.class));
    ActivatedJob job = job(1, 7, 3);
    when(job.getVariablesAsType(SendMessageWorker.ExperimentInput.class))
        .thenReturn(new SendMessageWorker.ExperimentInput("exp", 80, null, null));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                worker.sendMessage(
                    job,
                    new SendMessageWorker.Input(
                        "c-1", "o-1", "payment-reminder-new", null, null, null)))
        .hasMessageContaining("Fix needed: the send step's experiment settings")
        .hasMessageContaining("between 0 and 50");
    org.mockito.Mockito.verifyNoInteractions(service);
  }

  /**
   * Both kinds of send of one step, the real one (counted by {@link SendFacts#settled}) and a
   * held-out buyer's virtual one (recorded by the experiment decision), land under the same journey
   * step: the calling step when a call activity passed it, the delivery's own element otherwise.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  @org.junit.jupiter.api.DisplayName(
      "R23 holdout: a virtual send is counted under the same step as the real send of that step")
  void r23_virtualAndRealSendsOfAStepAreCountedUnderTheSameStep(boolean calledFromAJourney) {
    var caller =
        calledFromAJourney
            ? new SendFacts.Caller(
                "order-journey",
                9,
                "Activity_SendPaymentReminder",
                "Send payment reminder",
                null,
                "double11",
                "NEW")
            : null;
    var published = new java.util.ArrayList<Object>();
    var customers = mock(com.careflow.customers.CustomerProfiles.class);
    when(customers.find("c-1"))
        .thenReturn(
            java.util.Optional.of(
                new com.careflow.customers.Customer(
                    "c-1", "Li Wei", "+8613800138000", "zh-CN", null, null, true, 0)));
    var facts =
        new SendFacts(
            mock(MessageLog.class),
            customers,
            MessagingTestSupport.messaging(Map.of()),
            published::add,
            java.time.Clock.fixed(
                java.time.Instant.parse("2026-11-11T02:00:00Z"), java.time.ZoneOffset.UTC));
    MessageService service = mock(MessageService.class);
    when(service.send(any())).thenReturn(new SendResult.Sent(MessageStatus.QUEUED, "SM1"));
    var experiments = mock(com.careflow.experiments.SendStepExperiments.class);
    var decided =
        ArgumentCaptor.forClass(com.careflow.experiments.SendStepExperiments.SendStep.class);
    when(experiments.decide(decided.capture()))
        .thenReturn(
            java.util.Optional.of(
                new com.careflow.experiments.Assignment(
                    "payment-reminder",
                    3,
                    com.careflow.experiments.Assignment.Group.HOLDOUT,
                    "payment-reminder-new")))
        .thenReturn(
            java.util.Optional.of(
                new com.careflow.experiments.Assignment(
                    "payment-reminder",
                    9000,
                    com.careflow.experiments.Assignment.Group.TREATMENT,
                    "payment-reminder-new")));
    var worker = new SendMessageWorker(service, experiments, facts);
    var input = new SendMessageWorker.Input("c-1", "o-1", "payment-reminder-new", null, null, null);
    for (long instance : new long[] {7, 8}) {
      ActivatedJob job = job(1, instance, 3);
      when(job.getBpmnProcessId()).thenReturn("message-delivery");
      when(job.getProcessDefinitionVersion()).thenReturn(4);
      when(job.getVariablesAsType(SendMessageWorker.ExperimentInput.class))
          .thenReturn(new SendMessageWorker.ExperimentInput("payment-reminder", 10, null, null));
      when(job.getVariablesAsType(SendFacts.Caller.class)).thenReturn(caller);
      worker.sendMessage(job, input);
    }

    var virtual = decided.getAllValues().getFirst();
    var real = (com.careflow.analytics.AnalyticsFacts.SendFact) published.getFirst();
    assertThat(published).hasSize(1); // only the treated visit sent a message
    assertThat(virtual.step())
        .isEqualTo(
            new com.careflow.experiments.SendStepExperiments.CallingStep(
                real.processId(),
                real.processVersion(),
                real.stepId(),
                real.stepName(),
                real.campaign(),
                real.occasion(),
                real.segment()));
    assertThat(virtual.locale()).isEqualTo(real.locale()).isEqualTo("zh-CN");
    if (calledFromAJourney) {
      assertThat(virtual.step().processId()).isEqualTo("order-journey");
      assertThat(virtual.step().stepId()).isEqualTo("Activity_SendPaymentReminder");
      assertThat(virtual.step().stepName()).isEqualTo("Send payment reminder");
      assertThat(virtual.step().processVersion()).isEqualTo(9); // the journey's, not the 4
    } else {
      assertThat(virtual.step().processId()).isEqualTo("message-delivery");
      assertThat(virtual.step().stepId()).isEqualTo("Activity_SendMessage");
      assertThat(virtual.step().processVersion()).isEqualTo(4);
    }
  }
}
