package com.careflow.customers;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Buyers' order history: the order facts the shop's order, review and cart events set on the {@code
 * order_fact} table (V2), the purchase counters and the open cart they keep on the buyer's {@code
 * customer} row, and the reads of both (order state, placed order, purchase stats, paid orders of a
 * period).
 *
 * <p>Order events set facts on the order's row (keyed by order id: setting a fact twice leaves one
 * fact); what the row counts for its buyer before and after the event (its placement, its first
 * payment and that payment's amount and units, their times) changes the buyer's counters by the
 * difference, in one UPDATE of the customer row. Applying the same event twice therefore never
 * counts an order twice, even without the event intake's own duplicate check: the second time the
 * row counts what it counted before, and no counter is touched. The rare changes an increment
 * cannot express (an order changing buyer, a payment's time giving way to its earlier placement's)
 * recount the buyer from all their order rows. A buyer known only from orders gets a bare profile
 * ({@link CustomerProfiles}). Every write joins the caller's transaction when there is one, so the
 * event intake commits a store update together with its processed-event marker.
 */
@Repository
public class OrderHistory {

  private final JdbcClient jdbc;
  private final Clock clock;

  public OrderHistory(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The R15 inputs of one customer; empty for a customer the store does not know. */
  public Optional<PurchaseStats> purchaseStats(String customerId) {
    return jdbc.sql(
            """
            SELECT customer_id, order_count, first_order_at, last_order_at, paid_orders, last_paid_at,
              total_paid, paid_units
            FROM customer WHERE customer_id = :id
            """)
        .param("id", customerId)
        .query(
            (rs, n) ->
                new PurchaseStats(
                    rs.getString("customer_id"),
                    rs.getInt("order_count"),
                    instant(rs, "first_order_at"),
                    instant(rs, "last_order_at"),
                    rs.getInt("paid_orders"),
                    instant(rs, "last_paid_at"),
                    rs.getBigDecimal("total_paid"),
                    rs.getInt("paid_units")))
        .optional();
  }

  /** Paid orders with payment time in [from, to): what an RFM worker reads for a period (R15). */
  List<PaidOrder> paidOrders(Instant from, Instant to) {
    return jdbc.sql(
            """
            SELECT order_id, customer_id, paid_at, COALESCE(paid_amount, amount) AS paid, currency, units
            FROM order_fact
            WHERE paid_at >= :from AND paid_at < :to AND customer_id IS NOT NULL
            ORDER BY paid_at, order_id
            """)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query(
            (rs, n) ->
                new PaidOrder(
                    rs.getString("order_id"),
                    rs.getString("customer_id"),
                    instant(rs, "paid_at"),
                    rs.getBigDecimal("paid"),
                    rs.getString("currency"),
                    rs.getInt("units")))
        .list();
  }

  /** The order's state as the shop's events set it; empty for an order the store does not know. */
  public Optional<OrderState> orderState(String orderId) {
    return jdbc.sql(
            """
            SELECT order_id, placed_at, paid_at, cancelled_at, shipped_at, delivered_at,
              refund_requested_at
            FROM order_fact WHERE order_id = :id
            """)
        .param("id", orderId)
        .query(
            (rs, n) ->
                new OrderState(
                    rs.getString("order_id"),
                    instant(rs, "placed_at"),
                    instant(rs, "paid_at"),
                    instant(rs, "cancelled_at"),
                    instant(rs, "shipped_at"),
                    instant(rs, "delivered_at"),
                    instant(rs, "refund_requested_at")))
        .optional();
  }

  /** Whether an {@code OrderPlaced} for this order took effect already (one journey per order). */
  public boolean isOrderPlaced(String orderId) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM order_fact WHERE order_id = :id AND placed_at IS NOT NULL")
            .param("id", orderId)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * The buyer and currency of a placed order; empty when no {@code OrderPlaced} took effect for it.
   */
  public Optional<PlacedOrder> placedOrder(String orderId) {
    return jdbc.sql(
            "SELECT customer_id, currency FROM order_fact WHERE order_id = :id AND placed_at IS NOT NULL")
        .param("id", orderId)
        .query((rs, n) -> new PlacedOrder(rs.getString(1), rs.getString(2)))
        .optional();
  }

  /**
   * The parties of a placed order that later events of the order must not contradict.
   *
   * @param customerId the buyer
   * @param currency ISO 4217 code of its amounts
   */
  public record PlacedOrder(String customerId, String currency) {}

  /** Items in the placed order (its lines' quantities), empty if the order was never placed. */
  public Optional<Integer> orderUnits(String orderId) {
    return jdbc.sql("SELECT units FROM order_fact WHERE order_id = :id AND placed_at IS NOT NULL")
        .param("id", orderId)
        .query((rs, n) -> rs.getInt("units"))
        .optional();
  }

  /**
   * Counts one more paid order whose details are unknown (imports, tests), creating a bare profile
   * for a buyer not seen before. Shop events use {@link #recordOrderPaid} instead.
   */
  @Transactional
  public void recordPaidOrder(String customerId) {
    recordOrderPaid("unknown-" + UUID.randomUUID(), customerId, clock.instant(), null);
  }

  /** An order was placed (R15 frequency and recency; units for R25). */
  @Transactional
  public void recordOrderPlaced(
      String orderId,
      String customerId,
      Instant placedAt,
      BigDecimal amount,
      String currency,
      int units,
      String promotion) {
    updateOrder(
        orderId,
        customerId,
        """
        UPDATE order_fact SET customer_id = :customerId, placed_at = :at, amount = :amount,
          currency = :currency, units = :units, promotion = :promotion, updated_at = :now
        WHERE order_id = :orderId
        """,
        Map.of(
            "at", Timestamp.from(placedAt), "amount", amount, "currency", currency, "units", units),
        nullable("promotion", promotion),
        true,
        // the usual case, an order's first fact: the row written whole in one statement
        """
        INSERT INTO order_fact (order_id, customer_id, placed_at, amount, currency, units, promotion,
          updated_at)
        VALUES (:orderId, :customerId, :at, :amount, :currency, :units, :promotion, :now)
        ON CONFLICT DO NOTHING
        """);
  }

  /**
   * An order was paid; its first payment counts (R1/R2 returning buyer, R15 monetary).
   *
   * @param amount the paid amount, or null when unknown (the order amount then counts)
   */
  @Transactional
  public void recordOrderPaid(
      String orderId, String customerId, Instant paidAt, BigDecimal amount) {
    updateOrder(
        orderId,
        customerId,
        """
        UPDATE order_fact SET customer_id = COALESCE(customer_id, :customerId),
          paid_at = COALESCE(paid_at, :at), paid_amount = COALESCE(paid_amount, :amount), updated_at = :now
        WHERE order_id = :orderId
        """,
        Map.of("at", Timestamp.from(paidAt)),
        nullable("amount", amount),
        true,
        null);
  }

  @Transactional
  public void recordOrderCancelled(String orderId, Instant at, String reason) {
    updateOrder(
        orderId,
        null,
        "UPDATE order_fact SET cancelled_at = COALESCE(cancelled_at, :at), cancel_reason = :reason,"
            + " updated_at = :now WHERE order_id = :orderId",
        Map.of("at", Timestamp.from(at), "reason", reason),
        Map.of());
  }

  @Transactional
  public void recordOrderShipped(
      String orderId, Instant at, String carrier, String trackingNumber) {
    updateOrder(
        orderId,
        null,
        "UPDATE order_fact SET shipped_at = COALESCE(shipped_at, :at), carrier = :carrier,"
            + " tracking_number = :tracking, updated_at = :now WHERE order_id = :orderId",
        Map.of("at", Timestamp.from(at), "carrier", carrier, "tracking", trackingNumber),
        Map.of());
  }

  /**
   * The carrier's last update: its status and description (free text, kept here for staff, never in
   * the engine), at the event's time.
   *
   * @param description the carrier's text, or null
   */
  @Transactional
  public void recordLogisticsStatus(String orderId, String status, String description, Instant at) {
    var params = new java.util.HashMap<String, Object>();
    params.put("status", status);
    params.put("description", description);
    params.put("at", Timestamp.from(at));
    updateOrder(
        orderId,
        null,
        "UPDATE order_fact SET logistics_status = :status, logistics_description = :description,"
            + " logistics_updated_at = :at, updated_at = :now WHERE order_id = :orderId",
        params,
        Map.of());
  }

  @Transactional
  public void recordOrderDelivered(String orderId, Instant at) {
    updateOrder(
        orderId,
        null,
        "UPDATE order_fact SET delivered_at = COALESCE(delivered_at, :at), updated_at = :now WHERE order_id = :orderId",
        Map.of("at", Timestamp.from(at)),
        Map.of());
  }

  @Transactional
  public void recordOrderOutOfStock(String orderId, Instant at) {
    updateOrder(
        orderId,
        null,
        "UPDATE order_fact SET out_of_stock_at = COALESCE(out_of_stock_at, :at), updated_at = :now"
            + " WHERE order_id = :orderId",
        Map.of("at", Timestamp.from(at)),
        Map.of());
  }

  @Transactional
  public void recordRefundRequested(String orderId, Instant at) {
    updateOrder(
        orderId,
        null,
        "UPDATE order_fact SET refund_requested_at = COALESCE(refund_requested_at, :at), updated_at = :now"
            + " WHERE order_id = :orderId",
        Map.of("at", Timestamp.from(at)),
        Map.of());
  }

  /** A review; the text stays here (service recovery reads it), never in the engine. */
  @Transactional
  public void recordReview(String orderId, String customerId, Instant at, int rating, String text) {
    updateOrder(
        orderId,
        customerId,
        """
        UPDATE order_fact SET customer_id = COALESCE(customer_id, :customerId), review_rating = :rating,
          review_text = :text, reviewed_at = :at, updated_at = :now
        WHERE order_id = :orderId
        """,
        Map.of("at", Timestamp.from(at), "rating", rating),
        nullable("text", text),
        true,
        null); // may name the buyer of an order whose facts counted for nobody yet
  }

  /**
   * The customer's open cart (rule R18); a null value clears it. A cart event older than the latest
   * one stored (a change or a clear) changes nothing.
   *
   * @return true when the event is the cart's latest (taken), false when an event stored before is
   *     newer (ignored: the cart recovery owes it no message, R18)
   */
  @Transactional
  public boolean recordCart(String customerId, BigDecimal cartValue, Instant at) {
    Timestamp now = now();
    CustomerProfiles.ensureBareProfile(jdbc, customerId, now);
    var params = new HashMap<String, Object>();
    params.put("id", customerId);
    params.put("value", cartValue);
    params.put("at", Timestamp.from(at));
    params.put("now", now);
    return jdbc.sql(
                """
            UPDATE customer SET cart_value = :value, cart_updated_at = :at, updated_at = :now
            WHERE customer_id = :id AND (cart_updated_at IS NULL OR cart_updated_at <= :at)
            """)
            .params(params)
            .update()
        == 1;
  }

  private void updateOrder(
      String orderId,
      String customerId,
      String update,
      Map<String, ?> params,
      Map<String, ?> nullableParams) {
    updateOrder(orderId, customerId, update, params, nullableParams, false, null);
  }

  /**
   * Sets the event's facts on the order's row. When the event may change what the buyer's R15
   * counters count ({@code countersChange}: placement, payment, a buyer named later), the row's
   * counted facts before (read under the row's lock) and after (the UPDATE's answer) give the
   * change, which is added to the owner's counters in one UPDATE; nothing changed, nothing is
   * touched.
   *
   * @param firstFact an INSERT … ON CONFLICT DO NOTHING of the whole row, tried first, for an event
   *     that is usually the order's first (its placement); null: the row is read first
   */
  private void updateOrder(
      String orderId,
      String customerId,
      String update,
      Map<String, ?> params,
      Map<String, ?> nullableParams,
      boolean countersChange,
      String firstFact) {
    Timestamp now = now();
    var all = new HashMap<String, Object>(params);
    all.putAll(nullableParams);
    all.put("orderId", orderId);
    all.put("customerId", customerId);
    all.put("now", now);
    if (!countersChange) {
      insertBareOrder(orderId, now);
      jdbc.sql(update).params(all).update();
      if (customerId != null) {
        CustomerProfiles.ensureBareProfile(jdbc, customerId, now);
      }
      return;
    }
    CountedFacts before;
    CountedFacts after = null;
    if (firstFact != null) {
      var inserted = new GeneratedKeyHolder();
      if (jdbc.sql(firstFact).params(all).update(inserted, CountedFacts.COLUMNS) == 1) {
        before = CountedFacts.NONE;
        after = CountedFacts.of(inserted.getKeys());
      } else {
        before = lockCountedFacts(orderId).orElseThrow();
      }
    } else {
      // a row this transaction creates counted nothing yet; another is read under its lock
      before =
          lockCountedFacts(orderId)
              .orElseGet(
                  () ->
                      insertBareOrder(orderId, now) == 1
                          ? CountedFacts.NONE
                          : lockCountedFacts(orderId).orElseThrow());
    }
    if (after == null) {
      var answer = new GeneratedKeyHolder();
      jdbc.sql(update).params(all).update(answer, CountedFacts.COLUMNS);
      after = CountedFacts.of(answer.getKeys());
    }
    boolean profiled = applyCounters(before, after, now);
    if (customerId != null && !(profiled && customerId.equals(after.customerId()))) {
      CustomerProfiles.ensureBareProfile(jdbc, customerId, now);
    }
  }

  private int insertBareOrder(String orderId, Timestamp now) {
    return jdbc.sql(
            """
            INSERT INTO order_fact (order_id, updated_at) VALUES (:orderId, :now)
            ON CONFLICT DO NOTHING
            """)
        .param("orderId", orderId)
        .param("now", now)
        .update();
  }

  private Optional<CountedFacts> lockCountedFacts(String orderId) {
    return jdbc.sql(
            "SELECT "
                + String.join(", ", CountedFacts.COLUMNS)
                + " FROM order_fact WHERE order_id = :orderId FOR UPDATE")
        .param("orderId", orderId)
        .query(
            (rs, n) ->
                new CountedFacts(
                    rs.getString("customer_id"),
                    instant(rs, "placed_at"),
                    instant(rs, "paid_at"),
                    rs.getBigDecimal("amount"),
                    rs.getBigDecimal("paid_amount"),
                    rs.getObject("units", Integer.class)))
        .optional();
  }

  /**
   * Brings the owner's R15 counters from what the row counted ({@code before}) to what it counts
   * now ({@code after}) as increments. Falls back to a full recount (named {@link
   * #recountCounters}) in the rare cases an increment cannot express: the order changed buyer, or a
   * time the row gave to a MIN/MAX counter moved (a payment before its placement, then the
   * placement's earlier time; a placement replayed with another time).
   *
   * @return true when the owner's customer row was updated (it exists)
   */
  private boolean applyCounters(CountedFacts before, CountedFacts after, Timestamp now) {
    String owner = after.customerId();
    if (before.customerId() != null && !before.customerId().equals(owner)) {
      // fallback: the order changed buyer (or lost it); both buyers recounted from their rows
      recountCounters(before.customerId(), now);
      if (owner != null) {
        recountCounters(owner, now);
      }
      return owner != null;
    }
    if (owner == null) {
      return false; // nobody to count for yet; counted in full when a buyer is named
    }
    // what the owner's counters hold from this row: nothing when the buyer was named just now
    CountedFacts counted = before.customerId() == null ? CountedFacts.NONE : before;
    if (moved(counted.orderAt(), after.orderAt()) || moved(counted.paidAt(), after.paidAt())) {
      recountCounters(owner, now); // fallback: a MIN/MAX input moved
      return true;
    }
    int orders = after.placedCount() - counted.placedCount();
    int paid = after.paidCount() - counted.paidCount();
    BigDecimal total = after.paidValue().subtract(counted.paidValue());
    int units = after.paidUnits() - counted.paidUnits();
    Instant orderAt = counted.orderAt() == null ? after.orderAt() : null;
    Instant paidAt = counted.paidAt() == null ? after.paidAt() : null;
    if (orders == 0
        && paid == 0
        && total.signum() == 0
        && units == 0
        && orderAt == null
        && paidAt == null) {
      return false; // a replay, a second payment: no counter changes
    }
    var sql =
        new StringBuilder(
            """
            UPDATE customer SET order_count = order_count + :orders, paid_orders = paid_orders + :paid,
              total_paid = total_paid + :total, paid_units = paid_units + :units, updated_at = :now
            """);
    var params = new HashMap<String, Object>();
    params.put("id", owner);
    params.put("orders", orders);
    params.put("paid", paid);
    params.put("total", total);
    params.put("units", units);
    params.put("now", now);
    if (orderAt != null) {
      sql.append(
          ", first_order_at = LEAST(COALESCE(first_order_at, :orderAt), :orderAt),"
              + " last_order_at = GREATEST(COALESCE(last_order_at, :orderAt), :orderAt)");
      params.put("orderAt", Timestamp.from(orderAt));
    }
    if (paidAt != null) {
      sql.append(", last_paid_at = GREATEST(COALESCE(last_paid_at, :paidAt), :paidAt)");
      params.put("paidAt", Timestamp.from(paidAt));
    }
    sql.append(" WHERE customer_id = :id");
    if (jdbc.sql(sql.toString()).params(params).update() == 0) {
      if (counted != CountedFacts.NONE) { // fallback: the row had counted for a buyer now gone
        recountCounters(owner, now);
        return true;
      }
      // a buyer known only from this order: the bare profile with its counters, in one statement
      params.put("orderAt", orderAt == null ? null : Timestamp.from(orderAt));
      params.put("paidAt", paidAt == null ? null : Timestamp.from(paidAt));
      int created =
          jdbc.sql(
                  """
                  INSERT INTO customer (customer_id, order_count, paid_orders, total_paid, paid_units,
                    first_order_at, last_order_at, last_paid_at, created_at, updated_at)
                  VALUES (:id, :orders, :paid, :total, :units, :orderAt, :orderAt, :paidAt, :now, :now)
                  ON CONFLICT DO NOTHING
                  """)
              .params(params)
              .update();
      if (created == 0) { // created meanwhile by another transaction, now committed
        jdbc.sql(sql.toString()).params(params).update();
      }
    }
    return true;
  }

  private static boolean moved(Instant counted, Instant now) {
    return counted != null && !counted.equals(now);
  }

  /**
   * The customer's R15 counters recounted from all their order rows: the fallback of {@link
   * #applyCounters}, and what the increments must always equal (tests compare the two). The
   * customer row is locked first, so the recount's own statement sees every order whose increment
   * committed before it (an increment cannot slip between the count and its write).
   */
  void recountCounters(String customerId, Timestamp now) {
    CustomerProfiles.ensureBareProfile(jdbc, customerId, now);
    jdbc.sql("SELECT customer_id FROM customer WHERE customer_id = :id FOR UPDATE")
        .param("id", customerId)
        .query(String.class)
        .list();
    jdbc.sql(
            """
            UPDATE customer SET
              order_count = (SELECT COUNT(*) FROM order_fact f
                             WHERE f.customer_id = :id AND f.placed_at IS NOT NULL),
              first_order_at = (SELECT MIN(COALESCE(f.placed_at, f.paid_at)) FROM order_fact f
                                WHERE f.customer_id = :id),
              last_order_at = (SELECT MAX(COALESCE(f.placed_at, f.paid_at)) FROM order_fact f
                               WHERE f.customer_id = :id),
              paid_orders = (SELECT COUNT(*) FROM order_fact f
                             WHERE f.customer_id = :id AND f.paid_at IS NOT NULL),
              last_paid_at = (SELECT MAX(f.paid_at) FROM order_fact f WHERE f.customer_id = :id),
              total_paid = (SELECT COALESCE(SUM(COALESCE(f.paid_amount, f.amount, 0)), 0) FROM order_fact f
                            WHERE f.customer_id = :id AND f.paid_at IS NOT NULL),
              paid_units = (SELECT COALESCE(SUM(f.units), 0) FROM order_fact f
                            WHERE f.customer_id = :id AND f.paid_at IS NOT NULL),
              updated_at = :now
            WHERE customer_id = :id
            """)
        .param("id", customerId)
        .param("now", now)
        .update();
  }

  /**
   * What one order row gives its buyer's R15 counters: the {@code order_fact} columns the counters
   * read, as stored (amounts rounded to the column's scale).
   */
  private record CountedFacts(
      String customerId,
      Instant placedAt,
      Instant paidAt,
      BigDecimal amount,
      BigDecimal paidAmount,
      Integer units) {

    static final String[] COLUMNS = {
      "customer_id", "placed_at", "paid_at", "amount", "paid_amount", "units"
    };
    static final CountedFacts NONE = new CountedFacts(null, null, null, null, null, null);

    /** From the UPDATE's answer: PostgreSQL's RETURNING, H2's changed row. */
    static CountedFacts of(Map<String, Object> row) {
      var byName = new HashMap<String, Object>();
      row.forEach((k, v) -> byName.put(k.toLowerCase(java.util.Locale.ROOT), v));
      return new CountedFacts(
          (String) byName.get("customer_id"),
          instantOf(byName.get("placed_at")),
          instantOf(byName.get("paid_at")),
          (BigDecimal) byName.get("amount"),
          (BigDecimal) byName.get("paid_amount"),
          byName.get("units") == null ? null : ((Number) byName.get("units")).intValue());
    }

    /** first_order_at / last_order_at's input. */
    Instant orderAt() {
      return placedAt != null ? placedAt : paidAt;
    }

    int placedCount() {
      return placedAt != null ? 1 : 0;
    }

    int paidCount() {
      return paidAt != null ? 1 : 0;
    }

    BigDecimal paidValue() {
      if (paidAt == null) {
        return BigDecimal.ZERO;
      }
      return paidAmount != null ? paidAmount : amount != null ? amount : BigDecimal.ZERO;
    }

    int paidUnits() {
      return paidAt != null && units != null ? units : 0;
    }

    private static Instant instantOf(Object value) {
      return switch (value) {
        case null -> null;
        case Timestamp t -> t.toInstant();
        case OffsetDateTime t -> t.toInstant();
        case java.time.ZonedDateTime t -> t.toInstant();
        case Instant t -> t;
        default ->
            throw new IllegalStateException(
                "order_fact time of type " + value.getClass().getName());
      };
    }
  }

  private static Map<String, Object> nullable(String name, Object value) {
    var m = new HashMap<String, Object>();
    m.put(name, value);
    return m;
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
