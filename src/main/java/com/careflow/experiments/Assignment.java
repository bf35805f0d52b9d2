package com.careflow.experiments;

/**
 * A buyer's group in one experiment.
 *
 * @param experimentId the experiment
 * @param bucket the buyer's bucket, 0–9 999 (a hash of experiment id and customer id)
 * @param group HOLDOUT (no message) or TREATMENT
 * @param templateKey the variant the treated buyer gets; for HOLDOUT the template the buyer would
 *     have got (the default template), so each variant's holdout is the same group
 */
public record Assignment(String experimentId, int bucket, Group group, String templateKey) {

  /** Holdout (no message, a virtual send recorded) or treatment (the message goes out). */
  public enum Group {
    HOLDOUT,
    TREATMENT
  }

  public boolean heldOut() {
    return group == Group.HOLDOUT;
  }
}
