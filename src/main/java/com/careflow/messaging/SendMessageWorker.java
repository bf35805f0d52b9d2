package com.careflow.messaging;

import com.careflow.journeys.JobTypes;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The {@code send-message} job: one message to one buyer, through {@link MessageService}. */
@Component
public class SendMessageWorker {

  private final MessageService messages;

  SendMessageWorker(MessageService messages) {
    this.messages = messages;
  }

  /**
   * What a send step hands over: ids, never contact data (the worker looks that up).
   *
   * @param templateVariables the template's placeholders (order id, carrier, coupon code, …)
   */
  public record Input(
      String customerId,
      String orderId,
      String templateKey,
      MessageCategory category,
      Channel channel,
      Map<String, Object> templateVariables) {}

  @JobWorker(
      type = JobTypes.SEND_MESSAGE,
      fetchVariables = {
        "customerId",
        "orderId",
        "templateKey",
        "category",
        "channel",
        "templateVariables"
      })
  public Map<String, Object> sendMessage(ActivatedJob job, @VariablesAsType Input input) {
    var request =
        new MessageService.SendRequest(
            sendKey(job),
            input.customerId(),
            input.orderId(),
            job.getProcessInstanceKey(),
            job.getElementId(),
            input.templateKey(),
            input.category() == null ? MessageCategory.TRANSACTIONAL : input.category(),
            input.channel() == null ? Channel.SMS : input.channel(),
            input.templateVariables() == null ? Map.of() : input.templateVariables(),
            job.getRetries());
    MessageService.Outcome outcome = messages.send(request);
    return Map.of("lastMessageStatus", outcome.status());
  }

  /**
   * Stable across retries and redeliveries of the same step, different for each new visit of it (a
   * repeated reminder is a new element instance).
   */
  static String sendKey(ActivatedJob job) {
    return job.getProcessInstanceKey()
        + "/"
        + job.getElementId()
        + "/"
        + job.getElementInstanceKey();
  }
}
