package com.careflow.segments;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.ProcessTestEngine;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.MatchedDecisionRule;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * dmn/customer-segment.dmn evaluated by the engine Zeebe uses (in-memory engine, evaluate-decision
 * command): every row of both tables, and the values on either side of each threshold.
 */
class CustomerSegmentDecisionTest {

  private static ProcessTestEngine engine;

  @BeforeAll
  static void deploy() {
    engine = ProcessTestEngine.start();
    engine.deploy(List.of(Path.of("dmn", "customer-segment.dmn")));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static EvaluateDecisionResponse evaluate(
      String decisionId, Map<String, Object> variables) {
    return engine
        .client()
        .newEvaluateDecisionCommand()
        .decisionId(decisionId)
        .variables(variables)
        .send()
        .join();
  }

  private static String matchedRule(EvaluateDecisionResponse response) {
    // the evaluated decision itself, not the settings decision it requires (evaluated before it)
    List<MatchedDecisionRule> rules =
        response.getEvaluatedDecisions().stream()
            .filter(d -> d.getDecisionId().equals(response.getDecisionId()))
            .findFirst()
            .orElseThrow()
            .getMatchedRules();
    assertThat(rules).as("first hit policy: exactly one row matches").hasSize(1);
    return rules.getFirst().getRuleId();
  }

  // rule R15: one row per case, and the edges between rows (R 90|91, 180|181, 365|366; F 3|4; M
  // 1999.99|2000; new 1|2)
  @ParameterizedTest(name = "R={1} F={2} M={3} lifetime={0} -> {4} ({5})")
  @CsvSource(
      nullValues = "null",
      value = {
        "0, null, 0, 0,       NEW,        customer-segment-new-never-paid",
        "1, 0,    1, 50,      NEW,        customer-segment-new-first-order",
        "1, 90,   1, 5000,    NEW,        customer-segment-new-first-order",
        "1, 91,   1, 50,      B_ACTIVE,   customer-segment-active",
        "2, 10,   2, 50,      B_ACTIVE,   customer-segment-active",
        "5, 90,   4, 100,     A_LOYAL,    customer-segment-loyal-by-frequency",
        "5, 90,   3, 100,     B_ACTIVE,   customer-segment-active",
        "5, 91,   4, 100,     B_ACTIVE,   customer-segment-active",
        "2, 30,   2, 2000,    A_LOYAL,    customer-segment-loyal-by-monetary",
        "2, 30,   2, 1999.99, B_ACTIVE,   customer-segment-active",
        "3, 180,  1, 100,     B_ACTIVE,   customer-segment-active",
        "3, 181,  1, 100,     C_SLEEPING, customer-segment-sleeping",
        "1, 365,  0, 0,       C_SLEEPING, customer-segment-sleeping",
        "1, 366,  0, 0,       D_LOST,     customer-segment-lost",
        "9, 800,  0, 0,       D_LOST,     customer-segment-lost",
      })
  void r15_segmentFromRecencyFrequencyMonetary(
      int lifetime, Long recency, int frequency, double monetary, String segment, String ruleId) {
    var variables = new HashMap<String, Object>();
    variables.put("lifetimeOrders", lifetime);
    variables.put("recencyDays", recency);
    variables.put("frequency", frequency);
    variables.put("monetary", monetary);

    var response = evaluate(SegmentJobTypes.SEGMENT_DECISION, variables);

    assertThat(response.getDecisionOutput()).isEqualTo("\"" + segment + "\"");
    assertThat(matchedRule(response)).isEqualTo(ruleId);
  }

  // rule R16: largest order 4999.99|5000 and 19|20 units
  @ParameterizedTest(name = "amount={0} units={1} -> {2} ({3})")
  @CsvSource({
    "5000,    1,  true,  large-buyer-by-amount",
    "4999.99, 19, false, large-buyer-regular",
    "100,     20, true,  large-buyer-by-units",
    "0,       0,  false, large-buyer-regular",
  })
  void r16_largeBuyerFromOrderSizes(double amount, int units, boolean large, String ruleId) {
    var response =
        evaluate(
            SegmentJobTypes.LARGE_BUYER_DECISION,
            Map.of("largestOrderAmount", amount, "largestOrderUnits", units));

    assertThat(response.getDecisionOutput()).isEqualTo(String.valueOf(large));
    assertThat(matchedRule(response)).isEqualTo(ruleId);
  }
}
