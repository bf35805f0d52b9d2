package com.careflow.platform;

/**
 * When Careflow deploys a bundled model at start-up ({@code careflow.deployment.policy}).
 *
 * <p>The bundled models are the defaults of a fresh installation. Once operations have deployed
 * their own version of a process or decision (from Camunda Modeler), a restart must not put the
 * bundled copy back on top of it.
 */
enum DeploymentPolicy {
  /** Deploy a model file only when none of its processes or decisions exist in the cluster. */
  IF_MISSING,
  /**
   * As {@link #IF_MISSING}, and also when the bundled file's {@code zeebe:versionTag} is newer than
   * the tag of the latest version in the cluster (read through the orchestration cluster REST API;
   * when that is unreachable the deployed tag is unknown and the cluster's version is kept).
   */
  IF_NEWER,
  /** Deploy every bundled file at every start (the embedded development default). */
  ALWAYS
}
