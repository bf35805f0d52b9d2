package com.careflow.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Day rollups of members (R25) and payment reminders, kept as facts arrive and rebuilt per day, so
 * that a period's figures read a few rows per day instead of the period's raw orders.
 *
 * <p>Members: per pay day and the order's buyer kind the paid orders' sums and the buyers (bitmaps
 * of buyer numbers); and, for buyers whose first paid order was NEW or UNKNOWN, their later orders
 * by the first order's day and kind ({@code analytics_member_follow}). A buyer's kind in a period
 * is NEW (or UNKNOWN) when the period holds that first order, else RETURNING, and all the buyer's
 * orders of the period count under it: exact sums by adding follow rows to the first order's kind.
 *
 * <p>Reminders: per day the order was placed, the reminded orders and those paid after a reminder,
 * and the reminder-to-payment times by whole-minute bucket with each bucket's least and greatest
 * second, from which the median (rounded to minutes as the answer states it) is exact; and per day
 * and hour of buckets the sum of its buckets' paid orders ({@code analytics_reminder_hour}), which
 * a period's median ranks through before it reads the middle hours' minute buckets.
 */
final class MemberRollups {

  static final List<String> FIRST_KINDS = List.of("NEW", "UNKNOWN");

  private final JdbcTemplate jdbc;
  private final String reminderPrefix;

  MemberRollups(JdbcTemplate jdbc, String reminderTemplatePrefix) {
    this.jdbc = jdbc;
    this.reminderPrefix = likePrefix(reminderTemplatePrefix);
  }

  static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  // ---------------------------------------------------------------- members, fact by fact

  /** A paid order of a buyer, as the member rollups see it. */
  record Paid(
      String orderId,
      LocalDate payDay,
      String kind,
      long units,
      BigDecimal paid,
      BigDecimal reduction) {}

  List<Paid> paidOrders(String customerId) {
    if (customerId == null || customerId.isEmpty()) {
      return List.of();
    }
    return paidOrders(List.of(customerId)).getOrDefault(customerId, List.of());
  }

  /**
   * The paid orders of several buyers in one read, by buyer (in order id order); a buyer without
   * paid orders (or the empty id) has no entry.
   */
  Map<String, List<Paid>> paidOrders(java.util.Collection<String> customerIds) {
    List<String> ids = customerIds.stream().filter(c -> c != null && !c.isEmpty()).toList();
    Map<String, List<Paid>> paid = new TreeMap<>();
    if (ids.isEmpty()) {
      return paid;
    }
    jdbc.query(
        "SELECT customer_id, order_id, pay_day, buyer_kind, units, paid_amount, refunds +"
            + " cancellation FROM analytics_order WHERE customer_id IN ("
            + marks(ids.size())
            + ") AND pay_day IS NOT NULL ORDER BY customer_id, order_id",
        rs -> {
          paid.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(
                  new Paid(
                      rs.getString(2),
                      rs.getObject(3, LocalDate.class),
                      rs.getString(4),
                      rs.getLong(5),
                      rs.getBigDecimal(6),
                      rs.getBigDecimal(7)));
        },
        ids.toArray());
    return paid;
  }

  /** {@code n} JDBC parameter marks for an {@code IN} list: {@code ?,?,?}. */
  static String marks(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }

  /** Rows (day|kind or follow|first day|kind|pay day) a buyer's paid orders add to. */
  private static Map<List<Object>, BigDecimal[]> parts(List<Paid> orders) {
    Map<List<Object>, BigDecimal[]> parts =
        new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    for (Paid o : orders) {
      add(parts, List.of("DAY", o.payDay(), o.kind()), o);
      if (FIRST_KINDS.contains(o.kind())) {
        for (Paid later : orders) {
          if (!later.orderId().equals(o.orderId()) && !FIRST_KINDS.contains(later.kind())) {
            add(parts, List.of("FOLLOW", o.payDay(), o.kind(), later.payDay()), later);
          }
        }
      }
    }
    return parts;
  }

  private static void add(Map<List<Object>, BigDecimal[]> parts, List<Object> key, Paid o) {
    BigDecimal[] m =
        parts.computeIfAbsent(
            key,
            k ->
                new BigDecimal[] {
                  BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO
                });
    m[0] = m[0].add(BigDecimal.ONE);
    m[1] = m[1].add(BigDecimal.valueOf(o.units()));
    m[2] = m[2].add(o.paid());
    m[3] = m[3].add(o.reduction());
  }

  /** Adds the difference between a buyer's paid orders before and after a fact. */
  void applyMembers(String customerId, List<Paid> before, List<Paid> after) {
    applyMembers(Map.of(customerId, before), Map.of(customerId, after));
  }

  private static final Comparator<List<Object>> ROW_ORDER = Comparator.comparing(Object::toString);

  /**
   * Adds the difference between several buyers' paid orders before and after a batch of facts: each
   * member row (day and kind, follow row) the batch touches is updated once with the sum of the
   * buyers' differences, and each buyer set (day, kind, chunk) is read and written once with every
   * buyer's bit the batch sets or clears in it. Rows are written in key order.
   *
   * @param before the buyers' paid orders before ({@link #paidOrders(java.util.Collection)}; a
   *     buyer missing has none)
   * @param after the same buyers' paid orders after
   */
  void applyMembers(Map<String, List<Paid>> before, Map<String, List<Paid>> after) {
    Set<String> customers = new TreeSet<>(before.keySet());
    customers.addAll(after.keySet());
    customers.removeIf(
        c -> before.getOrDefault(c, List.of()).equals(after.getOrDefault(c, List.of())));
    if (customers.isEmpty()) {
      return;
    }
    Map<List<Object>, BigDecimal[]> delta = new TreeMap<>(ROW_ORDER);
    for (String c : customers) {
      parts(after.getOrDefault(c, List.of())).forEach((k, m) -> addTo(delta, k, m, 1));
      parts(before.getOrDefault(c, List.of())).forEach((k, m) -> addTo(delta, k, m, -1));
    }
    delta.forEach(
        (k, d) -> {
          if (d[0].signum() == 0
              && d[1].signum() == 0
              && d[2].signum() == 0
              && d[3].signum() == 0) {
            return;
          }
          if (k.getFirst().equals("DAY")) {
            jdbc.update(
                "INSERT INTO analytics_member_day (pay_day, buyer_kind) VALUES (?,?) ON CONFLICT DO"
                    + " NOTHING",
                k.get(1),
                k.get(2));
            jdbc.update(
                "UPDATE analytics_member_day SET orders = orders + ?, units = units + ?, gmv = gmv"
                    + " + ?, reduction = reduction + ? WHERE pay_day = ? AND buyer_kind = ?",
                d[0],
                d[1],
                d[2],
                d[3],
                k.get(1),
                k.get(2));
          } else {
            jdbc.update(
                "INSERT INTO analytics_member_follow (first_day, first_kind, pay_day) VALUES"
                    + " (?,?,?) ON CONFLICT DO NOTHING",
                k.get(1),
                k.get(2),
                k.get(3));
            jdbc.update(
                "UPDATE analytics_member_follow SET orders = orders + ?, units = units + ?, gmv ="
                    + " gmv + ?, reduction = reduction + ? WHERE first_day = ? AND first_kind = ?"
                    + " AND pay_day = ?",
                d[0],
                d[1],
                d[2],
                d[3],
                k.get(1),
                k.get(2),
                k.get(3));
          }
        });
    Map<String, Integer> numbers = new HashMap<>();
    jdbc.query(
        "SELECT customer_id, buyer_no FROM analytics_customer_lock WHERE customer_id IN ("
            + marks(customers.size())
            + ")",
        rs -> {
          numbers.put(rs.getString(1), rs.getInt(2));
        },
        customers.toArray());
    // per buyer-set row (day, kind, chunk): the buyers to add (true) or remove (false)
    Map<List<Object>, Map<Integer, Boolean>> bits = new TreeMap<>(ROW_ORDER);
    for (String c : customers) {
      Integer buyer = numbers.get(c);
      if (buyer == null) {
        continue;
      }
      Set<List<Object>> had = new TreeSet<>(ROW_ORDER);
      before.getOrDefault(c, List.of()).forEach(o -> had.add(List.of(o.payDay(), o.kind())));
      Set<List<Object>> has = new TreeSet<>(ROW_ORDER);
      after.getOrDefault(c, List.of()).forEach(o -> has.add(List.of(o.payDay(), o.kind())));
      Set<List<Object>> rows = new TreeSet<>(ROW_ORDER);
      rows.addAll(had);
      rows.addAll(has);
      for (List<Object> row : rows) {
        if (had.contains(row) != has.contains(row)) {
          bits.computeIfAbsent(
                  List.of(row.get(0), row.get(1), Bitmaps.chunk(buyer)), k -> new TreeMap<>())
              .put(buyer, has.contains(row));
        }
      }
    }
    bits.forEach(
        (row, change) -> {
          Object[] key = row.toArray();
          String select =
              "SELECT buyers FROM analytics_member_buyers WHERE pay_day = ? AND buyer_kind = ? AND"
                  + " chunk = ? FOR UPDATE";
          List<byte[]> found = jdbc.query(select, (rs, i) -> rs.getBytes(1), key);
          if (found.isEmpty()) {
            jdbc.update(
                "INSERT INTO analytics_member_buyers (pay_day, buyer_kind, chunk) VALUES (?,?,?)"
                    + " ON CONFLICT DO NOTHING",
                key);
            found = jdbc.query(select, (rs, i) -> rs.getBytes(1), key);
          }
          RoaringBitmap buyers = Bitmaps.read(found.getFirst());
          change.forEach(
              (buyer, add) -> {
                if (add) {
                  buyers.add(buyer);
                } else {
                  buyers.remove(buyer);
                }
              });
          jdbc.update(
              "UPDATE analytics_member_buyers SET buyers = ? WHERE pay_day = ? AND buyer_kind = ?"
                  + " AND chunk = ?",
              Bitmaps.write(buyers),
              row.get(0),
              row.get(1),
              row.get(2));
        });
  }

  private static void addTo(
      Map<List<Object>, BigDecimal[]> delta, List<Object> key, BigDecimal[] m, int sign) {
    BigDecimal[] d =
        delta.computeIfAbsent(
            key,
            x ->
                new BigDecimal[] {
                  BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO
                });
    for (int i = 0; i < 4; i++) {
      d[i] = sign < 0 ? d[i].subtract(m[i]) : d[i].add(m[i]);
    }
  }

  // ---------------------------------------------------------------- reminders, fact by fact

  /** What an order adds to the reminder rollups. */
  record Reminder(
      LocalDate placedDay,
      boolean reminded,
      Long lagSeconds,
      boolean paid,
      BigDecimal amount,
      BigDecimal reduction) {}

  Reminder reminderOf(String orderId) {
    return remindersOf(List.of(orderId)).get(orderId);
  }

  /** What several orders add to the reminder rollups, in one read; an unknown order has none. */
  Map<String, Reminder> remindersOf(java.util.Collection<String> orderIds) {
    Map<String, Reminder> reminders = new TreeMap<>();
    if (orderIds.isEmpty()) {
      return reminders;
    }
    jdbc.query(
        "SELECT order_id, placed_day, reminded, reminder_lag_seconds, paid_at IS NOT NULL,"
            + " paid_amount, refunds + cancellation FROM analytics_order WHERE order_id IN ("
            + marks(orderIds.size())
            + ")",
        rs -> {
          reminders.put(
              rs.getString(1),
              new Reminder(
                  rs.getObject(2, LocalDate.class),
                  rs.getBoolean(3),
                  rs.getObject(4) == null ? null : rs.getLong(4),
                  rs.getBoolean(5),
                  rs.getBigDecimal(6),
                  rs.getBigDecimal(7)));
        },
        orderIds.toArray());
    return reminders;
  }

  /** What an order that did not exist adds to the reminder rollups: nothing. */
  static final Reminder NO_REMINDER = new Reminder(null, false, null, false, null, BigDecimal.ZERO);

  /**
   * Re-derives whether the order was reminded (a creditable message with a payment-reminder
   * template for this order, before its payment if paid) and the seconds from the last such
   * reminder to the payment, and adds the difference to the rollups.
   */
  void refreshReminder(String orderId, Reminder before) {
    if (before != null) {
      refreshReminders(Map.of(orderId, before));
    }
  }

  /**
   * {@link #refreshReminder} for several orders: their reminder columns re-derived in one statement
   * and read back in one, the rollups changed for the orders whose part changed.
   *
   * @param before each order's part before its facts ({@link #NO_REMINDER} for an order made by
   *     them)
   */
  void refreshReminders(Map<String, Reminder> before) {
    if (before.isEmpty()) {
      return;
    }
    List<Object> args = new ArrayList<>(List.of(reminderPrefix, reminderPrefix));
    args.addAll(before.keySet());
    jdbc.update(
        "UPDATE analytics_order o SET reminded = "
            + REMINDED
            + ", reminder_lag_seconds = "
            + LAG
            + " WHERE o.order_id IN ("
            + marks(before.size())
            + ")",
        args.toArray());
    Map<String, Reminder> after = remindersOf(before.keySet());
    before.forEach(
        (orderId, was) -> {
          Reminder now = after.get(orderId);
          if (now != null && !now.equals(was)) {
            changeReminder(was, now);
          }
        });
  }

  /** Adds the difference between an order's reminder parts to the rollups. */
  private void changeReminder(Reminder before, Reminder after) {
    reminderDay(before, -1);
    reminderDay(after, 1);
    Set<List<Object>> buckets = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    for (Reminder r : List.of(before, after)) {
      if (r.placedDay() != null && r.lagSeconds() != null) {
        buckets.add(List.of(r.placedDay(), bucket(r.lagSeconds())));
      }
    }
    for (List<Object> b : buckets) {
      LocalDate day = (LocalDate) b.get(0);
      long bucket = (long) b.get(1);
      long n = 0;
      if (before.placedDay() != null
          && before.lagSeconds() != null
          && day.equals(before.placedDay())
          && bucket(before.lagSeconds()) == bucket) {
        n--;
      }
      if (after.placedDay() != null
          && after.lagSeconds() != null
          && day.equals(after.placedDay())
          && bucket(after.lagSeconds()) == bucket) {
        n++;
      }
      jdbc.update(
          "INSERT INTO analytics_reminder_lag (placed_day, bucket) VALUES (?,?) ON CONFLICT DO"
              + " NOTHING",
          day,
          bucket);
      String inBucket =
          " FROM analytics_order WHERE placed_day = ? AND reminder_lag_seconds BETWEEN ? AND ?)";
      jdbc.update(
          "UPDATE analytics_reminder_lag SET paid = paid + ?, min_seconds = (SELECT"
              + " MIN(reminder_lag_seconds)"
              + inBucket
              + ", max_seconds = (SELECT MAX(reminder_lag_seconds)"
              + inBucket
              + " WHERE placed_day = ? AND bucket = ?",
          n,
          day,
          bucket * 60 - 30,
          bucket * 60 + 29,
          day,
          bucket * 60 - 30,
          bucket * 60 + 29,
          day,
          bucket);
      if (n != 0) {
        // the bucket's hour row holds the sum of its minute buckets' paid orders
        long hour = Math.floorDiv(bucket, 60);
        jdbc.update(
            "INSERT INTO analytics_reminder_hour (placed_day, lag_hour) VALUES (?,?) ON CONFLICT"
                + " DO NOTHING",
            day,
            hour);
        jdbc.update(
            "UPDATE analytics_reminder_hour SET paid = paid + ? WHERE placed_day = ? AND lag_hour"
                + " = ?",
            n,
            day,
            hour);
      }
    }
  }

  private void reminderDay(Reminder r, int sign) {
    if (r.placedDay() == null || !r.reminded()) {
      return;
    }
    jdbc.update(
        "INSERT INTO analytics_reminder_day (placed_day) VALUES (?) ON CONFLICT DO NOTHING",
        r.placedDay());
    BigDecimal amount = r.paid() && r.amount() != null ? r.amount() : BigDecimal.ZERO;
    BigDecimal reduction = r.paid() ? r.reduction() : BigDecimal.ZERO;
    jdbc.update(
        "UPDATE analytics_reminder_day SET reminded = reminded + ?, paid = paid + ?, gmv = gmv +"
            + " ?, reduction = reduction + ? WHERE placed_day = ?",
        sign,
        r.paid() ? sign : 0,
        sign < 0 ? amount.negate() : amount,
        sign < 0 ? reduction.negate() : reduction,
        r.placedDay());
  }

  /** The whole minute a reminder-to-payment time rounds to (half a minute rounds up). */
  static long bucket(long seconds) {
    return Math.floorDiv(seconds + 30, 60);
  }

  private static final String REMINDER =
      " FROM analytics_send s WHERE s.order_id = o.order_id AND s.template_key LIKE ? AND"
          + " s.status_rank BETWEEN 1 AND 3 AND (o.paid_at IS NULL OR s.sent_at < o.paid_at)";
  private static final String REMINDED = "EXISTS (SELECT 1" + REMINDER + ")";
  private static final String LAG =
      "CASE WHEN o.paid_at IS NULL THEN NULL ELSE (o.paid_epoch_ms - (SELECT"
          + " MAX(s.sent_epoch_ms)"
          + REMINDER
          + ")) / 1000 END";

  // ---------------------------------------------------------------- rebuild

  /** Deletes the member rows of the pay days and the reminder rows of the placed days in range. */
  void delete(LocalDate from, LocalDate to) {
    jdbc.update("DELETE FROM analytics_member_day WHERE pay_day BETWEEN ? AND ?", from, to);
    jdbc.update("DELETE FROM analytics_member_buyers WHERE pay_day BETWEEN ? AND ?", from, to);
    jdbc.update("DELETE FROM analytics_member_follow WHERE pay_day BETWEEN ? AND ?", from, to);
    jdbc.update("DELETE FROM analytics_reminder_day WHERE placed_day BETWEEN ? AND ?", from, to);
    jdbc.update("DELETE FROM analytics_reminder_lag WHERE placed_day BETWEEN ? AND ?", from, to);
    jdbc.update("DELETE FROM analytics_reminder_hour WHERE placed_day BETWEEN ? AND ?", from, to);
  }

  /**
   * Builds the member rows of one pay day (its paid orders read once: sums and buyers by kind) and
   * the reminder rows of one placed day, after re-deriving its orders' reminder columns.
   */
  void buildDay(LocalDate day) {
    List<Object[]> sums = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    jdbc.query(
        "SELECT o.buyer_kind, COUNT(*), SUM(o.units), SUM(o.paid_amount), SUM(o.refunds +"
            + " o.cancellation), ARRAY_AGG(b.buyer_no) FROM analytics_order o LEFT JOIN"
            + " analytics_customer_lock b ON b.customer_id = o.customer_id WHERE o.pay_day = ?"
            + " GROUP BY o.buyer_kind",
        rs -> {
          String kind = rs.getString(1);
          sums.add(
              new Object[] {
                day, kind, rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4), rs.getBigDecimal(5)
              });
          Bitmaps.byChunk(Bitmaps.of((Object[]) rs.getArray(6).getArray()))
              .forEach((chunk, b) -> rows.add(new Object[] {day, kind, chunk, Bitmaps.write(b)}));
        },
        day);
    jdbc.batchUpdate(
        "INSERT INTO analytics_member_day (pay_day, buyer_kind, orders, units, gmv, reduction)"
            + " VALUES (?,?,?,?,?,?)",
        sums);
    jdbc.batchUpdate(
        "INSERT INTO analytics_member_buyers (pay_day, buyer_kind, chunk, buyers) VALUES"
            + " (?,?,?,?)",
        rows);
    jdbc.update(
        "INSERT INTO analytics_member_follow (first_day, first_kind, pay_day, orders, units, gmv,"
            + " reduction) SELECT f.pay_day, f.buyer_kind, o.pay_day, COUNT(*), SUM(o.units),"
            + " SUM(o.paid_amount), SUM(o.refunds + o.cancellation) FROM analytics_order o JOIN"
            + " analytics_order f ON f.customer_id = o.customer_id AND f.buyer_kind IN ('NEW',"
            + " 'UNKNOWN') AND f.pay_day IS NOT NULL AND f.order_id <> o.order_id WHERE o.pay_day"
            + " = ? AND o.buyer_kind NOT IN ('NEW', 'UNKNOWN') GROUP BY f.pay_day,"
            + " f.buyer_kind, o.pay_day",
        day);

    // the day's orders' reminder columns: each order's last payment reminder through the order
    // index (one probe per order, so a day costs the same whatever the messages table holds;
    // OFFSET 0 keeps the probe from being repeated for every use of its result), compared with
    // the stored columns there and written only where they changed
    String lag = "CASE WHEN paid_at IS NULL THEN NULL ELSE (paid_epoch_ms - last) / 1000 END";
    jdbc.update(
        "UPDATE analytics_order o SET reminded = r.reminded, reminder_lag_seconds = r.lag FROM"
            + " (SELECT order_id, last IS NOT NULL AS reminded, "
            + lag
            + " AS lag FROM (SELECT o2.order_id, o2.paid_at, o2.paid_epoch_ms, o2.reminded AS"
            + " was, o2.reminder_lag_seconds AS lag_was, (SELECT MAX(s.sent_epoch_ms) FROM"
            + " analytics_send s WHERE s.order_id = o2.order_id AND s.template_key LIKE ? AND"
            + " s.status_rank BETWEEN 1 AND 3 AND (o2.paid_at IS NULL OR s.sent_at < o2.paid_at))"
            + " AS last FROM analytics_order o2 WHERE o2.placed_day = ? OFFSET 0) x WHERE was <>"
            + " (last IS NOT NULL) OR lag_was IS DISTINCT FROM "
            + lag
            + ") r WHERE o.order_id = r.order_id",
        reminderPrefix,
        day);
    jdbc.update(
        "INSERT INTO analytics_reminder_day (placed_day, reminded, paid, gmv, reduction) SELECT"
            + " placed_day, COUNT(*), SUM(CASE WHEN paid_at IS NOT NULL THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN paid_at IS NOT NULL THEN paid_amount ELSE 0 END), SUM(CASE WHEN"
            + " paid_at IS NOT NULL THEN refunds + cancellation ELSE 0 END) FROM analytics_order"
            + " WHERE placed_day = ? AND reminded GROUP BY placed_day",
        day);
    jdbc.update(
        "INSERT INTO analytics_reminder_lag (placed_day, bucket, paid, min_seconds, max_seconds)"
            + " SELECT placed_day, (reminder_lag_seconds + 30) / 60, COUNT(*),"
            + " MIN(reminder_lag_seconds), MAX(reminder_lag_seconds) FROM analytics_order WHERE"
            + " placed_day = ? AND reminder_lag_seconds IS NOT NULL GROUP BY"
            + " placed_day, (reminder_lag_seconds + 30) / 60",
        day);
    jdbc.update(
        "INSERT INTO analytics_reminder_hour (placed_day, lag_hour, paid) SELECT placed_day, "
            + HOUR
            + ", SUM(paid) FROM analytics_reminder_lag WHERE placed_day = ? GROUP BY placed_day, "
            + HOUR,
        day);
  }

  // ---------------------------------------------------------------- reading

  /** One buyer kind's figures in a period (R25). */
  record Kind(String kind, long buyers, long orders, long units, BigDecimal gmv, BigDecimal net) {}

  /** NEW, RETURNING and UNKNOWN buyers of the pay days in [from, to] and their orders. */
  List<Kind> members(LocalDate from, LocalDate to) {
    // the days' buyer sets of each kind, read in place; a kind's buyers are counted by the
    // cardinalities of unions (never built): NEW = |N|, UNKNOWN = |N ∪ U| - |N|, RETURNING = |N ∪
    // U ∪ R| - |N ∪ U|
    Map<String, List<ImmutableRoaringBitmap>> buyers = new HashMap<>();
    for (String k : List.of("NEW", "UNKNOWN", "RETURNING")) {
      buyers.put(k, new ArrayList<>());
    }
    jdbc.query(
        "SELECT buyer_kind, buyers FROM analytics_member_buyers WHERE pay_day BETWEEN ? AND ?",
        rs -> {
          String kind = FIRST_KINDS.contains(rs.getString(1)) ? rs.getString(1) : "RETURNING";
          ImmutableRoaringBitmap set = Bitmaps.view(rs.getBytes(2));
          if (set != null) {
            buyers.get(kind).add(set);
          }
        },
        from,
        to);
    List<ImmutableRoaringBitmap> union = new ArrayList<>(buyers.get("NEW"));
    long neu = Bitmaps.unionCardinality(union);
    union.addAll(buyers.get("UNKNOWN"));
    long newOrUnknown = Bitmaps.unionCardinality(union);
    union.addAll(buyers.get("RETURNING"));
    long all = Bitmaps.unionCardinality(union);
    Map<String, Long> counts =
        Map.of("NEW", neu, "UNKNOWN", newOrUnknown - neu, "RETURNING", all - newOrUnknown);
    Map<String, BigDecimal[]> sums = new HashMap<>();
    for (String k : List.of("NEW", "UNKNOWN", "RETURNING")) {
      sums.put(
          k, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
    }
    jdbc.query(
        "SELECT buyer_kind, SUM(orders), SUM(units), SUM(gmv), SUM(reduction) FROM"
            + " analytics_member_day WHERE pay_day BETWEEN ? AND ? GROUP BY buyer_kind",
        rs -> {
          String kind = FIRST_KINDS.contains(rs.getString(1)) ? rs.getString(1) : "RETURNING";
          BigDecimal[] m = sums.get(kind);
          for (int i = 0; i < 4; i++) {
            m[i] = m[i].add(rs.getBigDecimal(i + 2));
          }
        },
        from,
        to);
    jdbc.query(
        "SELECT first_kind, SUM(orders), SUM(units), SUM(gmv), SUM(reduction) FROM"
            + " analytics_member_follow WHERE first_day BETWEEN ? AND ? AND pay_day BETWEEN ? AND ?"
            + " GROUP BY first_kind",
        rs -> {
          BigDecimal[] m = sums.get(rs.getString(1));
          BigDecimal[] r = sums.get("RETURNING");
          for (int i = 0; i < 4; i++) {
            m[i] = m[i].add(rs.getBigDecimal(i + 2));
            r[i] = r[i].subtract(rs.getBigDecimal(i + 2));
          }
        },
        from,
        to,
        from,
        to);
    List<Kind> kinds = new ArrayList<>();
    for (String k : List.of("NEW", "RETURNING", "UNKNOWN")) {
      BigDecimal[] m = sums.get(k);
      kinds.add(
          new Kind(
              k, counts.get(k), m[0].longValue(), m[1].longValue(), m[2], m[2].subtract(m[3])));
    }
    return kinds;
  }

  /** The hour (60 whole-minute buckets) of a reminder-lag bucket: floor(bucket / 60). */
  private static final String HOUR =
      "CASE WHEN bucket >= 0 THEN bucket / 60 ELSE (bucket - 59) / 60 END";

  /**
   * The median minutes from the buckets (bucket, paid, least second, greatest second; in bucket
   * order) holding ranks {@code lowRank} and {@code highRank} (0-based within these buckets): one
   * element, or two in one bucket, round to that bucket's minute; two in different buckets are the
   * first's greatest and the second's least second, averaged and rounded to minutes.
   */
  static long median(List<long[]> buckets, long lowRank, long highRank) {
    long[] low = null;
    long[] high = null;
    long seen = 0;
    for (long[] b : buckets) {
      if (low == null && lowRank < seen + b[1]) {
        low = b;
      }
      if (highRank < seen + b[1]) {
        high = b;
        break;
      }
      seen += b[1];
    }
    if (low == null || high == null) {
      throw new IllegalStateException("the reminder lag buckets do not hold the median's ranks");
    }
    if (low[0] == high[0]) {
      return low[0]; // every second of a bucket rounds to its minute, and so does their mean
    }
    long seconds = (low[3] + high[2]) / 2; // the greatest of one bucket, least of the next
    return Math.round(seconds / 60.0);
  }

  /** Payment reminders of the orders placed in [from, to]. */
  record Reminders(
      long reminded, long paid, BigDecimal gmv, BigDecimal reduction, Long medianMinutes) {}

  Reminders reminders(LocalDate from, LocalDate to) {
    Object[] totals =
        jdbc.queryForObject(
            "SELECT COALESCE(SUM(reminded), 0), COALESCE(SUM(paid), 0), COALESCE(SUM(gmv), 0),"
                + " COALESCE(SUM(reduction), 0) FROM analytics_reminder_day WHERE placed_day"
                + " BETWEEN ? AND ?",
            (rs, i) ->
                new Object[] {
                  rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)
                },
            from,
            to);
    // the median's buckets in two steps, so the period's (many) minute buckets are neither grouped
    // one by one nor sent: the paid orders per hour of buckets (60 minutes) from the hour rows
    // (each the sum of its day's minute buckets in the hour), then the minute buckets of only the
    // hours that hold the middle ranks (through the index on bucket)
    List<long[]> hours =
        jdbc.query(
            "SELECT lag_hour, SUM(paid) FROM analytics_reminder_hour WHERE placed_day BETWEEN ? AND"
                + " ? AND paid > 0 GROUP BY lag_hour ORDER BY 1",
            (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)},
            from,
            to);
    long n = hours.stream().mapToLong(h -> h[1]).sum();
    Long median = null;
    if (n > 0) {
      long lowRank = (n - 1) / 2;
      long highRank = n / 2;
      long before = 0; // paid orders in the hours before the low rank's hour
      long lowHour = 0;
      long highHour = 0;
      long seen = 0;
      boolean lowFound = false;
      for (long[] h : hours) {
        if (!lowFound && lowRank < seen + h[1]) {
          lowHour = h[0];
          before = seen;
          lowFound = true;
        }
        if (highRank < seen + h[1]) {
          highHour = h[0];
          break;
        }
        seen += h[1];
      }
      List<long[]> buckets =
          jdbc.query(
              "SELECT bucket, SUM(paid), MIN(min_seconds), MAX(max_seconds) FROM"
                  + " analytics_reminder_lag WHERE bucket BETWEEN ? AND ? AND placed_day BETWEEN ?"
                  + " AND ? AND paid > 0 GROUP BY bucket ORDER BY bucket",
              (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)},
              lowHour * 60,
              highHour * 60 + 59,
              from,
              to);
      median = median(buckets, lowRank - before, highRank - before);
    }
    return new Reminders(
        (long) totals[0], (long) totals[1], (BigDecimal) totals[2], (BigDecimal) totals[3], median);
  }
}
