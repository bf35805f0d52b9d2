package com.careflow.analytics;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The figures that do not add up across rollup rows, kept exact per shop day: buyers reached and
 * attributed buyers as Roaring bitmaps of buyer numbers ({@code analytics_buyer_set}; a period's
 * distinct count is the cardinality of the OR of its days), the same sets per ISO week ({@code
 * analytics_buyer_week}, the OR of the week's days: a period reads its whole weeks as one row
 * each), and influenced orders additively by the set of send days that influenced them ({@code
 * analytics_influence}). Kept per grouping of the dimensions a report asks by (summary, the
 * breakdowns, a step).
 */
final class DistinctRollups {

  static final String SEP = "\u001f";

  /** The groupings of the nine dimensions kept, by name; ALL serves the summary and days. */
  static final Map<String, List<String>> GROUPINGS = new LinkedHashMap<>();

  static {
    GROUPINGS.put("ALL", List.of());
    GROUPINGS.put("JOURNEY", List.of("process_id"));
    // a step is a step of one deployed version of its journey (issue #16)
    GROUPINGS.put("STEP", List.of("process_id", "process_version", "step_id", "step_name"));
    GROUPINGS.put("STEP_ID", List.of("process_id", "step_id")); // all versions of a step
    GROUPINGS.put("STEP_VER", List.of("process_id", "process_version", "step_id"));
    GROUPINGS.put("CAMPAIGN", List.of("campaign", "occasion"));
    GROUPINGS.put("OCCASION", List.of("occasion"));
    GROUPINGS.put("SEGMENT", List.of("segment"));
    GROUPINGS.put("TEMPLATE", List.of("template_key"));
    GROUPINGS.put("CHANNEL", List.of("channel"));
  }

  /**
   * The rollup dimensions, as the rollup tables name them. {@code process_version} is the journey's
   * deployed version as text, '' when the send fact has none (version unknown, issue #16).
   */
  static final List<String> DIMS =
      List.of(
          "process_id",
          "step_id",
          "step_name",
          "campaign",
          "occasion",
          "segment",
          "template_key",
          "channel",
          "process_version");

  /**
   * The rollup key of a fact's journey version ({@code analytics_send.process_version}, an integer
   * or NULL): its digits, '' for NULL.
   */
  static String versionKey(String column) {
    return "COALESCE(CAST(" + column + " AS VARCHAR(10)), '')";
  }

  /** {@link #DIMS} as expressions over {@code analytics_send} (alias {@code prefix}, e.g. "s."). */
  static String factDims(String prefix) {
    return prefix
        + String.join(", " + prefix, DIMS.subList(0, DIMS.size() - 1))
        + ", "
        + versionKey(prefix + "process_version");
  }

  private static final String DIM_COLUMNS = factDims("");
  private static final String S_DIMS = factDims("s.");

  /** The send days of an influence are at most this many days before the pay day. */
  static final int MAX_DAYS_BACK = 63;

  private final JdbcTemplate jdbc;
  private final AttributionRules rules;

  DistinctRollups(JdbcTemplate jdbc, AttributionRules rules) {
    this.jdbc = jdbc;
    this.rules = rules;
  }

  static String groupKey(String grouping, List<String> dims) {
    List<String> values = new ArrayList<>();
    for (String column : GROUPINGS.get(grouping)) {
      values.add(dims.get(DIMS.indexOf(column)));
    }
    return String.join(SEP, values);
  }

  private static List<Object> split(String groupKey, int columns) {
    return columns == 0 ? List.of() : new ArrayList<>(List.of((Object[]) groupKey.split(SEP, -1)));
  }

  private static List<String> dims(ResultSet rs, int first) throws SQLException {
    List<String> dims = new ArrayList<>(DIMS.size());
    for (int c = first; c < first + DIMS.size(); c++) {
      dims.add(rs.getString(c));
    }
    return dims;
  }

  record SetRow(String grouping, LocalDate day, String key, int chunk) {}

  private static final Comparator<SetRow> SET_ORDER =
      Comparator.comparing(SetRow::grouping)
          .thenComparing(SetRow::day)
          .thenComparing(SetRow::key)
          .thenComparingInt(SetRow::chunk);

  // ---------------------------------------------------------------- buyers, fact by fact

  /** A table of buyer sets: per shop day, or per ISO week (its Monday). */
  private record SetTable(String name, String dayColumn) {}

  private static final SetTable DAYS = new SetTable("analytics_buyer_set", "shop_day");
  private static final SetTable WEEKS = new SetTable("analytics_buyer_week", "week_start");

  /** The ISO week of a shop day: its Monday (weeks run Monday to Sunday). */
  static LocalDate weekOf(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /**
   * Sets each buyer's bits in the buyer sets of the given send days, and of their ISO weeks, to
   * what the buyer's raw facts say now: reached when a creditable message of the group went to the
   * buyer that day (that week: on any day of the week), attributed when an order of the buyer is
   * credited to a message of the group sent that day (week). A bit is cleared only when no fact
   * keeps it — in a week row only when no fact of any day of the week keeps it, as the week's bit
   * is computed from all the buyer's messages of that week, not from the changed day — so any
   * change (a failure receipt, a moved credit) stays exact and a week's set stays the OR of its
   * days' sets. The buyers' credited messages and messages are read in one query each, and each set
   * row (grouping, day or week, group, chunk) is read and written once with the bits of every buyer
   * in it (a batch of facts). The caller holds the buyers' lock rows, so the facts read here are
   * the committed ones. Rows are locked in key order, day rows before week rows.
   *
   * @param days per buyer id, the send days whose bits to set (a buyer without a lock row, or with
   *     no days, is left alone)
   */
  void refreshBuyers(Map<String, ? extends Set<LocalDate>> days) {
    Map<String, Set<LocalDate>> asked = new TreeMap<>();
    days.forEach(
        (c, d) -> {
          if (c != null && !d.isEmpty()) {
            asked.put(c, d);
          }
        });
    if (asked.isEmpty()) {
      return;
    }
    String in = " IN (" + MemberRollups.marks(asked.size()) + ")";
    Object[] ids = asked.keySet().toArray();
    Map<String, Integer> numbers = new HashMap<>();
    jdbc.query(
        "SELECT customer_id, buyer_no FROM analytics_customer_lock WHERE customer_id" + in,
        rs -> {
          numbers.put(rs.getString(1), rs.getInt(2));
        },
        ids);
    if (numbers.isEmpty()) {
      return;
    }
    Set<String> credited =
        new HashSet<>(
            jdbc.queryForList(
                "SELECT credited_send_id FROM analytics_order WHERE customer_id"
                    + in
                    + " AND credited_send_id IS NOT NULL",
                String.class,
                ids));
    Map<String, Set<LocalDate>> weeks = new HashMap<>();
    asked.forEach(
        (c, d) -> {
          Set<LocalDate> w = new HashSet<>();
          d.forEach(day -> w.add(weekOf(day)));
          weeks.put(c, w);
        });
    Map<SetRow, Map<Integer, boolean[]>> want = new TreeMap<>(SET_ORDER);
    Map<SetRow, Map<Integer, boolean[]>> wantWeeks = new TreeMap<>(SET_ORDER);
    jdbc.query(
        "SELECT customer_id, send_id, send_day, "
            + DIM_COLUMNS
            + ", status_rank FROM analytics_send WHERE customer_id"
            + in,
        rs -> {
          String customer = rs.getString(1);
          Integer buyer = numbers.get(customer);
          if (buyer == null) {
            return;
          }
          LocalDate day = rs.getObject(3, LocalDate.class);
          LocalDate week = weekOf(day);
          boolean ofDays = asked.get(customer).contains(day);
          if (!ofDays && !weeks.get(customer).contains(week)) {
            return;
          }
          List<String> dims = dims(rs, 4);
          boolean reached = AnalyticsRecorder.earnsCredit(rs.getInt(4 + DIMS.size()));
          boolean attributed = credited.contains(rs.getString(2));
          for (String g : GROUPINGS.keySet()) {
            String key = groupKey(g, dims);
            if (ofDays) {
              mark(want, new SetRow(g, day, key, Bitmaps.chunk(buyer)), buyer, reached, attributed);
            }
            mark(
                wantWeeks,
                new SetRow(g, week, key, Bitmaps.chunk(buyer)),
                buyer,
                reached,
                attributed);
          }
        },
        ids);
    apply(DAYS, want);
    apply(WEEKS, wantWeeks);
  }

  private static void mark(
      Map<SetRow, Map<Integer, boolean[]>> want,
      SetRow row,
      int buyer,
      boolean reached,
      boolean attributed) {
    boolean[] w =
        want.computeIfAbsent(row, k -> new TreeMap<>()).computeIfAbsent(buyer, k -> new boolean[2]);
    w[0] |= reached;
    w[1] |= attributed;
  }

  /** Sets or clears the buyers' bits in each row of the table as wanted, in key order. */
  private void apply(SetTable table, Map<SetRow, Map<Integer, boolean[]>> want) {
    String where =
        " WHERE grouping_name = ? AND "
            + table.dayColumn()
            + " = ? AND group_key = ? AND chunk = ?";
    String select = "SELECT reached, attributed FROM " + table.name() + where + " FOR UPDATE";
    for (Map.Entry<SetRow, Map<Integer, boolean[]>> e : want.entrySet()) {
      SetRow row = e.getKey();
      Object[] key = {row.grouping(), row.day(), row.key(), row.chunk()};
      List<byte[][]> found =
          jdbc.query(select, (rs, i) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)}, key);
      if (found.isEmpty()) {
        if (e.getValue().values().stream().noneMatch(w -> w[0] || w[1])) {
          continue;
        }
        jdbc.update(
            "INSERT INTO "
                + table.name()
                + " (grouping_name, "
                + table.dayColumn()
                + ", group_key, chunk) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
            key);
        found = jdbc.query(select, (rs, i) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)}, key);
      }
      RoaringBitmap reached = Bitmaps.read(found.getFirst()[0]);
      RoaringBitmap attributed = Bitmaps.read(found.getFirst()[1]);
      boolean changed = false;
      for (Map.Entry<Integer, boolean[]> b : e.getValue().entrySet()) {
        int buyer = b.getKey();
        boolean[] w = b.getValue();
        changed |= w[0] ? reached.checkedAdd(buyer) : reached.checkedRemove(buyer);
        changed |= w[1] ? attributed.checkedAdd(buyer) : attributed.checkedRemove(buyer);
      }
      if (changed) {
        jdbc.update(
            "UPDATE " + table.name() + " SET reached = ?, attributed = ?" + where,
            Bitmaps.write(reached),
            Bitmaps.write(attributed),
            row.grouping(),
            row.day(),
            row.key(),
            row.chunk());
      }
    }
  }

  // ---------------------------------------------------------------- influence, fact by fact

  record InfluenceKey(String grouping, String key, LocalDate payDay, long sendDays) {}

  static final Comparator<InfluenceKey> INFLUENCE_ORDER =
      Comparator.comparing(InfluenceKey::grouping)
          .thenComparing(InfluenceKey::key)
          .thenComparing(InfluenceKey::payDay)
          .thenComparingLong(InfluenceKey::sendDays);

  /**
   * An order's part in the influence rollup: for each group with a creditable message to the buyer
   * sent less than the window before the payment, the set of those messages' send days; the value
   * is the order's paid amount. Empty for an unpaid order. The window is that of the order's rule
   * version, as for its credit (R23): a window change reaches old orders only through the logged
   * recompute, so one answer never mixes windows for one order's credit and influence.
   */
  Map<InfluenceKey, BigDecimal> influenceOf(String orderId) {
    Map<InfluenceKey, BigDecimal> result = new TreeMap<>(INFLUENCE_ORDER);
    Influences influences = new Influences(result);
    jdbc.query(
        "SELECT o.pay_day, o.paid_amount, s.send_day, "
            + S_DIMS
            + " FROM analytics_order o JOIN analytics_rule r ON r.rule_version ="
            + " o.rule_version JOIN analytics_send s ON s.customer_id = o.customer_id AND"
            + " s.sent_epoch_ms < o.paid_epoch_ms AND s.sent_epoch_ms > o.paid_epoch_ms -"
            + " r.window_seconds * 1000 AND s.status_rank BETWEEN 1 AND 3 WHERE o.order_id = ?"
            + " AND o.paid_at IS NOT NULL",
        influences,
        orderId);
    influences.flush();
    return result;
  }

  /** Collects one order's (order, message) rows into its influence rows. */
  private static final class Influences
      implements org.springframework.jdbc.core.RowCallbackHandler {
    private final Map<InfluenceKey, BigDecimal> target;
    private final Map<List<String>, Long> masks = new HashMap<>();
    private LocalDate payDay;
    private BigDecimal paid;

    /** One order's rows (value: its amount). */
    Influences(Map<InfluenceKey, BigDecimal> target) {
      this.target = target;
    }

    @Override
    public void processRow(ResultSet rs) throws SQLException {
      payDay = rs.getObject(1, LocalDate.class);
      paid = rs.getBigDecimal(2);
      LocalDate sendDay = rs.getObject(3, LocalDate.class);
      long back = ChronoUnit.DAYS.between(sendDay, payDay);
      if (back < 0 || back > MAX_DAYS_BACK) {
        throw new IllegalStateException(
            "an attribution window reaches at most " + MAX_DAYS_BACK + " days back");
      }
      List<String> dims = dims(rs, 4);
      for (String g : GROUPINGS.keySet()) {
        masks.merge(List.of(g, groupKey(g, dims)), 1L << back, (a, b) -> a | b);
      }
    }

    void flush() {
      masks.forEach(
          (gk, mask) -> target.put(new InfluenceKey(gk.get(0), gk.get(1), payDay, mask), paid));
      masks.clear();
    }
  }

  /** Adds the difference between an order's influence parts before and after a change. */
  void applyInfluence(Map<InfluenceKey, BigDecimal> before, Map<InfluenceKey, BigDecimal> after) {
    Map<InfluenceKey, Object[]> delta = new TreeMap<>(INFLUENCE_ORDER);
    addInfluence(before, after, delta);
    applyInfluence(delta);
  }

  /**
   * Adds the difference between an order's influence parts before and after a change to a running
   * difference (orders and GMV by influence row), to be applied once for a batch.
   */
  static void addInfluence(
      Map<InfluenceKey, BigDecimal> before,
      Map<InfluenceKey, BigDecimal> after,
      Map<InfluenceKey, Object[]> delta) {
    before.forEach((k, v) -> merge(delta, k, -1L, v.negate()));
    after.forEach((k, v) -> merge(delta, k, 1L, v));
  }

  private static void merge(
      Map<InfluenceKey, Object[]> delta, InfluenceKey k, long orders, BigDecimal gmv) {
    delta.merge(
        k,
        new Object[] {orders, gmv},
        (a, b) -> new Object[] {(long) a[0] + orders, ((BigDecimal) a[1]).add(gmv)});
  }

  /** Adds a difference of influence rows (from {@link #addInfluence}), one update per row. */
  void applyInfluence(Map<InfluenceKey, Object[]> delta) {
    delta.forEach(
        (k, d) -> {
          if ((long) d[0] == 0 && ((BigDecimal) d[1]).signum() == 0) {
            return;
          }
          Object[] key = {k.grouping(), k.key(), k.payDay(), k.sendDays()};
          jdbc.update(
              "INSERT INTO analytics_influence (grouping_name, group_key, pay_day, send_days)"
                  + " VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
              key);
          jdbc.update(
              "UPDATE analytics_influence SET orders = orders + ?, gmv = gmv + ? WHERE"
                  + " grouping_name = ? AND group_key = ? AND pay_day = ? AND send_days = ?",
              d[0],
              d[1],
              k.grouping(),
              k.key(),
              k.payDay(),
              k.sendDays());
        });
  }

  // ---------------------------------------------------------------- rebuild

  /**
   * Deletes the buyer sets of the send days, the week sets of the weeks that meet them (to be built
   * again by {@link #buildWeeks}) and the influence rows of the pay days in range.
   */
  void delete(LocalDate from, LocalDate to) {
    jdbc.update("DELETE FROM analytics_buyer_set WHERE shop_day BETWEEN ? AND ?", from, to);
    jdbc.update(
        "DELETE FROM analytics_buyer_week WHERE week_start BETWEEN ? AND ?", weekOf(from), to);
    jdbc.update("DELETE FROM analytics_buyer_week_stale WHERE shop_day BETWEEN ? AND ?", from, to);
    jdbc.update("DELETE FROM analytics_influence WHERE pay_day BETWEEN ? AND ?", from, to);
  }

  /**
   * Builds the week sets of every ISO week that meets [from, to] from its seven days' buyer sets:
   * per grouping, group key and chunk the OR of the day rows' sets (exact: a week's set is by
   * definition the union of its days'). Replaces the weeks' rows and marks them complete (none of
   * their days left in {@code analytics_buyer_week_stale}). Run after the days are built.
   */
  void buildWeeks(LocalDate from, LocalDate to) {
    for (LocalDate week = weekOf(from); !week.isAfter(to); week = week.plusWeeks(1)) {
      jdbc.update("DELETE FROM analytics_buyer_week WHERE week_start = ?", week);
      jdbc.update(
          "DELETE FROM analytics_buyer_week_stale WHERE shop_day BETWEEN ? AND ?",
          week,
          week.plusDays(6));
      for (String grouping : GROUPINGS.keySet()) {
        Map<List<Object>, RoaringBitmap[]> sets = new HashMap<>();
        jdbc.query(
            "SELECT group_key, chunk, reached, attributed FROM analytics_buyer_set WHERE"
                + " grouping_name = ? AND shop_day BETWEEN ? AND ?",
            rs -> {
              RoaringBitmap[] b =
                  sets.computeIfAbsent(
                      List.of(rs.getString(1), rs.getInt(2)),
                      k -> new RoaringBitmap[] {new RoaringBitmap(), new RoaringBitmap()});
              b[0].or(Bitmaps.read(rs.getBytes(3)));
              b[1].or(Bitmaps.read(rs.getBytes(4)));
            },
            grouping,
            week,
            week.plusDays(6));
        List<Object[]> rows = new ArrayList<>();
        LocalDate start = week;
        sets.forEach(
            (k, b) -> {
              if (!b[0].isEmpty() || !b[1].isEmpty()) {
                rows.add(
                    new Object[] {
                      grouping, start, k.get(0), k.get(1), Bitmaps.write(b[0]), Bitmaps.write(b[1])
                    });
              }
            });
        jdbc.batchUpdate(
            "INSERT INTO analytics_buyer_week (grouping_name, week_start, group_key, chunk,"
                + " reached, attributed) VALUES (?,?,?,?,?,?)",
            rows);
      }
    }
  }

  /** The buyer sets of one send day, filled from grouped rows of its messages and credits. */
  DaySets daySets(LocalDate day) {
    return new DaySets(day);
  }

  /** One send day's buyer sets of every grouping, written once filled. */
  final class DaySets {
    private final LocalDate day;
    private final Map<SetRow, RoaringBitmap[]> sets = new TreeMap<>(SET_ORDER);

    private DaySets(LocalDate day) {
      this.day = day;
    }

    /**
     * Adds buyer numbers of one group of the rollup dimensions ({@link #DIMS}): 0 reached
     * (creditable messages), 1 attributed (orders credited to the group's messages of the day).
     */
    void add(int which, List<String> dims, Object[] buyerNumbers) {
      RoaringBitmap buyers = Bitmaps.of(buyerNumbers);
      for (String g : GROUPINGS.keySet()) {
        // chunk 0 here only as a placeholder key: rows are split by chunk when written
        RoaringBitmap[] b =
            sets.computeIfAbsent(
                new SetRow(g, day, groupKey(g, dims), 0),
                k -> new RoaringBitmap[] {new RoaringBitmap(), new RoaringBitmap()});
        b[which].or(buyers);
      }
    }

    void write() {
      List<Object[]> rows = new ArrayList<>();
      sets.forEach(
          (row, b) -> {
            Map<Integer, RoaringBitmap> reached = Bitmaps.byChunk(b[0]);
            Map<Integer, RoaringBitmap> attributed = Bitmaps.byChunk(b[1]);
            Set<Integer> chunks = new java.util.TreeSet<>(reached.keySet());
            chunks.addAll(attributed.keySet());
            for (int chunk : chunks) {
              rows.add(
                  new Object[] {
                    row.grouping(),
                    row.day(),
                    row.key(),
                    chunk,
                    Bitmaps.write(reached.getOrDefault(chunk, new RoaringBitmap())),
                    Bitmaps.write(attributed.getOrDefault(chunk, new RoaringBitmap()))
                  });
            }
          });
      jdbc.batchUpdate(
          "INSERT INTO analytics_buyer_set (grouping_name, shop_day, group_key, chunk, reached,"
              + " attributed) VALUES (?,?,?,?,?,?)",
          rows);
    }
  }

  /**
   * Builds the influence rows of one pay day in one statement: the pairs of its paid orders and the
   * creditable messages to their buyers within each order's window (the exact window is the order's
   * rule's; the messages are bounded by a time range that holds every window of the day, the
   * longest window before the day's first instant in any time zone to its last, so the index on
   * {@code (customer_id, sent_at)} or on the send day reads only those), then per grouping the send
   * days of each order's messages in a group as one mask ({@code BIT_OR} of bit pay day − send
   * day), and the orders and their GMV per mask. Only the influence rows leave the database.
   */
  void buildInfluence(LocalDate day) {
    String back = "CAST(o.pay_day - s.send_day AS INTEGER)";
    StringBuilder sql =
        new StringBuilder(
            "WITH p AS (SELECT o.order_id, o.paid_amount, CASE WHEN "
                + back
                + " = 63 THEN CAST(-9223372036854775808 AS BIGINT) ELSE CAST(POWER(2, "
                + back
                + ") AS BIGINT) END AS bit, "
                + S_DIMS
                + " AS process_version FROM analytics_order o JOIN analytics_rule r ON"
                + " r.rule_version = o.rule_version JOIN analytics_send s ON s.customer_id ="
                + " o.customer_id AND s.sent_at >= ? AND s.sent_at < ? AND s.sent_epoch_ms <"
                + " o.paid_epoch_ms AND s.sent_epoch_ms > o.paid_epoch_ms - r.window_seconds *"
                + " 1000 AND s.status_rank BETWEEN 1 AND 3 WHERE o.pay_day = ? AND s.send_day"
                + " BETWEEN ? AND ? AND o.paid_at IS NOT NULL)");
    // one branch per grouping over the pairs, read once (PostgreSQL materialises a CTE used more
    // than once; H2 has no GROUPING SETS): the grouping's columns, '' for the others
    String union = " ";
    for (Map.Entry<String, List<String>> g : GROUPINGS.entrySet()) {
      List<String> columns = g.getValue();
      String own = columns.stream().map(c -> c + ", ").reduce("", String::concat);
      List<String> values = new ArrayList<>();
      for (String column : DIMS) {
        values.add(columns.contains(column) ? column : "''");
      }
      sql.append(union)
          .append("SELECT '")
          .append(g.getKey())
          .append("', ")
          .append(String.join(", ", values))
          .append(", mask, COUNT(*), SUM(paid_amount) FROM (SELECT ")
          .append(own)
          .append("paid_amount, BIT_OR(bit) AS mask FROM p GROUP BY ")
          .append(own)
          .append("order_id, paid_amount) m GROUP BY ")
          .append(own)
          .append("mask");
      union = " UNION ALL ";
    }
    List<Object[]> influence = new ArrayList<>();
    jdbc.query(
        sql.toString(),
        rs -> {
          String grouping = rs.getString(1);
          influence.add(
              new Object[] {
                grouping,
                groupKey(grouping, dims(rs, 2)),
                day,
                rs.getLong(2 + DIMS.size()),
                rs.getLong(3 + DIMS.size()),
                rs.getBigDecimal(4 + DIMS.size())
              });
        },
        day.minusDays(windowDays() + 1L).atStartOfDay().atOffset(java.time.ZoneOffset.UTC),
        day.plusDays(2).atStartOfDay().atOffset(java.time.ZoneOffset.UTC),
        day,
        day.minusDays(windowDays()),
        day);
    jdbc.batchUpdate(
        "INSERT INTO analytics_influence (grouping_name, group_key, pay_day, send_days, orders,"
            + " gmv) VALUES (?,?,?,?,?,?)",
        influence);
  }

  /** Whole days a window spans at most, with a day to spare for time-zone shifts. */
  int windowDays() {
    return (int) Math.min(MAX_DAYS_BACK, rules.longestWindow().toDays() + 2);
  }

  // ---------------------------------------------------------------- reading

  /**
   * The ISO weeks (their Mondays) wholly inside [from, to] whose week rows are complete: none of
   * their days is in {@code analytics_buyer_week_stale} (weeks with buyer sets from before the week
   * rows, until rebuilt).
   */
  private List<LocalDate> wholeWeeks(LocalDate from, LocalDate to) {
    LocalDate first = from.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    LocalDate last = weekOf(to.minusDays(6));
    if (first.isAfter(last)) {
      return List.of();
    }
    Set<LocalDate> stale = new HashSet<>();
    jdbc.query(
        "SELECT shop_day FROM analytics_buyer_week_stale WHERE shop_day BETWEEN ? AND ?",
        rs -> {
          stale.add(weekOf(rs.getObject(1, LocalDate.class)));
        },
        first,
        last.plusDays(6));
    List<LocalDate> weeks = new ArrayList<>();
    for (LocalDate week = first; !week.isAfter(last); week = week.plusWeeks(1)) {
      if (!stale.contains(week)) {
        weeks.add(week);
      }
    }
    return weeks;
  }

  private static void dayBranch(
      StringBuilder sql, List<Object> args, String grouping, LocalDate from, LocalDate to) {
    sql.append(sql.isEmpty() ? "" : " UNION ALL ")
        .append(
            "SELECT shop_day, group_key, reached, attributed FROM analytics_buyer_set WHERE"
                + " grouping_name = ? AND shop_day BETWEEN ? AND ?");
    args.add(grouping);
    args.add(from);
    args.add(to);
  }

  /** Distinct buyers reached and attributed, influenced orders and their GMV, of one group. */
  record Counts(long reached, long attributed, long influenced, BigDecimal influencedGmv) {}

  /**
   * The distinct figures of the messages sent in [from, to], by the values of the given columns
   * (one of the groupings, or {@code shop_day}); empty columns: one group. Buyers are read from the
   * week rows of the whole ISO weeks inside the period and the day rows of its other days (by day:
   * the day rows).
   */
  Map<List<Object>, Counts> counts(List<String> columns, LocalDate from, LocalDate to) {
    return counts(columns, from, to, true);
  }

  /**
   * {@link #counts(List, LocalDate, LocalDate)}, with {@code weeks} false from the day rows only
   * (the same figures: a test's comparison).
   */
  Map<List<Object>, Counts> counts(
      List<String> columns, LocalDate from, LocalDate to, boolean weeks) {
    boolean byDay = columns.equals(List.of("shop_day"));
    String grouping =
        byDay
            ? "ALL"
            : GROUPINGS.entrySet().stream()
                .filter(e -> e.getValue().equals(columns))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no buyer sets by " + columns));
    // each group's stored sets, read in place; the distinct count is the cardinality of their
    // union, computed without building it
    Map<List<Object>, List<List<ImmutableRoaringBitmap>>> sets = new HashMap<>();
    Map<String, List<Object>> keyOf = new HashMap<>();
    // the whole ISO weeks inside the period from their week rows, the other days from day rows
    // (a week's set is the OR of its days': the same union); by day, days only
    StringBuilder sql = new StringBuilder();
    List<Object> args = new ArrayList<>();
    List<LocalDate> weekRows = weeks && !byDay ? wholeWeeks(from, to) : List.of();
    if (weekRows.isEmpty()) {
      dayBranch(sql, args, grouping, from, to);
    } else if (weekRows.getLast().equals(weekRows.getFirst().plusWeeks(weekRows.size() - 1))) {
      // one statement text for every period with whole weeks (one prepared statement serves
      // them all): the odd days before and after (either range may be empty), the weeks between
      dayBranch(sql, args, grouping, from, weekRows.getFirst().minusDays(1));
      dayBranch(sql, args, grouping, weekRows.getLast().plusDays(7), to);
      sql.append(
          " UNION ALL SELECT week_start, group_key, reached, attributed FROM analytics_buyer_week"
              + " WHERE grouping_name = ? AND week_start BETWEEN ? AND ?");
      args.addAll(List.of(grouping, weekRows.getFirst(), weekRows.getLast()));
    } else {
      // a week not yet built lies between built ones: its days with the odd days
      LocalDate next = from;
      for (LocalDate week : weekRows) {
        if (next.isBefore(week)) {
          dayBranch(sql, args, grouping, next, week.minusDays(1));
        }
        next = week.plusDays(7);
      }
      if (!next.isAfter(to)) {
        dayBranch(sql, args, grouping, next, to);
      }
      sql.append(
              " UNION ALL SELECT week_start, group_key, reached, attributed FROM"
                  + " analytics_buyer_week WHERE grouping_name = ? AND week_start IN (")
          .append(String.join(", ", java.util.Collections.nCopies(weekRows.size(), "?")))
          .append(")");
      args.add(grouping);
      args.addAll(weekRows);
    }
    jdbc.query(
        sql.toString(),
        rs -> {
          List<Object> key =
              byDay
                  ? List.of(rs.getObject(1, LocalDate.class))
                  : keyOf.computeIfAbsent(rs.getString(2), k -> split(k, columns.size()));
          List<List<ImmutableRoaringBitmap>> b =
              sets.computeIfAbsent(key, k -> List.of(new ArrayList<>(), new ArrayList<>()));
          for (int which = 0; which < 2; which++) {
            ImmutableRoaringBitmap set = Bitmaps.view(rs.getBytes(3 + which));
            if (set != null) {
              b.get(which).add(set);
            }
          }
        },
        args.toArray());
    Map<List<Object>, Object[]> influenced = new HashMap<>();
    jdbc.query(
        "SELECT group_key, pay_day, send_days, orders, gmv FROM analytics_influence WHERE"
            + " grouping_name = ? AND pay_day BETWEEN ? AND ? AND orders <> 0",
        rs -> {
          LocalDate payDay = rs.getObject(2, LocalDate.class);
          long mask = rs.getLong(3);
          List<List<Object>> keys = new ArrayList<>();
          for (int back = 0; back <= MAX_DAYS_BACK; back++) {
            LocalDate sendDay = payDay.minusDays(back);
            if ((mask & (1L << back)) != 0 && !sendDay.isBefore(from) && !sendDay.isAfter(to)) {
              if (byDay) {
                keys.add(List.of(sendDay));
              } else {
                keys.add(split(rs.getString(1), columns.size()));
                break;
              }
            }
          }
          for (List<Object> key : keys) {
            Object[] v = influenced.computeIfAbsent(key, k -> new Object[] {0L, BigDecimal.ZERO});
            v[0] = (long) v[0] + rs.getLong(4);
            v[1] = ((BigDecimal) v[1]).add(rs.getBigDecimal(5));
          }
        },
        grouping,
        from,
        to.plusDays(windowDays()));
    Map<List<Object>, Counts> result = new HashMap<>();
    Set<List<Object>> keys = new HashSet<>(sets.keySet());
    keys.addAll(influenced.keySet());
    for (List<Object> key : keys) {
      List<List<ImmutableRoaringBitmap>> b = sets.get(key);
      long reached = b == null ? 0 : Bitmaps.unionCardinality(b.get(0));
      long attributed = b == null ? 0 : Bitmaps.unionCardinality(b.get(1));
      Object[] i = influenced.get(key);
      if (i == null && reached == 0 && attributed == 0) {
        // only rows whose sets are empty now (every bit cleared): no figure, as a key without rows,
        // whether a period reads the days or their week
        continue;
      }
      if (i == null) {
        i = new Object[] {0L, BigDecimal.ZERO};
      }
      result.put(key, new Counts(reached, attributed, (long) i[0], (BigDecimal) i[1]));
    }
    return result;
  }
}
