package com.careflow.platform;

import java.util.Optional;

/**
 * Read port of the platform module (issue #16): a process model as the cluster keeps it, per
 * deployed version, for the dashboard's journey diagram of the version its figures are of (Zeebe
 * keeps every deployed version; the app bundles only its newest model).
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
}
