package com.careflow.experiments;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic group assignment: SHA-256 of {@code experimentId + "\n" + customerId}, the first 8
 * bytes as an unsigned number modulo 10 000 give the bucket. Buckets {@code [0, holdout)} are the
 * holdout; the rest are split over the variants in proportion to their shares (in the order given).
 * The same buyer in the same experiment always gets the same bucket, on any node, after any
 * restart; different experiments shuffle independently.
 */
public final class ExperimentAssigner {

  private ExperimentAssigner() {}

  /** The buyer's bucket in the experiment, 0–9 999. */
  public static int bucket(String experimentId, String customerId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest((experimentId + "\n" + customerId).getBytes(StandardCharsets.UTF_8));
      long value = ByteBuffer.wrap(digest, 0, 8).getLong();
      return (int) Long.remainderUnsigned(value, ExperimentDesign.BUCKETS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * The buyer's group and template.
   *
   * @param defaultTemplateKey the step's own template (used when the design lists no variants)
   */
  public static Assignment assign(
      ExperimentDesign design, String customerId, String defaultTemplateKey) {
    if (customerId == null || customerId.isBlank()) {
      throw new IllegalArgumentException("an experiment needs the buyer's customerId");
    }
    int bucket = bucket(design.experimentId(), customerId);
    int holdout = design.holdoutBuckets();
    if (bucket < holdout) {
      return new Assignment(
          design.experimentId(), bucket, Assignment.Group.HOLDOUT, defaultTemplateKey);
    }
    var keys = design.variantTemplateKeys();
    if (keys.isEmpty()) {
      return new Assignment(
          design.experimentId(), bucket, Assignment.Group.TREATMENT, defaultTemplateKey);
    }
    long total = 0;
    for (int i = 0; i < keys.size(); i++) {
      total += share(design, i);
    }
    // position within the treated buckets, scaled onto the shares' total
    long position = (long) (bucket - holdout) * total / (ExperimentDesign.BUCKETS - holdout);
    long upTo = 0;
    for (int i = 0; i < keys.size(); i++) {
      upTo += share(design, i);
      if (position < upTo) {
        return new Assignment(
            design.experimentId(), bucket, Assignment.Group.TREATMENT, keys.get(i));
      }
    }
    return new Assignment(
        design.experimentId(), bucket, Assignment.Group.TREATMENT, keys.getLast());
  }

  private static int share(ExperimentDesign design, int i) {
    return design.variantShares().isEmpty() ? 1 : design.variantShares().get(i);
  }
}
