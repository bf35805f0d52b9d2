package com.careflow.platform;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link DeployedProcesses} through the orchestration cluster's REST API (Camunda 8.8: {@code
 * newProcessDefinitionSearchRequest} filtered by process id and version, {@code
 * newProcessDefinitionGetXmlRequest} of the definition found), the start-up deployment's answer
 * ({@link ModelDeployment#deployedVersion}) and, for whether a version exists without the REST API,
 * the gRPC probe {@link ClusterModels} uses. A deployed version never changes, so a model read (and
 * the version found of a model) is kept for the life of the service; a failed REST read (no REST
 * API, the engine away), and a model no deployed version is, are not asked again for {@link
 * #RETRY_AFTER}, so a page is not held up by each of its requests.
 */
@Component
class ClusterDeployedProcesses implements DeployedProcesses {

  /** How long a request to the cluster may take. */
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** How long after a failed read the cluster is not asked again. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  /** How many of a process's newest versions {@link #versionOf} compares with a model. */
  static final int VERSIONS_COMPARED = 20;

  private static final Logger log = LoggerFactory.getLogger(ClusterDeployedProcesses.class);

  private final CamundaClient client;
  private final Clock clock;
  private final ModelDeployment startup;
  private final Map<String, Optional<String>> models = new ConcurrentHashMap<>();

  /** The version found of a model, by process id and the model's XML. */
  private final Map<String, Integer> versionsOfModels = new ConcurrentHashMap<>();

  /** A model no compared version was, by the same key: not compared again until then. */
  private final Map<String, Instant> notFoundUntil = new ConcurrentHashMap<>();

  private volatile Instant unreachableUntil = Instant.MIN;

  ClusterDeployedProcesses(CamundaClient client, Clock clock, ModelDeployment startup) {
    this.client = client;
    this.clock = clock;
    this.startup = startup;
  }

  @Override
  public Optional<String> xml(String processId, int version) {
    if (processId == null || processId.isBlank() || version < 1) {
      return Optional.empty();
    }
    String key = processId + ":" + version;
    Optional<String> known = models.get(key);
    if (known != null) {
      return known;
    }
    if (!reachable()) {
      return Optional.empty();
    }
    try {
      Optional<String> xml = definition(processId, version).map(this::read);
      // a version the cluster has is kept; one it does not have yet may be deployed later
      xml.ifPresent(x -> models.put(key, xml));
      return xml;
    } catch (RuntimeException e) {
      unreachable("read version " + version + " of process " + processId, e);
      return Optional.empty();
    }
  }

  @Override
  public OptionalInt versionOf(String processId, String xml) {
    if (processId == null || processId.isBlank() || xml == null) {
      return OptionalInt.empty();
    }
    OptionalInt deployed = startup.deployedVersion(processId, xml);
    if (deployed.isPresent()) {
      return deployed;
    }
    String key = processId + "\n" + xml;
    Integer found = versionsOfModels.get(key);
    if (found != null) {
      return OptionalInt.of(found);
    }
    if (!reachable() || clock.instant().isBefore(notFoundUntil.getOrDefault(key, Instant.MIN))) {
      return OptionalInt.empty();
    }
    try {
      List<ProcessDefinition> newest =
          client
              .newProcessDefinitionSearchRequest()
              .filter(f -> f.processDefinitionId(processId))
              .sort(s -> s.version().desc())
              .page(p -> p.limit(VERSIONS_COMPARED))
              .requestTimeout(TIMEOUT)
              .send()
              .join()
              .items();
      for (ProcessDefinition d : newest) {
        String versionKey = processId + ":" + d.getVersion();
        Optional<String> deployedXml = models.get(versionKey);
        if (deployedXml == null) {
          deployedXml = Optional.of(read(d));
          models.put(versionKey, deployedXml);
        }
        if (ModelDeployment.sameModel(deployedXml.get(), xml)) {
          versionsOfModels.put(key, d.getVersion());
          return OptionalInt.of(d.getVersion());
        }
      }
      // none is this model: it may be deployed later (another instance's start-up, Modeler)
      notFoundUntil.put(key, clock.instant().plus(RETRY_AFTER));
      return OptionalInt.empty();
    } catch (RuntimeException e) {
      unreachable("find the deployed version of a model of process " + processId, e);
      return OptionalInt.empty();
    }
  }

  @Override
  public Optional<Boolean> isDeployed(String processId, int version) {
    if (processId == null || processId.isBlank() || version < 1) {
      return Optional.of(false);
    }
    Optional<String> known = models.get(processId + ":" + version);
    if (known != null) {
      return Optional.of(known.isPresent());
    }
    if (reachable()) {
      try {
        return Optional.of(definition(processId, version).isPresent());
      } catch (RuntimeException e) {
        unreachable("look up version " + version + " of process " + processId, e);
      }
    }
    // without the REST API: the gRPC probe ClusterModels uses, for that version
    try {
      return Optional.of(ClusterModels.processExists(client, processId, version, TIMEOUT));
    } catch (IllegalStateException started) {
      log.warn(started.getMessage());
      return Optional.of(true);
    } catch (RuntimeException e) {
      log.info(
          "Cannot tell whether version {} of process {} is deployed ({})",
          version,
          processId,
          e.getMessage());
      return Optional.empty();
    }
  }

  private boolean reachable() {
    return !clock.instant().isBefore(unreachableUntil);
  }

  private void unreachable(String what, RuntimeException e) {
    unreachableUntil = clock.instant().plus(RETRY_AFTER);
    log.info(
        "Cannot {} from the cluster's REST API ({}); the dashboard shows the bundled model; asking"
            + " again after {}",
        what,
        e.getMessage(),
        RETRY_AFTER);
  }

  private Optional<ProcessDefinition> definition(String processId, int version) {
    return client
        .newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId(processId).version(version))
        .page(p -> p.limit(1))
        .requestTimeout(TIMEOUT)
        .send()
        .join()
        .items()
        .stream()
        .findFirst();
  }

  private String read(ProcessDefinition d) {
    return client
        .newProcessDefinitionGetXmlRequest(d.getProcessDefinitionKey())
        .requestTimeout(TIMEOUT)
        .send()
        .join();
  }
}
