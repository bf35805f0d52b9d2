package com.careflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Properties of the attribution (R23) for any random night, on the module's real SQL (an in-memory
 * H2 database of its own per try, migrated by Flyway).
 */
class AttributionProperties {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  record Db(JdbcTemplate jdbc, AnalyticsRecorder recorder, SingleConnectionDataSource ds) {
    void close() {
      ds.destroy();
    }
  }

  static Db db(Duration window) {
    var ds =
        new SingleConnectionDataSource(
            "jdbc:h2:mem:analytics_prop_"
                + DATABASES.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "sa",
            "",
            true);
    Flyway.configure().dataSource(ds).load().migrate();
    var jdbc = new JdbcTemplate(ds);
    var properties =
        new AnalyticsProperties(
            window, "CNY", null, null, Duration.ofDays(365), "payment-reminder");
    var rules = new AttributionRules(jdbc, window, Clock.systemUTC());
    var recorder =
        new AnalyticsRecorder(
            jdbc,
            new DataSourceTransactionManager(ds),
            rules,
            properties,
            SHANGHAI,
            Clock.systemUTC());
    return new Db(jdbc, recorder, ds);
  }

  static List<Object> night(long seed, int size) {
    return RandomFacts.generate(seed, 3 + size / 4, size * 2, size);
  }

  @Property(tries = 25)
  @Label("R23 credited GMV never exceeds the shop's GMV, and each order has at most one credit")
  void creditedGmvAtMostShopGmv(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 40) int size) {
    Db db = db(Duration.ofHours(72));
    try {
      night(seed, size).forEach(f -> RandomFacts.apply(db.recorder(), f));
      Map<String, Object> shop =
          db.jdbc()
              .queryForMap(
                  "SELECT COALESCE(SUM(paid_gmv), 0) AS gmv, COALESCE(SUM(credited_gmv), 0) AS"
                      + " credited, COALESCE(SUM(paid_orders), 0) AS paid,"
                      + " COALESCE(SUM(credited_orders), 0) AS orders FROM analytics_shop_day");
      assertThat((BigDecimal) shop.get("credited"))
          .isLessThanOrEqualTo((BigDecimal) shop.get("gmv"));
      BigDecimal creditedInRollup =
          db.jdbc()
              .queryForObject(
                  "SELECT COALESCE(SUM(credited_gmv), 0) FROM analytics_rollup WHERE basis = 'SEND'",
                  BigDecimal.class);
      assertThat(creditedInRollup).isLessThanOrEqualTo((BigDecimal) shop.get("gmv"));
      long creditRows =
          db.jdbc()
              .queryForObject(
                  "SELECT COALESCE(SUM(credited_orders), 0) FROM analytics_rollup WHERE basis ="
                      + " 'SEND'",
                  Long.class);
      long creditedOrders =
          db.jdbc()
              .queryForObject(
                  "SELECT COUNT(*) FROM analytics_order WHERE credited_send_id IS NOT NULL",
                  Long.class);
      assertThat(creditRows).isEqualTo(creditedOrders);
      assertThat(creditedOrders).isLessThanOrEqualTo(((Number) shop.get("paid")).longValue());
    } finally {
      db.close();
    }
  }

  @Property(tries = 20)
  @Label("R23 replaying the same events, in any order, gives identical results")
  void replayIsIdentical(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 30) int size) {
    List<Object> facts = night(seed, size);
    Db first = db(Duration.ofHours(72));
    Db second = db(Duration.ofHours(72));
    try {
      facts.forEach(f -> RandomFacts.apply(first.recorder(), f));
      List<String> once = Snapshots.rollups(first.jdbc());
      List<Object> shuffled = new ArrayList<>(facts);
      Collections.shuffle(shuffled, new Random(seed));
      shuffled.forEach(f -> RandomFacts.apply(first.recorder(), f));
      assertThat(Snapshots.rollups(first.jdbc())).as("replayed").isEqualTo(once);
      shuffled.forEach(f -> RandomFacts.apply(second.recorder(), f));
      assertThat(Snapshots.rollups(second.jdbc())).as("other order").isEqualTo(once);
    } finally {
      first.close();
      second.close();
    }
  }

  @Property(tries = 20)
  @Label("R23 a longer window never credits fewer orders")
  void longerWindowNeverCreditsFewer(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 30) int size,
      @ForAll @IntRange(min = 1, max = 96) int shorterHours,
      @ForAll @IntRange(min = 0, max = 96) int extraHours) {
    List<Object> facts = night(seed, size);
    Db shorter = db(Duration.ofHours(shorterHours));
    Db longer = db(Duration.ofHours(shorterHours + extraHours));
    try {
      facts.forEach(f -> RandomFacts.apply(shorter.recorder(), f));
      facts.forEach(f -> RandomFacts.apply(longer.recorder(), f));
      String count = "SELECT COUNT(*) FROM analytics_order WHERE credited_send_id IS NOT NULL";
      assertThat(longer.jdbc().queryForObject(count, Long.class))
          .isGreaterThanOrEqualTo(shorter.jdbc().queryForObject(count, Long.class));
    } finally {
      shorter.close();
      longer.close();
    }
  }
}
