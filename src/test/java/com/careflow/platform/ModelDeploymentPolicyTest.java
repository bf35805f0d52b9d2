package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.ProcessTestEngine;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Finding 1 of issue 21 ("a restart reverts the change"): a decision table operations deployed from
 * Modeler stays the latest when Careflow starts again, under the production policy if-missing. The
 * start-up deployment runs against the in-memory engine exactly as at application start (a new
 * {@link ModelDeployment} per start, the same cluster).
 */
class ModelDeploymentPolicyTest {

  private static final List<String> PROJECT_MODELS =
      List.of("file:bpmn/**/*.bpmn", "file:dmn/**/*.dmn", "file:bpmn/**/*.form");
  private static final Map<String, Object> NEW_BUYER =
      Map.of("returningBuyer", false, "amount", 99);

  private ProcessTestEngine engine;

  @BeforeEach
  void startEngine() {
    engine = ProcessTestEngine.start();
  }

  @AfterEach
  void stopEngine() {
    engine.close();
  }

  private ModelDeployment.Summary startCareflow(DeploymentPolicy policy) {
    return new ModelDeployment(
            engine.client(),
            new DeploymentProperties(true, PROJECT_MODELS, policy),
            new PathMatchingResourcePatternResolver())
        .deploy();
  }

  /** Deploys reminder-policy.dmn with the new-buyer delay changed, as Modeler's Deploy does. */
  private void deployFromModeler(String from, String to) throws Exception {
    String dmn = Files.readString(Path.of("dmn/reminder-policy.dmn"), StandardCharsets.UTF_8);
    assertThat(dmn).contains(from);
    engine
        .client()
        .newDeployResourceCommand()
        .addResourceBytes(
            dmn.replace(from, to).getBytes(StandardCharsets.UTF_8), "reminder-policy.dmn")
        .send()
        .join();
  }

  private EvaluateDecisionResponse reminderPolicyFor(Map<String, Object> vars) {
    return engine
        .client()
        .newEvaluateDecisionCommand()
        .decisionId("reminder-policy")
        .variables(vars)
        .send()
        .join();
  }

  @SuppressWarnings("unchecked")
  private String newBuyerDelay() throws Exception {
    EvaluateDecisionResponse r = reminderPolicyFor(NEW_BUYER);
    assertThat(r.getFailureMessage()).isNullOrEmpty();
    return (String)
        new ObjectMapper().readValue(r.getDecisionOutput(), Map.class).get("reminderDelay");
  }

  @Test
  void ifMissing_aTableDeployedFromModelerStaysTheLatestAcrossARestart() throws Exception {
    ModelDeployment.Summary first = startCareflow(DeploymentPolicy.IF_MISSING);
    assertThat(first.modelsByFile()).containsKeys("reminder-policy.dmn", "order-journey.bpmn");
    assertThat(newBuyerDelay()).isEqualTo("PT2H");

    deployFromModeler("\"PT2H\"", "\"PT90M\"");
    assertThat(reminderPolicyFor(NEW_BUYER).getDecisionVersion()).isEqualTo(2);

    ModelDeployment.Summary restart = startCareflow(DeploymentPolicy.IF_MISSING);

    assertThat(restart.modelsByFile()).as("nothing deployed over the cluster's models").isEmpty();
    assertThat(reminderPolicyFor(NEW_BUYER).getDecisionVersion()).isEqualTo(2);
    assertThat(newBuyerDelay()).isEqualTo("PT90M");
  }

  @Test
  void always_redeploysTheBundledCopy_asTheEmbeddedDevelopmentDefault() throws Exception {
    startCareflow(DeploymentPolicy.ALWAYS);
    deployFromModeler("\"PT2H\"", "\"PT90M\"");

    startCareflow(DeploymentPolicy.ALWAYS);

    assertThat(reminderPolicyFor(NEW_BUYER).getDecisionVersion()).isEqualTo(3);
    assertThat(newBuyerDelay()).isEqualTo("PT2H");
  }

  @Test
  void ifMissing_deploysOnlyTheFileTheClusterDoesNotHave() throws Exception {
    engine.deploy(List.of(Path.of("dmn/reminder-policy.dmn")));
    deployFromModeler("\"PT2H\"", "\"PT90M\"");

    ModelDeployment.Summary start = startCareflow(DeploymentPolicy.IF_MISSING);

    assertThat(start.modelsByFile())
        .doesNotContainKey("reminder-policy.dmn")
        .containsKeys("order-timings.dmn", "order-journey.bpmn", "message-delivery.bpmn");
    assertThat(newBuyerDelay()).isEqualTo("PT90M");
  }

  @Test
  void ifMissing_aProcessInTheClusterIsKeptAndNoInstanceIsStartedByTheCheck() {
    engine.deploy(List.of(Path.of("bpmn/message-delivery.bpmn")));

    ModelDeployment.Summary start = startCareflow(DeploymentPolicy.IF_MISSING);

    assertThat(start.modelsByFile())
        .doesNotContainKey("message-delivery.bpmn")
        .containsKey("order-journey.bpmn");
    engine.waitForIdle();
    assertThat(engine.records().instancesOf("message-delivery"))
        .as("the existence check starts no instance")
        .isEmpty();
  }

  @Test
  void aModelWithAnEmptyCell_stopsTheStartUpNamingTableRuleAndColumn_andNothingIsDeployed(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String calendar = Files.readString(Path.of("dmn/occasion-calendar.dmn"));
    String cell = "<outputEntry id=\"occasion-calendar-birthday-exclude-large\"><text>false</text>";
    assertThat(calendar).contains(cell);
    Files.writeString(
        dir.resolve("occasion-calendar.dmn"),
        calendar.replace(cell, cell.replace(">false<", "><")));
    Files.copy(Path.of("dmn/discount.dmn"), dir.resolve("discount.dmn"));

    ModelDeployment deployment =
        new ModelDeployment(
            engine.client(),
            new DeploymentProperties(
                true, List.of("file:" + dir + "/*.dmn"), DeploymentPolicy.ALWAYS),
            new PathMatchingResourcePatternResolver());

    org.assertj.core.api.Assertions.assertThatThrownBy(deployment::deploy)
        .hasMessageContaining(
            "occasion-calendar.dmn: table occasion-calendar, rule 7, column 'Leave out large"
                + " buyers?': empty");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                engine
                    .client()
                    .newEvaluateDecisionCommand()
                    .decisionId("discount")
                    .variables(Map.of())
                    .send()
                    .join())
        .as("nothing deployed")
        .hasMessageContaining("NOT_FOUND");
  }
}
