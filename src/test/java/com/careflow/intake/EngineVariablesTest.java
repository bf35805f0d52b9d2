package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault 9 of issue #14, "free text in engine variables": every documented event, with a buyer's
 * adversarial free text (a phone number, a name) in every free-text field it has, is mapped to
 * engine variables; none of them may carry the text, and every name must be on the allowlist.
 */
class EngineVariablesTest {

  static final String PHONE = "+86 138 0013 8004";
  static final String NAME = "Zhang Xiaoming";
  static final String ADVERSARIAL = "call me on " + PHONE + ", " + NAME;

  /** Every field of the contract a person writes freely. */
  static final List<String> FREE_TEXT = List.of("title", "description", "reason", "text", "name");

  final ShopEventParser parser =
      new ShopEventParser(java.time.Clock.systemUTC(), EventsProperties.defaults());
  final ObjectMapper json = new ObjectMapper();

  static List<String> documentedExamples() throws Exception {
    return ShopEventContractTest.documentedExamples();
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("documentedExamples")
  @DisplayName(
      "fault 9 (free text in engine variables): adversarial free text in every event type never"
          + " reaches a variable")
  void freeTextInEngineVariables(String example) throws Exception {
    ObjectNode event = (ObjectNode) json.readTree(example);
    ShopEventType type = ShopEventType.fromTypeName(event.get("type").asText()).orElseThrow();
    inject(event);
    if (type == ShopEventType.ORDER_CANCELLED) {
      event.put("reason", "buyer"); // its reason is an enum: free text there is refused
    }
    if (event.has("phone")) {
      event.put("phone", PHONE);
    }

    Map<String, Object> variables =
        EngineVariables.allowlisted(parser.parse(event.toString(), type.topic()).variables());

    String all = json.writeValueAsString(variables);
    assertThat(all).doesNotContain(PHONE, "8613800138004", "13800138004", NAME, "call me");
    assertThat(EngineVariables.ENGINE_VARIABLES).containsAll(variables.keySet());
  }

  /** Puts the text into every free-text field of the event and of its items. */
  private void inject(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (String field : FREE_TEXT) {
        if (object.has(field)) {
          object.put(field, ADVERSARIAL);
        }
      }
    }
    node.forEach(this::inject);
  }
}
