package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

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
    when(service.send(any())).thenReturn(new MessageService.Outcome("QUEUED", "SM1"));
    var worker = new SendMessageWorker(service);

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
        .returns(3, MessageService.SendRequest::retries);
    assertThat(out).isEqualTo(Map.of("lastMessageStatus", "QUEUED"));
  }
}
