package com.careflow.platform;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which models Careflow deploys to Zeebe when it starts. The build copies the top-level {@code
 * bpmn/} and {@code dmn/} folders onto the classpath; a container can point {@code resources} at a
 * mounted folder ({@code file:/models/**}) instead.
 *
 * @param enabled deploy at start-up; off when operations deploy from Camunda Modeler only
 * @param resources Spring resource patterns of the BPMN, DMN and form files to deploy together
 * @param policy when a bundled model is deployed over what the cluster already has: {@code
 *     if-missing} (default) keeps whatever operations deployed, {@code if-newer} also deploys a
 *     bundled file whose {@code versionTag} is newer, {@code always} deploys every file
 */
@ConfigurationProperties("careflow.deployment")
record DeploymentProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue({
          "classpath*:bpmn/**/*.bpmn",
          "classpath*:dmn/**/*.dmn",
          "classpath*:bpmn/**/*.form"
        })
        List<String> resources,
    @DefaultValue("if-missing") DeploymentPolicy policy)
    implements com.careflow.messaging.DeployedModels {}
