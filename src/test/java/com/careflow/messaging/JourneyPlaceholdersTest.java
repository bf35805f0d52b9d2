package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which placeholders the journeys fill, read from the models as Modeler saves them. */
class JourneyPlaceholdersTest {

  private final JourneyPlaceholders shipped = MessagingTestSupport.shippedJourneys();

  @Test
  void theShippedJourneysSayWhatEachTextMayUse() {
    assertThat(shipped.provided("shipment-notice"))
        .containsExactlyInAnyOrder("orderId", "carrier", "trackingNumber");
    assertThat(shipped.stepsSending("shipment-notice"))
        .extracting(JourneyPlaceholders.Step::processId)
        .containsOnly("order-journey");
    // a key from the reminder-policy table's templateKey column (=reminderPolicy.templateKey)
    assertThat(shipped.provided("payment-reminder-new")).contains("orderId");
    assertThat(shipped.provided("payment-reminder-returning")).contains("orderId");
    // both keys of a FEEL if-then-else
    assertThat(shipped.provided("holiday-offer"))
        .contains("couponCode", "occasionName", "occasionNameZh");
    assertThat(shipped.provided("cart-recovery-offer")).contains("cartValue", "couponCode");
  }

  @Test
  void everyShippedTextUsesOnlyPlaceholdersItsJourneyFills() {
    MessagingProperties props = MessagingTestSupport.messaging(Map.of());
    List<String> problems = new ArrayList<>();
    for (MessageTemplates.FileText file : new MessageTemplates(props).files()) {
      List<JourneyPlaceholders.Step> steps = shipped.stepsSending(file.key());
      if (steps.isEmpty()) {
        problems.add(file.file() + ": no shipped journey sends it");
      }
      MessageTextChecks.unfilled(file.file(), file.key(), file.text(), steps)
          .forEach(f -> problems.add(f.text()));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aStepFillsTheKeysOfItsContextAndTheOrderIdItPasses() {
    String bpmn =
        """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:callActivity id="Send" name="Tell the buyer">
              <bpmn:extensionElements><zeebe:ioMapping>
                <zeebe:input source="parcel-news" target="templateKey"/>
                <zeebe:input source="=orderId" target="orderId"/>
                <zeebe:input source="={carrier: c, &quot;eta date&quot;: {d: 1, e: [1, 2]}, note: if x then &quot;a, b&quot; else &quot;c&quot;}" target="templateVariables"/>
                <zeebe:input source="=&quot;parcel-news-b,parcel-news-c&quot;" target="variantTemplateKeys"/>
              </zeebe:ioMapping></bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:callActivity id="Other" name="No order">
              <bpmn:extensionElements><zeebe:ioMapping>
                <zeebe:input source="parcel-news" target="templateKey"/>
                <zeebe:input source="=null" target="orderId"/>
                <zeebe:input source="={carrier: c}" target="templateVariables"/>
              </zeebe:ioMapping></bpmn:extensionElements>
            </bpmn:callActivity>
          </bpmn:process>
        </bpmn:definitions>
        """;
    JourneyPlaceholders journeys =
        JourneyPlaceholders.of(Map.of("p.bpmn", bpmn.getBytes(StandardCharsets.UTF_8)));

    assertThat(journeys.stepsSending("parcel-news")).hasSize(2);
    assertThat(journeys.stepsSending("parcel-news").getFirst().provides())
        .containsExactlyInAnyOrder("carrier", "eta date", "note", "orderId");
    assertThat(journeys.provided("parcel-news"))
        .as("only what every step sending it fills")
        .containsExactly("carrier");
    assertThat(journeys.keys()).contains("parcel-news-b", "parcel-news-c");
    assertThat(journeys.provided("unknown")).isEmpty();
  }
}
