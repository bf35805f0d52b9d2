package com.careflow.experiments;

import java.util.Optional;

/**
 * The send path's hook: decides, before a message goes out, whether the buyer is held out and which
 * variant they get. Idempotent per send key.
 */
public interface SendStepExperiments {

  /** No experiment anywhere (tests of the send path without experiments). */
  SendStepExperiments NONE = step -> Optional.empty();

  /**
   * The decision for one visit of a send step: empty when the step runs no experiment (no id, or a
   * 0 % holdout without variants); otherwise the buyer's group and template, recorded once.
   *
   * @throws IllegalArgumentException when the step's experiment settings are malformed (the reason
   *     says which)
   */
  Optional<Assignment> decide(SendStep step);

  /**
   * The journey step a send belongs to, resolved exactly as a real send's analytics fact resolves
   * it (messaging's {@code SendFacts.callingStep}): the calling journey's process and send step
   * when a call activity asked for the message, else the delivery process's own element.
   *
   * @param processId BPMN process id, e.g. {@code order-journey}
   * @param processVersion that process's deployed version, null when not visible to the job
   * @param stepId element id of the step, e.g. {@code Activity_SendPaymentReminder}
   * @param stepName that element's name, e.g. "Send payment reminder", or null
   * @param campaign campaign id, or null
   * @param occasion occasion id, or null
   * @param segment the buyer's segment when the step ran (A, B, C, D, NEW), or null
   */
  record CallingStep(
      String processId,
      Integer processVersion,
      String stepId,
      String stepName,
      String campaign,
      String occasion,
      String segment) {}

  /**
   * One visit of a send step, as the send worker sees it.
   *
   * @param sendKey the message log's send key (stable across retries of the same visit)
   * @param processInstanceKey the delivery job's process instance
   * @param step the calling journey step: the virtual send and the exposure are recorded under it,
   *     as a real send is
   * @param templateKey the step's own template
   * @param locale the buyer's locale (e.g. {@code zh-CN}), or null
   * @param experimentId the step's experiment id, blank for none
   * @param holdoutShare holdout share in percent (0–50), null for 0
   * @param variantTemplateKeys comma-separated template keys, blank for none
   * @param variantShares comma-separated whole-number weights, blank for equal
   */
  record SendStep(
      String sendKey,
      String customerId,
      String orderId,
      long processInstanceKey,
      CallingStep step,
      String templateKey,
      String category,
      String channel,
      String locale,
      String experimentId,
      Number holdoutShare,
      String variantTemplateKeys,
      String variantShares) {

    public SendStep {
      if (step == null) {
        throw new IllegalArgumentException("a send step needs its calling step");
      }
    }
  }
}
