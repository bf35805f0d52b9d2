package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.platform.ClusterModels.Deployed;
import com.careflow.platform.DeploymentPlan.Step;
import com.careflow.platform.DeploymentPlan.VersionTags;
import com.careflow.platform.ModelFile.Model;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The policy's choice per file and its logged reason, against a cluster given as a map. */
class DeploymentPlanTest {

  private static ModelFile dmn(String id, String versionTag) {
    String tag =
        versionTag == null
            ? ""
            : "<extensionElements><zeebe:versionTag value=\""
                + versionTag
                + "\"/></extensionElements>";
    String xml =
        "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\""
            + " xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"d\" name=\"d\""
            + " namespace=\"x\"><decision id=\""
            + id
            + "\" name=\"n\">"
            + tag
            + "</decision></definitions>";
    return ModelFile.parse(id + ".dmn", xml.getBytes(StandardCharsets.UTF_8));
  }

  private static Step only(List<Step> steps) {
    assertThat(steps).hasSize(1);
    return steps.get(0);
  }

  private static List<Step> plan(ModelFile file, DeploymentPolicy policy, Deployed deployed) {
    Map<String, Deployed> cluster = deployed == null ? Map.of() : Map.of("t", deployed);
    return DeploymentPlan.plan(
        List.of(file), policy, (Model m) -> Optional.ofNullable(cluster.get(m.id())));
  }

  @Test
  void readsTheVersionTagOfADecision() {
    assertThat(dmn("t", "1.2").models())
        .containsExactly(new Model(ModelFile.Kind.DECISION, "t", Optional.of("1.2")));
  }

  @Test
  void ifMissing_deploysWhatTheClusterLacks_andKeepsWhatItHas() {
    assertThat(only(plan(dmn("t", "2"), DeploymentPolicy.IF_MISSING, null)).deploy()).isTrue();
    Step kept =
        only(
            plan(
                dmn("t", "2"),
                DeploymentPolicy.IF_MISSING,
                new Deployed(2, Optional.of("1"), true)));
    assertThat(kept.deploy()).isFalse();
    assertThat(kept.reason()).contains("decision t v2", "policy if-missing");
  }

  @Test
  void ifNewer_deploysOnlyABundledVersionTagNewerThanTheDeployedOne() {
    Deployed deployed = new Deployed(4, Optional.of("1.9"), true);
    Step newer = only(plan(dmn("t", "1.10"), DeploymentPolicy.IF_NEWER, deployed));
    assertThat(newer.deploy()).isTrue();
    assertThat(newer.reason()).contains("1.10 is newer than deployed 1.9");
    assertThat(only(plan(dmn("t", "1.9"), DeploymentPolicy.IF_NEWER, deployed)).deploy()).isFalse();
    assertThat(only(plan(dmn("t", null), DeploymentPolicy.IF_NEWER, deployed)).reason())
        .contains("the bundled copy has no versionTag");
  }

  @Test
  void ifNewer_keepsTheClustersVersionWhenItsTagCannotBeRead() {
    Step s =
        only(
            plan(
                dmn("t", "9"),
                DeploymentPolicy.IF_NEWER,
                new Deployed(3, Optional.empty(), false)));
    assertThat(s.deploy()).isFalse();
    assertThat(s.reason()).contains("cannot be read");
  }

  @Test
  void formsGoWithTheJourneys() {
    ModelFile form = ModelFile.parse("f.form", "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(
            DeploymentPlan.plan(
                    List.of(form, dmn("t", null)),
                    DeploymentPolicy.IF_MISSING,
                    m -> Optional.empty())
                .stream()
                .filter(s -> s.file().isForm())
                .findFirst()
                .orElseThrow()
                .deploy())
        .as("no process file deployed, so no form")
        .isFalse();
  }

  @Test
  void versionTagsCompareAsPeopleWriteThem() {
    assertThat(VersionTags.compare("1.10", "1.9")).isPositive();
    assertThat(VersionTags.compare("v2", "v10")).isNegative();
    assertThat(VersionTags.compare("2.0", "2")).isZero();
  }
}
