package com.careflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.ProcessTestEngine;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision tables in dmn/, evaluated by the engine Zeebe itself uses (the in-memory engine's
 * evaluate-decision command): every row, and the edges between rows. The last check fails when a
 * row was added to a table without a case here.
 */
class DecisionTablesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ProcessTestEngine engine;
  private static final Set<String> matchedRules = new TreeSet<>();

  @BeforeAll
  static void deployTables() throws Exception {
    engine = ProcessTestEngine.start();
    try (Stream<Path> files = java.nio.file.Files.list(ProcessTestEngine.DMN_DIR)) {
      engine.deploy(files.filter(f -> f.toString().endsWith(".dmn")).sorted().toList());
    }
  }

  @AfterAll
  static void everyRowWasCovered() {
    try {
      Set<String> allRules = new TreeSet<>();
      for (String table : List.of("reminder-policy", "order-timings", "discount")) {
        Dmn.readModelFromFile(ProcessTestEngine.DMN_DIR.resolve(table + ".dmn").toFile())
            .getModelElementsByType(Rule.class)
            .forEach(r -> allRules.add(r.getId()));
      }
      assertThat(matchedRules).as("rows matched by the cases in this test").containsAll(allRules);
    } finally {
      engine.close();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> evaluate(String decisionId, Map<String, ?> variables) {
    EvaluateDecisionResponse response =
        engine
            .client()
            .newEvaluateDecisionCommand()
            .decisionId(decisionId)
            .variables(variables)
            .send()
            .join();
    assertThat(response.getFailureMessage()).as("evaluation failure").isNullOrEmpty();
    response
        .getEvaluatedDecisions()
        .forEach(d -> d.getMatchedRules().forEach(r -> matchedRules.add(r.getRuleId())));
    try {
      return JSON.readValue(response.getDecisionOutput(), Map.class);
    } catch (Exception e) {
      if ("null".equals(response.getDecisionOutput())) {
        return null;
      }
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> vars(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  /**
   * The values of a settings decision (one row, one cell per tunable): the expectations below are
   * read from the table rather than repeated, so changing a setting's cell changes no test.
   */
  private static Map<String, Object> settings(String decisionId) {
    Map<String, Object> values = evaluate(decisionId, Map.of());
    assertThat(values).as("settings %s", decisionId).isNotNull().isNotEmpty();
    return values;
  }

  private static BigDecimal number(Map<String, Object> settings, String name) {
    return new BigDecimal(String.valueOf(settings.get(name)));
  }

  // ------------------------------------------------------------------ reminder-policy (R1, R2, R3,
  // R5, R6)

  static Stream<Arguments> reminderPolicy() {
    BigDecimal large = number(settings("reminder-settings"), "largeOrderFrom");
    BigDecimal belowLarge = large.subtract(new BigDecimal("0.01"));
    BigDecimal small = large.divide(BigDecimal.TEN);
    return Stream.of(
        // returning, amount, promotion -> delay setting, template, call, repeats on a sale day
        Arguments.of(
            false, small, null, "newBuyerDelay", "payment-reminder-new", false, false), // R1
        Arguments.of(
            false,
            belowLarge,
            null,
            "newBuyerDelay",
            "payment-reminder-new",
            false,
            false), // R3 edge: below threshold
        Arguments.of(
            false,
            large,
            null,
            "newBuyerDelay",
            "payment-reminder-new",
            true,
            false), // R3 edge: at threshold
        Arguments.of(
            true,
            small,
            null,
            "returningBuyerDelay",
            "payment-reminder-returning",
            false,
            false), // R2
        Arguments.of(
            true,
            large,
            null,
            "returningBuyerDelay",
            "payment-reminder-returning",
            true,
            false), // R2 + R3
        Arguments.of(
            false, small, "Double 11", "newBuyerDelay", "payment-reminder-new", false, true), // R5
        Arguments.of(
            true, small, "618", "returningBuyerDelay", "payment-reminder-returning", false, true),
        Arguments.of(
            false,
            large.multiply(BigDecimal.valueOf(5)),
            "Double 11",
            "newBuyerDelay",
            "payment-reminder-new",
            true,
            true),
        Arguments.of(
            true,
            large,
            "Double 11",
            "returningBuyerDelay",
            "payment-reminder-returning",
            true,
            true));
  }

  @ParameterizedTest(name = "returning={0} amount={1} promotion={2}")
  @MethodSource
  void reminderPolicy(
      boolean returning,
      BigDecimal amount,
      String promotion,
      String delaySetting,
      String template,
      boolean call,
      boolean saleDay) {
    Map<String, Object> settings = settings("reminder-settings");
    Map<String, Object> policy =
        evaluate(
            "reminder-policy",
            vars("returningBuyer", returning, "amount", amount, "promotion", promotion));

    assertThat(policy)
        .containsEntry("reminderDelay", settings.get(delaySetting))
        .containsEntry("templateKey", template)
        .containsEntry("callBuyer", call)
        .containsEntry("closeAfter", settings.get("closeUnpaidAfter"))
        .containsEntry("saleDayRepeats", saleDay ? settings.get("saleDayRepeats") : 0);
  }

  @Test
  void r1_r2_reminderSettings_newBuyersAreRemindedBeforeReturningBuyers_andSaleDaysRepeat() {
    Map<String, Object> settings = settings("reminder-settings");
    assertThat(java.time.Duration.parse((String) settings.get("newBuyerDelay")))
        .isLessThan(java.time.Duration.parse((String) settings.get("returningBuyerDelay")));
    assertThat(number(settings, "saleDayRepeats")).isPositive();
  }

  // ------------------------------------------------------------------ order-timings (R3, R5, R8,
  // R11)

  private static final List<String> SAME_ON_EVERY_DAY =
      List.of(
          "reminderRepeatInterval",
          "callingHours",
          "sameDayShippingCutOff",
          "reviewDelay",
          "reviewWindow");

  @Test
  void r11_orderTimings_normalDay_reviewInviteThreeDaysAfterDelivery() {
    Map<String, Object> settings = settings("order-timing-settings");
    Map<String, Object> timings = evaluate("order-timings", vars("promotion", null));
    assertThat(timings)
        .containsEntry("shippingDeadline", "P2D")
        .containsEntry("expectedDeliveryTime", "P5D")
        .containsEntry("deliveryGrace", "P1D");
    SAME_ON_EVERY_DAY.forEach(k -> assertThat(timings).containsEntry(k, settings.get(k)));
    assertThat(settings).containsEntry("reviewDelay", "P3D"); // R11: three days by default
  }

  @Test
  void r8_orderTimings_saleDay_moreTimeForShippingAndDelivery() {
    Map<String, Object> settings = settings("order-timing-settings");
    Map<String, Object> timings = evaluate("order-timings", vars("promotion", "Double 11"));
    assertThat(timings)
        .containsEntry("shippingDeadline", "P3D")
        .containsEntry("expectedDeliveryTime", "P7D")
        .containsEntry("deliveryGrace", "P2D");
    SAME_ON_EVERY_DAY.forEach(k -> assertThat(timings).containsEntry(k, settings.get(k)));
  }

  // ------------------------------------------------------------------ discount (R9, R13, R15, R17,
  // R18, R19)

  /**
   * A number expected from the discount table: an Integer is the row's own value (in that one
   * cell), a String names the shared cell in the coupon-settings table, "name-0.01" a value just
   * below it.
   */
  private static Object resolve(Object expected) {
    if (!(expected instanceof String name)) {
      return expected;
    }
    Map<String, Object> settings = settings("coupon-settings");
    if (name.endsWith("-0.01")) {
      return number(settings, name.substring(0, name.length() - 5))
          .subtract(new BigDecimal("0.01"));
    }
    assertThat(settings).containsKey(name);
    return settings.get(name);
  }

  static Stream<Arguments> discount() {
    return Stream.of(
        // segment, occasion, amount -> kind, value, minimum spend, validity days
        Arguments.of("NEW", "PAYMENT_REMINDER", "reminderCouponFrom", "FIXED", 10, 200, 3),
        Arguments.of("NEW", "PAYMENT_REMINDER", "reminderCouponFrom-0.01", "NONE", 0, 0, 0),
        Arguments.of("A_LOYAL", "PAYMENT_REMINDER", 5000, "NONE", 0, 0, 0),
        Arguments.of("D_LOST", "PAYMENT_REMINDER", 50, "NONE", 0, 0, 0),
        Arguments.of(
            "A_LOYAL",
            "CART_RECOVERY",
            "cartCouponFrom",
            "FIXED",
            15,
            "cartMinimumSpend",
            "cartValidityDays"),
        Arguments.of(
            "B_ACTIVE", "CART_RECOVERY", 300, "FIXED", 15, "cartMinimumSpend", "cartValidityDays"),
        Arguments.of(
            "NEW",
            "CART_RECOVERY",
            "cartCouponFrom",
            "FIXED",
            10,
            "cartMinimumSpend",
            "cartValidityDays"),
        Arguments.of("NEW", "CART_RECOVERY", "cartCouponFrom-0.01", "NONE", 0, 0, 0),
        Arguments.of("B_ACTIVE", "CART_RECOVERY", "cartCouponFrom-0.01", "NONE", 0, 0, 0),
        Arguments.of("C_SLEEPING", "CART_RECOVERY", 500, "NONE", 0, 0, 0),
        Arguments.of("D_LOST", "CART_RECOVERY", 500, "NONE", 0, 0, 0),
        Arguments.of(
            "NEW",
            "OUT_OF_STOCK",
            "largeOutOfStockFrom",
            "FIXED",
            20,
            100,
            "outOfStockValidityDays"),
        Arguments.of(
            "D_LOST",
            "OUT_OF_STOCK",
            "largeOutOfStockFrom-0.01",
            "FIXED",
            10,
            50,
            "outOfStockValidityDays"),
        Arguments.of(
            "A_LOYAL",
            "SERVICE_RECOVERY",
            10,
            "FIXED",
            30,
            "serviceRecoveryMinimumSpend",
            "serviceRecoveryValidityDays"),
        Arguments.of(
            "B_ACTIVE",
            "SERVICE_RECOVERY",
            99,
            "FIXED",
            30,
            "serviceRecoveryMinimumSpend",
            "serviceRecoveryValidityDays"),
        Arguments.of(
            "NEW",
            "SERVICE_RECOVERY",
            99,
            "FIXED",
            20,
            "serviceRecoveryMinimumSpend",
            "serviceRecoveryValidityDays"),
        Arguments.of(
            "C_SLEEPING",
            "SERVICE_RECOVERY",
            99,
            "FIXED",
            20,
            "serviceRecoveryMinimumSpend",
            "serviceRecoveryValidityDays"),
        Arguments.of(
            "A_LOYAL",
            "HOLIDAY",
            null,
            "PERCENT",
            15,
            "holidayMinimumSpend",
            "holidayValidityDays"),
        Arguments.of(
            "B_ACTIVE",
            "HOLIDAY",
            null,
            "PERCENT",
            10,
            "holidayMinimumSpend",
            "holidayValidityDays"),
        Arguments.of(
            "NEW", "HOLIDAY", null, "PERCENT", 5, "holidayMinimumSpend", "holidayValidityDays"),
        Arguments.of(
            "C_SLEEPING",
            "HOLIDAY",
            null,
            "PERCENT",
            5,
            "holidayMinimumSpend",
            "holidayValidityDays"),
        Arguments.of("D_LOST", "HOLIDAY", null, "NONE", 0, 0, 0),
        Arguments.of(
            "C_SLEEPING",
            "WIN_BACK",
            null,
            "FIXED",
            20,
            "winBackMinimumSpend",
            "winBackValidityDays"),
        Arguments.of(
            "D_LOST", "WIN_BACK", null, "FIXED", 10, "winBackMinimumSpend", "winBackValidityDays"),
        Arguments.of("A_LOYAL", "WIN_BACK", null, "NONE", 0, 0, 0));
  }

  @ParameterizedTest(name = "{0} {1} value={2}")
  @MethodSource
  void discount(
      String segment,
      String occasion,
      Object amount,
      String kind,
      int value,
      Object minimumSpend,
      Object days) {
    assertThat(
            evaluate(
                "discount",
                vars("segment", segment, "occasion", occasion, "amount", resolve(amount))))
        .containsEntry("couponKind", kind)
        .containsEntry("value", value)
        .containsEntry("minimumSpend", resolve(minimumSpend))
        .containsEntry("validityDays", resolve(days));
  }

  @Test
  void r9_r13_outOfStockAndServiceRecoveryAlwaysGiveACoupon_forEverySegment() {
    for (String segment : List.of("NEW", "A_LOYAL", "B_ACTIVE", "C_SLEEPING", "D_LOST")) {
      for (String occasion : List.of("OUT_OF_STOCK", "SERVICE_RECOVERY")) {
        for (Number amount : List.of(0, 99, 499.99, 500, 10000)) {
          assertThat(
                  evaluate(
                      "discount", vars("segment", segment, "occasion", occasion, "amount", amount)))
              .as("%s %s %s", segment, occasion, amount)
              .isNotNull()
              .extracting(m -> m.get("couponKind"))
              .isIn("FIXED", "PERCENT");
        }
      }
    }
  }

  @Test
  void r15_loyalAndActiveBuyersGetMoreThanSleepingAndLost() {
    int loyal =
        (int)
            evaluate(
                    "discount",
                    vars("segment", "A_LOYAL", "occasion", "SERVICE_RECOVERY", "amount", 99))
                .get("value");
    int lost =
        (int)
            evaluate(
                    "discount",
                    vars("segment", "D_LOST", "occasion", "SERVICE_RECOVERY", "amount", 99))
                .get("value");
    assertThat(loyal).isGreaterThan(lost);
  }

  @Test
  void anUnknownSegmentMatchesNoRow() {
    assertThat(
            evaluate(
                "discount", vars("segment", "VIP", "occasion", "SERVICE_RECOVERY", "amount", 99)))
        .isNull();
  }
}
