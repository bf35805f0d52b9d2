package com.careflow.analytics;

import com.careflow.messagestatus.MessageStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the facts of {@link AnalyticsFacts} to the raw tables and keeps the rollups up to date
 * (rules R23–R26). Every change to an order is applied the same way: its contribution to the
 * rollups is computed before and after the change and the difference is added, so the rollups are
 * always what {@link RollupRebuild} would build from the raw facts. All facts of one buyer run
 * under a lock on that buyer's row, so replays and concurrent facts give the same result.
 */
public class AnalyticsRecorder implements AnalyticsFacts {

  private static final Logger log = LoggerFactory.getLogger(AnalyticsRecorder.class);

  static final String SEND = "SEND";
  static final String PAY = "PAY";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final AttributionRules rules;
  private final AnalyticsProperties properties;
  private final ZoneId shopZone;
  private final Clock clock;
  private final DistinctRollups distinct;

  public AnalyticsRecorder(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      AttributionRules rules,
      AnalyticsProperties properties,
      ZoneId shopZone,
      Clock clock) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
    this.rules = rules;
    this.properties = properties;
    this.shopZone = shopZone;
    this.clock = clock;
    this.distinct = new DistinctRollups(jdbc, rules);
    this.members = new MemberRollups(jdbc, properties.paymentReminderTemplatePrefix());
  }

  private final MemberRollups members;

  // ---------------------------------------------------------------- statuses

  /**
   * A status, Twilio's or Careflow's, case-insensitive ({@code delivered}, {@code DRY_RUN}).
   *
   * @throws IllegalArgumentException for a value that is not a {@link MessageStatus}
   */
  static MessageStatus status(String status) {
    return MessageStatus.fromStored(status.trim().toUpperCase(Locale.ROOT))
        .orElseThrow(() -> new IllegalArgumentException("unknown message status " + status));
  }

  /**
   * The stored {@code status_rank} of a status, Twilio's or Careflow's, case-insensitive: {@link
   * MessageStatus#creditRank} (0 skipped or held out, 1 queued, 2 sent, 3 delivered, 9 failed: no
   * credit). A class for SQL, never an order: receipts move a send by {@link
   * MessageStatus#canFollow}.
   *
   * @throws IllegalArgumentException for a status that is not a {@link MessageStatus} or that
   *     analytics does not record
   */
  static int statusRank(String status) {
    return status(status).creditRank();
  }

  static boolean earnsCredit(int rank) {
    return rank >= 1 && rank <= 3;
  }

  // ---------------------------------------------------------------- facts

  @Override
  public void recordSend(SendFact f) {
    require(f.sendId(), "sendId", 100);
    require(f.customerId(), "customerId", 64);
    requireNonNull(f.sentAt(), "sentAt");
    requireNonNull(f.status(), "status");
    MessageStatus sendStatus = status(f.status());
    int rank = sendStatus.creditRank();
    BigDecimal costShop = toShopCurrency(f.cost(), f.costCurrency(), "cost");
    if (f.segments() < 0) {
      throw new IllegalArgumentException("segments must not be negative: " + f.segments());
    }
    if (AnalyticsFacts.isTestRun(f.campaign())) {
      recordTestSend(f, rank, costShop);
      return;
    }
    inTransaction(
        s -> {
          int buyer = lockCustomer(f.customerId());
          Map<String, Map<DistinctRollups.InfluenceKey, BigDecimal>> influence =
              influenceAfter(f.customerId(), f.sentAt());
          // the buyer's number rides on the send (V24), so a day's rebuild reads the day's
          // buyers from its messages alone
          int inserted =
              jdbc.update(
                  "INSERT INTO analytics_send (send_id, message_sid, customer_id, buyer_no,"
                      + " order_id, process_id, process_version, step_id, step_name, campaign,"
                      + " occasion, segment, category, channel, template_key, locale, status,"
                      + " status_rank, status_at, segments, cost, cost_currency, cost_shop,"
                      + " skip_reason, sent_at, sent_epoch_ms, send_day, error_code) VALUES"
                      + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO"
                      + " NOTHING",
                  f.sendId(),
                  f.messageSid(),
                  f.customerId(),
                  buyer,
                  nz(f.orderId()),
                  nz(f.processId()),
                  f.processVersion(),
                  nz(f.stepId()),
                  nz(f.stepName()),
                  nz(f.campaign()),
                  nz(f.occasion()),
                  nz(f.segment()).toUpperCase(Locale.ROOT),
                  nz(f.category()).toUpperCase(Locale.ROOT),
                  nz(f.channel()).toUpperCase(Locale.ROOT),
                  nz(f.templateKey()),
                  nz(f.locale()),
                  sendStatus.name(),
                  rank,
                  utc(f.sentAt()),
                  rank == 0 ? 0 : f.segments(),
                  f.cost(),
                  f.costCurrency(),
                  rank == 0 ? BigDecimal.ZERO : costShop,
                  nz(f.skipReason()),
                  utc(f.sentAt()),
                  f.sentAt().toEpochMilli(),
                  shopDay(f.sentAt()),
                  f.errorCode());
          if (inserted == 0) {
            return; // a replay
          }
          Contribution delta = new Contribution(f.customerId());
          sendContribution(loadSend(f.sendId()), delta, 1);
          apply(delta);
          applyInfluence(influence);
          refreshReminder(nz(f.orderId()));
          if (f.messageSid() != null) {
            jdbc.query(
                "SELECT status, status_at, error_code FROM analytics_pending_status"
                    + " WHERE message_sid = ? ORDER BY status_rank DESC, status",
                rs -> {
                  // the receipts messaging passes on are ones it applied, each moving its log on
                  // by MessageStatus.canFollow: one chain, so any order ends where the log ends
                  applyStatus(
                      f.customerId(),
                      f.messageSid(),
                      status(rs.getString(1)),
                      instant(rs, 2),
                      rs.getObject(3, Integer.class));
                },
                f.messageSid());
          }
          // a send recorded after a payment it precedes may take that payment's credit
          Instant until = f.sentAt().plus(rules.longestWindow());
          for (String orderId :
              jdbc.queryForList(
                  "SELECT order_id FROM analytics_order WHERE customer_id = ? AND paid_at > ? AND"
                      + " paid_at < ? ORDER BY order_id",
                  String.class,
                  f.customerId(),
                  utc(f.sentAt()),
                  utc(until))) {
            refreshOrder(orderId);
          }
        });
  }

  /**
   * A campaign test run's send ({@link AnalyticsFacts#isTestRun}): kept in {@code
   * analytics_test_send}, apart from the measured facts, so it earns no credit and counts in no
   * figure (attributed orders, conversion, cost, ROI, buyers, influence, steps, reminders).
   */
  private void recordTestSend(SendFact f, int rank, BigDecimal costShop) {
    jdbc.update(
        "INSERT INTO analytics_test_send (send_id, message_sid, customer_id, campaign, occasion,"
            + " process_id, process_version, step_id, template_key, channel, status, status_rank,"
            + " status_at, skip_reason, segments, cost_shop, sent_at, send_day) VALUES"
            + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
        f.sendId(),
        f.messageSid(),
        f.customerId(),
        f.campaign(),
        nz(f.occasion()),
        nz(f.processId()),
        f.processVersion(),
        nz(f.stepId()),
        nz(f.templateKey()),
        nz(f.channel()).toUpperCase(Locale.ROOT),
        f.status().toUpperCase(Locale.ROOT),
        rank,
        utc(f.sentAt()),
        nz(f.skipReason()),
        rank == 0 ? 0 : f.segments(),
        rank == 0 ? BigDecimal.ZERO : costShop,
        utc(f.sentAt()),
        shopDay(f.sentAt()));
    if (f.messageSid() != null && rank > 0) {
      // receipts that came before the test send move it by the one rule, as for real sends
      jdbc.query(
          "SELECT status, status_at FROM analytics_pending_status WHERE message_sid"
              + " = ? ORDER BY status_rank DESC, status",
          rs -> {
            applyTestStatus(f.messageSid(), status(rs.getString(1)), instant(rs, 2));
          },
          f.messageSid());
    }
  }

  @Override
  public boolean recordStatus(String messageSid, String status, Instant at, Integer errorCode) {
    require(messageSid, "messageSid", 64);
    requireNonNull(status, "status");
    MessageStatus next = status(status);
    int newRank = next.creditRank();
    Boolean known =
        inTransaction(
            s -> {
              List<String> ids =
                  jdbc.queryForList(
                      "SELECT customer_id FROM analytics_send WHERE message_sid = ?",
                      String.class,
                      messageSid);
              if (ids.isEmpty()
                  && jdbc.queryForObject(
                          "SELECT COUNT(*) FROM analytics_test_send WHERE message_sid = ?",
                          Integer.class,
                          messageSid)
                      > 0) {
                // a test run's receipt: its own row only, no figure
                applyTestStatus(messageSid, next, at);
                return true;
              }
              if (ids.isEmpty()) {
                // the receipt came first: kept until the send is recorded
                jdbc.update(
                    "INSERT INTO analytics_pending_status (message_sid, status,"
                        + " status_rank, status_at, error_code) VALUES (?,?,?,?,?) ON CONFLICT DO"
                        + " NOTHING",
                    messageSid,
                    next.name(),
                    newRank,
                    at == null ? null : utc(at),
                    errorCode);
                return false;
              }
              lockCustomer(ids.getFirst());
              applyStatus(ids.getFirst(), messageSid, next, at, errorCode);
              return true;
            });
    return Boolean.TRUE.equals(known);
  }

  /**
   * Moves a test run's send by the message log's one rule ({@link MessageStatus#canFollow}, R23),
   * as {@link #applyStatus} moves a measured send: no receipt for a skipped send, no step back,
   * nothing after an outcome but read after delivered.
   */
  private void applyTestStatus(String messageSid, MessageStatus next, Instant at) {
    for (Map<String, Object> row :
        jdbc.queryForList(
            "SELECT send_id, status FROM analytics_test_send WHERE message_sid = ?", messageSid)) {
      String sendId = (String) row.get("send_id");
      if (next.canFollow(storedStatus((String) row.get("status"), sendId))) {
        jdbc.update(
            "UPDATE analytics_test_send SET status = ?, status_rank = ?, status_at = ? WHERE"
                + " send_id = ?",
            next.name(),
            next.creditRank(),
            at == null ? null : utc(at),
            sendId);
      }
    }
  }

  private void applyStatus(
      String customerId, String messageSid, MessageStatus next, Instant at, Integer errorCode) {
    int newRank = next.creditRank();
    List<String> sendIds =
        jdbc.queryForList(
            "SELECT send_id FROM analytics_send WHERE message_sid = ? ORDER BY send_id",
            String.class,
            messageSid);
    for (String sendId : sendIds) {
      SendRow before = loadSend(sendId);
      if (!next.canFollow(before.status())) {
        continue; // the message log's one rule (R23): no receipt for a skipped send, no step back,
        // nothing after delivered/undelivered/failed but read after delivered
      }
      Contribution delta = new Contribution(customerId);
      sendContribution(before, delta, -1);
      Map<String, Map<DistinctRollups.InfluenceKey, BigDecimal>> influence =
          earnsCredit(before.rank()) == earnsCredit(newRank)
              ? Map.of()
              : influenceAfter(
                  customerId,
                  jdbc.queryForObject(
                          "SELECT sent_at FROM analytics_send WHERE send_id = ?",
                          OffsetDateTime.class,
                          sendId)
                      .toInstant());
      jdbc.update(
          "UPDATE analytics_send SET status = ?, status_rank = ?, status_at = ?, error_code ="
              + " COALESCE(?, error_code) WHERE send_id = ?",
          next.name(),
          newRank,
          at == null ? null : utc(at),
          errorCode,
          sendId);
      sendContribution(loadSend(sendId), delta, 1);
      apply(delta);
      applyInfluence(influence);
      refreshReminder(
          jdbc.queryForObject(
              "SELECT order_id FROM analytics_send WHERE send_id = ?", String.class, sendId));
      if (!earnsCredit(newRank)) {
        for (String orderId :
            jdbc.queryForList(
                "SELECT order_id FROM analytics_order WHERE credited_send_id = ? ORDER BY order_id",
                String.class,
                sendId)) {
          refreshOrder(orderId); // the credit goes to the latest message that can earn it
        }
      }
    }
  }

  @Override
  public void recordOrderPlaced(OrderPlacedFact f) {
    BigDecimal amount = placedAmount(f);
    inTransaction(
        s -> {
          lockCustomer(f.customerId());
          ensureOrder(f.orderId(), f.customerId());
          List<MemberRollups.Paid> paidBefore = members.paidOrders(f.customerId());
          MemberRollups.Reminder reminder = members.reminderOf(f.orderId());
          place(f, amount);
          classifyBuyer(f.customerId());
          members.refreshReminder(f.orderId(), reminder);
          members.applyMembers(f.customerId(), paidBefore, members.paidOrders(f.customerId()));
        });
  }

  /** Checks a placed order; returns its amount in the shop's currency. */
  private BigDecimal placedAmount(OrderPlacedFact f) {
    require(f.orderId(), "orderId", 64);
    require(f.customerId(), "customerId", 64);
    requireNonNull(f.placedAt(), "placedAt");
    BigDecimal amount = toShopCurrency(f.amount(), f.currency(), "amount");
    if (f.priorPaidOrders() != null && f.priorPaidOrders() < 0) {
      throw new IllegalArgumentException("priorPaidOrders must not be negative");
    }
    return amount;
  }

  /** The raw change of a placed order (its row exists). */
  private void place(OrderPlacedFact f, BigDecimal amount) {
    jdbc.update(
        "UPDATE analytics_order SET customer_id = ?, placed_at = ?, placed_day = ?,"
            + " order_amount = ?, prior_paid_orders = ? WHERE order_id = ?",
        f.customerId(),
        utc(f.placedAt()),
        shopDay(f.placedAt()),
        amount,
        f.priorPaidOrders(),
        f.orderId());
  }

  @Override
  public void recordPayment(PaymentFact f) {
    BigDecimal[] amounts = paymentAmounts(f);
    inTransaction(
        s -> {
          lockCustomer(f.customerId());
          ensureOrder(f.orderId(), f.customerId());
          List<MemberRollups.Paid> paidBefore = members.paidOrders(f.customerId());
          changeOrder(f.orderId(), () -> pay(f, amounts));
          classifyBuyer(f.customerId());
          members.applyMembers(f.customerId(), paidBefore, members.paidOrders(f.customerId()));
        });
  }

  /** Checks a payment; returns its amount and discount in the shop's currency. */
  private BigDecimal[] paymentAmounts(PaymentFact f) {
    require(f.orderId(), "orderId", 64);
    require(f.customerId(), "customerId", 64);
    requireNonNull(f.paidAt(), "paidAt");
    requireNonNull(f.amount(), "amount");
    BigDecimal amount = toShopCurrency(f.amount(), f.currency(), "amount");
    BigDecimal discount =
        f.discount() == null
            ? BigDecimal.ZERO
            : toShopCurrency(f.discount(), f.currency(), "discount");
    if (amount.signum() < 0 || discount.signum() < 0 || f.units() < 0) {
      throw new IllegalArgumentException("amount, discount and units must not be negative");
    }
    return new BigDecimal[] {amount, discount};
  }

  /** The raw change of a payment (the order's row exists). */
  private void pay(PaymentFact f, BigDecimal[] amounts) {
    jdbc.update(
        "UPDATE analytics_order SET customer_id = ?, paid_at = ?, paid_epoch_ms = ?,"
            + " pay_day = ?, paid_amount = ?, units = ?, coupon_code = ?, discount = ?"
            + " WHERE order_id = ?",
        f.customerId(),
        utc(f.paidAt()),
        f.paidAt().toEpochMilli(),
        shopDay(f.paidAt()),
        amounts[0].setScale(2, RoundingMode.HALF_UP),
        f.units(),
        nz(f.couponCode()),
        amounts[1].setScale(2, RoundingMode.HALF_UP),
        f.orderId());
  }

  @Override
  public void recordRefund(String orderId, BigDecimal amount, Instant at) {
    checkRefund(orderId, amount, at);
    inTransaction(
        s -> {
          String customer = lockOrderCustomer(orderId);
          List<MemberRollups.Paid> paidBefore = members.paidOrders(customer);
          if (refund(orderId, amount, at) > 0 && customer != null) {
            changeOrder(orderId, () -> {});
            members.applyMembers(customer, paidBefore, members.paidOrders(customer));
          }
        });
  }

  private static void checkRefund(String orderId, BigDecimal amount, Instant at) {
    require(orderId, "orderId", 64);
    requireNonNull(at, "at");
    if (amount == null || amount.signum() <= 0) {
      throw new IllegalArgumentException("a refund's amount must be positive: " + amount);
    }
  }

  /** The raw change of a refund: its row, once; returns 1 when new. */
  private int refund(String orderId, BigDecimal amount, Instant at) {
    return jdbc.update(
        "INSERT INTO analytics_refund (order_id, refunded_at, amount, refund_day) VALUES"
            + " (?,?,?,?) ON CONFLICT DO NOTHING",
        orderId,
        utc(at),
        amount.setScale(2, RoundingMode.HALF_UP),
        shopDay(at));
  }

  @Override
  public void recordCancellation(String orderId, Instant at) {
    checkCancellation(orderId, at);
    inTransaction(
        s -> {
          String customer = lockOrderCustomer(orderId);
          List<MemberRollups.Paid> paidBefore = members.paidOrders(customer);
          if (customer == null) {
            ensureOrder(orderId, "");
          }
          changeOrder(orderId, () -> cancel(orderId, at));
          if (customer != null) {
            members.applyMembers(customer, paidBefore, members.paidOrders(customer));
          }
        });
  }

  private static void checkCancellation(String orderId, Instant at) {
    require(orderId, "orderId", 64);
    requireNonNull(at, "at");
  }

  /** The raw change of a cancellation: the earliest one counts (the order's row exists). */
  private void cancel(String orderId, Instant at) {
    jdbc.update(
        "UPDATE analytics_order SET cancelled_at = ? WHERE order_id = ? AND"
            + " (cancelled_at IS NULL OR cancelled_at > ?)",
        utc(at),
        orderId,
        utc(at));
  }

  /** Facts of one batch at most in one pass ({@code IN} lists of at most this many ids). */
  static final int ORDER_FACTS_PASS = 500;

  /**
   * {@inheritDoc}
   *
   * <p>How: every fact is checked first (a refusal stores nothing); then, in one transaction, the
   * batch's buyers are locked in id order, what the batch changes is read once (the buyers' paid
   * orders, the orders' reminder parts, each re-derived order's rollup and influence parts), the
   * raw changes are made in the batch's order, each paid, refunded or cancelled order is
   * re-attributed once (R23), each buyer classified once (R25), and the differences are added once
   * per touched row: rollup and shop-day rows, member rows and buyer sets, influence rows.
   * Re-deriving from the raw facts once at the end gives what the facts one by one give, as each
   * step of those derives from the raw facts too.
   */
  @Override
  public void recordOrderFacts(List<? extends OrderFact> facts) {
    List<Runnable> changes = new ArrayList<>(facts.size());
    for (int i = 0; i < facts.size(); i++) {
      changes.add(checked(facts.get(i), i));
    }
    if (facts.isEmpty()) {
      return;
    }
    inTransaction(
        s -> {
          for (int from = 0; from < facts.size(); from += ORDER_FACTS_PASS) {
            int to = Math.min(facts.size(), from + ORDER_FACTS_PASS);
            recordPass(facts.subList(from, to), changes.subList(from, to));
          }
        });
  }

  /**
   * Checks one fact of a batch as its own method does.
   *
   * @return its raw change
   * @throws IllegalArgumentException naming the fact's position, kind and order
   */
  private Runnable checked(OrderFact fact, int position) {
    try {
      requireNonNull(fact, "fact");
      return switch (fact) {
        case OrderPlacedFact f -> {
          BigDecimal amount = placedAmount(f);
          yield () -> {
            ensureOrder(f.orderId(), f.customerId());
            place(f, amount);
          };
        }
        case PaymentFact f -> {
          BigDecimal[] amounts = paymentAmounts(f);
          yield () -> {
            ensureOrder(f.orderId(), f.customerId());
            pay(f, amounts);
          };
        }
        case RefundFact f -> {
          checkRefund(f.orderId(), f.amount(), f.at());
          yield () -> refund(f.orderId(), f.amount(), f.at());
        }
        case CancellationFact f -> {
          checkCancellation(f.orderId(), f.at());
          yield () -> {
            ensureOrder(f.orderId(), "");
            cancel(f.orderId(), f.at());
          };
        }
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "order fact "
              + position
              + " of the batch"
              + (fact == null
                  ? ""
                  : " (" + fact.getClass().getSimpleName() + " of order " + fact.orderId() + ")")
              + " refused: "
              + e.getMessage(),
          e);
    }
  }

  /** One pass of a batch, in the caller's transaction: see {@link #recordOrderFacts}. */
  private void recordPass(List<? extends OrderFact> facts, List<Runnable> changes) {
    Set<String> orders = new TreeSet<>();
    Set<String> classified = new TreeSet<>(); // buyers of placed and paid orders (R25)
    Set<String> derived = new TreeSet<>(); // paid, refunded or cancelled: re-derived (R23)
    Set<String> ofOrder = new TreeSet<>(); // refunded or cancelled: their buyer is the order's
    for (OrderFact fact : facts) {
      orders.add(fact.orderId());
      switch (fact) {
        case OrderPlacedFact f -> classified.add(f.customerId());
        case PaymentFact f -> {
          classified.add(f.customerId());
          derived.add(f.orderId());
        }
        case RefundFact f -> {
          derived.add(f.orderId());
          ofOrder.add(f.orderId());
        }
        case CancellationFact f -> {
          derived.add(f.orderId());
          ofOrder.add(f.orderId());
        }
      }
    }
    Map<String, String> customerBefore = customersOf(orders);
    Set<String> buyers = new TreeSet<>(classified);
    ofOrder.stream().map(customerBefore::get).filter(c -> c != null).forEach(buyers::add);
    lockCustomers(buyers);
    Map<String, List<MemberRollups.Paid>> paidBefore = members.paidOrders(buyers);
    Map<String, MemberRollups.Reminder> remindersBefore = members.remindersOf(orders);
    Map<String, Contribution> parts = new TreeMap<>();
    Map<String, Map<DistinctRollups.InfluenceKey, BigDecimal>> influenceBefore = new TreeMap<>();
    for (String orderId : derived) {
      Contribution part = new Contribution();
      orderContribution(orderId, part, -1);
      parts.put(orderId, part);
      influenceBefore.put(orderId, distinct.influenceOf(orderId));
    }

    changes.forEach(Runnable::run);

    Map<String, String> customerAfter = customersOf(orders);
    Contribution total = new Contribution();
    Map<String, Set<LocalDate>> buyerDays = new TreeMap<>();
    Map<DistinctRollups.InfluenceKey, Object[]> influence =
        new TreeMap<>(DistinctRollups.INFLUENCE_ORDER);
    for (String orderId : derived) {
      if (!customerAfter.containsKey(orderId)) {
        continue; // a refund of an order not known yet: it counts when the order is paid
      }
      Derived current = derivedOf(orderId);
      Derived next = attribute(orderId, current.ruleVersion());
      if (!next.equals(current)) {
        writeDerived(orderId, next);
      }
      Contribution part = parts.get(orderId);
      orderContribution(orderId, part, 1);
      for (String customer :
          java.util.Arrays.asList(customerBefore.get(orderId), customerAfter.get(orderId))) {
        if (customer != null) {
          buyerDays.computeIfAbsent(customer, k -> new TreeSet<>()).addAll(part.sendDays());
        }
      }
      total.add(part);
      DistinctRollups.addInfluence(
          influenceBefore.get(orderId), distinct.influenceOf(orderId), influence);
    }
    classifyBuyers(classified);
    Map<String, MemberRollups.Reminder> reminders = new TreeMap<>();
    for (String orderId : customerAfter.keySet()) {
      reminders.put(orderId, remindersBefore.getOrDefault(orderId, MemberRollups.NO_REMINDER));
    }
    members.refreshReminders(reminders);
    members.applyMembers(paidBefore, members.paidOrders(buyers));
    applyRows(total);
    distinct.refreshBuyers(buyerDays);
    distinct.applyInfluence(influence);
  }

  /** The buyer of each known order (the empty id for one known only by its cancellation). */
  private Map<String, String> customersOf(Set<String> orderIds) {
    Map<String, String> customers = new TreeMap<>();
    if (!orderIds.isEmpty()) {
      jdbc.query(
          "SELECT order_id, customer_id FROM analytics_order WHERE order_id IN ("
              + MemberRollups.marks(orderIds.size())
              + ")",
          rs -> {
            customers.put(rs.getString(1), rs.getString(2));
          },
          orderIds.toArray());
    }
    return customers;
  }

  /**
   * Locks the buyers' rows in id order (making the missing ones, in id order), as {@link
   * #lockCustomer} does for one.
   */
  private void lockCustomers(Set<String> customerIds) {
    if (customerIds.isEmpty()) {
      return;
    }
    String lock =
        "SELECT customer_id FROM analytics_customer_lock WHERE customer_id IN (%s) ORDER BY"
            + " customer_id FOR UPDATE";
    Set<String> missing = new TreeSet<>(customerIds);
    missing.removeAll(
        jdbc.queryForList(
            lock.formatted(MemberRollups.marks(customerIds.size())),
            String.class,
            customerIds.toArray()));
    if (!missing.isEmpty()) {
      jdbc.batchUpdate(
          "INSERT INTO analytics_customer_lock (customer_id) VALUES (?) ON CONFLICT DO NOTHING",
          missing.stream().map(c -> new Object[] {c}).toList());
      jdbc.queryForList(
          lock.formatted(MemberRollups.marks(missing.size())), String.class, missing.toArray());
    }
  }

  @Override
  public void recordCouponIssued(CouponIssuedFact f) {
    require(f.couponCode(), "couponCode", 64);
    require(f.customerId(), "customerId", 64);
    requireNonNull(f.issuedAt(), "issuedAt");
    if (AnalyticsFacts.isTestRun(f.campaign())) {
      // a test run's coupon costs nothing in the figures, even when redeemed (R24)
      jdbc.update(
          "INSERT INTO analytics_test_coupon (coupon_code, customer_id, campaign, issued_at,"
              + " issue_day) VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
          f.couponCode(),
          f.customerId(),
          f.campaign(),
          utc(f.issuedAt()),
          shopDay(f.issuedAt()));
      return;
    }
    inTransaction(
        s -> {
          lockCustomer(f.customerId());
          int inserted =
              jdbc.update(
                  "INSERT INTO analytics_coupon (coupon_code, customer_id, process_id,"
                      + " process_version, step_id, step_name, campaign, occasion, issued_at,"
                      + " issue_day) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                  f.couponCode(),
                  f.customerId(),
                  nz(f.processId()),
                  f.processVersion(),
                  nz(f.stepId()),
                  nz(f.stepName()),
                  nz(f.campaign()),
                  nz(f.occasion()),
                  utc(f.issuedAt()),
                  shopDay(f.issuedAt()));
          if (inserted == 0) {
            return;
          }
          for (String orderId :
              jdbc.queryForList(
                  "SELECT order_id FROM analytics_order WHERE coupon_code = ? ORDER BY order_id",
                  String.class,
                  f.couponCode())) {
            changeOrder(orderId, () -> {});
          }
        });
  }

  // ---------------------------------------------------------------- recompute

  /**
   * Re-attributes every paid order under the current rule version and rebuilds all rollups: the
   * explicit, logged admin action after a rule change (R23). Returns the log row's summary.
   */
  public RecomputeResult recomputeHistory(String requestedBy, String reason) {
    require(requestedBy, "requestedBy", 100);
    require(reason, "reason", 400);
    int version = rules.current().version();
    Instant started = clock.instant();
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          var ps =
              connection.prepareStatement(
                  "INSERT INTO analytics_recompute_log (requested_by, reason, rule_version,"
                      + " started_at) VALUES (?,?,?,?)",
                  new String[] {"id"});
          ps.setString(1, requestedBy);
          ps.setString(2, reason);
          ps.setInt(3, version);
          ps.setObject(4, utc(started));
          return ps;
        },
        keys);
    long logId = keys.getKey().longValue();
    log.warn(
        "Recomputing attribution history under rule version {} (requested by {}: {})",
        version,
        requestedBy,
        reason);
    List<String> orders =
        jdbc.queryForList(
            "SELECT order_id FROM analytics_order WHERE paid_at IS NOT NULL ORDER BY order_id",
            String.class);
    long changed = 0;
    if (postgres()) {
      // one set-based statement: the definition of R23 as SQL (measured in docs/benchmarks.md)
      changed =
          jdbc.update(
              "UPDATE analytics_order o SET rule_version = ?, credited_send_id = c.send_id,"
                  + " credited_lag_seconds = CASE WHEN c.send_id IS NULL THEN NULL ELSE"
                  + " (o.paid_epoch_ms - c.sent_epoch_ms) / 1000 END FROM (SELECT o2.order_id,"
                  + " s.send_id, s.sent_epoch_ms FROM analytics_order o2 LEFT JOIN LATERAL (SELECT"
                  + " send_id, sent_epoch_ms FROM analytics_send s WHERE s.customer_id ="
                  + " o2.customer_id AND s.sent_at < o2.paid_at AND s.sent_epoch_ms >"
                  + " o2.paid_epoch_ms - ? AND s.status_rank BETWEEN 1 AND 3 ORDER BY s.sent_at"
                  + " DESC, s.send_id DESC LIMIT 1) s ON TRUE WHERE o2.paid_at IS NOT NULL) c"
                  + " WHERE c.order_id = o.order_id AND (o.rule_version IS DISTINCT FROM ? OR"
                  + " o.credited_send_id IS DISTINCT FROM c.send_id)",
              version,
              rules.window(version).toMillis(),
              version);
    }
    for (int from = 0; !postgres() && from < orders.size(); from += 1000) {
      List<String> batch = orders.subList(from, Math.min(orders.size(), from + 1000));
      Long batchChanged =
          tx.execute(
              s -> {
                long n = 0;
                for (String orderId : batch) {
                  Derived before = derivedOf(orderId);
                  Derived after = attribute(orderId, version);
                  if (!before.equals(after)) {
                    writeDerived(orderId, after);
                    n++;
                  }
                }
                return n;
              });
      changed += batchChanged == null ? 0 : batchChanged;
    }
    new RollupRebuild(jdbc, tx, rules, properties).rebuildAll();
    Instant finished = clock.instant();
    jdbc.update(
        "UPDATE analytics_recompute_log SET finished_at = ?, orders_seen = ?, orders_changed = ?"
            + " WHERE id = ?",
        utc(finished),
        orders.size(),
        changed,
        logId);
    log.warn(
        "Recomputed attribution under rule version {}: {} paid orders, {} changed, in {}",
        version,
        orders.size(),
        changed,
        Duration.between(started, finished));
    return new RecomputeResult(logId, version, orders.size(), changed, started, finished);
  }

  /** The recompute's log entry. */
  public record RecomputeResult(
      long id,
      int ruleVersion,
      long ordersSeen,
      long ordersChanged,
      Instant startedAt,
      Instant finishedAt) {}

  // ---------------------------------------------------------------- orders

  private void ensureOrder(String orderId, String customerId) {
    jdbc.update(
        "INSERT INTO analytics_order (order_id, customer_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        orderId,
        customerId);
  }

  /** The recompute's per-order path (re-derive, write, apply deltas), for the benchmark. */
  void refreshForBenchmark(String orderId) {
    refreshOrder(orderId);
  }

  /** Re-derives an order (credit, reductions, coupon) with no raw change. */
  private void refreshOrder(String orderId) {
    changeOrder(orderId, () -> {});
  }

  /** Applies a raw change to an order and adds the difference of its contribution to rollups. */
  private void changeOrder(String orderId, Runnable rawChange) {
    String customer =
        jdbc.queryForObject(
            "SELECT customer_id FROM analytics_order WHERE order_id = ?", String.class, orderId);
    Contribution delta = new Contribution(customer);
    orderContribution(orderId, delta, -1);
    Map<DistinctRollups.InfluenceKey, BigDecimal> influence = distinct.influenceOf(orderId);
    MemberRollups.Reminder reminder = members.reminderOf(orderId);
    rawChange.run();
    Derived current = derivedOf(orderId);
    Derived next = attribute(orderId, current.ruleVersion());
    if (!next.equals(current)) {
      writeDerived(orderId, next);
    }
    orderContribution(orderId, delta, 1);
    // the order's buyer may be known only now (a cancellation came before the payment)
    delta.customers.add(
        jdbc.queryForObject(
            "SELECT customer_id FROM analytics_order WHERE order_id = ?", String.class, orderId));
    apply(delta);
    distinct.applyInfluence(influence, distinct.influenceOf(orderId));
    members.refreshReminder(orderId, reminder);
  }

  /** Re-derives an order's payment reminder after a message for it changed. */
  private void refreshReminder(String orderId) {
    if (!orderId.isEmpty()) {
      members.refreshReminder(orderId, members.reminderOf(orderId));
    }
  }

  /**
   * The influence parts of the buyer's orders paid less than the longest window after an instant (a
   * message sent then may influence them), to be compared after the message changed.
   */
  private Map<String, Map<DistinctRollups.InfluenceKey, BigDecimal>> influenceAfter(
      String customerId, Instant sentAt) {
    Map<String, Map<DistinctRollups.InfluenceKey, BigDecimal>> parts = new TreeMap<>();
    for (String orderId :
        jdbc.queryForList(
            "SELECT order_id FROM analytics_order WHERE customer_id = ? AND paid_at > ? AND"
                + " paid_at < ? ORDER BY order_id",
            String.class,
            customerId,
            utc(sentAt),
            utc(sentAt.plus(rules.longestWindow())))) {
      parts.put(orderId, distinct.influenceOf(orderId));
    }
    return parts;
  }

  private void applyInfluence(Map<String, Map<DistinctRollups.InfluenceKey, BigDecimal>> before) {
    before.forEach(
        (orderId, parts) -> distinct.applyInfluence(parts, distinct.influenceOf(orderId)));
  }

  /** What an order's facts imply: its credit, reductions and coupon. */
  record Derived(
      Integer ruleVersion,
      String creditedSendId,
      Long lagSeconds,
      BigDecimal refunds,
      BigDecimal cancellation,
      boolean couponApplied) {}

  private Derived derivedOf(String orderId) {
    return jdbc.queryForObject(
        "SELECT rule_version, credited_send_id, credited_lag_seconds, refunds, cancellation,"
            + " coupon_applied FROM analytics_order WHERE order_id = ?",
        (rs, i) ->
            new Derived(
                (Integer) rs.getObject(1),
                rs.getString(2),
                rs.getObject(3) == null ? null : rs.getLong(3),
                rs.getBigDecimal(4).setScale(2, RoundingMode.HALF_UP),
                rs.getBigDecimal(5).setScale(2, RoundingMode.HALF_UP),
                rs.getBoolean(6)),
        orderId);
  }

  /**
   * R23: the latest message that can earn credit, sent to the buyer strictly before the payment and
   * less than the window before it (exactly the window is outside); ties on the instant go to the
   * greater send id. Unpaid orders have no credit and no reductions.
   */
  private Derived attribute(String orderId, Integer keepVersion) {
    record Paid(String customerId, Instant paidAt, BigDecimal paid, Instant cancelledAt) {}
    Paid o =
        jdbc.queryForObject(
            "SELECT customer_id, paid_at, paid_amount, cancelled_at, coupon_code FROM"
                + " analytics_order WHERE order_id = ?",
            (rs, i) ->
                new Paid(rs.getString(1), instant(rs, 2), rs.getBigDecimal(3), instant(rs, 4)),
            orderId);
    if (o.paidAt() == null) {
      return new Derived(
          null, null, null, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), false);
    }
    int version = keepVersion != null ? keepVersion : rules.current().version();
    Duration window = rules.window(version);
    List<Object[]> credit =
        jdbc.query(
            "SELECT send_id, sent_at FROM analytics_send WHERE customer_id = ? AND sent_at < ? AND"
                + " sent_at > ? AND status_rank BETWEEN 1 AND 3 ORDER BY sent_at DESC, send_id DESC"
                + " LIMIT 1",
            (rs, i) -> new Object[] {rs.getString(1), instant(rs, 2)},
            o.customerId(),
            utc(o.paidAt()),
            utc(o.paidAt().minus(window)));
    String sendId = credit.isEmpty() ? null : (String) credit.getFirst()[0];
    Long lag =
        credit.isEmpty()
            ? null
            : Duration.between((Instant) credit.getFirst()[1], o.paidAt()).toSeconds();
    BigDecimal refunded =
        jdbc.queryForObject(
            "SELECT COALESCE(SUM(amount), 0) FROM analytics_refund WHERE order_id = ?",
            BigDecimal.class,
            orderId);
    BigDecimal paid = o.paid().setScale(2, RoundingMode.HALF_UP);
    BigDecimal refunds = refunded.min(paid).setScale(2, RoundingMode.HALF_UP);
    BigDecimal cancellation =
        o.cancelledAt() == null ? BigDecimal.ZERO.setScale(2) : paid.subtract(refunds);
    Boolean coupon =
        jdbc.queryForObject(
            "SELECT COUNT(*) > 0 FROM analytics_coupon c JOIN analytics_order o ON o.coupon_code ="
                + " c.coupon_code WHERE o.order_id = ? AND o.coupon_code <> ''",
            Boolean.class,
            orderId);
    return new Derived(version, sendId, lag, refunds, cancellation, Boolean.TRUE.equals(coupon));
  }

  private void writeDerived(String orderId, Derived d) {
    jdbc.update(
        "UPDATE analytics_order SET rule_version = ?, credited_send_id = ?, credited_lag_seconds ="
            + " ?, refunds = ?, cancellation = ?, coupon_applied = ? WHERE order_id = ?",
        d.ruleVersion(),
        d.creditedSendId(),
        d.lagSeconds(),
        d.refunds(),
        d.cancellation(),
        d.couponApplied(),
        orderId);
  }

  /**
   * R25: an order is a new buyer's when the buyer had no earlier paid order — by the shop's word
   * ({@code priorPaidOrders = 0}) or because the stored history reaches back far enough ({@code
   * history-complete-from} at least {@code new-buyer-lookback} before the payment); otherwise, with
   * no earlier paid order, "history unknown". Any earlier paid order makes it returning.
   */
  private void classifyBuyer(String customerId) {
    classifyBuyers(Set.of(customerId));
  }

  /** {@link #classifyBuyer} for several buyers: their paid orders read in one query. */
  private void classifyBuyers(Set<String> customerIds) {
    if (customerIds.isEmpty()) {
      return;
    }
    record Row(String customerId, String orderId, Instant paidAt, Integer prior, String kind) {}
    String in = " IN (" + MemberRollups.marks(customerIds.size()) + ")";
    List<Row> paid =
        jdbc.query(
            "SELECT customer_id, order_id, paid_at, prior_paid_orders, buyer_kind FROM"
                + " analytics_order WHERE customer_id"
                + in
                + " AND paid_at IS NOT NULL ORDER BY customer_id, paid_at, order_id",
            (rs, i) ->
                new Row(
                    rs.getString(1),
                    rs.getString(2),
                    instant(rs, 3),
                    (Integer) rs.getObject(4),
                    rs.getString(5)),
            customerIds.toArray());
    Instant historyFrom =
        properties.historyCompleteFrom() == null
            ? null
            : properties.historyCompleteFrom().atStartOfDay(shopZone).toInstant();
    List<Object[]> changed = new ArrayList<>();
    for (int i = 0; i < paid.size(); i++) {
      Row r = paid.get(i);
      boolean first = i == 0 || !paid.get(i - 1).customerId().equals(r.customerId());
      String kind;
      if (!first || (r.prior() != null && r.prior() > 0)) {
        kind = "RETURNING";
      } else if (r.prior() != null
          || (historyFrom != null
              && !r.paidAt().minus(properties.newBuyerLookback()).isBefore(historyFrom))) {
        kind = "NEW";
      } else {
        kind = "UNKNOWN";
      }
      if (!kind.equals(r.kind())) {
        changed.add(new Object[] {kind, r.orderId()});
      }
    }
    if (!changed.isEmpty()) {
      jdbc.batchUpdate("UPDATE analytics_order SET buyer_kind = ? WHERE order_id = ?", changed);
    }
    // orders not (yet) paid carry no kind
    jdbc.update(
        "UPDATE analytics_order SET buyer_kind = '' WHERE customer_id"
            + in
            + " AND paid_at IS NULL AND buyer_kind <> ''",
        customerIds.toArray());
  }

  // ---------------------------------------------------------------- contributions

  record SendRow(
      String sendId,
      LocalDate day,
      List<String> dims,
      MessageStatus status,
      int rank,
      int segments,
      BigDecimal costShop) {}

  /** The rollup's dimension columns ({@link DistinctRollups#DIMS}). */
  private static final String DIMS = String.join(", ", DistinctRollups.DIMS);

  private static final int DIM_COUNT = DistinctRollups.DIMS.size();

  private SendRow loadSend(String sendId) {
    return jdbc.queryForObject(
        "SELECT send_id, send_day, "
            + DistinctRollups.factDims("")
            + ", status_rank, segments, cost_shop, status FROM analytics_send WHERE send_id = ?",
        (rs, i) ->
            new SendRow(
                rs.getString(1),
                rs.getObject(2, LocalDate.class),
                dims(rs, 3),
                storedStatus(rs.getString(6 + DIM_COUNT), sendId),
                rs.getInt(3 + DIM_COUNT),
                rs.getInt(4 + DIM_COUNT),
                rs.getBigDecimal(5 + DIM_COUNT)),
        sendId);
  }

  /**
   * @throws IllegalStateException for a stored status {@link MessageStatus} does not know, naming
   *     the value and the row
   */
  private static MessageStatus storedStatus(String stored, String sendId) {
    return MessageStatus.fromStored(stored)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "analytics_send row "
                        + sendId
                        + " has status '"
                        + stored
                        + "', which is not a MessageStatus"));
  }

  private static List<String> dims(ResultSet rs, int first) throws SQLException {
    List<String> dims = new ArrayList<>(DIM_COUNT);
    for (int c = first; c < first + DIM_COUNT; c++) {
      dims.add(rs.getString(c));
    }
    return dims;
  }

  private static void sendContribution(SendRow s, Contribution c, int sign) {
    BigDecimal[] m = c.rollup(new RollupKey(SEND, s.day(), s.dims()));
    add(m, Rollup.SENT, s.rank() > 0 ? 1 : 0, sign);
    add(m, Rollup.DELIVERED, s.rank() == 3 ? 1 : 0, sign);
    add(m, Rollup.FAILED, s.rank() == 9 ? 1 : 0, sign);
    add(m, Rollup.SKIPPED, s.rank() == 0 ? 1 : 0, sign);
    add(m, Rollup.SEGMENTS, s.segments(), sign);
    add(m, Rollup.MESSAGE_COST, s.costShop(), sign);
  }

  private void orderContribution(String orderId, Contribution c, int sign) {
    jdbc.query(
        "SELECT o.pay_day, o.rule_version, o.paid_amount, o.units, o.refunds, o.cancellation,"
            + " o.credited_lag_seconds, o.discount, s.send_id, s.send_day, "
            + DistinctRollups.factDims("s.")
            + ", cp.coupon_code, cp.issue_day, cp.process_id, cp.step_id, cp.step_name,"
            + " cp.campaign, cp.occasion, "
            + DistinctRollups.versionKey("cp.process_version")
            + " FROM analytics_order o LEFT JOIN analytics_send s ON"
            + " s.send_id = o.credited_send_id LEFT JOIN analytics_coupon cp ON cp.coupon_code ="
            + " o.coupon_code AND o.coupon_applied WHERE o.order_id = ? AND o.paid_at IS NOT NULL",
        rs -> {
          LocalDate payDay = rs.getObject(1, LocalDate.class);
          int version = rs.getInt(2);
          BigDecimal paid = rs.getBigDecimal(3);
          long units = rs.getLong(4);
          BigDecimal refunds = rs.getBigDecimal(5);
          BigDecimal cancellation = rs.getBigDecimal(6);
          BigDecimal reduction = refunds.add(cancellation);
          boolean credited = rs.getString(9) != null;
          BigDecimal[] shop = c.shop(new ShopKey(payDay, version));
          add(shop, ShopDay.PAID_ORDERS, 1, sign);
          add(shop, ShopDay.PAID_UNITS, units, sign);
          add(shop, ShopDay.PAID_GMV, paid, sign);
          add(shop, ShopDay.REFUNDS, refunds, sign);
          add(shop, ShopDay.CANCELLATIONS, cancellation, sign);
          if (credited) {
            add(shop, ShopDay.CREDITED_ORDERS, 1, sign);
            add(shop, ShopDay.CREDITED_GMV, paid, sign);
            add(shop, ShopDay.CREDITED_REDUCTION, reduction, sign);
            List<String> dims = dims(rs, 11);
            int bucket = Rollup.decayColumn(rs.getLong(7));
            for (RollupKey key :
                List.of(
                    new RollupKey(SEND, rs.getObject(10, LocalDate.class), dims),
                    new RollupKey(PAY, payDay, dims))) {
              BigDecimal[] m = c.rollup(key);
              add(m, Rollup.CREDITED_ORDERS, 1, sign);
              add(m, Rollup.CREDITED_UNITS, units, sign);
              add(m, Rollup.CREDITED_GMV, paid, sign);
              add(m, Rollup.CREDITED_REDUCTION, reduction, sign);
              add(m, bucket, 1, sign);
            }
          }
          int cp = 11 + DIM_COUNT; // the coupon's columns
          if (rs.getString(cp) != null) {
            List<String> dims =
                List.of(
                    rs.getString(cp + 2),
                    rs.getString(cp + 3),
                    rs.getString(cp + 4),
                    rs.getString(cp + 5),
                    rs.getString(cp + 6),
                    "",
                    "",
                    "",
                    rs.getString(cp + 7));
            BigDecimal discount = rs.getBigDecimal(8);
            add(
                c.rollup(new RollupKey(SEND, rs.getObject(cp + 1, LocalDate.class), dims)),
                Rollup.COUPON_COST,
                discount,
                sign);
            add(c.rollup(new RollupKey(PAY, payDay, dims)), Rollup.COUPON_COST, discount, sign);
          }
        },
        orderId);
  }

  private static void add(BigDecimal[] m, int column, long value, int sign) {
    m[column] = m[column].add(BigDecimal.valueOf(value * sign));
  }

  private static void add(BigDecimal[] m, int column, BigDecimal value, int sign) {
    if (value != null) {
      m[column] = m[column].add(sign < 0 ? value.negate() : value);
    }
  }

  /** A rollup row's key: basis, shop day and the eight dimensions (absent = ''). */
  record RollupKey(String basis, LocalDate day, List<String> dims) {}

  record ShopKey(LocalDate day, int ruleVersion) {}

  /** Differences to add to rollup rows, in a fixed order (no deadlocks between buyers). */
  static final class Contribution {
    static final Comparator<RollupKey> ROLLUP_ORDER =
        Comparator.comparing(RollupKey::basis)
            .thenComparing(RollupKey::day)
            .thenComparing(k -> String.join("\u0000", k.dims()));
    final Map<RollupKey, BigDecimal[]> rollup = new TreeMap<>(ROLLUP_ORDER);
    final Map<ShopKey, BigDecimal[]> shop =
        new TreeMap<>(Comparator.comparing(ShopKey::day).thenComparingInt(ShopKey::ruleVersion));

    /** The buyers whose facts these are: their bits in the send days' buyer sets are refreshed. */
    final java.util.Set<String> customers = new java.util.TreeSet<>();

    Contribution(String customer) {
      customers.add(customer);
    }

    /** Differences of no buyer's facts yet (a batch's, or one order's in a batch). */
    Contribution() {}

    /** Adds another contribution's differences to these. */
    void add(Contribution other) {
      other.rollup.forEach((k, m) -> sum(rollup(k), m));
      other.shop.forEach((k, m) -> sum(shop(k), m));
      customers.addAll(other.customers);
    }

    private static void sum(BigDecimal[] into, BigDecimal[] m) {
      for (int i = 0; i < m.length; i++) {
        into[i] = into[i].add(m[i]);
      }
    }

    /** The send days these differences touch: the buyers' bits there are refreshed. */
    java.util.Set<LocalDate> sendDays() {
      java.util.Set<LocalDate> days = new java.util.TreeSet<>();
      rollup.keySet().stream().filter(k -> k.basis().equals(SEND)).forEach(k -> days.add(k.day()));
      return days;
    }

    BigDecimal[] rollup(RollupKey key) {
      return rollup.computeIfAbsent(key, k -> zeros(Rollup.COLUMNS.size()));
    }

    BigDecimal[] shop(ShopKey key) {
      return shop.computeIfAbsent(key, k -> zeros(ShopDay.COLUMNS.size()));
    }

    private static BigDecimal[] zeros(int n) {
      BigDecimal[] m = new BigDecimal[n];
      java.util.Arrays.fill(m, BigDecimal.ZERO);
      return m;
    }
  }

  private void apply(Contribution c) {
    applyRows(c);
    java.util.Set<LocalDate> days = c.sendDays();
    Map<String, java.util.Set<LocalDate>> buyers = new TreeMap<>();
    c.customers.forEach(customer -> buyers.put(customer, days));
    distinct.refreshBuyers(buyers);
  }

  /** Adds the differences to the rollup and shop-day rows, one update per row, in key order. */
  private void applyRows(Contribution c) {
    c.rollup.forEach(
        (key, m) -> {
          if (allZero(m)) {
            return;
          }
          List<Object> keyArgs = new ArrayList<>(10);
          keyArgs.add(key.basis());
          keyArgs.add(key.day());
          keyArgs.addAll(key.dims());
          jdbc.update(
              "INSERT INTO analytics_rollup (basis, shop_day, "
                  + DIMS
                  + ") VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
              keyArgs.toArray());
          List<Object> args = new ArrayList<>(List.of((Object[]) m));
          args.addAll(keyArgs);
          jdbc.update(Rollup.UPDATE, args.toArray());
        });
    c.shop.forEach(
        (key, m) -> {
          if (allZero(m)) {
            return;
          }
          jdbc.update(
              "INSERT INTO analytics_shop_day (shop_day, rule_version) VALUES (?,?) ON CONFLICT DO"
                  + " NOTHING",
              key.day(),
              key.ruleVersion());
          List<Object> args = new ArrayList<>(List.of((Object[]) m));
          args.add(key.day());
          args.add(key.ruleVersion());
          jdbc.update(ShopDay.UPDATE, args.toArray());
        });
  }

  private static boolean allZero(BigDecimal[] m) {
    for (BigDecimal v : m) {
      if (v.signum() != 0) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- helpers

  private Boolean postgres;

  private boolean postgres() {
    if (postgres == null) {
      postgres =
          jdbc.execute(
              (java.sql.Connection c) ->
                  c.getMetaData()
                      .getDatabaseProductName()
                      .toLowerCase(Locale.ROOT)
                      .contains("postgres"));
    }
    return postgres;
  }

  /**
   * Runs a fact's work in one transaction, again (up to 3 times) when the database chose it as a
   * deadlock victim: two buyers' facts can meet on the same rollup rows in different orders.
   */
  private <T> T inTransaction(org.springframework.transaction.support.TransactionCallback<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tx.execute(work);
      } catch (org.springframework.dao.PessimisticLockingFailureException e) {
        if (attempt >= 3
            || org.springframework.transaction.support.TransactionSynchronizationManager
                .isActualTransactionActive()) {
          throw e;
        }
        log.info("Analytics fact retried after a lock conflict: {}", e.getMessage());
      }
    }
  }

  private void inTransaction(java.util.function.Consumer<Object> work) {
    inTransaction(
        status -> {
          work.accept(status);
          return null;
        });
  }

  /**
   * Locks the buyer's row (made on the buyer's first fact) and returns the buyer's dense number
   * ({@code analytics_customer_lock.buyer_no}: what the buyer bitmaps hold).
   */
  private int lockCustomer(String customerId) {
    String lock = "SELECT buyer_no FROM analytics_customer_lock WHERE customer_id = ? FOR UPDATE";
    List<Integer> number = jdbc.queryForList(lock, Integer.class, customerId);
    if (number.isEmpty()) {
      // a new buyer: its row (and dense buyer number) is made once, not on every fact
      jdbc.update(
          "INSERT INTO analytics_customer_lock (customer_id) VALUES (?) ON CONFLICT DO NOTHING",
          customerId);
      number = jdbc.queryForList(lock, Integer.class, customerId);
    }
    return number.getFirst();
  }

  /** Locks the buyer of an order; null when the order is not known yet. */
  private String lockOrderCustomer(String orderId) {
    List<String> customer =
        jdbc.queryForList(
            "SELECT customer_id FROM analytics_order WHERE order_id = ?", String.class, orderId);
    if (customer.isEmpty()) {
      return null;
    }
    lockCustomer(customer.getFirst());
    return customer.getFirst();
  }

  LocalDate shopDay(Instant at) {
    return LocalDate.ofInstant(at, shopZone);
  }

  private BigDecimal toShopCurrency(BigDecimal amount, String currency, String what) {
    if (amount == null) {
      return BigDecimal.ZERO;
    }
    if (currency == null || currency.equalsIgnoreCase(properties.currency())) {
      return amount;
    }
    BigDecimal rate = properties.exchangeRates().get(currency.toUpperCase(Locale.ROOT));
    if (rate == null) {
      throw new IllegalArgumentException(
          what
              + " in "
              + currency
              + " but careflow.analytics.exchange-rates has no rate to "
              + properties.currency());
    }
    return amount.multiply(rate).setScale(5, RoundingMode.HALF_UP);
  }

  static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static void require(String value, String name, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(name + " is longer than " + maxLength + " characters");
    }
  }

  private static void requireNonNull(Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
