package com.careflow.messaging;

import com.careflow.messagestatus.MessageStatus;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * "Can this buyer be messaged in this category now?" for a journey about to spend on a message
 * before sending it (a coupon: cart recovery R17/R18, service recovery R13, out of stock R9), asked
 * of the send gate's own checks ({@link Contactability}): a known phone number, not flagged
 * invalid, not opted out (every category, R22); marketing consent (R22) and the frequency cap (R20)
 * for MARKETING only. Where the answer is no, the message the journey would have sent is recorded
 * once as skipped ({@link SkipRecorder}: a SKIPPED row of the customer's message log with the
 * reason, and a skipped send in the analytics, as the send gate records one) and the journey takes
 * its "cannot be messaged" path: no coupon, no send.
 */
@Component
public class CheckBuyerReachableWorker {

  private final Contactability contactability;
  private final SkipRecorder skips;

  CheckBuyerReachableWorker(Contactability contactability, SkipRecorder skips) {
    this.contactability = contactability;
    this.skips = skips;
  }

  /**
   * The message the journey is about to send.
   *
   * @param customerId Careflow's customer id
   * @param category the message's category; TRANSACTIONAL leaves out consent and the frequency cap
   * @param channel the message's channel, e.g. SMS
   * @param templateKey the text it would use, e.g. {@code cart-recovery-offer}
   * @param callingProcessId the BPMN process that would send it, e.g. {@code cart-recovery}
   * @param callingStepId the send step's element id, e.g. {@code Activity_SendCartReminder}
   * @param callingStepName the send step's name
   * @param segmentAtSend the customer's segment when the journey knows it (R15), else null
   */
  public record Input(
      String customerId,
      MessageCategory category,
      Channel channel,
      String templateKey,
      String callingProcessId,
      String callingStepId,
      String callingStepName,
      String segmentAtSend) {}

  /**
   * @return {@code buyerReachable} true when the message would go out (possibly held until the
   *     buyer's allowed hours, R4, which is no skip); else {@code buyerReachable} false, {@code
   *     buyerUnreachableReason} the {@link SkipReason} and {@code lastMessageStatus} {@code
   *     SKIPPED}, after the skip was recorded (once, however often the job is retried)
   */
  @JobWorker(
      type = MessagingJobTypes.CHECK_BUYER_REACHABLE,
      fetchVariables = {
        "customerId",
        "category",
        "channel",
        "templateKey",
        "callingProcessId",
        "callingStepId",
        "callingStepName",
        "segmentAtSend"
      })
  public Map<String, Object> checkBuyerReachable(@VariablesAsType Input input, ActivatedJob job) {
    Optional<SkipReason> why = contactability.whyNot(input.customerId(), input.category());
    if (why.isEmpty()) {
      return Map.of("buyerReachable", true);
    }
    skips.record(
        new SkipRecorder.Skip(
            SendMessageWorker.sendKey(job),
            input.customerId(),
            input.callingProcessId(),
            // the check runs in the journey itself: its own version is the journey's
            java.util.Objects.equals(job.getBpmnProcessId(), input.callingProcessId())
                ? job.getProcessDefinitionVersion()
                : null,
            input.callingStepId(),
            input.callingStepName(),
            null,
            null,
            input.templateKey(),
            input.category(),
            input.channel(),
            why.get(),
            job.getProcessInstanceKey(),
            input.segmentAtSend()));
    return Map.of(
        "buyerReachable",
        false,
        "buyerUnreachableReason",
        why.get().name(),
        "lastMessageStatus",
        MessageStatus.SKIPPED.name());
  }
}
