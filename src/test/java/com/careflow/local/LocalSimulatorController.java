package com.careflow.local;

import com.careflow.coupons.IssuedCoupons;
import com.careflow.experiments.ExperimentAssigner;
import com.careflow.experiments.ExperimentDesign;
import com.careflow.experiments.ExperimentProperties;
import com.careflow.intake.ShopTopics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Double 11 simulator of the embedded mode: {@code POST /local/simulator/double11} publishes a
 * realistic sale day ({@link Double11Night}) to the embedded Kafka broker, in event-time order.
 *
 * <p>With {@code timeLapse=true} (the default) the engine clock is moved forward to each event's
 * time before it is published, so reminders, quiet hours and the other timers fire between the
 * events as they would during the real night; without it every event is published at once (give a
 * past {@code day} then: events ahead of the clock are refused). Exists only when {@code
 * careflow.local.enabled=true}.
 *
 * <p>The sale day is {@code day}, by default the next 11 November of the engine clock
 * (Asia/Shanghai), so the night lies in the dashboard's Double 11 preset. The run publishes the
 * night's events up to the end of the sale day plus {@code followDays} (default 6): the clock then
 * stands inside the week that starts with the sale day, which is what the dashboard's default
 * period (the last 7 days of the application clock) shows. Later events of the plan (late reviews
 * and refunds) are left out ({@code leftOut} in the status); {@code followDays=60} plays every one.
 *
 * <p>#18: with {@code reminderP} (and {@code reminderDelta}) the payment reminder gets a known
 * effect: a buyer of an order unpaid at first pays with probability p when the reminder's holdout
 * left them un-reminded and p + Δ when reminded. Who is held out follows the shipped experiment
 * {@code payment-reminder} at {@code reminderHoldout} percent (the order journey's 10 %) while
 * {@code careflow.experiments.payment-reminder-holdout.enabled} is true, nobody otherwise. {@code
 * unpaidShare} (0–1, default 0.34) sets how many orders are not paid at once.
 *
 * <p>#16 (R24): the customers' return visits ({@link Double11Night.Visit}) are decided when they
 * come: the buyer asks the coupons module ({@link IssuedCoupons}) which coupons Careflow issued
 * them, and redeems one ({@link Double11Night#redemption}) on the visit's order, which is then
 * published with the coupon's code and discount on its {@code OrderPaid}; a visit without such a
 * coupon never happens. In time-lapse only: without it the coupons are issued after every event was
 * published, so no visit finds one. The status counts the redemptions and their discounts.
 */
@RestController
@RequestMapping("/local/simulator")
@ConditionalOnProperty(name = "careflow.local.enabled", havingValue = "true", matchIfMissing = true)
class LocalSimulatorController {

  private static final Logger log = LoggerFactory.getLogger(LocalSimulatorController.class);

  /**
   * After the clock moved this far (in one step or in many small ones), let the listeners and the
   * engine catch up before moving it again, so journeys start and timers' jobs run on time.
   */
  private static final Duration SETTLE_BEFORE = Duration.ofMinutes(15);

  private final KafkaTemplate<String, String> kafka;
  private final KafkaAdmin kafkaAdmin;
  private final LocalStack stack;
  private final ShopTopics events;
  private final ExperimentProperties experiments;
  private final IssuedCoupons coupons;
  private final com.fasterxml.jackson.databind.ObjectMapper json =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "double11-simulator"));
  private final AtomicReference<Status> status = new AtomicReference<>();

  LocalSimulatorController(
      KafkaTemplate<String, String> kafka,
      KafkaAdmin kafkaAdmin,
      LocalStack stack,
      org.springframework.beans.factory.BeanFactory beans,
      ExperimentProperties experiments,
      IssuedCoupons coupons) {
    this.kafka = kafka;
    this.coupons = coupons;
    this.kafkaAdmin = kafkaAdmin;
    this.stack = stack;
    this.events = ShopTopics.of(beans);
    this.experiments = experiments;
  }

  /**
   * What a run does and how far it got.
   *
   * @param reminderEffect the payment reminder's known effect of this night, or null
   * @param reminderHoldoutPercent the holdout share the simulated buyers were held out by (0 when
   *     the payment reminder's holdout is switched off)
   * @param total the night's events to publish (the return visits' events not among them)
   * @param published how many of those were published
   * @param couponVisits the customers' return visits planned in the played days
   * @param couponsRedeemed the visits that happened: each redeemed one coupon Careflow issued
   * @param couponDiscount the sum of their discounts, in CNY: the coupon cost the analytics show
   *     (R24) for the night's period
   * @param couponOrderEvents the events of those visits' orders published
   */
  record Status(
      long seed,
      ReminderEffect reminderEffect,
      double reminderHoldoutPercent,
      int total,
      int published,
      boolean timeLapse,
      Instant dayStart,
      Instant playedUntil,
      int leftOut,
      Instant firstEventAt,
      Instant lastEventAt,
      Map<Double11Night.Kind, Integer> counts,
      int couponVisits,
      int couponsRedeemed,
      BigDecimal couponDiscount,
      int couponOrderEvents,
      String state,
      String error) {}

  record Error(String error) {}

  @PostMapping("/double11")
  ResponseEntity<?> double11(
      @RequestParam(defaultValue = "50") int customers,
      @RequestParam(defaultValue = "200") int orders,
      @RequestParam(defaultValue = "11") long seed,
      @RequestParam(defaultValue = "true") boolean timeLapse,
      @RequestParam(required = false) LocalDate day,
      @RequestParam(defaultValue = "6") int followDays,
      @RequestParam(required = false) Double unpaidShare,
      @RequestParam(required = false) Double reminderP,
      @RequestParam(defaultValue = "0") double reminderDelta,
      @RequestParam(defaultValue = "10") double reminderHoldout) {
    if (customers < 1 || customers > 100_000 || orders < 0 || orders > 100_000) {
      return ResponseEntity.badRequest()
          .body(new Error("customers must be 1..100000 and orders 0..100000"));
    }
    if (followDays < 0 || followDays > 60) {
      return ResponseEntity.badRequest().body(new Error("followDays must be 0..60"));
    }
    Double11Night.Settings settings;
    ReminderEffect effect;
    double holdout;
    try {
      // #18: the reminder's known effect, drawn from a sequence seeded with the night's seed
      effect = reminderP == null ? null : new ReminderEffect(reminderP, reminderDelta, seed);
      holdout = experiments.paymentReminderHoldout().enabled() ? reminderHoldout : 0;
      var design =
          new ExperimentDesign(
              ExperimentProperties.PAYMENT_REMINDER_EXPERIMENT, holdout, List.of(), List.of());
      settings =
          new Double11Night.Settings(
              unpaidShare == null ? Double11Night.DEFAULT_UNPAID_SHARE : unpaidShare,
              effect,
              customer -> ExperimentAssigner.assign(design, customer, "-").heldOut());
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(new Error(e.getMessage()));
    }
    Status current = status.get();
    if (current != null && current.state().equals("running")) {
      return ResponseEntity.status(409)
          .body(new Error("a simulation is running: GET /local/simulator"));
    }
    LocalDate saleDay =
        day != null
            ? day
            : defaultSaleDay(
                LocalDate.ofInstant(stack.clock().instant(), Double11Night.SHANGHAI),
                timeLapse,
                followDays);
    Instant dayStart = saleDay.atStartOfDay(Double11Night.SHANGHAI).toInstant();
    Instant playedUntil =
        saleDay.plusDays(1L + followDays).atStartOfDay(Double11Night.SHANGHAI).toInstant();
    var whole =
        new Double11Night(events.ordersTopic(), events.cartsTopic(), events.customersTopic())
            .generate(customers, orders, seed, dayStart, settings);
    // the sale day and the days after it that the dashboard's default week shows: the clock ends
    // inside that week; a later tail of the plan (late reviews, refunds) is left out
    var plan = whole.until(playedUntil);
    var planned = plan.events();
    Status started =
        new Status(
            seed,
            effect,
            holdout,
            planned.size(),
            0,
            timeLapse,
            dayStart,
            playedUntil,
            whole.events().size() - planned.size(),
            planned.isEmpty() ? null : planned.getFirst().at(),
            planned.isEmpty() ? null : planned.getLast().at(),
            plan.counts(),
            plan.visits().size(),
            0,
            BigDecimal.ZERO,
            0,
            "running",
            null);
    status.set(started);
    runner.submit(() -> publish(plan, seed, started));
    return ResponseEntity.accepted().body(started);
  }

  /**
   * The night's default sale day: the next 11 November after {@code today} (the engine clock only
   * moves forward), so the night lies in the dashboard's Double 11 window (the occasion calendar's
   * table sale-window: the sale day to its after-sales care) and in its default week once played.
   */
  static LocalDate nextDouble11(LocalDate today) {
    LocalDate thisYear = LocalDate.of(today.getYear(), 11, 11);
    return thisYear.isAfter(today) ? thisYear : thisYear.plusYears(1);
  }

  /**
   * The sale day when none is given: in time-lapse the next 11 November ({@link #nextDouble11});
   * without time-lapse every event is published at once and the intake refuses events ahead of the
   * clock, so the latest 11 November whose played days (the sale day plus {@code followDays}) are
   * all over by {@code today}: its night then lies in the dashboard's Double 11 preset.
   */
  static LocalDate defaultSaleDay(LocalDate today, boolean timeLapse, int followDays) {
    if (timeLapse) {
      return nextDouble11(today);
    }
    LocalDate thisYear = LocalDate.of(today.getYear(), 11, 11);
    return thisYear.plusDays(1L + followDays).isAfter(today) ? thisYear.minusYears(1) : thisYear;
  }

  @GetMapping
  ResponseEntity<?> status() {
    Status current = status.get();
    return current == null
        ? ResponseEntity.ok(new Error("no simulation yet: POST /local/simulator/double11"))
        : ResponseEntity.ok(current);
  }

  /**
   * One step of a run, in time order: an event to publish ({@code event}), or a return visit coming
   * ({@code visit}: decide whether it happens, and if so add its events).
   */
  private record Step(Instant at, Double11Night.Event event, Double11Night.Visit visit, long seq) {}

  /**
   * Steps by time; a visit before an event of the same instant; events as the plan orders them,
   * then in the order they were added ({@code seq}: the plan's order).
   */
  private static final java.util.Comparator<Step> STEP_ORDER =
      java.util.Comparator.comparing(Step::at)
          .thenComparing(s -> s.event() == null ? 0 : 1)
          .thenComparing(s -> s.event() == null ? s.visit().orderId() : "")
          .thenComparing(s -> s.event(), java.util.Comparator.nullsFirst(Double11Night.EVENT_ORDER))
          .thenComparingLong(Step::seq);

  /** A run's redemptions so far. */
  private static final class Redemptions {
    final java.util.Set<String> used = new HashSet<>();
    int count;
    BigDecimal discount = BigDecimal.ZERO;
    int events;
  }

  private void publish(Double11Night.Plan plan, long seed, Status started) {
    var published = new AtomicInteger();
    var redemptions = new Redemptions();
    var night =
        new Double11Night(events.ordersTopic(), events.cartsTopic(), events.customersTopic());
    var steps = new java.util.PriorityQueue<Step>(STEP_ORDER);
    for (var e : plan.events()) {
      steps.add(new Step(e.at(), e, null, steps.size()));
    }
    if (started.timeLapse()) { // else no coupon is issued yet when every event goes at once
      for (var v : plan.visits()) {
        steps.add(new Step(v.at(), null, v, steps.size()));
      }
    }
    long added = steps.size();
    log.info(
        "Double 11 simulation: {} events from {} to {}{}",
        started.total(),
        started.firstEventAt(),
        started.lastEventAt(),
        started.timeLapse() ? " in time-lapse" : "");
    try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
      Duration sinceSettled = Duration.ZERO;
      for (Step step = steps.poll(); step != null; step = steps.poll()) {
        if (started.timeLapse()) {
          Duration gap = Duration.between(stack.clock().instant(), step.at());
          // settle after every 15 minutes of engine time, however small the steps: the timers and
          // jobs due so far (a reminder and its send, #18) run before a later event (the buyer's
          // payment) can overtake them on a busy machine
          if (gap.isPositive() && sinceSettled.plus(gap).compareTo(SETTLE_BEFORE) >= 0) {
            awaitListeners(admin);
            sinceSettled = Duration.ZERO;
          }
          if (gap.isPositive()) {
            stack.advanceClock(gap);
            sinceSettled = sinceSettled.plus(gap);
          }
        }
        if (step.event() == null) {
          // the visit comes: the buyer looks at the coupons Careflow issued them (R24)
          var visit = step.visit();
          var coupon =
              Double11Night.redemption(
                  seed, visit, coupons.issuedTo(visit.customerId()), redemptions.used);
          if (coupon.isPresent()) {
            redemptions.used.add(coupon.get().couponCode());
            for (var e : night.events(visit, coupon.get())) {
              steps.add(new Step(e.at(), e, visit, added++));
            }
          }
          continue;
        }
        var event = step.event();
        kafka.send(event.topic(), event.key(), event.value()).get(10, TimeUnit.SECONDS);
        int n = published.get();
        if (step.visit() == null) {
          n = published.incrementAndGet();
        } else {
          redemptions.events++;
          if (event.value().contains("\"type\":\"OrderPaid\"")) {
            // the payment: the coupon is redeemed now
            var paid = json.readTree(event.value());
            redemptions.count++;
            redemptions.discount =
                redemptions.discount.add(paid.path("discountAmount").decimalValue());
            log.info(
                "Double 11 simulation: {} redeems coupon of {} CNY on {}",
                step.visit().customerId(),
                paid.path("discountAmount").decimalValue(),
                step.visit().orderId());
          }
        }
        status.set(withProgress(started, n, redemptions, "running", null));
        if (step.visit() == null && n % 100 == 0) {
          log.info("Double 11 simulation: {}/{} events published", n, started.total());
        }
      }
      status.set(withProgress(started, published.get(), redemptions, "done", null));
      log.info(
          "Double 11 simulation done: {} events, {}; {} coupons Careflow issued redeemed, {} CNY",
          published.get(),
          started.counts(),
          redemptions.count,
          redemptions.discount);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status.set(withProgress(started, published.get(), redemptions, "failed", "interrupted"));
    } catch (Exception e) {
      log.warn("Double 11 simulation stopped after {} events: {}", published.get(), e.toString());
      status.set(withProgress(started, published.get(), redemptions, "failed", e.toString()));
    }
  }

  /**
   * Waits (at most a minute) until every shop event so far took effect, then a moment for the
   * engine.
   */
  private void awaitListeners(Admin admin) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < deadline
        && (ConsumerLag.of(admin, events.ordersTopic(), ShopTopics.ORDERS_GROUP) > 0
            || ConsumerLag.of(admin, events.cartsTopic(), ShopTopics.CARTS_GROUP) > 0
            || ConsumerLag.of(admin, events.customersTopic(), ShopTopics.CUSTOMERS_GROUP) > 0)) {
      Thread.sleep(50);
    }
    awaitEngine(); // the engine, and the workers it handed jobs to, reach their next wait state
  }

  /**
   * Gives the in-memory engine, and the job workers it handed jobs to, a moment (at most 250 ms) to
   * reach their next wait state.
   */
  private void awaitEngine() throws InterruptedException {
    if (!stack.hasEngine()) {
      Thread.sleep(50);
      return;
    }
    try {
      stack.engine().waitForIdleState(Duration.ofMillis(250));
    } catch (java.util.concurrent.TimeoutException stillBusy) {
      // the workers go on; the next settle waits again
    }
  }

  private static Status withProgress(
      Status s, int published, Redemptions redeemed, String state, String error) {
    return new Status(
        s.seed(),
        s.reminderEffect(),
        s.reminderHoldoutPercent(),
        s.total(),
        published,
        s.timeLapse(),
        s.dayStart(),
        s.playedUntil(),
        s.leftOut(),
        s.firstEventAt(),
        s.lastEventAt(),
        s.counts(),
        s.couponVisits(),
        redeemed.count,
        redeemed.discount,
        redeemed.events,
        state,
        error);
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    runner.shutdownNow();
  }
}
