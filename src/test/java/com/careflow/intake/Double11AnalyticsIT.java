package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.careflow.local.Double11Night;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * #16 end to end: the simulator's night goes through the intake, the journeys and the message
 * delivery, and the analytics API answers it with real figures under the journeys' real steps.
 */
class Double11AnalyticsIT extends ShopEventsITBase {

  /**
   * A small night whose plan has reminders paid later, refunds, the shop's own coupon, a paid order
   * the buyer cancels, and an out-of-stock order whose apology coupon (Careflow's) its buyer
   * redeems on a later visit ({@link
   * #r23_r24_r25_r26_theSimulatedNightHasRealFiguresUnderRealSteps} checks that in the plan first).
   */
  static final long SEED = 1606;

  /** The journey steps that issue coupons (issue-coupon tasks of bpmn/*.bpmn). */
  static final java.util.Set<String> ISSUING_STEPS =
      java.util.Set.of(
          "Activity_IssueRecoveryCoupon", "Activity_IssueOutOfStockCoupon", "Activity_IssueCoupon");

  static final int CUSTOMERS = 8;
  static final int ORDERS = 24;

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(Double11AnalyticsIT.class);

  TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  @Autowired
  void login(TestRestTemplate rest) {
    http = rest.withBasicAuth("demo", "demo");
  }

  @Test
  @DisplayName(
      "R23 R24 R25 R26: a simulated night's analytics credit real steps, stay within the shop's"
          + " GMV, net out refunds and export a BOM CSV with Chinese text intact")
  @SuppressWarnings("unchecked")
  void r23_r24_r25_r26_theSimulatedNightHasRealFiguresUnderRealSteps() throws Exception {
    var started =
        http.postForEntity(
            "/local/simulator/double11?customers="
                + CUSTOMERS
                + "&orders="
                + ORDERS
                + "&seed="
                + SEED,
            null,
            Map.class);
    assertThat(started.getStatusCode().value()).isEqualTo(202);
    Map<String, Integer> planned = (Map<String, Integer>) started.getBody().get("counts");
    assertThat(planned.get("PAID_AFTER_REMINDER")).as("the plan of seed " + SEED).isPositive();
    assertThat(planned.get("REFUNDED_PARTIAL") + planned.get("REFUNDED_FULL")).isPositive();
    assertThat(planned.get("COUPON_REDEEMED")).isPositive();
    assertThat(planned.get("CANCELLED_AFTER_PAYMENT")).isPositive();
    Instant first = Instant.parse((String) started.getBody().get("firstEventAt"));
    Instant last = Instant.parse((String) started.getBody().get("lastEventAt"));
    Instant dayStart = Instant.parse((String) started.getBody().get("dayStart"));
    // the same plan, to know what the night holds: the buyers' cancellations after payment and an
    // out-of-stock order whose apology coupon its buyer redeems (its own draw) on a later visit
    var plan =
        new Double11Night("shop.orders", "shop.carts", "shop.customers")
            .generate(CUSTOMERS, ORDERS, SEED, dayStart)
            .until(Instant.parse((String) started.getBody().get("playedUntil")));
    var paidAmounts = new java.util.HashMap<String, BigDecimal>();
    BigDecimal cancelledPaid = BigDecimal.ZERO;
    boolean apologyRedeemed = false;
    for (var e : plan.events()) {
      JsonNode event = json.readTree(e.value());
      String type = event.path("type").asText();
      String order = event.path("orderId").asText();
      if (type.equals("OrderPaid")) {
        paidAmounts.put(order, event.path("amount").decimalValue());
      } else if (type.equals("OrderCancelled") && event.path("reason").asText().equals("buyer")) {
        cancelledPaid = cancelledPaid.add(paidAmounts.get(order));
      } else if (type.equals("OrderOutOfStock")) {
        String customer = customerOf(plan, order);
        apologyRedeemed |=
            Double11Night.redeems(
                    SEED, customer, order, "order-journey", "Activity_IssueOutOfStockCoupon")
                && plan.visits().stream()
                    .anyMatch(
                        v ->
                            v.customerId().equals(customer)
                                && v.at().isAfter(e.at().plus(Duration.ofHours(3)))
                                && v.amount().compareTo(new BigDecimal("100")) >= 0);
      }
    }
    assertThat(cancelledPaid).as("paid amount the buyers cancelled").isPositive();
    assertThat(apologyRedeemed).as("an apology coupon the plan redeems, seed " + SEED).isTrue();
    await()
        .atMost(Duration.ofMinutes(8))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> "done".equals(http.getForObject("/local/simulator", Map.class).get("state")));

    String period =
        "from="
            + LocalDate.ofInstant(first, Double11Night.SHANGHAI).minusDays(1)
            + "&to="
            + LocalDate.ofInstant(last, Double11Night.SHANGHAI).plusDays(1);
    // the last events (refunds) settle through the intake within moments
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              JsonNode shop = get("/api/analytics/summary?" + period).path("shop");
              assertThat(shop.path("paidOrders").asLong()).isPositive();
              assertThat(decimal(shop, "refunds")).isPositive();
              assertThat(shop.path("attributedOrders").asLong()).isPositive();
            });

    // R24: the coupons Careflow issued and the buyers redeemed on their visits
    Map<String, Object> done = http.getForObject("/local/simulator", Map.class);
    log.info(
        "The night's Careflow coupons: {} redeemed, {} CNY of discount, {} visits planned",
        done.get("couponsRedeemed"),
        done.get("couponDiscount"),
        done.get("couponVisits"));
    assertThat((Integer) done.get("couponsRedeemed")).isPositive();
    BigDecimal discount = new BigDecimal(done.get("couponDiscount").toString());
    assertThat(discount).isPositive();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(
                        decimal(
                            get("/api/analytics/summary?" + period).path("bySendDay"),
                            "couponCost"))
                    .isEqualByComparingTo(discount));

    JsonNode summary = get("/api/analytics/summary?" + period);
    log.info("Analytics of the simulated night (seed {}): {}", SEED, summary.path("shop"));
    log.info("Messages of the night: {}", summary.path("bySendDay"));
    JsonNode shop = summary.path("shop");
    JsonNode sent = summary.path("bySendDay");
    assertThat(sent.path("messagesSent").asLong()).as("messages sent").isPositive();
    // R23: one credit per order at most, never more than the shop earned
    assertThat(shop.path("attributedOrders").asLong())
        .isPositive()
        .isLessThanOrEqualTo(shop.path("paidOrders").asLong());
    assertThat(decimal(shop, "attributedGmv")).isLessThanOrEqualTo(decimal(shop, "gmv"));
    assertThat(decimal(shop, "attributedNetGmv")).isLessThanOrEqualTo(decimal(shop, "netGmv"));
    // net GMV = paid − refunds − cancellations, each part there; the cancellations are the paid
    // amounts of the orders the buyers cancelled before shipment (nothing of them refunded)
    assertThat(decimal(shop, "refunds")).isPositive();
    assertThat(decimal(shop, "cancellations")).isEqualByComparingTo(cancelledPaid);
    assertThat(decimal(shop, "netGmv"))
        .isEqualByComparingTo(
            decimal(shop, "gmv")
                .subtract(decimal(shop, "refunds"))
                .subtract(decimal(shop, "cancellations")));
    // R24: cost = message cost + the redeemed coupons' discounts
    assertThat(decimal(sent, "couponCost")).isEqualByComparingTo(discount);
    assertThat(decimal(sent, "cost"))
        .isEqualByComparingTo(decimal(sent, "messageCost").add(discount));
    assertThat(summary.path("header").path("timeZone").asText()).isNotBlank();

    // the calling steps, not the delivery sub-process's own task
    JsonNode steps = get("/api/analytics/breakdown?by=step&" + period).path("rows");
    assertThat(steps.size()).isPositive();
    long reminders = 0;
    for (JsonNode row : steps) {
      String stepId = row.path("dimensions").path("step_id").asText(null);
      if (stepId == null) {
        stepId = row.path("dimensions").path("stepId").asText();
      }
      assertThat(stepId).as("step of %s", row).isNotEqualTo("Activity_SendMessage").isNotBlank();
      if (stepId.equals("Activity_SendPaymentReminder")) {
        reminders += row.path("figures").path("messagesSent").asLong();
      }
    }
    assertThat(reminders).as("payment reminders sent under their step").isPositive();
    // the coupons' cost on the rows of the steps that issued them, adding up to the discounts
    BigDecimal stepCouponCost = BigDecimal.ZERO;
    for (JsonNode row : steps) {
      BigDecimal couponCost = decimal(row.path("figures"), "couponCost");
      if (couponCost.signum() > 0) {
        String stepId = row.path("dimensions").path("step_id").asText(null);
        assertThat(stepId != null ? stepId : row.path("dimensions").path("stepId").asText())
            .as("coupon cost of %s", row)
            .isIn(ISSUING_STEPS);
        stepCouponCost = stepCouponCost.add(couponCost);
      }
    }
    assertThat(stepCouponCost).isEqualByComparingTo(discount);

    // R25: the night's buyers, each of a kind
    JsonNode members = get("/api/analytics/members?" + period).path("rows");
    long buyers = 0;
    for (JsonNode row : members) {
      buyers += row.path("buyers").asLong();
    }
    assertThat(buyers).isPositive();

    // 催付: reminded unpaid orders, some paid after the reminder
    JsonNode reminded = get("/api/analytics/payment-reminders?" + period);
    log.info("Payment reminders of the night: {}", reminded);
    assertThat(reminded.path("remindedUnpaidOrders").asLong()).isPositive();
    assertThat(reminded.path("paidAfterReminder").asLong())
        .isPositive()
        .isLessThanOrEqualTo(reminded.path("remindedUnpaidOrders").asLong());

    // R26: per shop day, some day with messages and some with paid orders
    JsonNode days = get("/api/analytics/trend?" + period).path("days");
    long messagesByDay = 0;
    long paidByDay = 0;
    for (JsonNode day : days) {
      messagesByDay += day.path("messagesSent").asLong();
      paidByDay += day.path("shopPaidOrders").asLong();
    }
    assertThat(messagesByDay).isEqualTo(sent.path("messagesSent").asLong());
    assertThat(paidByDay).isEqualTo(shop.path("paidOrders").asLong());

    // the CSV: BOM first, Chinese text intact
    byte[] csv = http.getForObject("/api/analytics/payment-reminders.csv?" + period, byte[].class);
    assertThat(csv).startsWith(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    String text = new String(csv, StandardCharsets.UTF_8);
    assertThat(text).contains("催付");
    byte[] stepCsv =
        http.getForObject("/api/analytics/breakdown.csv?by=step&" + period, byte[].class);
    assertThat(new String(stepCsv, StandardCharsets.UTF_8))
        .contains("Activity_SendPaymentReminder", "Send payment reminder");
  }

  private static String customerOf(Double11Night.Plan plan, String orderId) throws Exception {
    var json = new ObjectMapper();
    for (var e : plan.events()) {
      JsonNode event = json.readTree(e.value());
      if (event.path("type").asText().equals("OrderPlaced")
          && event.path("orderId").asText().equals(orderId)) {
        return event.path("customerId").asText();
      }
    }
    throw new IllegalStateException("no OrderPlaced of " + orderId);
  }

  private JsonNode get(String path) throws Exception {
    var answer = http.getForEntity(path, String.class);
    assertThat(answer.getStatusCode().value()).as(path + ": " + answer.getBody()).isEqualTo(200);
    return json.readTree(answer.getBody());
  }

  private static BigDecimal decimal(JsonNode node, String field) {
    return node.path(field).isMissingNode() || node.path(field).isNull()
        ? BigDecimal.ZERO
        : node.path(field).decimalValue();
  }
}
