package com.careflow.messaging;

import com.careflow.experiments.Assignment;
import com.careflow.experiments.SendStepExperiments;
import com.careflow.messagestatus.MessageStatus;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The {@code send-message} job: one message to one buyer, through {@link MessageService}. */
@Component
public class SendMessageWorker {

  private static final Logger log = LoggerFactory.getLogger(SendMessageWorker.class);

  private final MessageService messages;
  private final SendStepExperiments experiments;
  private final SendFacts facts;

  SendMessageWorker(MessageService messages, SendFacts facts) {
    this(messages, SendStepExperiments.NONE, facts);
  }

  @Autowired
  SendMessageWorker(MessageService messages, SendStepExperiments experiments, SendFacts facts) {
    this.messages = messages;
    this.experiments = experiments;
    this.facts = facts;
  }

  /**
   * A send step's experiment (#18), set in the "Send message to buyer" element template: ids,
   * numbers and template keys only.
   *
   * @param holdoutShare percent of buyers held out, 0–50
   * @param variantTemplateKeys comma-separated template keys
   * @param variantShares comma-separated whole-number weights
   */
  public record ExperimentInput(
      String experimentId, Number holdoutShare, String variantTemplateKeys, String variantShares) {}

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
      Map<String, Object> templateVariables,
      SendCondition sendCondition) {

    public Input(
        String customerId,
        String orderId,
        String templateKey,
        MessageCategory category,
        Channel channel,
        Map<String, Object> templateVariables) {
      this(customerId, orderId, templateKey, category, channel, templateVariables, null);
    }
  }

  @JobWorker(
      type = MessagingJobTypes.SEND_MESSAGE,
      fetchVariables = {
        "customerId",
        "orderId",
        "templateKey",
        "category",
        "channel",
        "templateVariables",
        "sendCondition",
        "experimentId",
        "holdoutShare",
        "variantTemplateKeys",
        "variantShares",
        "callingProcessId",
        "callingProcessVersion",
        "callingStepId",
        "callingStepName",
        "campaign",
        "occasion",
        "segmentAtSend"
      })
  public Map<String, Object> sendMessage(ActivatedJob job, @VariablesAsType Input input) {
    Optional<Assignment> assignment = decideExperiment(job, input);
    if (assignment.isPresent() && assignment.get().heldOut()) {
      // the virtual send is recorded; the journey goes on as if the message had gone out
      return Map.of("lastMessageStatus", MessageStatus.HOLDOUT.name());
    }
    String templateKey = assignment.map(Assignment::templateKey).orElse(input.templateKey());
    var request =
        new MessageService.SendRequest(
            sendKey(job),
            input.customerId(),
            input.orderId(),
            job.getProcessInstanceKey(),
            job.getElementId(),
            templateKey,
            input.category() == null ? MessageCategory.TRANSACTIONAL : input.category(),
            input.channel() == null ? Channel.SMS : input.channel(),
            input.templateVariables() == null ? Map.of() : input.templateVariables(),
            input.sendCondition() == null
                ? SendCondition.forTemplate(templateKey)
                : input.sendCondition(),
            job.getRetries());
    SendResult result = messages.send(request);
    // analytics (R23–R26): the settled send under the journey step that asked for it
    // (a fault there is logged, never holds up the buyer's journey nor sends twice)
    try {
      facts.settled(
          request,
          result,
          job.getVariablesAsType(SendFacts.Caller.class),
          job.getBpmnProcessId(),
          job.getProcessDefinitionVersion(),
          job.getElementId());
    } catch (RuntimeException e) {
      log.error("Send {} not counted in the analytics: {}", request.sendKey(), e.toString());
    }
    return complete(result, job.getRetries());
  }

  /**
   * The step's experiment decision (holdout or variant), final per send key. Malformed experiment
   * settings raise an incident whose message says what to fix; nothing is sent meanwhile.
   */
  private Optional<Assignment> decideExperiment(ActivatedJob job, Input input) {
    ExperimentInput experiment = job.getVariablesAsType(ExperimentInput.class);
    if (experiment == null
        || experiment.experimentId() == null
        || experiment.experimentId().isBlank()) {
      return Optional.empty();
    }
    try {
      return experiments.decide(
          new SendStepExperiments.SendStep(
              sendKey(job),
              input.customerId(),
              input.orderId(),
              job.getProcessInstanceKey(),
              // under the calling journey step, exactly as the real send is counted
              SendFacts.callingStep(
                  job.getVariablesAsType(SendFacts.Caller.class),
                  job.getBpmnProcessId(),
                  job.getProcessDefinitionVersion(),
                  job.getElementId()),
              input.templateKey(),
              (input.category() == null ? MessageCategory.TRANSACTIONAL : input.category()).name(),
              (input.channel() == null ? Channel.SMS : input.channel()).name(),
              facts.locale(input.customerId()),
              experiment.experimentId(),
              experiment.holdoutShare(),
              experiment.variantTemplateKeys(),
              experiment.variantShares()));
    } catch (IllegalArgumentException badSettings) {
      throw CamundaError.jobError(
          "Fix needed: the send step's experiment settings: " + badSettings.getMessage(),
          Map.of(),
          0);
    }
  }

  /**
   * Camunda's error protocol for a send's result: the variables to complete the job with, or the
   * exception the client turns into a BPMN error (the journey's "undeliverable" path), a failed job
   * with backoff (retries counted unless the wait is no failure), or an incident (retries 0) whose
   * message says what to fix.
   *
   * @param retries the job's retries left before this attempt
   */
  static Map<String, Object> complete(SendResult result, int retries) {
    return switch (result) {
      case SendResult.Sent sent -> Map.of("lastMessageStatus", sent.status().name());
      case SendResult.Skipped skipped -> Map.of("lastMessageStatus", MessageStatus.SKIPPED.name());
      case SendResult.Undeliverable u ->
          throw CamundaError.bpmnError(
              MessageService.ERROR_UNDELIVERABLE,
              u.reason(),
              Map.of("sendErrorCode", u.errorCode() == null ? "" : String.valueOf(u.errorCode())));
      case SendResult.RetryLater later -> {
        int left = later.consumesRetry() ? Math.max(0, retries - 1) : retries;
        String text =
            later.consumesRetry()
                ? later.reason()
                    + (left == 0 ? " (no retries left)" : " (retry in " + later.delay() + ")")
                : later.reason();
        throw CamundaError.jobError(text, Map.of(), left, later.delay());
      }
      case SendResult.AccountProblem problem ->
          throw CamundaError.jobError(
              (problem.errorCode() == null
                      ? "Fix needed: "
                      : "Account problem (Twilio error " + problem.errorCode() + "), fix needed: ")
                  + problem.whatToFix(),
              Map.of(),
              0);
    };
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
