package com.careflow.messaging;

import java.util.List;

/**
 * The port through which messaging learns which journey models Careflow deploys (the platform
 * module's {@code careflow.deployment.resources}), so the message-text checks read the placeholders
 * each send step fills from the same files the engine runs. Implemented by the platform module,
 * which owns the deployment; messaging does not depend on it.
 */
public interface DeployedModels {

  /**
   * @return Spring resource patterns of the BPMN, DMN and form files deployed together (e.g. {@code
   *     classpath*:bpmn/**}{@code /*.bpmn})
   */
  List<String> resources();
}
