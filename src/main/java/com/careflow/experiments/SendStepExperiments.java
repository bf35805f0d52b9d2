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
   * One visit of a send step, as the send worker sees it.
   *
   * @param sendKey the message log's send key (stable across retries of the same visit)
   * @param processId the BPMN process id of the job ({@code message-delivery})
   * @param elementId the job's element id
   * @param templateKey the step's own template
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
      String processId,
      String elementId,
      String templateKey,
      String category,
      String channel,
      String experimentId,
      Number holdoutShare,
      String variantTemplateKeys,
      String variantShares) {}
}
