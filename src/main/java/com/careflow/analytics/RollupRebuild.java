package com.careflow.analytics;

import java.time.LocalDate;
import java.util.Map;
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

  /**
   * Deletes the rows of [from, to], then builds them day by day from that day's raw facts: every
   * statement reads one day's rows (or the attribution window's days) through a day index or a key
   * (one grouped statement over the day's messages, each with its buyer's number, gives the send
   * rollup, its credits and both buyer sets; the influence rows are grouped in SQL), so a day costs
   * the same whatever the tables hold. Then the week buyer sets of the weeks those days fall in,
   * each the OR of its seven days' rows.
   */
  private void rebuild(LocalDate from, LocalDate to) {
    if (postgres()) {
      // short set-based statements whose estimates pass the JIT threshold: compiling them costs
      // more than running them (measured: the reminder update of one day 4.0 s with JIT, 0.7 s
      // without); a day's groupings and hash joins fit in memory instead of spilling sorts to
      // disk (docs/benchmarks.md)
      jdbc.execute("SET LOCAL jit = off");
      jdbc.execute("SET LOCAL work_mem = '64MB'");
      // a day's statements run again and again with other days: a generic plan (chosen after
      // five runs, blind to the day's values) read a day's influence in 90 s instead of 6 s
      jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
    }
    jdbc.update("DELETE FROM analytics_rollup WHERE shop_day BETWEEN ? AND ?", from, to);
    jdbc.update("DELETE FROM analytics_shop_day WHERE shop_day BETWEEN ? AND ?", from, to);
    distinct.delete(from, to);
    members.delete(from, to);
    LocalDate first = from;
    LocalDate last = to;
    if (!from.equals(to)) {
      LocalDate[] span = factDays();
      if (span == null) {
        return;
      }
      first = span[0].isAfter(from) ? span[0] : from;
      last = span[1].isBefore(to) ? span[1] : to;
    }
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      buildDay(day);
    }
    // the week buyer sets of the rebuilt days' weeks, from the day rows (the week's other days
    // as kept)
    distinct.buildWeeks(first, last);
  }

  /** The first and last day any fact of the rollups falls on, or null without facts. */
  private LocalDate[] factDays() {
    java.util.List<LocalDate> days = new java.util.ArrayList<>();
    for (String[] column :
        new String[][] {
          {"analytics_send", "send_day"},
          {"analytics_order", "pay_day"},
          {"analytics_order", "placed_day"},
          {"analytics_coupon", "issue_day"}
        }) {
      jdbc.query(
          "SELECT MIN(" + column[1] + "), MAX(" + column[1] + ") FROM " + column[0],
          rs -> {
            if (rs.getObject(1) != null) {
              days.add(rs.getObject(1, LocalDate.class));
              days.add(rs.getObject(2, LocalDate.class));
            }
          });
    }
    if (days.isEmpty()) {
      return null;
    }
    return new LocalDate[] {java.util.Collections.min(days), java.util.Collections.max(days)};
  }

  private void buildDay(LocalDate day) {
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
    java.util.List<String> couponValues = new java.util.ArrayList<>();
    for (int i = 0; i < Rollup.COLUMNS.size(); i++) {
      couponValues.add(i == Rollup.COUPON_COST ? "o.discount" : "0");
    }
    // the journey version as its rollup key (issue #16), named for the outer GROUP BY
    String sDims = DistinctRollups.factDims("s.") + " AS process_version";
    String cVersion = DistinctRollups.versionKey("c.process_version");
    String cDims =
        "c.process_id, c.step_id, c.step_name, c.campaign, c.occasion, '', '', '', " + cVersion;
    // a coupon's group: its step's dimensions without the message ones (segment, template, channel)
    String cGroup = "c.process_id, c.step_id, c.step_name, c.campaign, c.occasion, " + cVersion;
    String coupon = aliased(couponValues);
    String insert =
        "INSERT INTO analytics_rollup (basis, shop_day, " + DIMS + ", " + columns + ") SELECT ";

    // SEND basis: the day's messages (message sums and buyers reached, each message with its
    // buyer's number), the orders credited to them (credit sums and attributed buyers) and the
    // coupons issued that day. The day's messages are read twice through the day index rather
    // than materialised once: 333,000 rows do not fit a 64 MB work_mem and spilled to disk
    java.util.Map<java.util.List<String>, java.math.BigDecimal[]> send =
        new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
    DistinctRollups.DaySets sets = distinct.daySets(day);
    // a day's few hundred groups: PostgreSQL estimates tens of thousands (nine columns) and sorts
    // the day's 333,000 messages for them; hashed, the read takes half the time (measured at full
    // daily density, docs/benchmarks.md)
    planner("enable_sort = off");
    jdbc.query(
        "SELECT 0, "
            + DIMS
            + ", "
            + sumsAt(
                Map.of(
                    Rollup.SENT, "CASE WHEN status_rank > 0 THEN 1 ELSE 0 END",
                    Rollup.DELIVERED, "CASE WHEN status_rank = 3 THEN 1 ELSE 0 END",
                    Rollup.FAILED, "CASE WHEN status_rank = 9 THEN 1 ELSE 0 END",
                    Rollup.SKIPPED, "CASE WHEN status_rank = 0 THEN 1 ELSE 0 END",
                    Rollup.SEGMENTS, "segments",
                    Rollup.MESSAGE_COST, "cost_shop"))
            + ", ARRAY_AGG(buyer_no) FILTER (WHERE status_rank BETWEEN 1 AND 3 AND buyer_no IS"
            + " NOT NULL) FROM (SELECT "
            + sDims
            + ", s.status_rank, s.segments, s.cost_shop, s.buyer_no FROM analytics_send s WHERE"
            + " s.send_day = ?) d GROUP BY "
            + DIMS
            + " UNION ALL SELECT 1, "
            + DIMS
            + ", "
            + sumsAt(creditSums("credited_lag_seconds", "units", "paid_amount", "reduction"))
            + ", ARRAY_AGG(buyer_no) FILTER (WHERE buyer_no IS NOT NULL) FROM (SELECT "
            + sDims
            + ", s.buyer_no, o.units, o.paid_amount, o.refunds + o.cancellation AS reduction,"
            + " o.credited_lag_seconds FROM analytics_send s JOIN analytics_order o ON"
            + " o.credited_send_id = s.send_id WHERE s.send_day = ? AND o.paid_at IS NOT NULL AND"
            + " o.pay_day BETWEEN ? AND ?) c GROUP BY "
            + DIMS
            + " UNION ALL SELECT 2, "
            + cDims
            + ", "
            + sumsAt(Map.of(Rollup.COUPON_COST, "o.discount"))
            + ", NULL FROM analytics_order o JOIN analytics_coupon c ON c.coupon_code ="
            + " o.coupon_code WHERE o.coupon_applied AND o.paid_at IS NOT NULL AND c.issue_day = ?"
            + " GROUP BY "
            + cGroup,
        rs -> {
          int values = 2 + DistinctRollups.DIMS.size();
          java.util.List<String> dims = new java.util.ArrayList<>(DistinctRollups.DIMS.size());
          for (int c = 2; c < values; c++) {
            dims.add(rs.getString(c));
          }
          java.math.BigDecimal[] row =
              send.computeIfAbsent(
                  dims,
                  k -> {
                    java.math.BigDecimal[] zero = new java.math.BigDecimal[Rollup.COLUMNS.size()];
                    java.util.Arrays.fill(zero, java.math.BigDecimal.ZERO);
                    return zero;
                  });
          for (int i = 0; i < row.length; i++) {
            row[i] = row[i].add(rs.getBigDecimal(values + i));
          }
          java.sql.Array buyers = rs.getArray(values + row.length);
          if (buyers != null) {
            sets.add(rs.getInt(1), dims, (Object[]) buyers.getArray());
          }
        },
        day,
        day,
        day,
        day.plusDays(distinct.windowDays()),
        day);
    planner("enable_sort = on");
    java.util.List<Object[]> sendRows = new java.util.ArrayList<>();
    send.forEach(
        (dims, values) -> {
          java.util.List<Object> row = new java.util.ArrayList<>();
          row.add("SEND");
          row.add(day);
          row.addAll(dims);
          row.addAll(java.util.List.of((Object[]) values));
          sendRows.add(row.toArray());
        });
    jdbc.batchUpdate(
        "INSERT INTO analytics_rollup (basis, shop_day, "
            + DIMS
            + ", "
            + columns
            + ") VALUES ("
            + "?, ".repeat(1 + DistinctRollups.DIMS.size() + Rollup.COLUMNS.size())
            + "?)",
        sendRows);
    sets.write();

    // PAY basis: the day's paid orders and the messages credited with them (sent at most the
    // longest window before)
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
            + " WHERE o.pay_day = ? AND s.send_day BETWEEN ? AND ?"
            + " UNION ALL SELECT o.pay_day, "
            + cDims
            + ", "
            + coupon
            + " FROM analytics_order o JOIN analytics_coupon c ON c.coupon_code = o.coupon_code"
            + " WHERE o.coupon_applied AND o.pay_day = ?"
            + ") t GROUP BY shop_day, "
            + DIMS,
        day,
        day.minusDays(distinct.windowDays()),
        day,
        day);
    jdbc.update(
        "INSERT INTO analytics_shop_day (shop_day, rule_version, "
            + String.join(", ", ShopDay.COLUMNS)
            + ") SELECT pay_day, rule_version, COUNT(*), SUM(units), SUM(paid_amount),"
            + " SUM(refunds), SUM(cancellation),"
            + " SUM(CASE WHEN credited_send_id IS NOT NULL THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN credited_send_id IS NOT NULL THEN paid_amount ELSE 0 END),"
            + " SUM(CASE WHEN credited_send_id IS NOT NULL THEN refunds + cancellation ELSE 0"
            + " END) FROM analytics_order WHERE pay_day = ? GROUP BY pay_day, rule_version",
        day);
    distinct.buildInfluence(day);
    members.buildDay(day);
  }

  /**
   * Sets a PostgreSQL planner setting for the rest of the rebuild's transaction (nothing on H2):
   * where a day's estimates lead the planner to a plan measured slower.
   */
  private void planner(String setting) {
    if (postgres()) {
      jdbc.execute("SET LOCAL " + setting);
    }
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

  /**
   * The rollup's columns in order: SUM of the given expression where one is given, 0 elsewhere
   * (counts and sums of the source's own types: no per-row casts).
   */
  private static String sumsAt(Map<Integer, String> values) {
    return IntStream.range(0, Rollup.COLUMNS.size())
        .mapToObj(i -> values.containsKey(i) ? "SUM(" + values.get(i) + ")" : "0")
        .collect(Collectors.joining(", "));
  }

  /** The credit columns of orders (columns named as given) credited to a group's messages. */
  private static Map<Integer, String> creditSums(
      String lag, String units, String paid, String reduction) {
    Map<Integer, String> sums = new java.util.HashMap<>();
    sums.put(Rollup.CREDITED_ORDERS, "1");
    sums.put(Rollup.CREDITED_UNITS, units);
    sums.put(Rollup.CREDITED_GMV, paid);
    sums.put(Rollup.CREDITED_REDUCTION, reduction);
    for (int i = 0; i <= Rollup.DECAY_EDGES_HOURS.size(); i++) {
      sums.put(Rollup.DECAY_FIRST + i, Rollup.decayCase(lag, i));
    }
    return sums;
  }

  private static String aliased(java.util.List<String> values) {
    return IntStream.range(0, values.size())
        .mapToObj(i -> "CAST(" + values.get(i) + " AS NUMERIC(18, 5)) AS " + Rollup.COLUMNS.get(i))
        .collect(Collectors.joining(", "));
  }
}
