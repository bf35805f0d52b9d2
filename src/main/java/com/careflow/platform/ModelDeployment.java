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
import java.util.OptionalInt;
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

  /** The processes the last deployment gave the engine, by BPMN process id (issue #16). */
  private final Map<String, DeployedProcess> deployedProcesses =
      new java.util.concurrent.ConcurrentHashMap<>();

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

  /**
   * A process model as this service's deployment gave it to the engine: the engine's version number
   * and the XML of the file deployed.
   */
  record DeployedProcess(int version, String xml) {}

  /**
   * The engine's version number of this model of a process, as the deployment answered it (issue
   * #16): Zeebe gives a changed model a new version and answers an unchanged one with the version
   * it already has, so the number is the deployed version whose model is exactly this file. Empty
   * when the last deployment did not include the process (a policy kept the cluster's version, or
   * deployment is off) or deployed another model of it.
   *
   * @param xml the model, compared with the deployed file's content (line ends and surrounding
   *     white space aside)
   */
  OptionalInt deployedVersion(String processId, String xml) {
    DeployedProcess p = processId == null ? null : deployedProcesses.get(processId);
    return p != null && sameModel(p.xml(), xml) ? OptionalInt.of(p.version()) : OptionalInt.empty();
  }

  /** Whether two model files are the same model: equal but for a BOM, line ends, outer space. */
  static boolean sameModel(String a, String b) {
    return a != null && b != null && normalized(a).equals(normalized(b));
  }

  private static String normalized(String xml) {
    String s = xml.startsWith("\uFEFF") ? xml.substring(1) : xml;
    return s.replace("\r\n", "\n").strip();
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
    Map<String, byte[]> contents = new java.util.HashMap<>();
    files.forEach(f -> contents.put(f.fileName(), f.content()));
    event
        .getProcesses()
        .forEach(
            p -> {
              byte[] content = contents.get(p.getResourceName());
              if (content != null) {
                deployedProcesses.put(
                    p.getBpmnProcessId(),
                    new DeployedProcess(
                        p.getVersion(),
                        new String(content, java.nio.charset.StandardCharsets.UTF_8)));
              }
            });
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
