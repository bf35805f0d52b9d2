package com.careflow.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.BeanFactory;

/**
 * What the start-up model deployment deployed, for the development stack and tests in other
 * packages (platform keeps {@link ModelDeployment} package-private).
 */
public final class Deployments {

  private Deployments() {}

  /**
   * The models of the last deployment by file (their ids), empty until one completed or when the
   * application deploys nothing.
   */
  public static Optional<Map<String, List<String>>> lastDeployed(BeanFactory beans) {
    ModelDeployment deployment = beans.getBeanProvider(ModelDeployment.class).getIfAvailable();
    return deployment == null
        ? Optional.empty()
        : deployment.lastDeployment().map(ModelDeployment.Summary::modelsByFile);
  }
}
