package com.careflow.analytics;

import com.careflow.support.RepositoryTestBase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The analytics module on the test database (PostgreSQL with CAREFLOW_TEST_DB_URL, else H2). */
abstract class AnalyticsTestBase extends RepositoryTestBase {

  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

  AttributionRules rules;
  AnalyticsRecorder recorder;
  AnalyticsReports reports;
  RollupRebuild rebuild;

  void start(ZoneId zone, Duration window, LocalDate historyCompleteFrom) {
    AnalyticsProperties properties =
        new AnalyticsProperties(
            window, "CNY", null, historyCompleteFrom, Duration.ofDays(365), "payment-reminder");
    Clock clock = Clock.systemUTC();
    rules = new AttributionRules(jdbc, window, clock);
    recorder = new AnalyticsRecorder(jdbc, transactions, rules, properties, zone, clock);
    reports = new AnalyticsReports(jdbc, rules, properties, zone, clock);
    rebuild = new RollupRebuild(jdbc, new TransactionTemplate(transactions));
  }

  void start() {
    start(ZoneId.of("Asia/Shanghai"), Duration.ofHours(72), null);
  }

  String creditOf(String orderId) {
    return jdbc.queryForObject(
        "SELECT credited_send_id FROM analytics_order WHERE order_id = ?", String.class, orderId);
  }

  /** Every rollup and shop-day row that is not all zeros, as text, in key order. */
  List<String> rollupSnapshot() {
    TreeMap<String, String> rows = new TreeMap<>();
    jdbc.query(
        "SELECT * FROM analytics_rollup",
        rs -> {
          StringBuilder key = new StringBuilder();
          for (String c :
              List.of(
                  "basis",
                  "shop_day",
                  "process_id",
                  "step_id",
                  "step_name",
                  "campaign",
                  "occasion",
                  "segment",
                  "template_key",
                  "channel")) {
            key.append(rs.getString(c)).append('|');
          }
          StringBuilder values = new StringBuilder();
          boolean zero = true;
          for (String c : Rollup.COLUMNS) {
            BigDecimal v = rs.getBigDecimal(c).setScale(5, RoundingMode.HALF_UP);
            zero &= v.signum() == 0;
            values.append(c).append('=').append(v.toPlainString()).append(' ');
          }
          if (!zero) {
            rows.put(key.toString(), values.toString());
          }
        });
    jdbc.query(
        "SELECT * FROM analytics_shop_day",
        rs -> {
          StringBuilder values = new StringBuilder();
          boolean zero = true;
          for (String c : ShopDay.COLUMNS) {
            BigDecimal v = rs.getBigDecimal(c).setScale(5, RoundingMode.HALF_UP);
            zero &= v.signum() == 0;
            values.append(c).append('=').append(v.toPlainString()).append(' ');
          }
          if (!zero) {
            rows.put(
                "SHOP|" + rs.getString("shop_day") + "|" + rs.getInt("rule_version"),
                values.toString());
          }
        });
    List<String> out = new ArrayList<>();
    rows.forEach((k, v) -> out.add(k + " " + v));
    return out;
  }
}
