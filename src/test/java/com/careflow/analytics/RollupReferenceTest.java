package com.careflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SQL rollups — kept fact by fact, and rebuilt from the raw facts — agree with the plain Java
 * reference of the definitions on random nights (on PostgreSQL when CAREFLOW_TEST_DB_URL is set).
 */
class RollupReferenceTest extends AnalyticsTestBase {

  @ParameterizedTest(name = "R23-R26 rollups agree with the Java reference, seed {0}")
  @ValueSource(longs = {1, 2, 3, 11, 1111})
  void rollupsAgreeWithTheReference(long seed) {
    start();
    List<Object> facts = RandomFacts.generate(seed, 25, 300, 150);
    List<Object> shuffled = new ArrayList<>(facts);
    Collections.shuffle(shuffled, new Random(seed));
    shuffled.forEach(f -> RandomFacts.apply(recorder, f));

    List<String> expected =
        new ReferenceModel(facts, Duration.ofHours(72), ZoneId.of("Asia/Shanghai")).snapshot();
    assertThat(rollupSnapshot()).isEqualTo(expected);
    // the night is not trivial: credits, failures, skips, coupons and refunds all occur
    assertThat(expected).anyMatch(l -> l.startsWith("PAY|") && !l.contains("credited_orders=0.0"));
    assertThat(expected).anyMatch(l -> !l.contains("failed=0.0") && l.startsWith("SEND|"));
    assertThat(expected).anyMatch(l -> !l.contains("skipped=0.0") && l.startsWith("SEND|"));
    assertThat(expected).anyMatch(l -> !l.contains("coupon_cost=0.0") && l.startsWith("SEND|"));
    assertThat(expected).anyMatch(l -> l.startsWith("SHOP|") && !l.contains("refunds=0.0"));

    rebuild.rebuildAll();
    assertThat(rollupSnapshot()).as("rebuilt from raw facts").isEqualTo(expected);

    var day = RandomFacts.START.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().plusDays(2);
    rebuild.rebuildDay(day);
    assertThat(rollupSnapshot()).as("one day rebuilt").isEqualTo(expected);
  }
}
