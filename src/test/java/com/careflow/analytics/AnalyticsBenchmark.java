package com.careflow.analytics;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The analytics benchmark (not part of the normal test run; figures in docs/benchmarks.md). On the
 * local PostgreSQL, in a schema of its own: generates customers, messages and paid orders with
 * generate_series in time order (as facts arrive, with up to 10 minutes of jitter), attributes
 * every order in one set-based statement, builds the rollups, then measures dashboard queries, the
 * attribution of one payment, the rebuild of one day and a full recompute.
 *
 * <pre>
 * ./mvnw -B -ntp test -Dtest=AnalyticsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Danalytics.bench.customers=1000000 -Danalytics.bench.messages=10000000 -Danalytics.bench.orders=2000000
 * </pre>
 *
 * Database: {@code CAREFLOW_BENCH_DB_URL} (default jdbc:postgresql://127.0.0.1:5432/test), user
 * {@code CAREFLOW_BENCH_DB_USER} (postgres).
 */
class AnalyticsBenchmark {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final LocalDate FIRST_DAY = LocalDate.of(2026, 10, 15);

  /**
   * Shop days the facts span (default 30). With fewer days and the per-day counts of the full size
   * ({@code messages} and {@code orders} scaled by days / 30) a day holds the full size's rows, so
   * the day rebuild and the rollups a dashboard query reads are those of the full size, generated
   * in a fraction of the time; the tables are shorter (index depth, full recompute are not the full
   * size's).
   */
  final int days = Integer.getInteger("analytics.bench.days", 30);

  final int customers = Integer.getInteger("analytics.bench.customers", 100_000);
  final int messages = Integer.getInteger("analytics.bench.messages", 1_000_000);
  final int orders = Integer.getInteger("analytics.bench.orders", 200_000);
  final int rebuildDays = Integer.getInteger("analytics.bench.rebuildDays", 5);

  /**
   * Shop days the dashboard queries span (default: the generated days). When more, the rollup rows
   * of the generated days are copied, shifted, onto the days after them until this many days are
   * filled, so a 30-day query reads 30 full days of rollup rows (the raw facts stay those of the
   * generated days).
   */
  /** Reuses the facts an earlier run left in the schema (no generation, no attribution). */
  final boolean reuse = Boolean.getBoolean("analytics.bench.reuse");

  /**
   * With reuse: only rebuilds one day with auto_explain (ANALYZE, BUFFERS) on, whose plans go to
   * the server's log.
   */
  final boolean profile = Boolean.getBoolean("analytics.bench.profile");

  final int queryDays = Integer.getInteger("analytics.bench.queryDays", days);
  final int queries = Integer.getInteger("analytics.bench.queries", 200);

  /** Rounds of queries run before the measured ones and not recorded (default 20). */
  final int warmupQueries = Integer.getInteger("analytics.bench.warmupQueries", 20);

  final int recomputeLimit = Integer.getInteger("analytics.bench.recomputeOrders", 20_000);
  final String schema = System.getProperty("analytics.bench.schema", "analytics_bench");
  final Map<String, String> results = new LinkedHashMap<>();

  @Test
  void benchmark() throws Exception {
    String url = env("CAREFLOW_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = env("CAREFLOW_BENCH_DB_USER", "postgres");
    try (var admin =
            java.sql.DriverManager.getConnection(url, user, env("CAREFLOW_BENCH_DB_PASSWORD", ""));
        var st = admin.createStatement()) {
      if (!reuse) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        st.execute("CREATE SCHEMA " + schema);
      }
    }
    var ds =
        new SingleConnectionDataSource(
            url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
            user,
            env("CAREFLOW_BENCH_DB_PASSWORD", ""),
            true);
    Flyway.configure().dataSource(ds).schemas(schema).load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(ds);
    var tm = new DataSourceTransactionManager(ds);
    var properties =
        new AnalyticsProperties(
            Duration.ofHours(72), "CNY", null, null, Duration.ofDays(365), "payment-reminder");
    var rules = new AttributionRules(jdbc, Duration.ofHours(72), Clock.systemUTC());
    var recorder = new AnalyticsRecorder(jdbc, tm, rules, properties, SHANGHAI, Clock.systemUTC());
    var reports =
        new AnalyticsReports(
            jdbc,
            rules,
            properties,
            SHANGHAI,
            Clock.systemUTC(),
            AnalyticsTestBase.texts(),
            CampaignAudiences.NONE);
    var rebuild = new RollupRebuild(jdbc, new TransactionTemplate(tm), rules, properties);

    results.put(
        "sizes",
        customers
            + " customers, "
            + messages
            + " messages, "
            + orders
            + " paid orders, "
            + days
            + " shop days");
    Instant start = FIRST_DAY.atStartOfDay(SHANGHAI).toInstant();
    long spanSeconds = days * 86_400L;

    if (reuse) {
      // the facts of an earlier run on this schema: without the payments that run recorded
      jdbc.update("DELETE FROM analytics_order WHERE order_id LIKE 'bench-%'");
      results.put("facts", "reused from the schema's earlier run");
    } else {
      generate(jdbc, start, spanSeconds);
    }
    if (profile) {
      // the plans of one day's rebuild (EXPLAIN ANALYZE, BUFFERS) in the server's log
      jdbc.execute("LOAD 'auto_explain'");
      jdbc.execute("SET auto_explain.log_min_duration = 0");
      jdbc.execute("SET auto_explain.log_analyze = on");
      jdbc.execute("SET auto_explain.log_buffers = on");
      jdbc.execute("SET auto_explain.log_nested_statements = on");
      LocalDate day = FIRST_DAY.plusDays(Math.max(0, Math.min(days / 2, days - rebuildDays - 3)));
      long t0 = System.nanoTime();
      rebuild.rebuildDay(day);
      progress("profiled rebuild of " + day + ": " + (System.nanoTime() - t0) / 1e6 + " ms");
      ds.destroy();
      return;
    }
    if (!reuse || Boolean.parseBoolean(System.getProperty("analytics.bench.rebuildAll", "true"))) {
      timed("full recompute, set-based: rebuild all rollups", rebuild::rebuildAll);
    }
    timed("ANALYZE after rollups", () -> jdbc.execute("ANALYZE"));
    results.put(
        "credited orders",
        String.valueOf(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM analytics_order WHERE credited_send_id IS NOT NULL",
                Long.class)));
    results.put(
        "rollup rows",
        String.valueOf(jdbc.queryForObject("SELECT COUNT(*) FROM analytics_rollup", Long.class)));

    // one day's rollups from the raw facts: days with a window's worth of facts on both sides
    // where the span allows (the middle of 30 days; days 3..7 of 11)
    LocalDate busy = FIRST_DAY.plusDays(Math.max(0, Math.min(days / 2, days - rebuildDays - 3)));
    double[] rebuildDay = new double[rebuildDays];
    for (int i = 0; i < rebuildDay.length; i++) {
      long t0 = System.nanoTime();
      rebuild.rebuildDay(busy.plusDays(i));
      rebuildDay[i] = (System.nanoTime() - t0) / 1e6;
    }
    results.put(
        "rebuild one day's rollups (ms, " + rebuildDays + " days from " + busy + ")",
        describe(rebuildDay));
    progress("rebuild day " + describe(rebuildDay));
    if (Boolean.getBoolean("analytics.bench.stopAfterRebuild")) {
      Files.writeString(Path.of("target/analytics-bench.md"), results.toString());
      ds.destroy();
      return;
    }

    // dashboard queries over the rollups
    Random random = new Random(11);
    List<String> breakdowns = Arrays.stream(Breakdown.values()).map(Enum::name).toList();
    if (queryDays > days) {
      timed(
          "copy the generated days' rollup rows onto days "
              + days
              + ".."
              + (queryDays - 1)
              + " (for the queries only)",
          () -> copyRollups(jdbc, rules));
    }
    List<Integer> lengths = List.of(1, 3, 7, 30).stream().filter(n -> n <= queryDays).toList();
    // warm-up: the same kinds of query on other random periods, not recorded (JIT, the driver's
    // prepared statements and PostgreSQL's plan cache, as on a dashboard that has been opened)
    Random warmupRandom = new Random(7);
    for (int i = 0; i < warmupQueries; i++) {
      runQueries(reports, warmupRandom, lengths, breakdowns, null);
    }
    progress("warm-up queries done: " + warmupQueries);
    Map<String, List<Double>> latencies = new LinkedHashMap<>();
    for (int i = 0; i < queries; i++) {
      runQueries(reports, random, lengths, breakdowns, latencies);
    }
    progress("queries done");
    latencies.forEach(
        (name, values) ->
            results.put(
                "query: " + name + " (ms)",
                describe(values.stream().mapToDouble(Double::doubleValue).toArray())));

    // attribution of one payment: the whole fact (lock, attribution, rollup deltas, buyer kind)
    double[] payment = new double[1000];
    for (int i = 0; i < payment.length; i++) {
      String customer = "c" + random.nextInt(customers);
      Instant paidAt = start.plusSeconds(random.nextLong(spanSeconds));
      var fact =
          new AnalyticsFacts.PaymentFact(
              "bench-" + i, customer, new BigDecimal("99.00"), "CNY", paidAt, 1, null, null);
      long t0 = System.nanoTime();
      recorder.recordPayment(fact);
      payment[i] = (System.nanoTime() - t0) / 1e6;
    }
    results.put(
        "record one payment, whole fact incl. attribution and rollups (ms)", describe(payment));
    double[] lookup = new double[1000];
    for (int i = 0; i < lookup.length; i++) {
      String customer = "c" + random.nextInt(customers);
      Instant paidAt = start.plusSeconds(random.nextLong(spanSeconds));
      long t0 = System.nanoTime();
      jdbc.query(
          "SELECT send_id, sent_at FROM analytics_send WHERE customer_id = ? AND sent_at < ? AND"
              + " sent_at > ? AND status_rank BETWEEN 1 AND 3 ORDER BY sent_at DESC, send_id DESC"
              + " LIMIT 1",
          rs -> {},
          customer,
          AnalyticsRecorder.utc(paidAt),
          AnalyticsRecorder.utc(paidAt.minus(Duration.ofHours(72))));
      lookup[i] = (System.nanoTime() - t0) / 1e6;
    }
    results.put("attribution lookup alone: latest creditable message (ms)", describe(lookup));

    // the product's recompute (order by order), on a slice, then extrapolated
    jdbc.update(
        "UPDATE analytics_order SET rule_version = NULL WHERE order_id IN (SELECT order_id FROM"
            + " analytics_order ORDER BY order_id LIMIT ?)",
        recomputeLimit);
    long t0 = System.nanoTime();
    int changed = 0;
    var tx = new TransactionTemplate(tm);
    List<String> slice =
        jdbc.queryForList(
            "SELECT order_id FROM analytics_order WHERE rule_version IS NULL", String.class);
    // the same path the admin recompute takes per order (re-derive, write, deltas)
    for (String orderId : slice) {
      tx.executeWithoutResult(s -> recorderRefresh(recorder, orderId));
      changed++;
    }
    double perOrderMs = (System.nanoTime() - t0) / 1e6 / Math.max(1, changed);
    results.put(
        "recompute order by order (the admin action's per-order path), " + changed + " orders",
        String.format(
            "%.3f ms per order -> %.0f s for %d orders",
            perOrderMs, perOrderMs * (orders + payment.length) / 1000, orders + payment.length));

    StringBuilder out = new StringBuilder("| measure | result |\n|---|---|\n");
    results.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    System.out.println(out);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/analytics-bench.md"), out);
    ds.destroy();
  }

  /** Generates the raw facts and attributes every paid order, set-based. */
  private void generate(JdbcTemplate jdbc, Instant start, long spanSeconds) {
    timed(
        "generate messages (INSERT ... SELECT generate_series)",
        () ->
            jdbc.update(
                "INSERT INTO analytics_send (send_id, message_sid, customer_id, order_id,"
                    + " process_id, process_version, step_id, step_name, campaign, occasion, segment,"
                    + " category, channel, template_key, locale, status, status_rank, segments, cost,"
                    + " cost_currency, cost_shop, skip_reason, sent_at, sent_epoch_ms, send_day)"
                    + " SELECT 's' || g, 'SM' || g, 'c' || (hashint4(g) & 2147483647) % ?,"
                    + " CASE WHEN g % 4 = 0 THEN 'o' || (g % ?) ELSE '' END,"
                    + " CASE WHEN g % 3 = 0 THEN 'order-journey' ELSE 'campaign-offer' END, 1,"
                    + " (ARRAY['Activity_PaymentReminder','Activity_Offer','Activity_CareMessage','Activity_ReviewInvite'])[1 + g % 4],"
                    + " (ARRAY['催付提醒','双11预热','关怀','评价邀请'])[1 + g % 4],"
                    + " CASE WHEN g % 3 = 0 THEN '' ELSE 'camp-' || (g % 7) END,"
                    + " CASE WHEN g % 3 = 0 THEN '' ELSE 'double11' END,"
                    + " (ARRAY['A','B','C','D','NEW'])[1 + g % 5], 'MARKETING',"
                    + " CASE WHEN g % 10 = 0 THEN 'WHATSAPP' ELSE 'SMS' END,"
                    + " (ARRAY['payment-reminder-new','holiday-offer','care-message','review-invite'])[1 + g % 4],"
                    + " 'zh-CN', CASE WHEN g % 20 = 0 THEN 'FAILED' WHEN g % 25 = 0 THEN 'SKIPPED' ELSE"
                    + " 'DELIVERED' END, CASE WHEN g % 20 = 0 THEN 9 WHEN g % 25 = 0 THEN 0 ELSE 3 END,"
                    + " 1, 0.0079, 'USD', 0.05688, '', t, (extract(epoch from t) * 1000)::bigint,"
                    + " (t AT TIME ZONE 'Asia/Shanghai')::date FROM (SELECT g, ?::timestamptz +"
                    + " (g::bigint * ? / ? + (hashint4(g + 7) & 2147483647) % 600) * interval '1 second' AS t FROM"
                    + " generate_series(1, ?) g) x",
                customers, orders, AnalyticsRecorder.utc(start), spanSeconds, messages, messages));
    timed(
        "generate paid orders",
        () ->
            jdbc.update(
                "INSERT INTO analytics_order (order_id, customer_id, placed_at, placed_day,"
                    + " order_amount, prior_paid_orders, paid_at, paid_epoch_ms, pay_day,"
                    + " paid_amount, units, refunds, cancellation, buyer_kind, rule_version)"
                    + " SELECT 'o' || g, 'c' || (hashint4(g + 3) & 2147483647) % ?, t - interval '10"
                    + " minutes', ((t - interval '10 minutes') AT TIME ZONE 'Asia/Shanghai')::date,"
                    + " 10 + g % 500, g % 3, t, (extract(epoch from t) * 1000)::bigint,"
                    + " (t AT TIME ZONE 'Asia/Shanghai')::date, 10 + g % 500, 1 + g % 3, CASE WHEN g"
                    + " % 17 = 0 THEN 5 ELSE 0 END, 0, CASE WHEN g % 3 = 0 THEN 'NEW' ELSE"
                    + " 'RETURNING' END, 1 FROM (SELECT g, ?::timestamptz + (g::bigint * ? / ? + (hashint4(g + 11) &"
                    + " 2147483647) % 600) * interval '1 second' AS t FROM generate_series(1, ?) g) x",
                customers, AnalyticsRecorder.utc(start), spanSeconds, orders, orders));
    timed(
        "buyer numbers and buyer kinds (as the recorder keeps them: first paid order NEW or"
            + " UNKNOWN, later ones RETURNING)",
        () -> {
          jdbc.update(
              "INSERT INTO analytics_customer_lock (customer_id) SELECT customer_id FROM (SELECT"
                  + " customer_id FROM analytics_send UNION SELECT customer_id FROM"
                  + " analytics_order) c ORDER BY customer_id");
          // as the recorder writes it with each send (V24)
          jdbc.update(
              "UPDATE analytics_send s SET buyer_no = b.buyer_no FROM analytics_customer_lock b"
                  + " WHERE b.customer_id = s.customer_id");
          jdbc.update(
              "UPDATE analytics_order o SET buyer_kind = k.kind FROM (SELECT order_id, CASE WHEN"
                  + " ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY paid_at, order_id) > 1"
                  + " OR prior_paid_orders > 0 THEN 'RETURNING' WHEN prior_paid_orders IS NOT NULL"
                  + " THEN 'NEW' ELSE 'UNKNOWN' END AS kind FROM analytics_order WHERE paid_at IS"
                  + " NOT NULL) k WHERE k.order_id = o.order_id AND o.buyer_kind <> k.kind");
        });
    timed("ANALYZE", () -> jdbc.execute("ANALYZE"));
    timed(
        "full recompute, set-based: attribute every paid order (one UPDATE with a LATERAL lookup)",
        () ->
            jdbc.update(
                "UPDATE analytics_order o SET credited_send_id = c.send_id, credited_lag_seconds ="
                    + " (o.paid_epoch_ms - c.sent_epoch_ms) / 1000 FROM (SELECT o2.order_id,"
                    + " s.send_id, s.sent_epoch_ms FROM analytics_order o2 CROSS JOIN LATERAL"
                    + " (SELECT send_id, sent_epoch_ms FROM analytics_send s WHERE s.customer_id ="
                    + " o2.customer_id AND s.sent_at < o2.paid_at AND s.sent_at > o2.paid_at -"
                    + " interval '72 hours' AND s.status_rank BETWEEN 1 AND 3 ORDER BY s.sent_at"
                    + " DESC, s.send_id DESC LIMIT 1) s) c WHERE c.order_id = o.order_id"));
  }

  /** Copies every day rollup of the generated days, shifted by whole spans, up to queryDays. */
  private void copyRollups(JdbcTemplate jdbc, AttributionRules rules) {
    LocalDate end = FIRST_DAY.plusDays(days - 1);
    // the facts' jitter reaches a few minutes past the span: those rows make way for the copies
    for (String[] t :
        new String[][] {
          {"analytics_rollup", "shop_day"},
          {"analytics_shop_day", "shop_day"},
          {"analytics_buyer_set", "shop_day"},
          {"analytics_influence", "pay_day"},
          {"analytics_member_day", "pay_day"},
          {"analytics_member_buyers", "pay_day"},
          {"analytics_member_follow", "pay_day"},
          {"analytics_reminder_day", "placed_day"},
          {"analytics_reminder_lag", "placed_day"},
          {"analytics_reminder_hour", "placed_day"}
        }) {
      jdbc.update("DELETE FROM " + t[0] + " WHERE " + t[1] + " > ?", end);
    }
    for (int shift = days; shift < queryDays; shift += days) {
      LocalDate last = FIRST_DAY.plusDays(queryDays - 1 - shift);
      String range = " BETWEEN '" + FIRST_DAY + "' AND '" + (last.isBefore(end) ? last : end) + "'";
      String by = " + " + shift;
      jdbc.update(
          "INSERT INTO analytics_rollup SELECT basis, shop_day"
              + by
              + ", process_id, step_id, step_name, campaign, occasion, segment, template_key,"
              + " channel, process_version, "
              + String.join(", ", Rollup.COLUMNS)
              + " FROM analytics_rollup WHERE shop_day"
              + range);
      jdbc.update(
          "INSERT INTO analytics_shop_day SELECT shop_day"
              + by
              + ", rule_version, "
              + String.join(", ", ShopDay.COLUMNS)
              + " FROM analytics_shop_day WHERE shop_day"
              + range);
      jdbc.update(
          "INSERT INTO analytics_buyer_set SELECT grouping_name, shop_day"
              + by
              + ", group_key, chunk, reached, attributed FROM analytics_buyer_set WHERE shop_day"
              + range);
      jdbc.update(
          "INSERT INTO analytics_influence SELECT grouping_name, group_key, pay_day"
              + by
              + ", send_days, orders, gmv FROM analytics_influence WHERE pay_day"
              + range);
      jdbc.update(
          "INSERT INTO analytics_member_day SELECT pay_day"
              + by
              + ", buyer_kind, orders, units, gmv, reduction FROM analytics_member_day WHERE"
              + " pay_day"
              + range);
      jdbc.update(
          "INSERT INTO analytics_member_buyers SELECT pay_day"
              + by
              + ", buyer_kind, chunk, buyers FROM analytics_member_buyers WHERE pay_day"
              + range);
      jdbc.update(
          "INSERT INTO analytics_member_follow SELECT first_day"
              + by
              + ", first_kind, pay_day"
              + by
              + ", orders, units, gmv, reduction FROM analytics_member_follow WHERE pay_day"
              + range
              + " AND first_day"
              + range);
      jdbc.update(
          "INSERT INTO analytics_reminder_day SELECT placed_day"
              + by
              + ", reminded, paid, gmv, reduction FROM analytics_reminder_day WHERE placed_day"
              + range);
      jdbc.update(
          "INSERT INTO analytics_reminder_lag SELECT placed_day"
              + by
              + ", bucket, paid, min_seconds, max_seconds FROM analytics_reminder_lag WHERE"
              + " placed_day"
              + range);
      jdbc.update(
          "INSERT INTO analytics_reminder_hour SELECT placed_day"
              + by
              + ", lag_hour, paid FROM analytics_reminder_hour WHERE placed_day"
              + range);
    }
    // the week buyer sets of every queried week, from the day rows as copied (a shift of whole
    // spans is not one of whole weeks: week rows cannot be copied)
    new DistinctRollups(jdbc, rules).buildWeeks(FIRST_DAY, FIRST_DAY.plusDays(queryDays - 1));
    jdbc.execute("ANALYZE");
  }

  private static void recorderRefresh(AnalyticsRecorder recorder, String orderId) {
    recorder.refreshForBenchmark(orderId);
  }

  private void timed(String name, Runnable step) {
    long t0 = System.nanoTime();
    step.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    results.put(name, String.format("%.1f s", seconds));
    progress(String.format("%s: %.1f s", name, seconds));
  }

  private static void progress(String line) {
    try {
      Files.createDirectories(Path.of("target"));
      Files.writeString(
          Path.of("target/analytics-bench.log"),
          Instant.now() + " " + line + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void measure(Map<String, List<Double>> latencies, String name, Supplier<?> query) {
    long t0 = System.nanoTime();
    query.get();
    if (latencies == null) {
      return;
    }
    latencies.computeIfAbsent(name, k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
  }

  private static String describe(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format(
        "p50 %.2f, p99 %.2f, max %.2f (n=%d)",
        rank(sorted, 0.5), rank(sorted, 0.99), sorted[sorted.length - 1], sorted.length);
  }

  private static double rank(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }

  /**
   * One round of the dashboard's queries for a random period of 1, 3, 7 or 30 days and a random
   * breakdown; latencies in ms into {@code latencies}, or nowhere when it is {@code null}
   * (warm-up).
   */
  private void runQueries(
      AnalyticsReports reports,
      Random random,
      List<Integer> lengths,
      List<String> breakdowns,
      Map<String, List<Double>> latencies) {
    int length = lengths.get(random.nextInt(lengths.size()));
    LocalDate from = FIRST_DAY.plusDays(random.nextInt(queryDays - length + 1));
    LocalDate to = from.plusDays(length - 1);
    String by = breakdowns.get(random.nextInt(breakdowns.size()));
    random
        .nextBoolean(); // (a basis drawn by earlier versions: keeps the same periods as their runs)
    measure(latencies, "trend", () -> reports.trend(from, to));
    measure(latencies, "decay", () -> reports.decay(from, to));
    measure(
        latencies,
        "breakdown (PAY basis)",
        () -> reports.breakdown(Breakdown.parse(by), "PAY", from, to));
    // the distinct parts: buyers (day bitmaps), influenced orders, members, reminders
    measure(
        latencies,
        "summary (distinct buyers: OR of day bitmaps; influenced orders: influence rows)",
        () -> reports.summary(from, to));
    measure(
        latencies,
        "breakdown (SEND basis, distinct buyers per row from day bitmaps)",
        () -> reports.breakdown(Breakdown.parse(by), "SEND", from, to));
    measure(latencies, "members (member day rollups)", () -> reports.members(from, to));
    measure(
        latencies,
        "payment reminders (reminder day rollups)",
        () -> reports.paymentReminders(from, to));
  }
}
