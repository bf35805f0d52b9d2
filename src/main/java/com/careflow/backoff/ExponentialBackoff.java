package com.careflow.backoff;

import java.time.Duration;

/**
 * A wait that doubles with each failure in a row, up to a ceiling: {@code initial}, {@code 2 ×
 * initial}, {@code 4 × initial}, … never more than {@code max}.
 *
 * @param initial the wait after the first failure; zero means no wait at all
 * @param max the longest wait; a {@code max} below {@code initial} makes every wait {@code max}
 */
public record ExponentialBackoff(Duration initial, Duration max) {

  public ExponentialBackoff {
    if (initial == null || max == null || initial.isNegative() || max.isNegative()) {
      throw new IllegalArgumentException(
          "a backoff needs an initial wait and a maximum of zero or more, got "
              + initial
              + ", "
              + max);
    }
  }

  /**
   * The wait after the {@code failures}-th failure in a row (1-based; 0 or less counts as 1):
   * {@code min(max, initial × 2^(failures − 1))}, exact (no rounding) and without overflow for any
   * count.
   */
  public Duration after(int failures) {
    Duration wait = initial;
    for (int i = 1; i < failures && !wait.isZero() && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
