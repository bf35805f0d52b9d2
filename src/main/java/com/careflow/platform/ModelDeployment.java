package com.careflow.platform;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.DeploymentEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the bundled BPMN, DMN and form files when the service starts, in one deployment so called
 * decisions and linked forms resolve together. Which files go in is the {@link DeploymentPolicy}'s
 * choice ({@code careflow.deployment.policy}): by default only models the cluster does not have
 * yet, so a table operations deployed from Modeler stays the latest across restarts. Each file's
 * outcome and its reason is logged. Zeebe versions each changed model; running instances stay on
 * the version they started with.
 *
 * <p>A model the engine rejects stops the start-up with the engine's message, which names the file.
 */
@Component
class ModelDeployment implements ApplicationRunner, Ordered {

  /** How long the start-up deployment of all models may take. */
  static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);

  private final CamundaClient client;
  private final DeploymentProperties props;
  private final ResourcePatternResolver resolver;
  private volatile Summary lastDeployment;

  public ModelDeployment(
      CamundaClient client, DeploymentProperties props, ResourcePatternResolver resolver) {
    this.client = client;
    this.props = props;
    this.resolver = resolver;
  }

  /** What was deployed: file name to the engine's id and version of the models in it. */
  public record Summary(Map<String, List<String>> modelsByFile) {}

  @Override
  public void run(ApplicationArguments args) {
    if (!props.enabled()) {
      log.info("Model deployment at start-up is off (careflow.deployment.enabled=false)");
      return;
    }
    lastDeployment = deploy();
  }

  public Optional<Summary> lastDeployment() {
    return Optional.ofNullable(lastDeployment);
  }

  /** Deploys the configured resources and returns what the engine made of them. */
  public Summary deploy() {
    List<Resource> resources = findResources();
    if (resources.isEmpty()) {
      log.warn("No models found at {}", props.resources());
      return new Summary(Map.of());
    }
    List<ModelFile> files = new ArrayList<>();
    for (Resource resource : resources) {
      files.add(ModelFile.parse(resource.getFilename(), read(resource)));
    }
    ClusterModels cluster = new ClusterModels(client);
    List<DeploymentPlan.Step> plan = DeploymentPlan.plan(files, props.policy(), cluster::latest);
    checkModels(files, plan, cluster);
    DeployResourceCommandStep1.DeployResourceCommandStep2 command = null;
    for (DeploymentPlan.Step step : plan) {
      log.info(
          "Model {}: {} — {}",
          step.file().fileName(),
          step.deploy() ? "deploying" : "not deployed",
          step.reason());
      if (step.deploy()) {
        ModelFile f = step.file();
        command =
            command == null
                ? client.newDeployResourceCommand().addResourceBytes(f.content(), f.fileName())
                : command.addResourceBytes(f.content(), f.fileName());
      }
    }
    if (command == null) {
      log.info("No model deployed (policy {}): the cluster's versions stay", props.policy());
      return new Summary(Map.of());
    }
    // every model in one command: more work for the engine than the client's 10 s default allows
    // on a loaded machine or a cold cluster
    DeploymentEvent event = command.requestTimeout(DEPLOY_TIMEOUT).send().join();
    return summarize(event);
  }

  /**
   * Runs the {@link ModelChecker} on the bundled files and, where the REST API can give them, on
   * the versions the cluster keeps. A problem in a file about to be deployed stops the start-up
   * with every problem listed by table, rule and column; problems elsewhere are logged.
   */
  private void checkModels(
      List<ModelFile> files, List<DeploymentPlan.Step> plan, ClusterModels cluster) {
    ModelChecker checker = new ModelChecker();
    java.util.Set<String> decisions = ModelChecker.decisionIds(files);
    List<String> blocking = new ArrayList<>();
    for (DeploymentPlan.Step step : plan) {
      ModelFile file = step.file();
      for (ModelChecker.Problem problem :
          checker.check(file.fileName(), file.content(), decisions)) {
        if (step.deploy()) {
          log.error("Model problem: {}", problem);
          blocking.add(problem.toString());
        } else {
          log.warn("Model problem in the bundled copy (not deployed): {}", problem);
        }
      }
      if (!step.deploy()) {
        for (ModelFile.Model model : file.models()) {
          try {
            cluster
                .latestXml(model)
                .ifPresent(
                    xml ->
                        checker
                            .check(
                                file.fileName(),
                                xml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                decisions)
                            .forEach(
                                p ->
                                    log.warn(
                                        "Model problem in the deployed {} {}: {}",
                                        model.kind(),
                                        model.id(),
                                        p)));
          } catch (RuntimeException e) {
            log.debug("Could not read the deployed {} {}", model.kind(), model.id(), e);
          }
        }
      }
    }
    if (!blocking.isEmpty()) {
      throw new IllegalStateException(
          "The models have problems; nothing was deployed:\n  " + String.join("\n  ", blocking));
    }
  }

  private List<Resource> findResources() {
    Map<String, Resource> byName = new LinkedHashMap<>();
    for (String pattern : props.resources()) {
      try {
        for (Resource r : resolver.getResources(pattern)) {
          if (r.isReadable() && r.getFilename() != null) {
            byName.putIfAbsent(r.getFilename(), r);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list models at " + pattern, e);
      }
    }
    List<Resource> sorted = new ArrayList<>(byName.values());
    sorted.sort(Comparator.comparing(Resource::getFilename));
    return sorted;
  }

  private static byte[] read(Resource resource) {
    try (var in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model " + resource.getDescription(), e);
    }
  }

  private static Summary summarize(DeploymentEvent event) {
    Map<String, List<String>> byFile = new java.util.TreeMap<>();
    event
        .getProcesses()
        .forEach(
            p ->
                byFile
                    .computeIfAbsent(p.getResourceName(), k -> new ArrayList<>())
                    .add("process " + p.getBpmnProcessId() + " v" + p.getVersion()));
    Map<Long, String> drgFiles = new java.util.HashMap<>();
    event
        .getDecisionRequirements()
        .forEach(r -> drgFiles.put(r.getDecisionRequirementsKey(), r.getResourceName()));
    event
        .getDecisions()
        .forEach(
            d ->
                byFile
                    .computeIfAbsent(
                        drgFiles.get(d.getDecisionRequirementsKey()), k -> new ArrayList<>())
                    .add("decision " + d.getDmnDecisionId() + " v" + d.getVersion()));
    event
        .getForm()
        .forEach(
            f ->
                byFile
                    .computeIfAbsent(f.getResourceName(), k -> new ArrayList<>())
                    .add("form " + f.getFormId() + " v" + f.getVersion()));
    return new Summary(byFile);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
