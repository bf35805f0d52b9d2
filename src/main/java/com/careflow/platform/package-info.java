/**
 * Running Careflow against a Camunda cluster: the models' deployment and checks, process instance
 * migration, the clock, job failure handling (transient database failures retried, never
 * incidents), readiness and the production start-up checks that refuse unsafe settings.
 *
 * <p>Exposes {@link com.careflow.platform.TransientFailures} (used by the event intake), {@link
 * com.careflow.platform.ProductionStartupChecks} (its model deployment and job failure handling are
 * beans, used by no module) and {@link com.careflow.platform.DeployedProcesses} (a deployed version
 * of a process model as the cluster keeps it, which deployed version a model is — the start-up
 * deployment's answer or the cluster's — and whether a version is deployed, for the dashboard's
 * journey diagram and version selector, issue #16). Reads messaging's settings for readiness and
 * the start-up checks. Owns no table.
 */
@ApplicationModule(allowedDependencies = {"backoff", "messaging", "security"})
package com.careflow.platform;

import org.springframework.modulith.ApplicationModule;
