package com.careflow.analytics;

import java.time.LocalDate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the rollups from the raw facts in SQL, for one shop day or for all: what {@link
 * AnalyticsRecorder} keeps up to date fact by fact. Used after a recompute and to repair a day. Run
 * it while no facts for those days arrive (a fact applied during the rebuild may be lost from the
 * rollup until the next rebuild).
 */
class RollupRebuild {

  private static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
  private static final LocalDate LAST = LocalDate.of(9999, 12, 31);
  private static final String DIMS = String.join(", ", DistinctRollups.DIMS);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final DistinctRollups distinct;

  private final MemberRollups members;

  public RollupRebuild(
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      AttributionRules rules,
      AnalyticsProperties properties) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.distinct = new DistinctRollups(jdbc, rules);
    this.members = new MemberRollups(jdbc, properties.paymentReminderTemplatePrefix());
  }

  /** Rebuilds every rollup row of one shop day (both bases and the shop's day). */
  public void rebuildDay(LocalDate day) {
    tx.executeWithoutResult(s -> rebuild(day, day));
  }

  public void rebuildAll() {
    tx.executeWithoutResult(s -> rebuild(FIRST, LAST));
  }

  private void rebuild(LocalDate from, LocalDate to) {
    if (postgres()) {
      // short set-based statements whose estimates pass the JIT threshold: compiling them costs
      // more than running them (measured: the reminder update of one day 4.0 s with JIT, 0.7 s
      // without; docs/benchmarks.md)
      jdbc.execute("SET LOCAL jit = off");
    }
    jdbc.update("DELETE FROM analytics_rollup WHERE shop_day BETWEEN ? AND ?", from, to);
    jdbc.update("DELETE FROM analytics_shop_day WHERE shop_day BETWEEN ? AND ?", from, to);
    String columns = String.join(", ", Rollup.COLUMNS);
    String sums =
        Rollup.COLUMNS.stream().map(c -> "SUM(" + c + ")").collect(Collectors.joining(", "));
    java.util.List<String> decay =
        IntStream.rangeClosed(0, Rollup.DECAY_EDGES_HOURS.size())
            .mapToObj(i -> Rollup.decayCase("o.credited_lag_seconds", i))
            .toList();
    java.util.List<String> creditValues =
        new java.util.ArrayList<>(
            java.util.List.of(
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "1",
                "o.units",
                "o.paid_amount",
                "o.refunds + o.cancellation"));
    creditValues.addAll(decay);
    String credits = aliased(creditValues);
    java.util.List<String> messageValues =
        new java.util.ArrayList<>(
            java.util.List.of(
                "CASE WHEN status_rank > 0 THEN 1 ELSE 0 END",
                "CASE WHEN status_rank = 3 THEN 1 ELSE 0 END",
                "CASE WHEN status_rank = 9 THEN 1 ELSE 0 END",
                "CASE WHEN status_rank = 0 THEN 1 ELSE 0 END",
                "segments",
                "cost_shop",
                "0"));
    while (messageValues.size() < Rollup.COLUMNS.size()) {
      messageValues.add("0");
    }
    String messages = aliased(messageValues);
    java.util.List<String> couponValues = new java.util.ArrayList<>();
    for (int i = 0; i < Rollup.COLUMNS.size(); i++) {
      couponValues.add(i == Rollup.COUPON_COST ? "o.discount" : "0");
    }
    // the journey version as its rollup key (issue #16), named for the outer GROUP BY
    String sDims = DistinctRollups.factDims("s.") + " AS process_version";
    String cDims =
        "c.process_id, c.step_id, c.step_name, c.campaign, c.occasion, '', '', '', "
            + DistinctRollups.versionKey("c.process_version");
    String coupon = aliased(couponValues);
    String insert =
        "INSERT INTO analytics_rollup (basis, shop_day, " + DIMS + ", " + columns + ") SELECT ";
    jdbc.update(
        insert
            + "'SEND', shop_day, "
            + DIMS
            + ", "
            + sums
            + " FROM ("
            + " SELECT send_day AS shop_day, "
            + DistinctRollups.factDims("")
            + " AS process_version, "
            + messages
            + " FROM analytics_send WHERE send_day BETWEEN ? AND ?"
            + " UNION ALL SELECT s.send_day, "
            + sDims
            + ", "
            + credits
            + " FROM analytics_order o JOIN analytics_send s ON s.send_id = o.credited_send_id"
            + " WHERE s.send_day BETWEEN ? AND ? AND o.paid_at IS NOT NULL"
            + " AND o.pay_day BETWEEN ? AND ?"
            + " UNION ALL SELECT c.issue_day, "
            + cDims
            + ", "
            + coupon
            + " FROM analytics_order o JOIN analytics_coupon c ON c.coupon_code = o.coupon_code"
            + " WHERE o.coupon_applied AND o.paid_at IS NOT NULL AND c.issue_day BETWEEN ? AND ?"
            + ") t GROUP BY shop_day, "
            + DIMS,
        from,
        to,
        from,
        to,
        from,
        to.plusDays(distinct.windowDays()),
        from,
        to);
    jdbc.update(
        insert
            + "'PAY', shop_day, "
            + DIMS
            + ", "
            + sums
            + " FROM ("
            + " SELECT o.pay_day AS shop_day, "
            + sDims
            + ", "
            + credits
            + " FROM analytics_order o JOIN analytics_send s ON s.send_id = o.credited_send_id"
            + " WHERE o.pay_day BETWEEN ? AND ?"
            + " UNION ALL SELECT o.pay_day, "
            + cDims
            + ", "
            + coupon
            + " FROM analytics_order o JOIN analytics_coupon c ON c.coupon_code = o.coupon_code"
            + " WHERE o.coupon_applied AND o.pay_day BETWEEN ? AND ?"
            + ") t GROUP BY shop_day, "
            + DIMS,
        from,
        to,
        from,
        to);
    jdbc.update(
        "INSERT INTO analytics_shop_day (shop_day, rule_version, "
            + String.join(", ", ShopDay.COLUMNS)
            + ") SELECT pay_day, rule_version, COUNT(*), SUM(units), SUM(paid_amount),"
            + " SUM(refunds), SUM(cancellation),"
            + " SUM(CASE WHEN credited_send_id IS NOT NULL THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN credited_send_id IS NOT NULL THEN paid_amount ELSE 0 END),"
            + " SUM(CASE WHEN credited_send_id IS NOT NULL THEN refunds + cancellation ELSE 0"
            + " END) FROM analytics_order WHERE pay_day BETWEEN ? AND ? GROUP BY pay_day,"
            + " rule_version",
        from,
        to);
    distinct.rebuild(from, to);
    members.rebuild(from, to);
  }

  private Boolean postgres;

  private boolean postgres() {
    if (postgres == null) {
      postgres =
          jdbc.execute(
              (java.sql.Connection c) ->
                  c.getMetaData()
                      .getDatabaseProductName()
                      .toLowerCase(java.util.Locale.ROOT)
                      .contains("postgres"));
    }
    return postgres;
  }

  private static String aliased(java.util.List<String> values) {
    return IntStream.range(0, values.size())
        .mapToObj(i -> "CAST(" + values.get(i) + " AS NUMERIC(18, 5)) AS " + Rollup.COLUMNS.get(i))
        .collect(Collectors.joining(", "));
  }
}
