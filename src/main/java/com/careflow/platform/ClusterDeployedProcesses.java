package com.careflow.platform;

import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link DeployedProcesses} through the orchestration cluster's REST API (Camunda 8.8: {@code
 * newProcessDefinitionSearchRequest} filtered by process id and version, {@code
 * newProcessDefinitionGetXmlRequest} of the definition found). A deployed version never changes, so
 * a model read is kept for the life of the service; a failed read (no REST API, the engine away) is
 * not asked again for {@link #RETRY_AFTER}, so a page is not held up by each of its requests.
 */
@Component
class ClusterDeployedProcesses implements DeployedProcesses {

  /** How long a request to the cluster may take. */
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** How long after a failed read the cluster is not asked again. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(ClusterDeployedProcesses.class);

  private final CamundaClient client;
  private final Clock clock;
  private final Map<String, Optional<String>> models = new ConcurrentHashMap<>();
  private volatile Instant unreachableUntil = Instant.MIN;

  ClusterDeployedProcesses(CamundaClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
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
    if (clock.instant().isBefore(unreachableUntil)) {
      return Optional.empty();
    }
    try {
      Optional<String> xml =
          client
              .newProcessDefinitionSearchRequest()
              .filter(f -> f.processDefinitionId(processId).version(version))
              .page(p -> p.limit(1))
              .requestTimeout(TIMEOUT)
              .send()
              .join()
              .items()
              .stream()
              .findFirst()
              .map(
                  d ->
                      client
                          .newProcessDefinitionGetXmlRequest(d.getProcessDefinitionKey())
                          .requestTimeout(TIMEOUT)
                          .send()
                          .join());
      // a version the cluster has is kept; one it does not have yet may be deployed later
      xml.ifPresent(x -> models.put(key, xml));
      return xml;
    } catch (RuntimeException e) {
      unreachableUntil = clock.instant().plus(RETRY_AFTER);
      log.info(
          "Cannot read version {} of process {} from the cluster's REST API ({}); the dashboard"
              + " shows the bundled model; asking again after {}",
          version,
          processId,
          e.getMessage(),
          RETRY_AFTER);
      return Optional.empty();
    }
  }
}
