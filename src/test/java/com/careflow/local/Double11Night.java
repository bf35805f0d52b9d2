package com.careflow.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A realistic Double 11 day of shop events (see {@code docs/events.md}, "Simulator"), generated
 * deterministically from a seed: the same settings always give the same events.
 *
 * <p>Shares follow the seller articles behind {@code DOMAIN.md}: about a third of the orders unpaid
 * at first (some pay after the reminder, the rest are closed), about one order in ten of 1000 CNY
 * or more (R3), late shipments and logistics exceptions (R8), out-of-stock orders (R9), bad reviews
 * (R13) and abandoned carts (R18). Order times follow the peaks of rule R4: 0–2, 9–12 and 20–24 h,
 * little at 2–9 h, weak at 17–19 h.
 *
 * <p>Returning buyers (R25): a share of the night's buyers, more of the big spenders than of the
 * others, bought before — one or two orders placed, paid, shipped and delivered 45–105 days before
 * the sale day, as the shop's events of those days, so the journey's returning buyers (R1, R2) are
 * the ones with an earlier paid order and the dashboard's Members page has both kinds in about the
 * seeds' shape (about half of the buyers new, returning buyers most of the GMV). Those earlier
 * orders lie before the dashboard's Double 11 window and inside the history the development stack
 * counts as complete ({@code careflow.analytics.history-complete-from}).
 */
public final class Double11Night {

  /** What the generated events show; the counts a run reports. */
  public enum Kind {
    CUSTOMER,
    ORDER,
    PAID_AT_ONCE,
    PAID_AFTER_REMINDER,
    CLOSED_UNPAID,
    LARGE_ORDER,
    SHIPPED_ON_TIME,
    SHIPPED_LATE,
    LOGISTICS_EXCEPTION,
    OUT_OF_STOCK,
    DELIVERED,
    GOOD_REVIEW,
    BAD_REVIEW,
    CART_ABANDONED,
    CART_ORDERED,
    /**
     * A later order of the night on which the buyer redeemed the shop's own coupon {@link
     * Double11Night#COUPON_CODE}: not one Careflow issued, so no step's cost (R24); Careflow's
     * coupons are redeemed on the {@link Visit}s.
     */
    COUPON_REDEEMED,
    /**
     * A paid order the buyer cancelled before it was shipped ({@code OrderCancelled}, reason {@code
     * buyer}): net GMV's cancellations.
     */
    CANCELLED_AFTER_PAYMENT,
    /** A buyer's return visit, planned; it becomes an order only with a coupon to redeem. */
    COUPON_VISIT,
    /** Part of a delivered order refunded (one line returned). */
    REFUNDED_PARTIAL,
    /** The whole paid amount refunded (out of stock, or a delivered order sent back). */
    REFUNDED_FULL,
    /** A buyer of the night who bought before it (R25 returning): has {@link #EARLIER_ORDER}s. */
    RETURNING_BUYER,
    /** A paid and delivered order of a returning buyer, 45–105 days before the sale day (R25). */
    EARLIER_ORDER,
    /**
     * With a {@link ReminderEffect}: an order unpaid at first whose buyer the payment reminder's
     * holdout leaves un-reminded (#18).
     */
    UNPAID_HELD_OUT,
    /** With a {@link ReminderEffect}: such a held-out order that was paid all the same. */
    PAID_HELD_OUT
  }

  /**
   * The night's knobs beyond size and seed.
   *
   * @param unpaidShare share of orders not paid at once (0–1; 0.34 by default, the seller articles'
   *     "about a third")
   * @param reminderEffect the payment reminder's known effect (#18), or null for the default night
   *     (a bit under half of the unpaid orders pay after the reminder)
   * @param heldOut which buyers the payment reminder's holdout leaves un-reminded (customer id to
   *     true); the simulator plays buyers who know whether they got the reminder, and the group is
   *     the deterministic hash the engine also uses ({@code ExperimentAssigner}), so the plan can
   *     say it in advance
   */
  public record Settings(
      double unpaidShare, ReminderEffect reminderEffect, Predicate<String> heldOut) {

    /** The default night: a third unpaid at first, no experiment. */
    public static final Settings DEFAULT = new Settings(DEFAULT_UNPAID_SHARE, null, c -> false);

    public Settings {
      if (!(unpaidShare >= 0 && unpaidShare <= 1)) {
        throw new IllegalArgumentException("unpaidShare must be 0..1, was " + unpaidShare);
      }
      heldOut = heldOut == null ? c -> false : heldOut;
    }
  }

  /**
   * Chance that a buyer of the night bought before it, for the smallest and the largest spender of
   * the night (by paid amount; linear in between): on average about 47 % of the buyers, who bring
   * about 60 % of the GMV (R25, the seeds' shop: new 52.97 % of buyers, returning 59.61 % of GMV).
   */
  static final double RETURNING_CHANCE_LOW = 0.2;

  static final double RETURNING_CHANCE_HIGH = 0.75;

  /** The earlier orders of a returning buyer lie this many days (and up to 60 more) before. */
  static final int EARLIER_ORDERS_FROM_DAYS = 45;

  /** Share of orders not paid at once in the default night. */
  public static final double DEFAULT_UNPAID_SHARE = 0.34;

  /** The coupon a returning buyer of the night redeems on a later order, and its discount. */
  static final String COUPON_CODE = "D11-RETURN-20";

  static final BigDecimal COUPON_DISCOUNT = new BigDecimal("20.00");

  /** Share of the paid orders (not out of stock) the buyer cancels before shipment. */
  static final double CANCEL_SHARE = 0.05;

  /**
   * Share of the coupons Careflow issued (apologies, cart recovery, campaign offers) that their
   * buyer redeems on a later order: each coupon's own draw ({@link #redeems}).
   */
  public static final double CAREFLOW_COUPON_REDEEM_SHARE = 0.4;

  /** A coupon is redeemed on a visit this long after it was issued, or later (the SMS read). */
  static final Duration COUPON_READ_DELAY = Duration.ofHours(2);

  /** Return visits: one a day per customer on the sale day and this many days after it. */
  static final int VISIT_DAYS_AFTER = 6;

  /** One record to publish. */
  public record Event(Instant at, String topic, String key, String value) {}

  /**
   * A customer's planned return to the shop (R24): an order placed at {@code at}, which happens
   * only when the buyer then holds a coupon Careflow issued and redeems it ({@link #redemption});
   * the simulator asks the coupons module when the visit comes, so the night's {@link
   * Plan#events()} hold none of these. Its events ({@link #events(Visit, Redemption)}: placed,
   * paid, shipped, delivered) are written only for a visit that happens, from its own {@code
   * draws}.
   *
   * @param amount the order's amount before a discount, in CNY
   * @param draws the seed of the visit's own draws (its lines, times, carrier)
   * @param until the visit's events dated from this instant on are left out ({@link Plan#until})
   */
  public record Visit(
      String orderId, String customerId, Instant at, BigDecimal amount, long draws, Instant until) {

    /** The visit with its events dated from {@code end} on left out. */
    Visit until(Instant end) {
      return new Visit(orderId, customerId, at, amount, draws, end.isBefore(until) ? end : until);
    }
  }

  /**
   * A coupon redeemed on a visit's order.
   *
   * @param discount the coupon's discount on the order, in CNY
   */
  public record Redemption(String couponCode, BigDecimal discount) {}

  /**
   * The events of a night in time order and how many of each kind were planned.
   *
   * @param counts the planned kinds of the whole night, also when {@link #until} left a tail out
   * @param visits the customers' planned return visits, in time order ({@link Visit})
   */
  public record Plan(List<Event> events, Map<Kind, Integer> counts, List<Visit> visits) {

    /**
     * The events and visits dated before {@code end} (exclusive), with the whole night's counts.
     */
    public Plan until(Instant end) {
      return new Plan(
          events.stream().filter(e -> e.at().isBefore(end)).toList(),
          counts,
          visits.stream().filter(v -> v.at().isBefore(end)).map(v -> v.until(end)).toList());
    }
  }

  /** Relative weight of an order in each hour of the day (rule R4). */
  static final double[] HOUR_WEIGHTS = {
    30,
    14,
    3,
    1,
    1,
    1,
    1,
    1,
    2, // 0-1 the midnight rush, 2-9 asleep
    8,
    10,
    10,
    5,
    4,
    4,
    4,
    4, // 9-12 morning peak, afternoon steady
    2,
    2,
    4, // 17-19 weak
    10,
    12,
    14,
    12 // 20-24 evening peak
  };

  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final BigDecimal LARGE = new BigDecimal("1000");

  private record Product(String sku, String title, BigDecimal price) {}

  private static final List<Product> CATALOG =
      List.of(
          new Product("tea-longjing-250g", "Longjing tea 250 g", new BigDecimal("199.00")),
          new Product("tea-puer-357g", "Pu'er cake 357 g", new BigDecimal("268.00")),
          new Product("tea-jasmine-100g", "Jasmine tea 100 g", new BigDecimal("59.00")),
          new Product("cup-glass", "Glass tea cup", new BigDecimal("39.00")),
          new Product("tea-sampler", "Tea sampler", new BigDecimal("99.00")),
          new Product("kettle-electric", "Electric kettle", new BigDecimal("329.00")));
  private static final List<Product> PREMIUM =
      List.of(
          new Product("teapot-yixing", "Yixing teapot", new BigDecimal("1288.00")),
          new Product("tea-giftbox-da-hong-pao", "Da Hong Pao gift box", new BigDecimal("1680.00")),
          new Product("tea-table-set", "Tea table set", new BigDecimal("2399.00")));
  private static final String[] SURNAMES = {
    "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"
  };
  private static final String[] GIVEN = {
    "Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jun", "Ting", "Hao", "Xin"
  };
  private static final String[] CARRIERS = {
    "SF Express", "ZTO Express", "YTO Express", "JD Logistics"
  };

  private final ObjectMapper json = JsonMapper.builder().build();
  private Settings settings = Settings.DEFAULT;
  private SplittableRandom reminderDraws;
  private final String ordersTopic;
  private final String cartsTopic;
  private final String customersTopic;

  public Double11Night(String ordersTopic, String cartsTopic, String customersTopic) {
    this.ordersTopic = ordersTopic;
    this.cartsTopic = cartsTopic;
    this.customersTopic = customersTopic;
  }

  /**
   * @param customers buyers (each gets a profile; some of them order)
   * @param orders orders placed during the day
   * @param seed same seed, same events
   * @param dayStart midnight (Asia/Shanghai) the sale day starts
   */
  public Plan generate(int customers, int orders, long seed, Instant dayStart) {
    return generate(customers, orders, seed, dayStart, Settings.DEFAULT);
  }

  /**
   * As {@link #generate(int, int, long, Instant)}, with the night's {@link Settings}: with a {@link
   * ReminderEffect}, an order unpaid at first is paid (some hours after its reminder, real or
   * virtual) with probability p when its buyer is held out and p + Δ when reminded, drawn from the
   * effect's own seeded sequence; else it is closed unpaid.
   */
  public Plan generate(int customers, int orders, long seed, Instant dayStart, Settings settings) {
    if (customers < 1 || orders < 0) {
      throw new IllegalArgumentException("need at least one customer and no negative order count");
    }
    var random = new Random(seed);
    // the analytics effects (coupons, refunds) draw from their own sequence, so adding them left
    // every other event of a seed as it was
    var effects = new Random(seed * 31 + 11);
    // so do the buyers' cancellations after payment: the events of a seed before them stay
    var cancels = new Random(seed * 31 + 23);
    this.settings = settings;
    this.reminderDraws =
        settings.reminderEffect() == null ? null : settings.reminderEffect().random();
    var events = new ArrayList<Event>();
    var counts = new EnumMap<Kind, Integer>(Kind.class);
    for (Kind kind : Kind.values()) {
      counts.put(kind, 0);
    }
    String run = Long.toString(Math.abs(seed), 36);
    String[] customerIds = new String[customers];
    // a profile is published once it is known whether the buyer bought before the night: then it
    // comes the same 1–72 h before their first earlier order instead
    var profiles = new ArrayList<Map<String, Object>>();
    var profileLead = new Duration[customers];
    for (int i = 0; i < customers; i++) {
      customerIds[i] = "sim-" + run + "-c" + (i + 1);
      profileLead[i] = Duration.ofHours(1 + random.nextInt(72));
      var e = new LinkedHashMap<String, Object>();
      profiles.add(e);
      e.put("customerId", customerIds[i]);
      e.put(
          "name",
          SURNAMES[random.nextInt(SURNAMES.length)] + " " + GIVEN[random.nextInt(GIVEN.length)]);
      e.put("phone", "+86138" + String.format("%08d", random.nextInt(100_000_000)));
      boolean english = random.nextDouble() < 0.15;
      e.put("locale", english ? "en" : "zh-CN");
      e.put("timeZone", english && random.nextBoolean() ? "Europe/London" : "Asia/Shanghai");
      e.put("marketingConsent", random.nextDouble() < 0.7);
      count(counts, Kind.CUSTOMER);
    }
    var ordered = new boolean[customers];
    var nightPaid = new BigDecimal[customers];
    java.util.Arrays.fill(nightPaid, BigDecimal.ZERO);
    for (int n = 1; n <= orders; n++) {
      int c = random.nextInt(customers);
      boolean later = ordered[c];
      ordered[c] = true;
      BigDecimal paid =
          order(
              events,
              counts,
              random,
              effects,
              cancels,
              later,
              run + "-o" + n,
              customerIds[c],
              dayStart.plus(orderTime(random)));
      nightPaid[c] = nightPaid[c].add(paid);
    }
    // carts: a quarter of the buyers fill a cart the evening before; most who order clear it, the
    // rest abandon it
    for (int c = 0; c < customers; c++) {
      if (random.nextDouble() >= 0.25) {
        continue;
      }
      Instant at = dayStart.minus(Duration.ofMinutes(30 + random.nextInt(240)));
      Product p = CATALOG.get(random.nextInt(CATALOG.size()));
      int quantity = 1 + random.nextInt(2);
      var e = base("CartUpdated", customerIds[c] + "-cart", at);
      e.put("customerId", customerIds[c]);
      e.put("items", List.of(item(p, quantity)));
      e.put("cartValue", p.price().multiply(BigDecimal.valueOf(quantity)));
      add(events, cartsTopic, customerIds[c], at, e);
      if (ordered[c]
          && random.nextDouble() < 0.6) { // bought it with the order; else the cart stays abandoned
        Instant cleared = dayStart.plus(Duration.ofMinutes(random.nextInt(120)));
        var clear = base("CartCleared", customerIds[c] + "-cart-cleared", cleared);
        clear.put("customerId", customerIds[c]);
        add(events, cartsTopic, customerIds[c], cleared, clear);
        count(counts, Kind.CART_ORDERED);
      } else {
        count(counts, Kind.CART_ABANDONED);
      }
    }
    // the buyers who bought before the night draw from their own sequence, so every event of the
    // night itself stays as it was for a seed
    Instant[] firstEarlier =
        earlierOrders(
            events, counts, new Random(seed * 31 + 17), run, customerIds, nightPaid, dayStart);
    for (int i = 0; i < customers; i++) {
      Instant at = (firstEarlier[i] != null ? firstEarlier[i] : dayStart).minus(profileLead[i]);
      var e = base("CustomerUpserted", customerIds[i] + "-profile", at);
      e.putAll(profiles.get(i));
      add(events, customersTopic, customerIds[i], at, e);
    }
    events.sort(EVENT_ORDER);
    // the return visits, from a fifth sequence of the seed: nothing above changed with them; none
    // with a known reminder effect (#18), whose buyers pay exactly as that effect says
    var visits =
        settings.reminderEffect() == null
            ? visits(new Random(seed * 31 + 29), run, customerIds, dayStart)
            : List.<Visit>of();
    counts.put(Kind.COUPON_VISIT, visits.size());
    return new Plan(List.copyOf(events), Map.copyOf(counts), visits);
  }

  /** Events in time order, then by topic and key (the order they are published in). */
  public static final Comparator<Event> EVENT_ORDER =
      Comparator.comparing(Event::at).thenComparing(Event::topic).thenComparing(Event::key);

  /**
   * R24: each customer's return visits, one a day on the sale day and the {@link #VISIT_DAYS_AFTER}
   * days after it, at an R4 hour: an order of one to three lines placed, paid 30 s–15 min later,
   * shipped 4–30 h and delivered 30–70 h after that. Which of them happen is decided when they come
   * ({@link #redemption}).
   */
  private List<Visit> visits(Random r, String run, String[] customerIds, Instant dayStart) {
    var visits = new ArrayList<Visit>();
    for (int c = 0; c < customerIds.length; c++) {
      for (int d = 0; d <= VISIT_DAYS_AFTER; d++) {
        Instant at = dayStart.plus(Duration.ofDays(d)).plus(orderTime(r));
        long draws = r.nextLong();
        BigDecimal amount = amount(visitItems(new Random(draws)));
        visits.add(
            new Visit(
                "sim-" + run + "-c" + (c + 1) + "-visit" + (d + 1),
                customerIds[c],
                at,
                amount,
                draws,
                Instant.MAX));
      }
    }
    visits.sort(Comparator.comparing(Visit::at).thenComparing(Visit::orderId));
    return List.copyOf(visits);
  }

  /** A visit's order lines: one to three of the catalogue, drawn first from its draws. */
  private static List<Map<String, Object>> visitItems(Random r) {
    var items = new ArrayList<Map<String, Object>>();
    int lines = 1 + r.nextInt(3);
    for (int i = 0; i < lines; i++) {
      Product p = CATALOG.get(r.nextInt(CATALOG.size()));
      int quantity = 1 + (r.nextDouble() < 0.3 ? r.nextInt(3) : 0);
      items.add(item(p, quantity));
    }
    return items;
  }

  private static BigDecimal amount(List<Map<String, Object>> items) {
    BigDecimal amount = BigDecimal.ZERO;
    for (var item : items) {
      amount =
          amount.add(
              ((BigDecimal) item.get("price"))
                  .multiply(BigDecimal.valueOf((Integer) item.get("quantity"))));
    }
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * The events of a visit that happens, in time order, those from its {@link Visit#until} on left
   * out: {@code OrderPlaced} at its time; {@code OrderPaid} 30 s–15 min later with the coupon's
   * {@code couponCode} and {@code discountAmount} and the amount that much less (docs/events.md);
   * {@code OrderShipped} 4–30 h and {@code OrderDelivered} 30–70 h after that.
   */
  public List<Event> events(Visit visit, Redemption coupon) {
    var r = new Random(visit.draws());
    var items = visitItems(r);
    String o = visit.orderId();
    var own = new ArrayList<Event>();
    var placed = base("OrderPlaced", o + "-placed", visit.at());
    placed.put("orderId", o);
    placed.put("customerId", visit.customerId());
    placed.put("amount", visit.amount());
    placed.put("currency", "CNY");
    placed.put("items", items);
    placed.put("payBefore", offset(visit.at().plus(Duration.ofHours(24))));
    add(own, ordersTopic, o, visit.at(), placed);
    Instant paidAt = visit.at().plus(Duration.ofSeconds(30 + r.nextInt(870)));
    var paid = base("OrderPaid", o + "-paid", paidAt);
    paid.put("orderId", o);
    paid.put("customerId", visit.customerId());
    paid.put(
        "amount", visit.amount().subtract(coupon.discount()).setScale(2, RoundingMode.HALF_UP));
    paid.put("currency", "CNY");
    paid.put("couponCode", coupon.couponCode());
    paid.put("discountAmount", coupon.discount());
    add(own, ordersTopic, o, paidAt, paid);
    shipAndDeliver(own, r, o, paidAt, 40);
    return own.stream().filter(e -> e.at().isBefore(visit.until())).toList();
  }

  /**
   * Whether the buyer redeems this coupon Careflow issued them, when they have the chance: a draw
   * of its own, from the seed and what identifies the coupon across runs (buyer, order, issuing
   * journey and step; not its random code), true with {@link #CAREFLOW_COUPON_REDEEM_SHARE}.
   */
  public static boolean redeems(
      long seed, String customerId, String orderId, String processId, String stepId) {
    String key = customerId + "|" + orderId + "|" + processId + "|" + stepId;
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + key.hashCode()).nextDouble()
        < CAREFLOW_COUPON_REDEEM_SHARE;
  }

  /**
   * The coupon Careflow issued that the buyer redeems on the visit's order, if any: of the buyer's
   * coupons ({@code held}, oldest first, as the coupons module's {@code IssuedCoupons} lists them),
   * the oldest one issued at least {@link #COUPON_READ_DELAY} before the visit, not expired when
   * the order is paid, not redeemed (in the store or on an earlier visit: {@code used}), whose
   * minimum spend the order reaches and whose own draw ({@link #redeems}) says yes. Its discount: a
   * FIXED coupon's value, a PERCENT coupon's share of the amount (to the fen, half up), never the
   * whole amount.
   */
  public static java.util.Optional<Redemption> redemption(
      long seed, Visit visit, List<com.careflow.coupons.Coupon> held, java.util.Set<String> used) {
    Instant paidAt = visit.at().plus(Duration.ofMinutes(15)); // paid within 15 min of placing
    for (var c : held) {
      if (c.redeemed()
          || used.contains(c.code())
          || c.issuedAt().plus(COUPON_READ_DELAY).isAfter(visit.at())
          || !c.expiresAt().isAfter(paidAt)
          || visit.amount().compareTo(c.minimumSpend()) < 0
          || !redeems(
              seed,
              c.customerId(),
              c.orderId(),
              c.issuedBy().processId(),
              c.issuedBy().elementId())) {
        continue;
      }
      BigDecimal discount =
          c.kind() == com.careflow.coupons.Coupon.Kind.PERCENT
              ? visit
                  .amount()
                  .multiply(c.value())
                  .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP)
              : c.value().setScale(2, RoundingMode.HALF_UP);
      if (discount.signum() <= 0 || discount.compareTo(visit.amount()) >= 0) {
        continue;
      }
      return java.util.Optional.of(new Redemption(c.code(), discount));
    }
    return java.util.Optional.empty();
  }

  /** A time of day drawn from the R4 hour weights. */
  static Duration orderTime(Random random) {
    double total = 0;
    for (double w : HOUR_WEIGHTS) {
      total += w;
    }
    double pick = random.nextDouble() * total;
    int hour = 0;
    while (pick >= HOUR_WEIGHTS[hour] && hour < 23) {
      pick -= HOUR_WEIGHTS[hour];
      hour++;
    }
    return Duration.ofHours(hour).plusSeconds(random.nextInt(3600));
  }

  /** One order of the night; returns the amount paid for it (zero when it was never paid). */
  private BigDecimal order(
      List<Event> events,
      Map<Kind, Integer> counts,
      Random random,
      Random effects,
      Random cancels,
      boolean laterOrder,
      String orderId,
      String customerId,
      Instant placedAt) {
    String o = "sim-" + orderId;
    var items = new ArrayList<Map<String, Object>>();
    BigDecimal amount = BigDecimal.ZERO;
    int units = 0;
    boolean large = random.nextDouble() < 0.1;
    if (large) {
      Product p = PREMIUM.get(random.nextInt(PREMIUM.size()));
      items.add(item(p, 1));
      amount = amount.add(p.price());
      units++;
      count(counts, Kind.LARGE_ORDER);
    }
    int lines = 1 + random.nextInt(3);
    for (int i = 0; i < lines; i++) {
      Product p = CATALOG.get(random.nextInt(CATALOG.size()));
      int quantity = 1 + (random.nextDouble() < 0.3 ? random.nextInt(3) : 0);
      items.add(item(p, quantity));
      amount = amount.add(p.price().multiply(BigDecimal.valueOf(quantity)));
      units += quantity;
    }
    var placed = base("OrderPlaced", o + "-placed", placedAt);
    placed.put("orderId", o);
    placed.put("customerId", customerId);
    placed.put("amount", amount.setScale(2, RoundingMode.HALF_UP));
    placed.put("currency", "CNY");
    placed.put("items", items);
    placed.put("promotion", "double11");
    Instant payBefore = placedAt.plus(Duration.ofHours(24));
    placed.put("payBefore", offset(payBefore));
    add(events, ordersTopic, o, placedAt, placed);
    count(counts, Kind.ORDER);

    // about a third unpaid at first; of those, a bit under half pay after the reminder (R1, R2);
    // with a known reminder effect (#18), p unreminded and p + delta reminded
    Instant paidAt;
    double payment = random.nextDouble();
    BigDecimal unpaid = BigDecimal.valueOf(settings.unpaidShare());
    double paidAtOnce = BigDecimal.ONE.subtract(unpaid).doubleValue();
    boolean paysAfterReminder;
    if (payment < paidAtOnce) {
      paysAfterReminder = false;
    } else if (settings.reminderEffect() != null) {
      boolean heldOut = settings.heldOut().test(customerId);
      paysAfterReminder = settings.reminderEffect().pays(!heldOut, reminderDraws);
      if (heldOut) {
        count(counts, Kind.UNPAID_HELD_OUT);
        if (paysAfterReminder) {
          count(counts, Kind.PAID_HELD_OUT);
        }
      }
    } else {
      // the default night: 15 of the 34 in 100 unpaid orders pay after the reminder
      paysAfterReminder =
          payment
              < BigDecimal.ONE
                  .subtract(unpaid)
                  .add(
                      unpaid
                          .multiply(BigDecimal.valueOf(15))
                          .divide(BigDecimal.valueOf(34), 16, RoundingMode.HALF_UP))
                  .doubleValue();
    }
    if (payment < paidAtOnce) {
      paidAt = placedAt.plus(Duration.ofSeconds(30 + random.nextInt(900)));
      count(counts, Kind.PAID_AT_ONCE);
    } else if (paysAfterReminder) {
      paidAt = placedAt.plus(Duration.ofMinutes(195 + random.nextInt(180)));
      paidAt = afterQuietHours(paidAt, effects);
      count(counts, Kind.PAID_AFTER_REMINDER);
    } else {
      var cancelled = base("OrderCancelled", o + "-cancelled", payBefore);
      cancelled.put("orderId", o);
      cancelled.put("reason", "unpaid-timeout");
      add(events, ordersTopic, o, payBefore, cancelled);
      count(counts, Kind.CLOSED_UNPAID);
      return BigDecimal.ZERO;
    }
    var paid = base("OrderPaid", o + "-paid", paidAt);
    paid.put("orderId", o);
    paid.put("customerId", customerId);
    // a buyer's later order of the night: half of them redeem the returning-buyer coupon
    boolean coupon = laterOrder && effects.nextBoolean() && amount.compareTo(COUPON_DISCOUNT) > 0;
    BigDecimal paidAmount = coupon ? amount.subtract(COUPON_DISCOUNT) : amount;
    paid.put("amount", paidAmount.setScale(2, RoundingMode.HALF_UP));
    paid.put("currency", "CNY");
    if (coupon) {
      paid.put("couponCode", COUPON_CODE);
      paid.put("discountAmount", COUPON_DISCOUNT);
      count(counts, Kind.COUPON_REDEEMED);
    }
    add(events, ordersTopic, o, paidAt, paid);
    // one draw per paid order: a few buyers cancel before the shipment (net GMV's cancellations)
    boolean cancelled = cancels.nextDouble() < CANCEL_SHARE;
    Instant cancelledAt = paidAt.plus(Duration.ofMinutes(30 + cancels.nextInt(150)));

    double fulfilment = random.nextDouble();
    if (fulfilment < 0.03) { // R9
      Instant at = paidAt.plus(Duration.ofHours(2 + random.nextInt(10)));
      var oos = base("OrderOutOfStock", o + "-oos", at);
      oos.put("orderId", o);
      oos.put("skus", List.of(items.getFirst().get("sku")));
      add(events, ordersTopic, o, at, oos);
      if (random.nextBoolean()) {
        Instant refundAt = at.plus(Duration.ofHours(1 + random.nextInt(12)));
        var refund = base("RefundRequested", o + "-refund", refundAt);
        refund.put("orderId", o);
        refund.put("reason", "out of stock");
        add(events, ordersTopic, o, refundAt, refund);
        refund(events, counts, o, refundAt.plus(Duration.ofHours(2)), paidAmount, true);
      }
      count(counts, Kind.OUT_OF_STOCK);
      return paidAmount;
    }
    if (cancelled) {
      // before the earliest shipment (4 h after payment); the order's later life is still drawn,
      // into nothing, so every other order of the seed stays as it was
      var cancel = base("OrderCancelled", o + "-cancelled", cancelledAt);
      cancel.put("orderId", o);
      cancel.put("reason", "buyer");
      add(events, ordersTopic, o, cancelledAt, cancel);
      count(counts, Kind.CANCELLED_AFTER_PAYMENT);
      events = new ArrayList<>();
      counts = new EnumMap<>(Kind.class);
    }
    boolean late = fulfilment < 0.11; // R8: shipped after the 48 h deadline
    Instant shippedAt =
        paidAt.plus(
            late
                ? Duration.ofHours(52 + random.nextInt(24))
                : Duration.ofHours(4 + random.nextInt(26)));
    count(counts, late ? Kind.SHIPPED_LATE : Kind.SHIPPED_ON_TIME);
    var shipped = base("OrderShipped", o + "-shipped", shippedAt);
    shipped.put("orderId", o);
    shipped.put("carrier", CARRIERS[random.nextInt(CARRIERS.length)]);
    shipped.put("trackingNumber", "SIM" + Math.abs(random.nextLong() % 10_000_000_000L));
    Instant expected = shippedAt.plus(Duration.ofHours(48));
    shipped.put("estimatedDeliveryAt", offset(expected));
    add(events, ordersTopic, o, shippedAt, shipped);

    Instant transit = shippedAt.plus(Duration.ofHours(6 + random.nextInt(12)));
    boolean exception = random.nextDouble() < 0.07;
    var logistics = base("LogisticsUpdated", o + "-logistics", transit);
    logistics.put("orderId", o);
    logistics.put("status", exception ? "exception" : "in-transit");
    logistics.put(
        "description", exception ? "Parcel held at the sorting centre" : "Left the sorting centre");
    add(events, ordersTopic, o, transit, logistics);
    Instant deliveredAt =
        shippedAt.plus(Duration.ofHours(30 + random.nextInt(40) + (exception ? 72 : 0)));
    if (exception) {
      count(counts, Kind.LOGISTICS_EXCEPTION);
      if (random.nextDouble() < 0.3) {
        var returned = base("LogisticsUpdated", o + "-returned", deliveredAt);
        returned.put("orderId", o);
        returned.put("status", "returned");
        returned.put("description", "Returned to sender");
        add(events, ordersTopic, o, deliveredAt, returned);
        return paidAmount;
      }
    }
    var delivered = base("OrderDelivered", o + "-delivered", deliveredAt);
    delivered.put("orderId", o);
    add(events, ordersTopic, o, deliveredAt, delivered);
    count(counts, Kind.DELIVERED);
    double returned = effects.nextDouble();
    if (returned < 0.12) { // after delivery: one line sent back (partial) or the whole order (full)
      Instant refundAt = deliveredAt.plus(Duration.ofHours(24 + effects.nextInt(72)));
      boolean full = returned < 0.04 || items.size() == 1;
      @SuppressWarnings("unchecked")
      BigDecimal line =
          ((BigDecimal) items.getLast().get("price"))
              .multiply(BigDecimal.valueOf((Integer) items.getLast().get("quantity")));
      refund(
          events,
          counts,
          o,
          refundAt,
          full || line.compareTo(paidAmount) >= 0 ? paidAmount : line,
          full || line.compareTo(paidAmount) >= 0);
    }

    if (random.nextDouble() < 0.6) { // R11: most buyers review within days
      Instant reviewedAt = deliveredAt.plus(Duration.ofHours(12 + random.nextInt(120)));
      double r = random.nextDouble();
      int rating = r < 0.68 ? 5 : r < 0.83 ? 4 : r < 0.90 ? 3 : r < 0.95 ? 2 : 1;
      if (exception || late) {
        rating = Math.min(rating, 1 + random.nextInt(3));
      }
      var review = base("ReviewPosted", o + "-review", reviewedAt);
      review.put("orderId", o);
      review.put("customerId", customerId);
      review.put("rating", rating);
      review.put(
          "text",
          rating <= 3 ? "Slow delivery and the box was crushed." : "Good tea, fast delivery.");
      add(events, ordersTopic, o, reviewedAt, review);
      count(counts, rating <= 3 ? Kind.BAD_REVIEW : Kind.GOOD_REVIEW);
    }
    return paidAmount;
  }

  /**
   * R25: which buyers of the night bought before it, and their earlier orders — placed, paid at
   * once, shipped and delivered, 45–105 days before the sale day at the R4 hours. A buyer's chance
   * grows with what they paid in the night ({@link #RETURNING_CHANCE_LOW} for the smallest spender
   * to {@link #RETURNING_CHANCE_HIGH} for the largest): returning buyers spend more (the seeds'
   * shop). Customers who bought nothing in the night get no history (the Members page counts buyers
   * only; it would only lengthen the run).
   *
   * @return per customer, when their first earlier order was placed; null for a new buyer
   */
  private Instant[] earlierOrders(
      List<Event> events,
      Map<Kind, Integer> counts,
      Random past,
      String run,
      String[] customerIds,
      BigDecimal[] nightPaid,
      Instant dayStart) {
    var first = new Instant[customerIds.length];
    var buyers = new ArrayList<Integer>();
    for (int c = 0; c < customerIds.length; c++) {
      if (nightPaid[c].signum() > 0) {
        buyers.add(c);
      }
    }
    buyers.sort(Comparator.comparing((Integer c) -> nightPaid[c]).thenComparing(c -> c));
    var rank = new double[customerIds.length];
    for (int r = 0; r < buyers.size(); r++) {
      rank[buyers.get(r)] = buyers.size() == 1 ? 0.5 : r / (double) (buyers.size() - 1);
    }
    for (int c = 0; c < customerIds.length; c++) {
      double chance =
          RETURNING_CHANCE_LOW + (RETURNING_CHANCE_HIGH - RETURNING_CHANCE_LOW) * rank[c];
      // one draw per customer, buyer or not, so a customer's draw does not depend on the others
      double draw = past.nextDouble();
      int orders = 1 + past.nextInt(2);
      if (nightPaid[c].signum() == 0 || draw >= chance) {
        continue;
      }
      count(counts, Kind.RETURNING_BUYER);
      for (int k = 1; k <= orders; k++) {
        Instant day = dayStart.minus(Duration.ofDays(EARLIER_ORDERS_FROM_DAYS + past.nextInt(60)));
        Instant placedAt = day.plus(orderTime(past));
        earlierOrder(
            events, past, "sim-" + run + "-c" + (c + 1) + "-earlier" + k, customerIds[c], placedAt);
        count(counts, Kind.EARLIER_ORDER);
        if (first[c] == null || placedAt.isBefore(first[c])) {
          first[c] = placedAt;
        }
      }
    }
    return first;
  }

  /** An earlier order that went well: placed, paid at once, shipped on time, delivered. */
  private void earlierOrder(
      List<Event> events, Random past, String o, String customerId, Instant placedAt) {
    Product p = CATALOG.get(past.nextInt(CATALOG.size()));
    int quantity = 1 + past.nextInt(2);
    BigDecimal amount =
        p.price().multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
    var placed = base("OrderPlaced", o + "-placed", placedAt);
    placed.put("orderId", o);
    placed.put("customerId", customerId);
    placed.put("amount", amount);
    placed.put("currency", "CNY");
    placed.put("items", List.of(item(p, quantity)));
    placed.put("payBefore", offset(placedAt.plus(Duration.ofHours(24))));
    add(events, ordersTopic, o, placedAt, placed);
    Instant paidAt = placedAt.plus(Duration.ofSeconds(30 + past.nextInt(900)));
    var paid = base("OrderPaid", o + "-paid", paidAt);
    paid.put("orderId", o);
    paid.put("customerId", customerId);
    paid.put("amount", amount);
    paid.put("currency", "CNY");
    add(events, ordersTopic, o, paidAt, paid);
    shipAndDeliver(events, past, o, paidAt, 18);
  }

  /**
   * An order that goes well after its payment: shipped 4–30 h after {@code paidAt}, delivered 30 h
   * to 30 + {@code deliveryHoursSpread} h after that (draws in this order: shipping hours, carrier,
   * tracking number, delivery hours).
   */
  private void shipAndDeliver(
      List<Event> events, Random r, String o, Instant paidAt, int deliveryHoursSpread) {
    Instant shippedAt = paidAt.plus(Duration.ofHours(4 + r.nextInt(26)));
    var shipped = base("OrderShipped", o + "-shipped", shippedAt);
    shipped.put("orderId", o);
    shipped.put("carrier", CARRIERS[r.nextInt(CARRIERS.length)]);
    shipped.put("trackingNumber", "SIM" + Math.abs(r.nextLong() % 10_000_000_000L));
    shipped.put("estimatedDeliveryAt", offset(shippedAt.plus(Duration.ofHours(48))));
    add(events, ordersTopic, o, shippedAt, shipped);
    Instant deliveredAt = shippedAt.plus(Duration.ofHours(30 + r.nextInt(deliveryHoursSpread)));
    var delivered = base("OrderDelivered", o + "-delivered", deliveredAt);
    delivered.put("orderId", o);
    add(events, ordersTopic, o, deliveredAt, delivered);
  }

  /**
   * A buyer who pays "after the reminder" pays after it reached them: a reminder due in the quiet
   * hours (02:00–09:00, rule R4) is held until 09:00, so such a payment comes 30–150 minutes after
   * 09:00 instead (drawn from the effects' sequence).
   */
  static Instant afterQuietHours(Instant paidAt, Random effects) {
    var local = paidAt.atZone(SHANGHAI);
    if (local.getHour() >= 2 && local.getHour() < 9) {
      return local
          .toLocalDate()
          .atTime(9, 0)
          .atZone(SHANGHAI)
          .plusMinutes(30 + effects.nextInt(120))
          .toInstant();
    }
    return paidAt;
  }

  /** An {@code OrderRefunded} of {@code amount} (the whole paid amount when {@code full}). */
  private void refund(
      List<Event> events,
      Map<Kind, Integer> counts,
      String orderId,
      Instant at,
      BigDecimal amount,
      boolean full) {
    var refunded = base("OrderRefunded", orderId + "-refunded", at);
    refunded.put("orderId", orderId);
    refunded.put("amount", amount.setScale(2, RoundingMode.HALF_UP));
    refunded.put("currency", "CNY");
    add(events, ordersTopic, orderId, at, refunded);
    count(counts, full ? Kind.REFUNDED_FULL : Kind.REFUNDED_PARTIAL);
  }

  private static Map<String, Object> item(Product p, int quantity) {
    var item = new LinkedHashMap<String, Object>();
    item.put("sku", p.sku());
    item.put("title", p.title());
    item.put("quantity", quantity);
    item.put("price", p.price());
    return item;
  }

  private static Map<String, Object> base(String type, String eventId, Instant at) {
    var e = new LinkedHashMap<String, Object>();
    e.put("eventId", eventId);
    e.put("type", type);
    e.put("occurredAt", offset(at));
    return e;
  }

  private static String offset(Instant at) {
    return OffsetDateTime.ofInstant(at, SHANGHAI).toString();
  }

  private void add(
      List<Event> events, String topic, String key, Instant at, Map<String, Object> event) {
    try {
      events.add(new Event(at, topic, key, json.writeValueAsString(event)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a simulated event", e);
    }
  }

  private static void count(Map<Kind, Integer> counts, Kind kind) {
    counts.merge(kind, 1, Integer::sum);
  }
}
