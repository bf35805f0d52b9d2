package com.careflow.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/** The rollup tables as text, one line per row that is not all zeros, in key order. */
final class Snapshots {

  static final List<String> KEY =
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
          "channel",
          "process_version");

  /** The tables of rollups and day rollups, all derived from the raw facts. */
  static final List<String> ROLLUP_TABLES =
      List.of(
          "analytics_rollup",
          "analytics_shop_day",
          "analytics_buyer_set",
          "analytics_buyer_week",
          "analytics_influence",
          "analytics_member_day",
          "analytics_member_buyers",
          "analytics_member_follow",
          "analytics_reminder_day",
          "analytics_reminder_lag",
          "analytics_reminder_hour");

  static List<String> rollups(JdbcTemplate jdbc) {
    TreeMap<String, String> rows = new TreeMap<>();
    jdbc.query(
        "SELECT * FROM analytics_rollup",
        rs -> {
          StringBuilder key = new StringBuilder();
          for (String c : KEY) {
            key.append(rs.getString(c)).append('|');
          }
          BigDecimal[] values = new BigDecimal[Rollup.COLUMNS.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = rs.getBigDecimal(Rollup.COLUMNS.get(i));
          }
          put(rows, key.toString(), Rollup.COLUMNS, values);
        });
    jdbc.query(
        "SELECT * FROM analytics_shop_day",
        rs -> {
          BigDecimal[] values = new BigDecimal[ShopDay.COLUMNS.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = rs.getBigDecimal(ShopDay.COLUMNS.get(i));
          }
          put(
              rows,
              "SHOP|" + rs.getString("shop_day") + "|" + rs.getInt("rule_version"),
              ShopDay.COLUMNS,
              values);
        });
    return lines(rows);
  }

  static void put(TreeMap<String, String> rows, String key, List<String> names, BigDecimal[] v) {
    StringBuilder values = new StringBuilder();
    boolean zero = true;
    for (int i = 0; i < v.length; i++) {
      BigDecimal x = v[i].setScale(5, RoundingMode.HALF_UP);
      zero &= x.signum() == 0;
      values.append(names.get(i)).append('=').append(x.toPlainString()).append(' ');
    }
    if (!zero) {
      rows.put(key, values.toString());
    }
  }

  static List<String> lines(TreeMap<String, String> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach((k, v) -> out.add(k + " " + v));
    return out;
  }

  /**
   * The exact day rollups (buyer sets with their buyer numbers, influence, members, reminders) and
   * the orders' reminder columns, one line per row that holds something, in key order.
   */
  static List<String> dayRollups(JdbcTemplate jdbc) {
    List<String> out = new ArrayList<>();
    sets(jdbc, out, "SET", "analytics_buyer_set", "shop_day");
    sets(jdbc, out, "WEEK", "analytics_buyer_week", "week_start");
    rowsAfterSets(jdbc, out);
    return out;
  }

  /** The buyer sets of a table (day or week rows) that hold a buyer, in key order. */
  private static void sets(
      JdbcTemplate jdbc, List<String> out, String label, String table, String day) {
    jdbc.query(
        "SELECT grouping_name, "
            + day
            + ", group_key, chunk, reached, attributed FROM "
            + table
            + " ORDER BY grouping_name, "
            + day
            + ", group_key, chunk",
        rs -> {
          String reached = Bitmaps.read(rs.getBytes(5)).toString();
          String attributed = Bitmaps.read(rs.getBytes(6)).toString();
          if (!reached.equals("{}") || !attributed.equals("{}")) {
            out.add(
                label
                    + "|"
                    + rs.getString(1)
                    + "|"
                    + rs.getString(2)
                    + "|"
                    + rs.getString(3).replace(DistinctRollups.SEP, "/")
                    + "|"
                    + rs.getInt(4)
                    + " reached="
                    + reached
                    + " attributed="
                    + attributed);
          }
        });
  }

  private static void rowsAfterSets(JdbcTemplate jdbc, List<String> out) {
    rows(
        jdbc,
        out,
        "INFLUENCE",
        "SELECT grouping_name, group_key, pay_day, send_days, orders, gmv FROM analytics_influence"
            + " WHERE orders <> 0 OR gmv <> 0 ORDER BY grouping_name, group_key, pay_day,"
            + " send_days");
    rows(
        jdbc,
        out,
        "MEMBER",
        "SELECT pay_day, buyer_kind, orders, units, gmv, reduction FROM analytics_member_day WHERE"
            + " orders <> 0 OR units <> 0 OR gmv <> 0 OR reduction <> 0 ORDER BY pay_day,"
            + " buyer_kind");
    jdbc.query(
        "SELECT pay_day, buyer_kind, chunk, buyers FROM analytics_member_buyers ORDER BY pay_day,"
            + " buyer_kind, chunk",
        rs -> {
          String buyers = Bitmaps.read(rs.getBytes(4)).toString();
          if (!buyers.equals("{}")) {
            out.add(
                "BUYERS|"
                    + rs.getString(1)
                    + "|"
                    + rs.getString(2)
                    + "|"
                    + rs.getInt(3)
                    + " "
                    + buyers);
          }
        });
    rows(
        jdbc,
        out,
        "FOLLOW",
        "SELECT first_day, first_kind, pay_day, orders, units, gmv, reduction FROM"
            + " analytics_member_follow WHERE orders <> 0 OR units <> 0 OR gmv <> 0 OR reduction"
            + " <> 0 ORDER BY first_day, first_kind, pay_day");
    rows(
        jdbc,
        out,
        "REMINDED",
        "SELECT placed_day, reminded, paid, gmv, reduction FROM analytics_reminder_day WHERE"
            + " reminded <> 0 OR paid <> 0 OR gmv <> 0 OR reduction <> 0 ORDER BY placed_day");
    rows(
        jdbc,
        out,
        "LAG",
        "SELECT placed_day, bucket, paid, min_seconds, max_seconds FROM analytics_reminder_lag"
            + " WHERE paid <> 0 ORDER BY placed_day, bucket");
    rows(
        jdbc,
        out,
        "HOUR",
        "SELECT placed_day, lag_hour, paid FROM analytics_reminder_hour WHERE paid <> 0 ORDER BY"
            + " placed_day, lag_hour");
    rows(
        jdbc,
        out,
        "ORDER",
        "SELECT order_id, reminded, reminder_lag_seconds FROM analytics_order ORDER BY order_id");
  }

  private static void rows(JdbcTemplate jdbc, List<String> out, String table, String select) {
    jdbc.query(
        select,
        rs -> {
          StringBuilder line = new StringBuilder(table);
          for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
            Object v = rs.getObject(c);
            line.append('|')
                .append(
                    v instanceof BigDecimal d
                        ? d.setScale(5, RoundingMode.HALF_UP).toPlainString()
                        : String.valueOf(v));
          }
          out.add(line.toString());
        });
  }

  private Snapshots() {}
}
