package com.careflow.experiments;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * Lift of a treatment group over its holdout, by the same rule in both groups (a buyer converted
 * when they paid within the attribution window after their real or virtual send).
 *
 * <ul>
 *   <li>conversion per group with its 95 % Wilson score interval (commons-math3);
 *   <li>absolute lift p₁ − p₀ with Newcombe's hybrid score interval (Newcombe 1998, method 10: the
 *       two Wilson intervals combined), relative lift p₁ / p₀ − 1 with the Katz log-ratio interval;
 *   <li>GMV per buyer difference with a percentile bootstrap (2 000 resamples of each group, fixed
 *       seed, so the same data always give the same interval);
 *   <li>incremental orders = (orders per buyer₁ − orders per buyer₀) × n₁, incremental GMV = GMV
 *       per buyer difference × n₁, incremental ROI = incremental GMV ÷ the treatment's cost.
 * </ul>
 *
 * Each figure carries its own verdict: the conversion lift is significant when the absolute lift's
 * interval excludes zero, the incremental GMV when its bootstrap interval excludes zero (a
 * significant conversion lift says nothing about a GMV whose interval crosses zero). Lifts are
 * fractions: an absolute lift of 0.05 is 5 percentage points, a relative lift of 0.54 is +54 %.
 * Without held-out buyers the holdout conversion and the lifts are null (not 0). A minimum-sample
 * warning when a group has fewer than {@link #MIN_BUYERS} buyers or fewer than {@link #MIN_EVENTS}
 * converted or not converted buyers (the normal approximations then mislead).
 */
public final class LiftCalculator {

  public static final double CONFIDENCE = 0.95;
  public static final int MIN_BUYERS = 100;
  public static final int MIN_EVENTS = 5;
  public static final int BOOTSTRAP_RESAMPLES = 2_000;
  public static final long BOOTSTRAP_SEED = 18L;

  private static final double Z = new NormalDistribution().inverseCumulativeProbability(0.975);

  private LiftCalculator() {}

  /**
   * One group's buyers.
   *
   * @param orders paid orders per buyer within the window (0 for a buyer who did not convert)
   * @param gmv GMV per buyer within the window, in the shop's currency
   */
  public record Group(long[] orders, double[] gmv) {
    public Group {
      if (orders.length != gmv.length) {
        throw new IllegalArgumentException("one GMV per buyer");
      }
    }

    public int buyers() {
      return orders.length;
    }

    public int converted() {
      int c = 0;
      for (long o : orders) {
        if (o > 0) {
          c++;
        }
      }
      return c;
    }

    double conversion() {
      return buyers() == 0 ? 0 : converted() / (double) buyers();
    }

    double ordersPerBuyer() {
      return buyers() == 0 ? 0 : Arrays.stream(orders).sum() / (double) buyers();
    }

    double gmvPerBuyer() {
      return buyers() == 0 ? 0 : Arrays.stream(gmv).sum() / buyers();
    }
  }

  /** An interval; {@code low} and {@code high} null when it cannot be computed. */
  public record Interval(Double low, Double high) {
    public boolean containsZero() {
      return low == null || (low <= 0 && high >= 0);
    }
  }

  /**
   * The measured lift.
   *
   * @param treatmentConversion p₁, a fraction; null without treated buyers
   * @param holdoutConversion p₀, a fraction; null without held-out buyers
   * @param absoluteLift p₁ − p₀ (a fraction: 0.05 is 5 percentage points); null when a group is
   *     empty
   * @param relativeLift p₁ / p₀ − 1 (a fraction: 0.54 is +54 %), null when the holdout has no
   *     conversion
   * @param incrementalOrders orders caused by the messages (point estimate)
   * @param incrementalGmv GMV caused, in the shop's currency, with its bootstrap interval
   * @param incrementalRoi incremental GMV ÷ cost, null without cost
   * @param significant the conversion lift's verdict: false ("not significant") when the absolute
   *     lift's interval contains zero
   * @param gmvSignificant the incremental GMV's verdict: false when its bootstrap interval contains
   *     zero (or cannot be computed)
   * @param warning the minimum-sample warning, or null
   */
  public record Lift(
      int treatmentBuyers,
      int treatmentConverted,
      Double treatmentConversion,
      Interval treatmentInterval,
      int holdoutBuyers,
      int holdoutConverted,
      Double holdoutConversion,
      Interval holdoutInterval,
      Double absoluteLift,
      Interval absoluteInterval,
      Double relativeLift,
      Interval relativeInterval,
      double treatmentGmvPerBuyer,
      double holdoutGmvPerBuyer,
      double gmvPerBuyerLift,
      Interval gmvPerBuyerInterval,
      double incrementalOrders,
      double incrementalGmv,
      Interval incrementalGmvInterval,
      double cost,
      Double incrementalRoi,
      boolean significant,
      boolean gmvSignificant,
      String warning) {}

  /** The lift of {@code treatment} over {@code holdout}; {@code cost} is the treatment's cost. */
  public static Lift lift(Group treatment, Group holdout, double cost) {
    int n1 = treatment.buyers();
    int n0 = holdout.buyers();
    int x1 = treatment.converted();
    int x0 = holdout.converted();
    double p1 = treatment.conversion();
    double p0 = holdout.conversion();
    Interval w1 = wilson(n1, x1);
    Interval w0 = wilson(n0, x0);
    Interval abs = newcombe(n1, x1, n0, x0);
    Double rel = x0 == 0 || n1 == 0 ? null : p1 / p0 - 1;
    Interval relInterval = katz(n1, x1, n0, x0);
    double g1 = treatment.gmvPerBuyer();
    double g0 = holdout.gmvPerBuyer();
    Interval gmvDiff = bootstrapMeanDifference(treatment.gmv(), holdout.gmv());
    double incrementalOrders = (treatment.ordersPerBuyer() - holdout.ordersPerBuyer()) * n1;
    double incrementalGmv = (g1 - g0) * n1;
    Interval incGmvInterval =
        gmvDiff.low() == null
            ? new Interval(null, null)
            : new Interval(gmvDiff.low() * n1, gmvDiff.high() * n1);
    Double roi = cost > 0 ? incrementalGmv / cost : null;
    return new Lift(
        n1,
        x1,
        n1 == 0 ? null : p1,
        w1,
        n0,
        x0,
        n0 == 0 ? null : p0,
        w0,
        n1 == 0 || n0 == 0 ? null : p1 - p0,
        abs,
        rel,
        relInterval,
        g1,
        g0,
        g1 - g0,
        gmvDiff,
        incrementalOrders,
        incrementalGmv,
        incGmvInterval,
        cost,
        roi,
        !abs.containsZero(),
        !incGmvInterval.containsZero(),
        warning(n1, x1, n0, x0));
  }

  /** Wilson score interval of x successes in n trials at 95 %. */
  public static Interval wilson(int n, int x) {
    if (n == 0) {
      return new Interval(null, null);
    }
    ConfidenceInterval ci = new WilsonScoreInterval().createInterval(n, x, CONFIDENCE);
    return new Interval(ci.getLowerBound(), ci.getUpperBound());
  }

  /** Newcombe's hybrid score interval (method 10) of p₁ − p₀ at 95 %. */
  public static Interval newcombe(int n1, int x1, int n0, int x0) {
    if (n1 == 0 || n0 == 0) {
      return new Interval(null, null);
    }
    double p1 = x1 / (double) n1;
    double p0 = x0 / (double) n0;
    Interval w1 = wilson(n1, x1);
    Interval w0 = wilson(n0, x0);
    double d = p1 - p0;
    double low = d - Math.sqrt(sq(p1 - w1.low()) + sq(w0.high() - p0));
    double high = d + Math.sqrt(sq(w1.high() - p1) + sq(p0 - w0.low()));
    return new Interval(low, high);
  }

  /** Katz log-ratio interval of p₁ / p₀ − 1 at 95 %; null bounds when a group has no success. */
  public static Interval katz(int n1, int x1, int n0, int x0) {
    if (x1 == 0 || x0 == 0) {
      return new Interval(null, null);
    }
    double logRatio = Math.log((x1 / (double) n1) / (x0 / (double) n0));
    double se = Math.sqrt(1.0 / x1 - 1.0 / n1 + 1.0 / x0 - 1.0 / n0);
    return new Interval(Math.exp(logRatio - Z * se) - 1, Math.exp(logRatio + Z * se) - 1);
  }

  /**
   * Percentile bootstrap of mean(a) − mean(b): each group resampled with replacement {@link
   * #BOOTSTRAP_RESAMPLES} times, seed {@link #BOOTSTRAP_SEED}.
   */
  public static Interval bootstrapMeanDifference(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) {
      return new Interval(null, null);
    }
    RandomGenerator random = new Well19937c(BOOTSTRAP_SEED);
    double[] diffs = new double[BOOTSTRAP_RESAMPLES];
    for (int r = 0; r < BOOTSTRAP_RESAMPLES; r++) {
      diffs[r] = resampledMean(a, random) - resampledMean(b, random);
    }
    Arrays.sort(diffs);
    return new Interval(
        diffs[(int) Math.floor(0.025 * (BOOTSTRAP_RESAMPLES - 1))],
        diffs[(int) Math.ceil(0.975 * (BOOTSTRAP_RESAMPLES - 1))]);
  }

  private static double resampledMean(double[] values, RandomGenerator random) {
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[random.nextInt(values.length)];
    }
    return sum / values.length;
  }

  static String warning(int n1, int x1, int n0, int x0) {
    if (n1 < MIN_BUYERS || n0 < MIN_BUYERS) {
      return "Too few buyers for a reliable interval: "
          + n1
          + " treated, "
          + n0
          + " held out (at least "
          + MIN_BUYERS
          + " in each group)";
    }
    if (Math.min(x1, n1 - x1) < MIN_EVENTS || Math.min(x0, n0 - x0) < MIN_EVENTS) {
      return "Too few conversions (or non-conversions) for a reliable interval: "
          + x1
          + " of "
          + n1
          + " treated, "
          + x0
          + " of "
          + n0
          + " held out (at least "
          + MIN_EVENTS
          + " of each)";
    }
    return null;
  }

  private static double sq(double v) {
    return v * v;
  }
}
