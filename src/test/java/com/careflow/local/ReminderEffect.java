package com.careflow.local;

import java.util.SplittableRandom;

/**
 * A known effect of the payment reminder for the simulator (#18): an unpaid buyer pays with
 * probability {@code p} without a reminder and {@code p + delta} after one. Kept apart from {@link
 * Double11Night} so a night can switch it on as one knob; draws come from a generator seeded with
 * {@code seed}, so a run is repeatable.
 *
 * @param p payment probability of a buyer who got no reminder (held out), 0–1
 * @param delta the reminder's true effect on that probability (percentage points as a fraction)
 * @param seed the generator's seed
 */
public record ReminderEffect(double p, double delta, long seed) {

  public ReminderEffect {
    if (p < 0 || p > 1 || p + delta < 0 || p + delta > 1) {
      throw new IllegalArgumentException(
          "p and p + delta must be probabilities: " + p + ", " + delta);
    }
  }

  /** A fresh generator for one night. */
  public SplittableRandom random() {
    return new SplittableRandom(seed);
  }

  /** Whether a buyer pays, given whether they were reminded. */
  public boolean pays(boolean reminded, SplittableRandom random) {
    return random.nextDouble() < (reminded ? p + delta : p);
  }
}
