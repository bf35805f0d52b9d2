package com.careflow.campaigns;

import java.util.Map;

/** Starts one per-customer campaign offer (bpmn/campaign-offer.bpmn); returns its process instance key. */
public interface OfferStarter {

  long start(Map<String, Object> variables);
}
