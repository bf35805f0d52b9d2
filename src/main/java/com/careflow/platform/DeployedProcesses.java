package com.careflow.platform;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Read port of the platform module (issue #16): a process model as the cluster keeps it, per
 * deployed version, for the dashboard's journey diagram of the version its figures are of (Zeebe
 * keeps every deployed version; the app bundles one model per journey, which need not be the newest
 * deployed: operations may have deployed a later one from Modeler).
 */
public interface DeployedProcesses {

  /**
   * The BPMN XML of one deployed version of a process, as the cluster's REST API gives it (process
   * definition search by id and version, then the definition's XML).
   *
   * @param processId the BPMN process id, e.g. {@code order-journey}
   * @param version the engine's version number (1, 2, …)
   * @return the XML; empty when the cluster has no such version or cannot give it now (the embedded
   *     engine of the development mode speaks gRPC only, or the engine is away: the reason is
   *     logged); never throws
   */
  Optional<String> xml(String processId, int version);

  /**
   * The engine's version number of this model of a process: the version this service's start-up
   * deployment of its bundled models answered for it (a new version for a changed model, the one
   * the engine already had for an unchanged one), else the newest of the cluster's versions whose
   * XML is this model, as the REST API gives them (the newest {@value
   * ClusterDeployedProcesses#VERSIONS_COMPARED} compared).
   *
   * @param processId the BPMN process id
   * @param xml the model, e.g. the one the app bundles ({@code classpath:bpmn/})
   * @return the version; empty when neither answer is known (the start-up deployment kept the
   *     cluster's versions and the REST API cannot be reached, or no deployed version is this
   *     model); never throws
   */
  OptionalInt versionOf(String processId, String xml);

  /**
   * Whether the engine has this version of a process deployed: the REST API's process definition
   * search by id and version, or, without the REST API (the embedded engine), a gRPC
   * create-instance command of that version the engine rejects without a side effect (NOT_FOUND: no
   * such version).
   *
   * @param version the engine's version number (1, 2, …)
   * @return true or false; empty when the engine cannot tell now (away, or an unexpected answer:
   *     logged); never throws
   */
  Optional<Boolean> isDeployed(String processId, int version);
}
