package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.intake.ShopEventType.Topic;
import com.careflow.local.Double11Night;
import com.careflow.local.Double11Night.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The simulator's events keep the contract, repeat with their seed, and show the shares the seeds
 * describe.
 */
class Double11SimulationTest {

  static final Instant DAY =
      LocalDate.of(2026, 11, 11).atStartOfDay(Double11Night.SHANGHAI).toInstant();

  final Double11Night simulator = new Double11Night("shop.orders", "shop.carts", "shop.customers");
  final ShopEventParser parser =
      new ShopEventParser(java.time.Clock.systemUTC(), EventsProperties.defaults());

  @Test
  void everySimulatedEventKeepsTheContractAndIsKeyedAsTheShopKeysIt() {
    var plan = simulator.generate(100, 600, 11, DAY);
    var ids = new HashSet<String>();
    for (var e : plan.events()) {
      Topic topic =
          switch (e.topic()) {
            case "shop.orders" -> Topic.ORDERS;
            case "shop.carts" -> Topic.CARTS;
            default -> Topic.CUSTOMERS;
          };
      ShopEvent event = parser.parse(e.value(), topic);
      assertThat(event.correlationKey()).isEqualTo(e.key());
      assertThat(event.occurredAt().toInstant()).isEqualTo(e.at());
      assertThat(ids.add(event.eventId())).as("unique event id %s", event.eventId()).isTrue();
    }
    // the return visits' orders too, with a coupon on the payment as the simulator publishes it
    var coupon = new Double11Night.Redemption("CFVISIT123", new BigDecimal("15.00"));
    for (var v : plan.visits()) {
      for (var e : simulator.events(v, coupon)) {
        ShopEvent event = parser.parse(e.value(), Topic.ORDERS);
        assertThat(event.correlationKey()).isEqualTo(e.key()).isEqualTo(v.orderId());
        assertThat(event.occurredAt().toInstant()).isEqualTo(e.at());
        assertThat(ids.add(event.eventId())).as("unique event id %s", event.eventId()).isTrue();
        if (event instanceof ShopEvent.OrderPaid paid) {
          assertThat(paid.couponCode()).isEqualTo("CFVISIT123");
          assertThat(paid.discountAmount()).isEqualByComparingTo("15.00");
          assertThat(paid.amount()).isEqualByComparingTo(v.amount().subtract(coupon.discount()));
          assertThat(paid.customerId()).isEqualTo(v.customerId());
        }
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameNightAnotherSeedAnother() {
    assertThat(simulator.generate(20, 50, 7, DAY)).isEqualTo(simulator.generate(20, 50, 7, DAY));
    assertThat(simulator.generate(20, 50, 8, DAY).events())
        .isNotEqualTo(simulator.generate(20, 50, 7, DAY).events());
  }

  @Test
  void r4_ordersFollowThePeaksOfTheDay() {
    var plan = simulator.generate(200, 2000, 11, DAY);
    Map<Integer, Long> byHour =
        plan.events().stream()
            .filter(e -> e.value().contains("\"type\":\"OrderPlaced\""))
            .collect(
                Collectors.groupingBy(
                    e -> ZonedDateTime.ofInstant(e.at(), Double11Night.SHANGHAI).getHour(),
                    Collectors.counting()));
    long peaks = hours(byHour, 0, 2) + hours(byHour, 9, 12) + hours(byHour, 20, 24);
    long asleep = hours(byHour, 2, 9);
    assertThat(peaks).isGreaterThan(2000 * 7 / 10);
    assertThat(asleep).isLessThan(2000 / 10);
    assertThat(byHour.getOrDefault(0, 0L)).isGreaterThan(byHour.getOrDefault(18, 0L) * 5);
  }

  @Test
  void r1_r3_r8_r13_r18_theNightHasTheMixTheSellersDescribe() {
    var plan = simulator.generate(300, 1000, 11, DAY);
    Map<Kind, Integer> c = plan.counts();
    assertThat(c.get(Kind.ORDER)).isEqualTo(1000);
    int unpaidAtFirst = c.get(Kind.PAID_AFTER_REMINDER) + c.get(Kind.CLOSED_UNPAID);
    assertThat(unpaidAtFirst).isBetween(280, 400); // about a third
    assertThat(c.get(Kind.PAID_AFTER_REMINDER)).isBetween(100, 200);
    assertThat(c.get(Kind.LARGE_ORDER)).isBetween(60, 140);
    assertThat(c.get(Kind.SHIPPED_LATE)).isPositive();
    assertThat(c.get(Kind.LOGISTICS_EXCEPTION)).isPositive();
    assertThat(c.get(Kind.OUT_OF_STOCK)).isPositive();
    assertThat(c.get(Kind.BAD_REVIEW)).isPositive();
    assertThat(c.get(Kind.CART_ABANDONED)).isPositive();
    long large =
        plan.events().stream()
            .filter(e -> e.value().contains("\"type\":\"OrderPlaced\""))
            .map(e -> (ShopEvent.OrderPlaced) parser.parse(e.value(), Topic.ORDERS))
            .filter(o -> o.amount().compareTo(new BigDecimal("1000")) >= 0)
            .count();
    assertThat(large).isGreaterThanOrEqualTo(c.get(Kind.LARGE_ORDER));
  }

  @Test
  void r23_r24_theNightHasRefundsAndCouponRedemptionsForTheAnalytics() {
    var plan = simulator.generate(300, 1000, 11, DAY);
    Map<Kind, Integer> c = plan.counts();
    assertThat(c.get(Kind.COUPON_REDEEMED)).isBetween(100, 400);
    assertThat(c.get(Kind.REFUNDED_PARTIAL)).isPositive();
    assertThat(c.get(Kind.REFUNDED_FULL)).isPositive();
    var paid =
        plan.events().stream()
            .filter(e -> e.value().contains("\"type\":\"OrderPaid\""))
            .map(e -> (ShopEvent.OrderPaid) parser.parse(e.value(), Topic.ORDERS))
            .collect(
                java.util.stream.Collectors.toMap(ShopEvent.OrderPaid::orderId, o -> o.amount()));
    var refunds =
        plan.events().stream()
            .filter(e -> e.value().contains("\"type\":\"OrderRefunded\""))
            .map(e -> (ShopEvent.OrderRefunded) parser.parse(e.value(), Topic.ORDERS))
            .toList();
    assertThat(refunds).hasSize(c.get(Kind.REFUNDED_PARTIAL) + c.get(Kind.REFUNDED_FULL));
    // a refund is of a paid order and never more than was paid
    assertThat(refunds)
        .allSatisfy(
            r -> {
              assertThat(paid).containsKey(r.orderId());
              assertThat(r.amount()).isLessThanOrEqualTo(paid.get(r.orderId()));
            });
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "R23 net GMV: about 5 % of the paid orders not out of stock are cancelled by the buyer after"
          + " payment and before any shipment, never refunded as well")
  void r23_aFewPaidOrdersAreCancelledBeforeShipment() {
    var plan = simulator.generate(300, 1000, 11, DAY);
    Map<Kind, Integer> c = plan.counts();
    int paid = c.get(Kind.PAID_AT_ONCE) + c.get(Kind.PAID_AFTER_REMINDER);
    int cancelled = c.get(Kind.CANCELLED_AFTER_PAYMENT);
    // Binomial(~640, 0.05): mean 32, sd 5.5
    assertThat(cancelled).isBetween(15, 50);
    var byOrder =
        plan.events().stream()
            .filter(e -> e.topic().equals("shop.orders"))
            .map(e -> parser.parse(e.value(), Topic.ORDERS))
            .collect(Collectors.groupingBy(ShopEvent::correlationKey));
    int buyerCancels = 0;
    for (var events : byOrder.values()) {
      var cancel =
          events.stream()
              .filter(e -> e instanceof ShopEvent.OrderCancelled oc && oc.reason().equals("buyer"))
              .findFirst();
      if (cancel.isEmpty()) {
        continue;
      }
      buyerCancels++;
      var paidEvent =
          events.stream().filter(e -> e instanceof ShopEvent.OrderPaid).findFirst().orElseThrow();
      assertThat(cancel.get().occurredAt()).isAfter(paidEvent.occurredAt());
      // the order's life ends there: nothing shipped, refunded, delivered or reviewed after
      assertThat(events)
          .noneMatch(
              e ->
                  e instanceof ShopEvent.OrderShipped
                      || e instanceof ShopEvent.OrderRefunded
                      || e instanceof ShopEvent.OrderDelivered
                      || e instanceof ShopEvent.ReviewPosted
                      || e instanceof ShopEvent.OrderOutOfStock);
    }
    assertThat(buyerCancels).isEqualTo(cancelled);
    assertThat(paid).isGreaterThan(cancelled * 10);
    // the unpaid orders closed at their deadline are still there, with their own reason
    assertThat(c.get(Kind.CLOSED_UNPAID)).isPositive();
  }

  private static com.careflow.coupons.Coupon coupon(
      String code,
      String customer,
      String order,
      String step,
      com.careflow.coupons.Coupon.Kind kind,
      String value,
      String minimumSpend,
      Instant issuedAt,
      int validDays) {
    return new com.careflow.coupons.Coupon(
        code,
        customer,
        order,
        "SERVICE_RECOVERY",
        kind,
        new BigDecimal(value),
        new BigDecimal(minimumSpend),
        issuedAt,
        issuedAt.plus(java.time.Duration.ofDays(validDays)),
        new com.careflow.coupons.Coupon.IssuedBy("order-journey", 1L, step),
        false);
  }

  /** A coupon of {@code visit}'s buyer whose own draw says "redeem" (found by trying orders). */
  private static com.careflow.coupons.Coupon redeemable(
      long seed,
      Double11Night.Visit visit,
      String code,
      com.careflow.coupons.Coupon.Kind kind,
      String value,
      String minimumSpend,
      Instant issuedAt,
      int validDays) {
    for (int n = 1; ; n++) {
      String order = "o-" + code + "-" + n;
      if (Double11Night.redeems(
          seed, visit.customerId(), order, "order-journey", "Activity_IssueRecoveryCoupon")) {
        return coupon(
            code,
            visit.customerId(),
            order,
            "Activity_IssueRecoveryCoupon",
            kind,
            value,
            minimumSpend,
            issuedAt,
            validDays);
      }
    }
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "R24: each customer has a return visit a day in the played week; on it the buyer redeems the"
          + " oldest usable coupon Careflow issued them (read at least 2 h before, not expired, its"
          + " minimum spend reached, not used, its own draw), a FIXED value or a PERCENT share")
  void r24_aVisitRedeemsTheOldestUsableCouponCareflowIssued() {
    long seed = 11;
    var plan = simulator.generate(20, 50, seed, DAY);
    assertThat(plan.visits()).hasSize(20 * 7);
    assertThat(plan.counts().get(Kind.COUPON_VISIT)).isEqualTo(20 * 7);
    assertThat(plan.visits())
        .isSortedAccordingTo(java.util.Comparator.comparing(Double11Night.Visit::at));
    assertThat(plan.visits())
        .allSatisfy(
            v -> {
              assertThat(v.at())
                  .isAfterOrEqualTo(DAY)
                  .isBefore(DAY.plus(java.time.Duration.ofDays(7)));
              var events = simulator.events(v, new Double11Night.Redemption("X", BigDecimal.ONE));
              assertThat(events).hasSize(4).isSortedAccordingTo(Double11Night.EVENT_ORDER);
              assertThat(events.getFirst().at()).isEqualTo(v.at());
              assertThat(v.amount()).isPositive();
            });
    // the same seed, the same visits; the night's own events do not include them
    assertThat(simulator.generate(20, 50, seed, DAY).visits()).isEqualTo(plan.visits());
    var visitOrders =
        plan.visits().stream().map(Double11Night.Visit::orderId).collect(Collectors.toSet());
    assertThat(plan.events()).noneMatch(e -> visitOrders.contains(e.key()));

    var visit =
        plan.visits().stream()
            .filter(v -> v.amount().compareTo(new BigDecimal("120")) >= 0)
            .filter(v -> v.at().isAfter(DAY.plus(java.time.Duration.ofHours(30))))
            .findFirst()
            .orElseThrow();
    Instant at = visit.at();
    var fixed = com.careflow.coupons.Coupon.Kind.FIXED;
    var tooFresh = redeemable(seed, visit, "FRESH", fixed, "30", "0", at.minusSeconds(3600), 30);
    var expired =
        redeemable(
            seed, visit, "EXPIRED", fixed, "30", "0", at.minus(java.time.Duration.ofDays(4)), 3);
    var tooDear =
        redeemable(seed, visit, "DEAR", fixed, "30", "100000", at.minusSeconds(10_000), 30);
    var used = redeemable(seed, visit, "USED", fixed, "30", "0", at.minusSeconds(9_000), 30);
    var usable = redeemable(seed, visit, "USABLE", fixed, "20", "100", at.minusSeconds(8_000), 30);
    var later = redeemable(seed, visit, "LATER", fixed, "10", "0", at.minusSeconds(7_500), 30);
    var held = List.of(expired, tooDear, used, usable, later, tooFresh);
    assertThat(Double11Night.redemption(seed, visit, held, java.util.Set.of("USED")))
        .contains(new Double11Night.Redemption("USABLE", new BigDecimal("20.00")));
    // redeemed in the store: the next one
    var redeemedInStore =
        new com.careflow.coupons.Coupon(
            usable.code(),
            usable.customerId(),
            usable.orderId(),
            usable.occasion(),
            usable.kind(),
            usable.value(),
            usable.minimumSpend(),
            usable.issuedAt(),
            usable.expiresAt(),
            usable.issuedBy(),
            true);
    assertThat(
            Double11Night.redemption(
                seed, visit, List.of(redeemedInStore, later), java.util.Set.of()))
        .contains(new Double11Night.Redemption("LATER", new BigDecimal("10.00")));
    // a percent coupon takes its share of the amount, to the fen
    var percent =
        redeemable(
            seed,
            visit,
            "PCT",
            com.careflow.coupons.Coupon.Kind.PERCENT,
            "15",
            "0",
            at.minusSeconds(8_000),
            30);
    assertThat(Double11Night.redemption(seed, visit, List.of(percent), java.util.Set.of()))
        .contains(
            new Double11Night.Redemption(
                "PCT",
                visit
                    .amount()
                    .multiply(new BigDecimal("0.15"))
                    .setScale(2, java.math.RoundingMode.HALF_UP)));
    // nothing usable: the visit does not happen
    assertThat(
            Double11Night.redemption(
                seed, visit, List.of(tooFresh, expired, tooDear), java.util.Set.of()))
        .isEmpty();
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "R24: about 40 % of the coupons Careflow issues are redeemed, each by a draw of its own that"
          + " the same seed repeats and that does not depend on the coupon's random code")
  void r24_aRealisticShareOfCareflowCouponsIsRedeemed() {
    int yes = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      boolean r =
          Double11Night.redeems(11, "sim-b-c" + i, "sim-b-o" + i, "order-journey", "Activity_X");
      assertThat(
              Double11Night.redeems(
                  11, "sim-b-c" + i, "sim-b-o" + i, "order-journey", "Activity_X"))
          .isEqualTo(r);
      yes += r ? 1 : 0;
    }
    // Binomial(20 000, 0.4): sd 69
    assertThat(yes).isBetween(8_000 - 350, 8_000 + 350);
  }

  private static long hours(Map<Integer, Long> byHour, int from, int to) {
    long sum = 0;
    for (int h = from; h < to; h++) {
      sum += byHour.getOrDefault(h, 0L);
    }
    return sum;
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "R1 holdout: with a known reminder effect, held-out buyers pay with p and reminded ones with"
          + " p + delta, the same seed giving the same night")
  void r1_theReminderEffectDrivesWhoPaysAfterTheReminder() {
    var design =
        new com.careflow.experiments.ExperimentDesign(
            "payment-reminder", 10, java.util.List.of(), java.util.List.of());
    var settings =
        new Double11Night.Settings(
            1.0,
            new com.careflow.local.ReminderEffect(0.30, 0.25, 7),
            customer ->
                com.careflow.experiments.ExperimentAssigner.assign(design, customer, "-")
                    .heldOut());
    var plan = simulator.generate(50_000, 10_000, 7, DAY, settings);
    assertThat(plan).isEqualTo(simulator.generate(50_000, 10_000, 7, DAY, settings));
    Map<Kind, Integer> c = plan.counts();
    assertThat(c.get(Kind.PAID_AT_ONCE)).isZero();
    // no return visits: the buyers pay as the known effect says, nothing else
    assertThat(plan.visits()).isEmpty();
    assertThat(c.get(Kind.COUPON_VISIT)).isZero();
    int heldOut = c.get(Kind.UNPAID_HELD_OUT);
    int reminded = c.get(Kind.ORDER) - heldOut;
    // Binomial(10 000, 0.1): sd 30
    assertThat(heldOut).isBetween(1_000 - 120, 1_000 + 120);
    double p0 = c.get(Kind.PAID_HELD_OUT) / (double) heldOut;
    double p1 = (c.get(Kind.PAID_AFTER_REMINDER) - c.get(Kind.PAID_HELD_OUT)) / (double) reminded;
    // within 4 standard errors of p = 0.30 and p + delta = 0.55
    assertThat(p0)
        .isBetween(0.30 - 4 * Math.sqrt(0.21 / heldOut), 0.30 + 4 * Math.sqrt(0.21 / heldOut));
    assertThat(p1)
        .isBetween(
            0.55 - 4 * Math.sqrt(0.2475 / reminded), 0.55 + 4 * Math.sqrt(0.2475 / reminded));
    assertThat(c.get(Kind.PAID_AFTER_REMINDER) + c.get(Kind.CLOSED_UNPAID))
        .isEqualTo(c.get(Kind.ORDER));
    // without the holdout's hash nobody is held out
    var noHoldout =
        simulator
            .generate(
                500,
                200,
                7,
                DAY,
                new Double11Night.Settings(
                    0.34, new com.careflow.local.ReminderEffect(0.30, 0.25, 7), null))
            .counts();
    assertThat(noHoldout.get(Kind.UNPAID_HELD_OUT)).isZero();
  }

  /** R25 per buyer of the week from the sale day: kind, GMV, units (the Members page's inputs). */
  record Members(
      int newBuyers,
      int returningBuyers,
      BigDecimal newGmv,
      BigDecimal returningGmv,
      int newUnits,
      int returningUnits) {
    double newShareOfBuyers() {
      return newBuyers / (double) (newBuyers + returningBuyers);
    }

    double returningShareOfGmv() {
      return returningGmv.doubleValue() / newGmv.add(returningGmv).doubleValue();
    }
  }

  /**
   * R25 read from a plan as the analytics module reads the shop's events: a buyer of the week from
   * {@code DAY} is returning when they paid an order before their first payment of the week. Also
   * checks the order journey's view (R1, R2: returning when the buyer has a paid order when the
   * order is placed) against it: a returning buyer's first order of the night is placed after an
   * earlier payment, a new buyer's is not.
   */
  static Members members(Double11Night.Plan plan) throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    record Paid(String customer, Instant at, BigDecimal amount) {}
    var paid = new java.util.ArrayList<Paid>();
    var units = new java.util.HashMap<String, Integer>();
    var unitsOfPaid = new java.util.HashMap<Paid, Integer>();
    var placedAt = new java.util.HashMap<String, Instant>(); // first order of the night, per buyer
    for (var e : plan.events()) {
      var node = json.readTree(e.value());
      String type = node.path("type").asText();
      if (type.equals("OrderPlaced")) {
        int u = 0;
        for (var item : node.path("items")) {
          u += item.path("quantity").asInt();
        }
        units.put(node.path("orderId").asText(), u);
        if (!e.at().isBefore(DAY)) {
          placedAt.putIfAbsent(node.path("customerId").asText(), e.at());
        }
      } else if (type.equals("OrderPaid")) {
        var p =
            new Paid(node.path("customerId").asText(), e.at(), node.path("amount").decimalValue());
        paid.add(p);
        unitsOfPaid.put(p, units.get(node.path("orderId").asText()));
      }
    }
    Instant weekEnd = DAY.plus(java.time.Duration.ofDays(7));
    var kinds = new java.util.HashMap<String, Boolean>(); // buyer -> returning
    for (Paid p : paid) {
      if (!p.at().isBefore(DAY) && p.at().isBefore(weekEnd)) {
        kinds.computeIfAbsent(
            p.customer(),
            c -> paid.stream().anyMatch(q -> q.customer().equals(c) && q.at().isBefore(p.at())));
      }
    }
    kinds.forEach(
        (customer, returning) -> {
          boolean paidBeforeFirstOrder =
              paid.stream()
                  .anyMatch(
                      q ->
                          q.customer().equals(customer) && q.at().isBefore(placedAt.get(customer)));
          assertThat(paidBeforeFirstOrder)
              .as("the journey's view of %s's first order of the night (R1, R2) is R25's", customer)
              .isEqualTo(returning);
        });
    int[] buyers = new int[2];
    int[] u = new int[2];
    BigDecimal[] gmv = {BigDecimal.ZERO, BigDecimal.ZERO};
    for (Paid p : paid) {
      if (!p.at().isBefore(DAY) && p.at().isBefore(weekEnd)) {
        int k = kinds.get(p.customer()) ? 1 : 0;
        gmv[k] = gmv[k].add(p.amount());
        u[k] += unitsOfPaid.get(p);
      }
    }
    kinds.values().forEach(returning -> buyers[returning ? 1 : 0]++);
    return new Members(buyers[0], buyers[1], gmv[0], gmv[1], u[0], u[1]);
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "R25: some buyers of the night bought before it (earlier paid orders as shop events), about"
          + " half new and returning buyers most of the GMV, as the journey sees them too")
  void r25_aShareOfTheBuyersBoughtBeforeTheNight() throws Exception {
    // many nights together: the shares the simulator aims at
    int newBuyers = 0;
    int returningBuyers = 0;
    BigDecimal newGmv = BigDecimal.ZERO;
    BigDecimal returningGmv = BigDecimal.ZERO;
    for (long seed = 1; seed <= 20; seed++) {
      var plan = simulator.generate(50, 200, seed, DAY);
      Members m = members(plan);
      assertThat(plan.counts().get(Kind.RETURNING_BUYER)).isEqualTo(m.returningBuyers());
      assertThat(plan.counts().get(Kind.EARLIER_ORDER))
          .isBetween(m.returningBuyers(), 2 * m.returningBuyers());
      newBuyers += m.newBuyers();
      returningBuyers += m.returningBuyers();
      newGmv = newGmv.add(m.newGmv());
      returningGmv = returningGmv.add(m.returningGmv());
    }
    Members all = new Members(newBuyers, returningBuyers, newGmv, returningGmv, 0, 0);
    assertThat(all.newShareOfBuyers()).isBetween(0.45, 0.62); // the seeds' shop: 0.5297
    assertThat(all.returningShareOfGmv()).isBetween(0.52, 0.68); // the seeds' shop: 0.5961

    // the README's night and DashboardAfterNightIT's: both kinds, each with a share of the GMV
    for (var plan :
        java.util.List.of(
            simulator.generate(50, 200, 11, DAY), simulator.generate(8, 24, 1717, DAY))) {
      Members m = members(plan);
      assertThat(m.newBuyers()).isPositive();
      assertThat(m.returningBuyers()).isPositive();
      assertThat(m.newGmv()).isPositive();
      assertThat(m.returningGmv()).isPositive();
    }
  }
}
