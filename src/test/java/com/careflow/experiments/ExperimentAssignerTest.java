package com.careflow.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Group assignment: deterministic, stable, and the realised shares as designed. */
class ExperimentAssignerTest {

  @Property(tries = 200)
  void aBuyersBucketNeverChangesForTheSameExperiment(
      @ForAll @AlphaChars @StringLength(min = 1, max = 30) String experimentId,
      @ForAll @StringLength(min = 1, max = 40) String customerId) {
    int first = ExperimentAssigner.bucket(experimentId, customerId);
    assertThat(first).isBetween(0, ExperimentDesign.BUCKETS - 1);
    assertThat(ExperimentAssigner.bucket(experimentId, customerId)).isEqualTo(first);
    assertThat(ExperimentAssigner.bucket(new String(experimentId), new String(customerId)))
        .isEqualTo(first);
  }

  @Property(tries = 100)
  void theSameBuyerKeepsGroupAndVariantOnEveryCall(
      @ForAll @IntRange(min = 0, max = 1_000_000) int customer,
      @ForAll @DoubleRange(min = 0, max = 50) double holdout) {
    var design =
        new ExperimentDesign("exp-1", holdout, List.of("variant-a", "variant-b"), List.of(1, 3));
    Assignment a = ExperimentAssigner.assign(design, "c" + customer, "default");
    for (int i = 0; i < 5; i++) {
      assertThat(ExperimentAssigner.assign(design, "c" + customer, "default")).isEqualTo(a);
    }
  }

  /**
   * Over n buyers the held-out count is Binomial(n, p): it stays within 4 standard deviations of
   * n·p (a fair hash fails this with probability below 1e-4 per try).
   */
  @Property(tries = 30)
  void theRealisedHoldoutShareIsWithinItsBinomialTolerance(
      @ForAll @DoubleRange(min = 0, max = 50) double holdoutPercent,
      @ForAll @AlphaChars @StringLength(min = 3, max = 12) String experimentId) {
    var design = new ExperimentDesign(experimentId, holdoutPercent, List.of(), List.of());
    int n = 20_000;
    int held = 0;
    for (int i = 0; i < n; i++) {
      if (ExperimentAssigner.assign(design, "buyer-" + i, "t").heldOut()) {
        held++;
      }
    }
    double p = design.holdoutBuckets() / (double) ExperimentDesign.BUCKETS;
    double sd = Math.sqrt(n * p * (1 - p));
    assertThat((double) held).isBetween(n * p - 4 * sd - 0.5, n * p + 4 * sd + 0.5);
  }

  @Example
  void variantsSplitTheTreatedBuyersByTheirShares() {
    var design =
        new ExperimentDesign(
            "ab", 10, List.of("payment-reminder-new", "care-message"), List.of(3, 1));
    Map<String, Integer> counts = new HashMap<>();
    int n = 40_000;
    for (int i = 0; i < n; i++) {
      Assignment a = ExperimentAssigner.assign(design, "b" + i, "default");
      counts.merge(a.heldOut() ? "HOLDOUT" : a.templateKey(), 1, Integer::sum);
    }
    // expected 4 000 / 27 000 / 9 000; 4 sd of a binomial of 40 000 is below 400
    assertThat(counts.get("HOLDOUT")).isBetween(3_600, 4_400);
    assertThat(counts.get("payment-reminder-new")).isBetween(26_600, 27_400);
    assertThat(counts.get("care-message")).isBetween(8_600, 9_400);
  }

  @Example
  void zeroHoldoutHoldsNobodyOut() {
    var design = new ExperimentDesign("none", 0, List.of(), List.of());
    for (int i = 0; i < 10_000; i++) {
      assertThat(ExperimentAssigner.assign(design, "x" + i, "t").heldOut()).isFalse();
    }
  }

  @Example
  void badDesignsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> ExperimentDesign.parse("e", 51, null, null))
        .hasMessageContaining("between 0 and 50");
    assertThatThrownBy(() -> ExperimentDesign.parse("e", -1, null, null))
        .hasMessageContaining("between 0 and 50");
    assertThatThrownBy(() -> ExperimentDesign.parse("e", 10, "a,b", "1"))
        .hasMessageContaining("one share per variant");
    assertThatThrownBy(() -> ExperimentDesign.parse("e", 10, "a,b", "1,x"))
        .hasMessageContaining("not a whole number");
    assertThatThrownBy(() -> ExperimentDesign.parse("e", 10, "a,b", "1,0"))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> ExperimentDesign.parse("bad id!", 10, null, null))
        .hasMessageContaining("experimentId");
    assertThat(ExperimentDesign.parse("e", 12.5, " a , b ", "2, 3").variantShares())
        .containsExactly(2, 3);
  }
}
