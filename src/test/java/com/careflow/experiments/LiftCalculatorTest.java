package com.careflow.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The interval maths against reference values: Newcombe (1998), "Interval estimation for the
 * difference between independent proportions", Statistics in Medicine 17, Table II, method 10 (four
 * decimals as printed), and the Wilson and Katz intervals computed by hand from their formulas.
 */
class LiftCalculatorTest {

  private static final Offset<Double> PRINTED = within(0.00006);

  @Test
  void wilsonIntervalMatchesTheHandComputedValue() {
    // 81 / 263: p = 0.30798, centre (p + z²/2n)/(1 + z²/n), half width z·√(p(1−p)/n + z²/4n²)/(1 +
    // z²/n)
    var w = LiftCalculator.wilson(263, 81);
    assertThat(w.low()).isCloseTo(0.2553, PRINTED);
    assertThat(w.high()).isCloseTo(0.3662, PRINTED);
  }

  @Test
  void newcombeIntervalMatchesThePublishedExamples() {
    var a = LiftCalculator.newcombe(70, 56, 80, 48); // 56/70 − 48/80 = 0.2
    assertThat(a.low()).isCloseTo(0.0524, PRINTED);
    assertThat(a.high()).isCloseTo(0.3339, PRINTED);
    var b = LiftCalculator.newcombe(10, 9, 10, 3); // 0.6
    assertThat(b.low()).isCloseTo(0.1705, PRINTED);
    assertThat(b.high()).isCloseTo(0.8090, PRINTED);
    var d = LiftCalculator.newcombe(56, 5, 29, 0); // 0.0893, a zero cell
    assertThat(d.low()).isCloseTo(-0.0381, PRINTED);
    assertThat(d.high()).isCloseTo(0.1926, PRINTED);
  }

  @Test
  void katzRelativeIntervalMatchesTheHandComputedValue() {
    // ln(0.8/0.6) = 0.28768, se = √(1/56 − 1/70 + 1/48 − 1/80) = 0.10911, ± 1.95996·se
    var k = LiftCalculator.katz(70, 56, 80, 48);
    assertThat(k.low()).isCloseTo(0.0766, PRINTED);
    assertThat(k.high()).isCloseTo(0.6512, PRINTED);
  }

  @Test
  void liftAddsUpOrdersGmvAndRoi() {
    // treatment 1 000 buyers, 300 paid one order of 100.00; holdout 1 000, 200 paid
    var t = group(1_000, 300, 100);
    var h = group(1_000, 200, 100);
    var lift = LiftCalculator.lift(t, h, 50.0);
    assertThat(lift.absoluteLift()).isCloseTo(0.1, within(1e-12));
    assertThat(lift.relativeLift()).isCloseTo(0.5, within(1e-12));
    assertThat(lift.incrementalOrders()).isCloseTo(100.0, within(1e-9));
    assertThat(lift.incrementalGmv()).isCloseTo(10_000.0, within(1e-6));
    assertThat(lift.incrementalRoi()).isCloseTo(200.0, within(1e-9));
    assertThat(lift.significant()).isTrue();
    assertThat(lift.warning()).isNull();
    // the bootstrap interval of GMV per buyer brackets the observed 10.00 and is about ±1.96·se
    // se = 100·√(0.3·0.7/1000 + 0.2·0.8/1000) = 1.9235
    assertThat(lift.gmvPerBuyerInterval().low()).isBetween(10 - 1.96 * 1.9235 - 0.6, 10.0);
    assertThat(lift.gmvPerBuyerInterval().high()).isBetween(10.0, 10 + 1.96 * 1.9235 + 0.6);
    // fixed seed: the same data, the same interval
    assertThat(LiftCalculator.lift(t, h, 50.0).gmvPerBuyerInterval())
        .isEqualTo(lift.gmvPerBuyerInterval());
  }

  @Test
  void anIntervalContainingZeroIsNotSignificant() {
    var lift = LiftCalculator.lift(group(500, 100, 80), group(500, 95, 80), 10.0);
    assertThat(lift.absoluteInterval().containsZero()).isTrue();
    assertThat(lift.significant()).isFalse();
  }

  @Test
  void smallGroupsCarryTheMinimumSampleWarning() {
    assertThat(LiftCalculator.lift(group(60, 20, 50), group(40, 10, 50), 1.0).warning())
        .contains("Too few buyers");
    assertThat(LiftCalculator.lift(group(500, 3, 50), group(500, 1, 50), 1.0).warning())
        .contains("Too few conversions");
    assertThat(LiftCalculator.lift(group(0, 0, 0), group(10, 1, 5), 0).absoluteInterval().low())
        .isNull();
  }

  @Test
  void withoutHeldOutBuyersTheHoldoutConversionAndTheLiftAreNullNotZero() {
    var lift = LiftCalculator.lift(group(500, 100, 80), group(0, 0, 0), 10.0);
    assertThat(lift.holdoutConversion()).isNull();
    assertThat(lift.absoluteLift()).isNull();
    assertThat(lift.relativeLift()).isNull();
    assertThat(lift.treatmentConversion()).isCloseTo(0.2, within(1e-12));
    assertThat(lift.significant()).isFalse();
    assertThat(lift.gmvSignificant()).isFalse();
  }

  @Test
  void eachFigureCarriesItsOwnVerdict() {
    // treatment: 300 of 1 000 paid 66.67 (GMV 20.00 per buyer); holdout: 200 of 1 000 paid 100.00
    // (GMV 20.00 per buyer): the conversion lift is significant, the incremental GMV is not
    long[] to = new long[1_000];
    double[] tg = new double[1_000];
    java.util.Arrays.fill(to, 0, 300, 1);
    java.util.Arrays.fill(tg, 0, 300, 200.0 / 3);
    var lift = LiftCalculator.lift(new LiftCalculator.Group(to, tg), group(1_000, 200, 100), 5.0);
    assertThat(lift.significant()).isTrue();
    assertThat(lift.incrementalGmvInterval().containsZero()).isTrue();
    assertThat(lift.gmvSignificant()).isFalse();
    // and a GMV lift whose interval excludes zero is significant
    assertThat(LiftCalculator.lift(group(1_000, 300, 100), group(1_000, 200, 100), 5.0))
        .extracting(LiftCalculator.Lift::gmvSignificant)
        .isEqualTo(true);
  }

  static LiftCalculator.Group group(int buyers, int converted, double amount) {
    long[] orders = new long[buyers];
    double[] gmv = new double[buyers];
    Arrays.fill(orders, 0, converted, 1);
    Arrays.fill(gmv, 0, converted, amount);
    return new LiftCalculator.Group(orders, gmv);
  }
}
