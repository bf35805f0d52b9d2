package com.careflow.analytics;

import com.careflow.support.RepositoryTestBase;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
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
    reports =
        new AnalyticsReports(jdbc, rules, properties, zone, clock, texts(), CampaignAudiences.NONE);
    rebuild = new RollupRebuild(jdbc, new TransactionTemplate(transactions), rules, properties);
  }

  /** The app's message bundles, where the figures' definitions are written (Definitions). */
  static org.springframework.context.MessageSource texts() {
    var texts = new org.springframework.context.support.ResourceBundleMessageSource();
    texts.setBasename("messages");
    texts.setDefaultEncoding("UTF-8");
    texts.setFallbackToSystemLocale(false);
    return texts;
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
    return Snapshots.rollups(jdbc);
  }
}
