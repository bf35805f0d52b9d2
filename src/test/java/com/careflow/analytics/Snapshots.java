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

  private Snapshots() {}
}
