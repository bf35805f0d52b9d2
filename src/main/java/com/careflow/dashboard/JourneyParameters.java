package com.careflow.dashboard;

import com.careflow.analytics.AnalyticsReports;
import com.careflow.analytics.Breakdown;
import com.careflow.analytics.StepParameters;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * The journey, version and step of the Journey page and of the step's API ({@link StepParameters}),
 * checked once for both (#16 review: the API answered a version never deployed with 200 where the
 * page answered 400): a journey the app has a model of, a version that is a deployed version number
 * or {@code unknown} and not one the engine says was never deployed, a step the journey has in its
 * models or its facts of the period. Refusals are {@link BadParameter}s naming the parameter as the
 * caller spells it ({@link Names}).
 */
@Component
class JourneyParameters implements StepParameters {

  /** The parameters' names: the page's ({@code journey}, …) or the API's ({@code processId}, …). */
  record Names(String journey, String version, String step) {}

  static final Names PAGE = new Names("journey", "version", "step");
  static final Names API = new Names("processId", "processVersion", "stepId");

  /**
   * A journey and version checked: the bundled model, the period's {@code by=step} breakdown, the
   * versions with sends in it, the version asked for ({@code 5} or {@code unknown}; null: none),
   * the version whose figures are shown (the one asked for, else the newest with sends; null: no
   * sends), its model when the cluster still gives it (else null), and the model drawn (that one,
   * else the bundled one).
   */
  record Checked(
      JourneyDiagrams.Journey diagram,
      AnalyticsReports.BreakdownReport bySteps,
      JourneyVersions versions,
      String asked,
      String shown,
      JourneyDiagrams.Journey versionModel,
      JourneyDiagrams.Journey drawn) {}

  private final AnalyticsReports reports;
  private final JourneyDiagrams diagrams;

  JourneyParameters(AnalyticsReports reports, JourneyDiagrams diagrams) {
    this.reports = reports;
    this.diagrams = diagrams;
  }

  @Override
  public void check(
      String processId, String stepId, String processVersion, LocalDate from, LocalDate to) {
    step(API, journey(API, processId, processVersion, from, to), processId, stepId);
  }

  /**
   * @throws BadParameter for a journey without a model here ({@code error.journey.unknown}), a
   *     version that is no version ({@code error.version.bad}) or one the engine says was never
   *     deployed, above every version known to be ({@code error.version.notDeployed})
   */
  Checked journey(Names names, String processId, String version, LocalDate from, LocalDate to) {
    JourneyDiagrams.Journey diagram =
        diagrams
            .find(processId)
            .orElseThrow(
                () ->
                    new BadParameter(
                        names.journey(),
                        "error.journey.unknown",
                        processId,
                        String.join(
                            ", ",
                            diagrams.all().stream()
                                .map(JourneyDiagrams.Journey::processId)
                                .toList())));
    var bySteps = reports.breakdown(Breakdown.STEP, "SEND", from, to);
    JourneyVersions versions = JourneyVersions.of(processId, bySteps.rows());
    // the version as the links carry it: '5' or 'unknown', whatever its spelling; null: the newest
    String asked = null;
    if (version != null && !version.isBlank()) {
      Object onOffer =
          versions.isEmpty()
              ? new DefaultMessageSourceResolvable("journey.version.noneOnOffer")
              : versions.names();
      AnalyticsReports.VersionScope scope;
      try {
        scope = AnalyticsReports.VersionScope.parse(version);
      } catch (IllegalArgumentException e) {
        throw new BadParameter(
            names.version(),
            "error.version.bad",
            version,
            processId,
            from.toString(),
            to.toString(),
            onOffer);
      }
      asked = scope.unknown() ? JourneyVersions.UNKNOWN : String.valueOf(scope.number());
      // a version never deployed: above every version known to be (with sends, or the bundled
      // model's), and the engine says it has no such version; a deployed one keeps its empty page
      if (!scope.unknown()
          && !versions.has(asked)
          && versions.below(scope.number())
          && diagrams.bundledVersion(processId).orElse(0) < scope.number()
          && diagrams.isDeployed(processId, scope.number()).equals(Optional.of(false))) {
        throw new BadParameter(
            names.version(),
            "error.version.notDeployed",
            asked,
            processId,
            from.toString(),
            to.toString(),
            onOffer);
      }
    }
    String shown = asked != null ? asked : versions.newest();
    // the diagram: the shown version's model when the cluster still gives it, else the model this
    // release bundles, which need not be the newest deployed (operations deploy from Modeler)
    Integer shownNumber =
        shown == null || shown.equals(JourneyVersions.UNKNOWN) ? null : Integer.valueOf(shown);
    JourneyDiagrams.Journey versionModel =
        shownNumber == null ? null : diagrams.find(processId, shownNumber).orElse(null);
    return new Checked(
        diagram,
        bySteps,
        versions,
        asked,
        shown,
        versionModel,
        versionModel != null ? versionModel : diagram);
  }

  /**
   * Whether the journey has this step: a send step of the model drawn or of the bundled model, or a
   * step with facts in the period (of any version: a step kept while switching versions).
   */
  static boolean knows(Checked c, String processId, String step) {
    return c.drawn().steps().stream().anyMatch(s -> s.id().equals(step))
        || c.diagram().steps().stream().anyMatch(s -> s.id().equals(step))
        || c.bySteps().rows().stream()
            .anyMatch(
                r ->
                    processId.equals(r.dimensions().get("process_id"))
                        && step.equals(r.dimensions().get("step_id")));
  }

  /**
   * @param step the step asked for; null or blank: none (the page shows the journey)
   * @throws BadParameter for a step the journey does not have ({@code error.step.unknown})
   */
  static void step(Names names, Checked c, String processId, String step) {
    if (step != null && !step.isBlank() && !knows(c, processId, step)) {
      throw new BadParameter(names.step(), "error.step.unknown", processId, step);
    }
  }
}
