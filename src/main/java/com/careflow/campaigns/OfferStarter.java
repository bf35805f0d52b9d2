package com.careflow.campaigns;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Starts one per-customer campaign offer (bpmn/campaign-offer.bpmn). Asynchronous, so a batch keeps
 * several starts in flight instead of waiting for the engine's answer to each.
 */
interface OfferStarter {

  /**
   * Completes with the offer's process instance key, or exceptionally when the engine refused or
   * did not answer.
   */
  CompletionStage<Long> start(Map<String, Object> variables);
}
