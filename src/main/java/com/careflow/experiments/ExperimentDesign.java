package com.careflow.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An experiment on one send step, as operations set it in the "Send message to buyer" element
 * template.
 *
 * @param experimentId stable id of the experiment (letters, digits, {@code -_.}, at most 64); the
 *     hash input with the customer id, so renaming it reshuffles the groups
 * @param holdoutPercent share of buyers held out (no message), 0–50 %, at most two decimals
 * @param variantTemplateKeys the template keys the treated buyers are split over; empty means the
 *     step's own template only
 * @param variantShares a weight per variant (same length as the keys, each ≥ 1); empty means equal
 */
public record ExperimentDesign(
    String experimentId,
    double holdoutPercent,
    List<String> variantTemplateKeys,
    List<Integer> variantShares) {

  /** Buckets per experiment: 10 000, so a share is exact to 0.01 %. */
  public static final int BUCKETS = 10_000;

  /** The largest holdout share operations may set, in percent. */
  public static final double MAX_HOLDOUT_PERCENT = 50.0;

  public ExperimentDesign {
    if (experimentId == null || !experimentId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "experimentId must be 1-64 letters, digits, '.', '_' or '-', was " + experimentId);
    }
    if (Double.isNaN(holdoutPercent)
        || holdoutPercent < 0
        || holdoutPercent > MAX_HOLDOUT_PERCENT) {
      throw new IllegalArgumentException(
          "holdout share must be between 0 and 50 %, was " + holdoutPercent);
    }
    variantTemplateKeys =
        variantTemplateKeys == null ? List.of() : List.copyOf(variantTemplateKeys);
    variantShares = variantShares == null ? List.of() : List.copyOf(variantShares);
    if (!variantShares.isEmpty() && variantShares.size() != variantTemplateKeys.size()) {
      throw new IllegalArgumentException(
          "one share per variant: "
              + variantTemplateKeys.size()
              + " templates but "
              + variantShares.size()
              + " shares");
    }
    for (Integer share : variantShares) {
      if (share == null || share < 1) {
        throw new IllegalArgumentException("each variant share must be at least 1, was " + share);
      }
    }
    for (String key : variantTemplateKeys) {
      if (key == null || !key.matches("[a-z0-9-]{1,100}")) {
        throw new IllegalArgumentException("bad variant template key " + key);
      }
    }
  }

  /** The holdout share in buckets of {@link #BUCKETS}. */
  public int holdoutBuckets() {
    return (int) Math.round(holdoutPercent * BUCKETS / 100.0);
  }

  /**
   * Reads the send step's input variables: a comma-separated list of template keys and one of
   * shares (blank for none / equal).
   *
   * @throws IllegalArgumentException with the reason when a value is malformed
   */
  public static ExperimentDesign parse(
      String experimentId,
      Number holdoutPercent,
      String variantTemplateKeys,
      String variantShares) {
    List<String> keys = new ArrayList<>();
    for (String k : split(variantTemplateKeys)) {
      keys.add(k.toLowerCase(Locale.ROOT));
    }
    List<Integer> shares = new ArrayList<>();
    for (String s : split(variantShares)) {
      try {
        shares.add(Integer.valueOf(s));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("variant share is not a whole number: " + s);
      }
    }
    return new ExperimentDesign(
        experimentId == null ? null : experimentId.trim(),
        holdoutPercent == null ? 0 : holdoutPercent.doubleValue(),
        keys,
        shares);
  }

  private static List<String> split(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : list.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }
}
