package com.careflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.ProcessTestEngine;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.EvaluateDecisionResponse;
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

  // ------------------------------------------------------------------ reminder-policy (R1, R2, R3,
  // R5, R6)

  static Stream<Arguments> reminderPolicy() {
    return Stream.of(
        // returning, amount, promotion -> delay, template, call, repeats
        Arguments.of(false, 99, null, "PT2H", "payment-reminder-new", false, 0), // R1
        Arguments.of(
            false,
            999.99,
            null,
            "PT2H",
            "payment-reminder-new",
            false,
            0), // R3 edge: below threshold
        Arguments.of(
            false, 1000, null, "PT2H", "payment-reminder-new", true, 0), // R3 edge: at threshold
        Arguments.of(true, 99, null, "PT3H", "payment-reminder-returning", false, 0), // R2
        Arguments.of(true, 1000, null, "PT3H", "payment-reminder-returning", true, 0), // R2 + R3
        Arguments.of(false, 99, "Double 11", "PT2H", "payment-reminder-new", false, 3), // R5
        Arguments.of(true, 99, "618", "PT3H", "payment-reminder-returning", false, 3),
        Arguments.of(false, 5000, "Double 11", "PT2H", "payment-reminder-new", true, 3),
        Arguments.of(true, 1000, "Double 11", "PT3H", "payment-reminder-returning", true, 3));
  }

  @ParameterizedTest(name = "returning={0} amount={1} promotion={2}")
  @MethodSource
  void reminderPolicy(
      boolean returning,
      Number amount,
      String promotion,
      String delay,
      String template,
      boolean call,
      int repeats) {
    Map<String, Object> policy =
        evaluate(
            "reminder-policy",
            vars("returningBuyer", returning, "amount", amount, "promotion", promotion));

    assertThat(policy)
        .containsEntry("reminderDelay", delay)
        .containsEntry("templateKey", template)
        .containsEntry("callBuyer", call)
        .containsEntry("closeAfter", "PT24H")
        .containsEntry("saleDayRepeats", repeats);
  }

  // ------------------------------------------------------------------ order-timings (R3, R5, R8,
  // R11)

  @Test
  void r11_orderTimings_normalDay_reviewInviteThreeDaysAfterDelivery() {
    assertThat(evaluate("order-timings", vars("promotion", null)))
        .containsEntry("shippingDeadline", "P2D")
        .containsEntry("expectedDeliveryTime", "P5D")
        .containsEntry("deliveryGrace", "P1D")
        .containsEntry("reminderRepeatInterval", "PT1H")
        .containsEntry("callingHours", "11:00-12:00,15:30-16:30")
        .containsEntry("sameDayShippingCutOff", "16:00")
        .containsEntry("reviewDelay", "P3D")
        .containsEntry("reviewWindow", "P14D");
  }

  @Test
  void r8_orderTimings_saleDay_moreTimeForShippingAndDelivery() {
    assertThat(evaluate("order-timings", vars("promotion", "Double 11")))
        .containsEntry("shippingDeadline", "P3D")
        .containsEntry("expectedDeliveryTime", "P7D")
        .containsEntry("deliveryGrace", "P2D")
        .containsEntry("reviewDelay", "P3D");
  }

  // ------------------------------------------------------------------ discount (R9, R13, R15, R17,
  // R18, R19)

  static Stream<Arguments> discount() {
    return Stream.of(
        // segment, occasion, amount -> kind, value, minimum spend, validity days
        Arguments.of("NEW", "PAYMENT_REMINDER", 200, "FIXED", 10, 200, 3),
        Arguments.of("NEW", "PAYMENT_REMINDER", 199.99, "NONE", 0, 0, 0),
        Arguments.of("A_LOYAL", "PAYMENT_REMINDER", 5000, "NONE", 0, 0, 0),
        Arguments.of("D_LOST", "PAYMENT_REMINDER", 50, "NONE", 0, 0, 0),
        Arguments.of("A_LOYAL", "CART_RECOVERY", 100, "FIXED", 15, 100, 3),
        Arguments.of("B_ACTIVE", "CART_RECOVERY", 300, "FIXED", 15, 100, 3),
        Arguments.of("NEW", "CART_RECOVERY", 100, "FIXED", 10, 100, 3),
        Arguments.of("NEW", "CART_RECOVERY", 99.99, "NONE", 0, 0, 0),
        Arguments.of("B_ACTIVE", "CART_RECOVERY", 99.99, "NONE", 0, 0, 0),
        Arguments.of("C_SLEEPING", "CART_RECOVERY", 500, "NONE", 0, 0, 0),
        Arguments.of("D_LOST", "CART_RECOVERY", 500, "NONE", 0, 0, 0),
        Arguments.of("NEW", "OUT_OF_STOCK", 500, "FIXED", 20, 100, 30),
        Arguments.of("D_LOST", "OUT_OF_STOCK", 499.99, "FIXED", 10, 50, 30),
        Arguments.of("A_LOYAL", "SERVICE_RECOVERY", 10, "FIXED", 30, 100, 30),
        Arguments.of("B_ACTIVE", "SERVICE_RECOVERY", 99, "FIXED", 30, 100, 30),
        Arguments.of("NEW", "SERVICE_RECOVERY", 99, "FIXED", 20, 100, 30),
        Arguments.of("C_SLEEPING", "SERVICE_RECOVERY", 99, "FIXED", 20, 100, 30),
        Arguments.of("A_LOYAL", "HOLIDAY", null, "PERCENT", 15, 200, 7),
        Arguments.of("B_ACTIVE", "HOLIDAY", null, "PERCENT", 10, 200, 7),
        Arguments.of("NEW", "HOLIDAY", null, "PERCENT", 5, 200, 7),
        Arguments.of("C_SLEEPING", "HOLIDAY", null, "PERCENT", 5, 200, 7),
        Arguments.of("D_LOST", "HOLIDAY", null, "NONE", 0, 0, 0),
        Arguments.of("C_SLEEPING", "WIN_BACK", null, "FIXED", 20, 150, 14),
        Arguments.of("D_LOST", "WIN_BACK", null, "FIXED", 10, 150, 14),
        Arguments.of("A_LOYAL", "WIN_BACK", null, "NONE", 0, 0, 0));
  }

  @ParameterizedTest(name = "{0} {1} value={2}")
  @MethodSource
  void discount(
      String segment,
      String occasion,
      Number amount,
      String kind,
      int value,
      int minimumSpend,
      int days) {
    assertThat(
            evaluate("discount", vars("segment", segment, "occasion", occasion, "amount", amount)))
        .containsEntry("couponKind", kind)
        .containsEntry("value", value)
        .containsEntry("minimumSpend", minimumSpend)
        .containsEntry("validityDays", days);
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
