package com.careflow.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample. */
record Percentiles(double p50, double p99, double max, int count) {

  static Percentiles of(double[] values) {
    if (values.length == 0) {
      return new Percentiles(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Percentiles(
        rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1], sorted.length);
  }

  private static double rank(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
