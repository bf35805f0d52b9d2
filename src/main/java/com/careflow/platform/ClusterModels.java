package com.careflow.platform;

import com.careflow.platform.ModelFile.Kind;
import com.careflow.platform.ModelFile.Model;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.search.response.DecisionDefinition;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the cluster already holds of a process or decision.
 *
 * <p>First through the orchestration cluster REST API (8.8: process and decision definition search,
 * and the deployed decision's XML for its {@code versionTag}), which a Camunda cluster always
 * offers. When the REST API cannot be reached — the in-memory engine of the embedded mode speaks
 * gRPC only — through gRPC commands the engine rejects without side effects when the model exists
 * and answers NOT_FOUND when it does not: creating an instance with a start instruction for an
 * element no process has, and evaluating the decision (which records one evaluation). Over gRPC the
 * deployed {@code versionTag} is unknown.
 */
class ClusterModels {

  /** No element of any process has this id; the create-instance probe is always rejected. */
  static final String PROBE_ELEMENT = "careflow-deployment-probe-no-such-element";

  private static final Logger log = LoggerFactory.getLogger(ClusterModels.class);

  private final CamundaClient client;
  private volatile Boolean restReachable;

  ClusterModels(CamundaClient client) {
    this.client = client;
  }

  /**
   * The latest version of a model in the cluster.
   *
   * @param version the engine's version number, 0 when unknown
   * @param versionTag the deployed tag when known; empty when the model has none
   * @param versionTagKnown false when only gRPC could be asked
   */
  record Deployed(int version, Optional<String> versionTag, boolean versionTagKnown) {
    @Override
    public String toString() {
      String v = version > 0 ? "v" + version : "(version number not readable over gRPC)";
      return v + (versionTagKnown ? versionTag.map(t -> " (versionTag " + t + ")").orElse("") : "");
    }
  }

  /** The latest deployed version of the model, or empty when the cluster has none. */
  Optional<Deployed> latest(Model model) {
    if (!Boolean.FALSE.equals(restReachable)) {
      try {
        Optional<Deployed> found =
            model.kind() == Kind.PROCESS ? restProcess(model.id()) : restDecision(model.id());
        restReachable = true;
        return found;
      } catch (RuntimeException e) {
        if (Boolean.TRUE.equals(restReachable)) {
          throw e;
        }
        restReachable = false;
        log.info(
            "The cluster's REST API is not reachable ({}); asking over gRPC whether models exist"
                + " (deployed version tags unknown)",
            e.getMessage());
      }
    }
    return model.kind() == Kind.PROCESS ? grpcProcess(model.id()) : grpcDecision(model.id());
  }

  /**
   * The XML of the latest deployed version, when the REST API can be reached (the embedded engine's
   * gRPC gateway cannot give it).
   */
  Optional<String> latestXml(Model model) {
    if (!Boolean.TRUE.equals(restReachable)) {
      return Optional.empty();
    }
    if (model.kind() == Kind.PROCESS) {
      return client
          .newProcessDefinitionSearchRequest()
          .filter(f -> f.processDefinitionId(model.id()))
          .sort(s -> s.version().desc())
          .page(p -> p.limit(1))
          .send()
          .join()
          .items()
          .stream()
          .findFirst()
          .map(
              p ->
                  client
                      .newProcessDefinitionGetXmlRequest(p.getProcessDefinitionKey())
                      .send()
                      .join());
    }
    return client
        .newDecisionDefinitionSearchRequest()
        .filter(f -> f.decisionDefinitionId(model.id()))
        .sort(s -> s.version().desc())
        .page(p -> p.limit(1))
        .send()
        .join()
        .items()
        .stream()
        .findFirst()
        .map(d -> client.newDecisionDefinitionGetXmlRequest(d.getDecisionKey()).send().join());
  }

  private Optional<Deployed> restProcess(String id) {
    List<ProcessDefinition> items =
        client
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId(id))
            .sort(s -> s.version().desc())
            .page(p -> p.limit(1))
            .send()
            .join()
            .items();
    return items.stream()
        .max(Comparator.comparingInt(ProcessDefinition::getVersion))
        .map(
            p ->
                new Deployed(
                    p.getVersion(), Optional.ofNullable(blankToNull(p.getVersionTag())), true));
  }

  private Optional<Deployed> restDecision(String id) {
    List<DecisionDefinition> items =
        client
            .newDecisionDefinitionSearchRequest()
            .filter(f -> f.decisionDefinitionId(id))
            .sort(s -> s.version().desc())
            .page(p -> p.limit(1))
            .send()
            .join()
            .items();
    Optional<DecisionDefinition> latest =
        items.stream().max(Comparator.comparingInt(DecisionDefinition::getVersion));
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    String xml =
        client.newDecisionDefinitionGetXmlRequest(latest.get().getDecisionKey()).send().join();
    return Optional.of(new Deployed(latest.get().getVersion(), decisionVersionTag(xml, id), true));
  }

  static Optional<String> decisionVersionTag(String xml, String decisionId) {
    Element root = ModelFile.parseXml(decisionId, xml.getBytes(StandardCharsets.UTF_8));
    NodeList decisions = root.getElementsByTagNameNS(root.getNamespaceURI(), "decision");
    for (int i = 0; i < decisions.getLength(); i++) {
      Element d = (Element) decisions.item(i);
      if (decisionId.equals(d.getAttribute("id"))) {
        return ModelFile.versionTag(d);
      }
    }
    return Optional.empty();
  }

  private Optional<Deployed> grpcProcess(String id) {
    return processExists(client, id, null, null)
        ? Optional.of(new Deployed(0, Optional.empty(), false))
        : Optional.empty();
  }

  /**
   * Whether the engine has process {@code id} (that version, or any when {@code version} is null),
   * asked over gRPC: a create-instance command at {@link #PROBE_ELEMENT}, an element no process
   * has, which the engine rejects without a side effect — NOT_FOUND when it has no such process or
   * version, INVALID_ARGUMENT when it has.
   *
   * @param timeout the request's timeout, or null for the client's default
   * @throws ClientStatusException for any other answer of the engine
   * @throws IllegalStateException when the engine started the instance after all
   */
  static boolean processExists(
      CamundaClient client, String id, Integer version, java.time.Duration timeout) {
    var step = client.newCreateInstanceCommand().bpmnProcessId(id);
    io.camunda.client.api.command.FinalCommandStep<?> command =
        (version == null ? step.latestVersion() : step.version(version))
            .startBeforeElement(PROBE_ELEMENT);
    if (timeout != null) {
      command = command.requestTimeout(timeout);
    }
    try {
      command.send().join();
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      if (e.getStatusCode() == Status.Code.INVALID_ARGUMENT) {
        return true;
      }
      throw e;
    }
    throw new IllegalStateException(
        "The engine started process "
            + id
            + " at element "
            + PROBE_ELEMENT
            + ", which it does not have");
  }

  private Optional<Deployed> grpcDecision(String id) {
    try {
      var response =
          client.newEvaluateDecisionCommand().decisionId(id).variables(Map.of()).send().join();
      return Optional.of(new Deployed(response.getDecisionVersion(), Optional.empty(), false));
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
