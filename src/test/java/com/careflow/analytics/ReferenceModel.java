package com.careflow.analytics;

import com.careflow.analytics.AnalyticsFacts.CancellationFact;
import com.careflow.analytics.AnalyticsFacts.CouponIssuedFact;
import com.careflow.analytics.AnalyticsFacts.PaymentFact;
import com.careflow.analytics.AnalyticsFacts.RefundFact;
import com.careflow.analytics.AnalyticsFacts.SendFact;
import com.careflow.analytics.AnalyticsFacts.StatusFact;
import com.careflow.messagestatus.MessageStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The definitions of R23–R26 in plain Java, straight from the words, with no SQL and no
 * increments: what the rollups must hold for a set of facts (in the format of {@link Snapshots}).
 */
final class ReferenceModel {

  static final BigDecimal USD_RATE = new BigDecimal("7.2");

  final Map<String, SendFact> sends = new LinkedHashMap<>();
  final Map<String, Integer> rank = new HashMap<>();
  final Map<String, PaymentFact> payments = new LinkedHashMap<>();
  final Map<String, Set<List<Object>>> refunds = new HashMap<>();
  final Map<String, Instant> cancelled = new HashMap<>();
  final Map<String, CouponIssuedFact> coupons = new HashMap<>();
  final Map<String, String> credit = new HashMap<>();
  final Map<String, AnalyticsFacts.OrderPlacedFact> placed = new LinkedHashMap<>();

  ReferenceModel(List<Object> facts, Duration window, ZoneId zone) {
    for (Object f : facts) {
      if (f instanceof SendFact s) {
        sends.putIfAbsent(s.sendId(), s);
      }
      if (f instanceof PaymentFact p) {
        payments.put(p.orderId(), p);
      }
      if (f instanceof RefundFact r) {
        refunds
            .computeIfAbsent(r.orderId(), k -> new HashSet<>())
            .add(List.of(r.at(), r.amount().setScale(2, RoundingMode.HALF_UP)));
      }
      if (f instanceof CancellationFact c) {
        cancelled.merge(c.orderId(), c.at(), (a, b) -> a.isBefore(b) ? a : b);
      }
      if (f instanceof CouponIssuedFact c) {
        coupons.putIfAbsent(c.couponCode(), c);
      }
      if (f instanceof AnalyticsFacts.OrderPlacedFact o) {
        placed.put(o.orderId(), o);
      }
    }
    // a receipt moves a send as the message log's one rule says (MessageStatus.canFollow); the
    // receipts of one message form a chain there, so the order they arrive in does not matter
    Map<String, MessageStatus> status = new HashMap<>();
    sends.values().forEach(s -> status.put(s.sendId(), AnalyticsRecorder.status(s.status())));
    for (Object f : facts) {
      if (f instanceof StatusFact st) {
        MessageStatus next = AnalyticsRecorder.status(st.status());
        for (SendFact s : sends.values()) {
          if (st.messageSid().equals(s.messageSid()) && next.canFollow(status.get(s.sendId()))) {
            status.put(s.sendId(), next);
          }
        }
      }
    }
    status.forEach((sendId, s) -> rank.put(sendId, s.creditRank()));
    for (PaymentFact p : payments.values()) {
      SendFact best = null;
      for (SendFact s : sends.values()) {
        int k = rank.get(s.sendId());
        boolean creditable = k >= 1 && k <= 3;
        if (creditable
            && s.customerId().equals(p.customerId())
            && s.sentAt().isBefore(p.paidAt())
            && s.sentAt().isAfter(p.paidAt().minus(window))
            && (best == null
                || s.sentAt().isAfter(best.sentAt())
                || (s.sentAt().equals(best.sentAt()) && s.sendId().compareTo(best.sendId()) > 0))) {
          best = s;
        }
      }
      if (best != null) {
        credit.put(p.orderId(), best.sendId());
      }
    }
    this.zone = zone;
  }

  private final ZoneId zone;

  List<String> snapshot() {
    Map<String, BigDecimal[]> rollup = new TreeMap<>();
    Map<String, BigDecimal[]> shop = new TreeMap<>();
    for (SendFact s : sends.values()) {
      int k = rank.get(s.sendId());
      BigDecimal[] m = row(rollup, "SEND", day(s.sentAt()), dims(s));
      inc(m, Rollup.SENT, k > 0 ? 1 : 0);
      inc(m, Rollup.DELIVERED, k == 3 ? 1 : 0);
      inc(m, Rollup.FAILED, k == 9 ? 1 : 0);
      inc(m, Rollup.SKIPPED, k == 0 ? 1 : 0);
      inc(m, Rollup.SEGMENTS, k == 0 ? 0 : s.segments());
      if (k != 0 && s.cost() != null) {
        m[Rollup.MESSAGE_COST] =
            m[Rollup.MESSAGE_COST].add(
                s.cost().multiply(USD_RATE).setScale(5, RoundingMode.HALF_UP));
      }
    }
    for (PaymentFact p : payments.values()) {
      BigDecimal paid = p.amount().setScale(2, RoundingMode.HALF_UP);
      BigDecimal refunded =
          refunds.getOrDefault(p.orderId(), Set.of()).stream()
              .map(r -> (BigDecimal) r.get(1))
              .reduce(BigDecimal.ZERO, BigDecimal::add)
              .min(paid);
      BigDecimal cancellation =
          cancelled.containsKey(p.orderId()) ? paid.subtract(refunded) : BigDecimal.ZERO;
      BigDecimal reduction = refunded.add(cancellation);
      String payDay = day(p.paidAt());
      BigDecimal[] o =
          shop.computeIfAbsent("SHOP|" + payDay + "|1", x -> zeros(ShopDay.COLUMNS.size()));
      inc(o, ShopDay.PAID_ORDERS, 1);
      inc(o, ShopDay.PAID_UNITS, p.units());
      o[ShopDay.PAID_GMV] = o[ShopDay.PAID_GMV].add(paid);
      o[ShopDay.REFUNDS] = o[ShopDay.REFUNDS].add(refunded);
      o[ShopDay.CANCELLATIONS] = o[ShopDay.CANCELLATIONS].add(cancellation);
      String sendId = credit.get(p.orderId());
      if (sendId != null) {
        SendFact s = sends.get(sendId);
        inc(o, ShopDay.CREDITED_ORDERS, 1);
        o[ShopDay.CREDITED_GMV] = o[ShopDay.CREDITED_GMV].add(paid);
        o[ShopDay.CREDITED_REDUCTION] = o[ShopDay.CREDITED_REDUCTION].add(reduction);
        long lag = Duration.between(s.sentAt(), p.paidAt()).toSeconds();
        for (BigDecimal[] m :
            List.of(
                row(rollup, "SEND", day(s.sentAt()), dims(s)),
                row(rollup, "PAY", payDay, dims(s)))) {
          inc(m, Rollup.CREDITED_ORDERS, 1);
          inc(m, Rollup.CREDITED_UNITS, p.units());
          m[Rollup.CREDITED_GMV] = m[Rollup.CREDITED_GMV].add(paid);
          m[Rollup.CREDITED_REDUCTION] = m[Rollup.CREDITED_REDUCTION].add(reduction);
          inc(m, Rollup.decayColumn(lag), 1);
        }
      }
      CouponIssuedFact c = p.couponCode() == null ? null : coupons.get(p.couponCode());
      if (c != null) {
        List<String> dims =
            List.of(
                c.processId(),
                c.stepId(),
                c.stepName(),
                c.campaign(),
                c.occasion(),
                "",
                "",
                "",
                version(c.processVersion()));
        for (BigDecimal[] m :
            List.of(
                row(rollup, "SEND", day(c.issuedAt()), dims), row(rollup, "PAY", payDay, dims))) {
          m[Rollup.COUPON_COST] = m[Rollup.COUPON_COST].add(p.discount());
        }
      }
    }
    TreeMap<String, String> rows = new TreeMap<>();
    rollup.forEach((k, v) -> Snapshots.put(rows, k, Rollup.COLUMNS, v));
    shop.forEach((k, v) -> Snapshots.put(rows, k, ShopDay.COLUMNS, v));
    return Snapshots.lines(rows);
  }

  /**
   * Distinct buyers reached and attributed, influenced orders and their GMV, of the messages sent
   * in [from, to], by the values of the given columns (shop_day: the send day), in the format
   * "reached/attributed/influenced/gmv" — straight from the definitions, no rollups.
   */
  Map<List<Object>, String> buyers(
      List<String> columns, LocalDate from, LocalDate to, Duration window) {
    Map<List<Object>, Set<String>> reached = new HashMap<>();
    Map<List<Object>, Set<String>> attributed = new HashMap<>();
    Map<List<Object>, Map<String, BigDecimal>> influenced = new HashMap<>();
    for (SendFact s : sends.values()) {
      LocalDate d = LocalDate.ofInstant(s.sentAt(), zone);
      int k = rank.get(s.sendId());
      if (d.isBefore(from) || d.isAfter(to) || k < 1 || k > 3) {
        continue;
      }
      List<Object> key = new java.util.ArrayList<>();
      for (String c : columns) {
        key.add(c.equals("shop_day") ? d : dims(s).get(DistinctRollups.DIMS.indexOf(c)));
      }
      reached.computeIfAbsent(key, x -> new HashSet<>()).add(s.customerId());
      for (PaymentFact p : payments.values()) {
        long paid = p.paidAt().toEpochMilli();
        long sent = s.sentAt().toEpochMilli();
        if (p.customerId().equals(s.customerId())
            && paid > sent
            && paid < sent + window.toMillis()) {
          influenced
              .computeIfAbsent(key, x -> new HashMap<>())
              .put(p.orderId(), p.amount().setScale(2, RoundingMode.HALF_UP));
        }
      }
    }
    for (PaymentFact p : payments.values()) {
      String sendId = credit.get(p.orderId());
      if (sendId == null) {
        continue;
      }
      SendFact s = sends.get(sendId);
      LocalDate d = LocalDate.ofInstant(s.sentAt(), zone);
      if (d.isBefore(from) || d.isAfter(to)) {
        continue;
      }
      List<Object> key = new java.util.ArrayList<>();
      for (String c : columns) {
        key.add(c.equals("shop_day") ? d : dims(s).get(DistinctRollups.DIMS.indexOf(c)));
      }
      attributed.computeIfAbsent(key, x -> new HashSet<>()).add(p.customerId());
    }
    Map<List<Object>, String> result = new HashMap<>();
    Set<List<Object>> keys = new HashSet<>(reached.keySet());
    keys.addAll(attributed.keySet());
    keys.addAll(influenced.keySet());
    for (List<Object> key : keys) {
      Map<String, BigDecimal> orders = influenced.getOrDefault(key, Map.of());
      result.put(
          key,
          reached.getOrDefault(key, Set.of()).size()
              + "/"
              + attributed.getOrDefault(key, Set.of()).size()
              + "/"
              + orders.size()
              + "/"
              + orders.values().stream()
                  .reduce(BigDecimal.ZERO, BigDecimal::add)
                  .setScale(2, RoundingMode.HALF_UP));
    }
    return result;
  }

  private BigDecimal reduction(PaymentFact p) {
    BigDecimal paid = p.amount().setScale(2, RoundingMode.HALF_UP);
    BigDecimal refunded =
        refunds.getOrDefault(p.orderId(), Set.of()).stream()
            .map(r -> (BigDecimal) r.get(1))
            .reduce(BigDecimal.ZERO, BigDecimal::add)
            .min(paid);
    return cancelled.containsKey(p.orderId()) ? paid : refunded;
  }

  /**
   * R25 with no rollups: the buyer kind of each paid order (earlier paid order or the shop's count:
   * RETURNING; else the shop's word NEW; else UNKNOWN), a buyer's kind in the period the highest of
   * its orders' (NEW, UNKNOWN, RETURNING), as "kind buyers/orders/units/gmv/net".
   */
  List<String> members(LocalDate from, LocalDate to) {
    Map<String, List<PaymentFact>> byBuyer = new HashMap<>();
    payments
        .values()
        .forEach(
            p -> byBuyer.computeIfAbsent(p.customerId(), c -> new java.util.ArrayList<>()).add(p));
    Map<String, String> kind = new HashMap<>();
    byBuyer.forEach(
        (c, list) -> {
          list.sort(
              java.util.Comparator.comparing(PaymentFact::paidAt)
                  .thenComparing(PaymentFact::orderId));
          for (int i = 0; i < list.size(); i++) {
            var o = placed.get(list.get(i).orderId());
            Integer prior = o == null ? null : o.priorPaidOrders();
            kind.put(
                list.get(i).orderId(),
                i > 0 || (prior != null && prior > 0)
                    ? "RETURNING"
                    : prior != null ? "NEW" : "UNKNOWN");
          }
        });
    Map<String, String> buyerKind = new HashMap<>();
    Map<String, List<PaymentFact>> inPeriod = new HashMap<>();
    for (PaymentFact p : payments.values()) {
      LocalDate d = LocalDate.ofInstant(p.paidAt(), zone);
      if (d.isBefore(from) || d.isAfter(to)) {
        continue;
      }
      inPeriod.computeIfAbsent(p.customerId(), c -> new java.util.ArrayList<>()).add(p);
      String k = kind.get(p.orderId());
      buyerKind.merge(p.customerId(), k, (a, b) -> rankOf(a) >= rankOf(b) ? a : b);
    }
    List<String> lines = new java.util.ArrayList<>();
    for (String k : List.of("NEW", "RETURNING", "UNKNOWN")) {
      long buyers = 0;
      long orders = 0;
      long units = 0;
      BigDecimal gmv = BigDecimal.ZERO;
      BigDecimal net = BigDecimal.ZERO;
      for (var e : inPeriod.entrySet()) {
        if (!buyerKind.get(e.getKey()).equals(k)) {
          continue;
        }
        buyers++;
        for (PaymentFact p : e.getValue()) {
          orders++;
          units += p.units();
          BigDecimal paid = p.amount().setScale(2, RoundingMode.HALF_UP);
          gmv = gmv.add(paid);
          net = net.add(paid.subtract(reduction(p)));
        }
      }
      lines.add(
          k
              + " "
              + buyers
              + "/"
              + orders
              + "/"
              + units
              + "/"
              + gmv.setScale(2)
              + "/"
              + net.setScale(2));
    }
    return lines;
  }

  private static int rankOf(String kind) {
    return switch (kind) {
      case "NEW" -> 2;
      case "UNKNOWN" -> 1;
      default -> 0;
    };
  }

  /**
   * Payment reminders with no rollups, for the orders placed in the period: "reminded/paid after a
   * reminder/gmv/net/median minutes" (median of the seconds from the last creditable reminder
   * before the payment to the payment, halves rounded up to whole minutes).
   */
  String reminders(LocalDate from, LocalDate to, String prefix) {
    long reminded = 0;
    List<Long> seconds = new java.util.ArrayList<>();
    BigDecimal gmv = BigDecimal.ZERO;
    BigDecimal net = BigDecimal.ZERO;
    for (var o : placed.values()) {
      LocalDate d = LocalDate.ofInstant(o.placedAt(), zone);
      if (d.isBefore(from) || d.isAfter(to)) {
        continue;
      }
      PaymentFact p = payments.get(o.orderId());
      Long last = null;
      for (SendFact s : sends.values()) {
        int k = rank.get(s.sendId());
        if (o.orderId().equals(s.orderId())
            && s.templateKey() != null
            && s.templateKey().startsWith(prefix)
            && k >= 1
            && k <= 3
            && (p == null || s.sentAt().isBefore(p.paidAt()))) {
          long at = s.sentAt().toEpochMilli();
          last = last == null ? at : Math.max(last, at);
        }
      }
      if (last == null) {
        continue;
      }
      reminded++;
      if (p != null) {
        seconds.add((p.paidAt().toEpochMilli() - last) / 1000);
        BigDecimal paid = p.amount().setScale(2, RoundingMode.HALF_UP);
        gmv = gmv.add(paid);
        net = net.add(paid.subtract(reduction(p)));
      }
    }
    java.util.Collections.sort(seconds);
    Long median = null;
    int n = seconds.size();
    if (n > 0) {
      long sec =
          n % 2 == 1 ? seconds.get(n / 2) : (seconds.get(n / 2 - 1) + seconds.get(n / 2)) / 2;
      median = Math.round(sec / 60.0);
    }
    return reminded + "/" + n + "/" + gmv.setScale(2) + "/" + net.setScale(2) + "/" + median;
  }

  private String day(Instant at) {
    return LocalDate.ofInstant(at, zone).toString();
  }

  private static List<String> dims(SendFact s) {
    return List.of(
        nz(s.processId()),
        nz(s.stepId()),
        nz(s.stepName()),
        nz(s.campaign()),
        nz(s.occasion()),
        nz(s.segment()),
        nz(s.templateKey()),
        nz(s.channel()),
        version(s.processVersion()));
  }

  /** The journey version as the rollups key it: its digits, '' when unknown (issue #16). */
  private static String version(Integer v) {
    return v == null ? "" : v.toString();
  }

  private static BigDecimal[] row(
      Map<String, BigDecimal[]> rows, String basis, String day, List<String> dims) {
    return rows.computeIfAbsent(
        basis + "|" + day + "|" + String.join("|", dims) + "|", k -> zeros(Rollup.COLUMNS.size()));
  }

  private static void inc(BigDecimal[] m, int column, long by) {
    m[column] = m[column].add(BigDecimal.valueOf(by));
  }

  private static BigDecimal[] zeros(int n) {
    BigDecimal[] m = new BigDecimal[n];
    Arrays.fill(m, BigDecimal.ZERO);
    return m;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
