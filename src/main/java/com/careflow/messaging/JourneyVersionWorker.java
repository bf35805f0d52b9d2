package com.careflow.messaging;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Tells a journey which deployed version of its own process it runs, so the sends it asks for are
 * counted under that version (issue #16: per-step figures of a redeployed journey do not mix with
 * the old version's). The journey's process-level start execution listener ({@code
 * journey-version}) runs it once, before the start event; every send step passes the answer into
 * {@code message-delivery} as {@code callingProcessVersion}, whose jobs cannot see their caller.
 *
 * <p>Neither FEEL nor a call activity's mappings can read the calling process's deployed version,
 * and a job sees only its own process; the engine assigns the version at deployment, so it cannot
 * be written into the model either ({@code zeebe:versionTag} is an operator's label, not the
 * version).
 */
@Component
public class JourneyVersionWorker {

  /**
   * @return {@code journeyVersion}: the deployed version of the job's process (Zeebe's process
   *     definition version, 1, 2, …)
   */
  @JobWorker(type = MessagingJobTypes.JOURNEY_VERSION, fetchVariables = "journeyVersion")
  public Map<String, Object> journeyVersion(ActivatedJob job) {
    return Map.of("journeyVersion", job.getProcessDefinitionVersion());
  }
}
