package com.careflow.campaigns;

import com.careflow.messaging.SkipReason;
import com.careflow.segments.SegmentInputsQuery;
import com.careflow.segments.SegmentJobTypes;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The campaign offer's decisions, in the offer's order, from the same sources: the segment inputs
 * of the {@code compute-segment-inputs} worker ({@link SegmentInputsQuery}), the tables {@code
 * customer-segment} and {@code large-buyer} (dmn/customer-segment.dmn) and {@code offer-audience}
 * (dmn/occasion-calendar.dmn) evaluated by the engine at their latest deployed versions (as the
 * offer's business rule tasks call them, so a table operations changed in Modeler counts here too),
 * then messaging's send check ({@link OfferReachability}). No table logic is repeated here.
 */
@Component
class EngineOfferDecisions implements OfferDecisions {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final CamundaClient client;
  private final SegmentInputsQuery segmentInputs;
  private final OfferReachability reachability;

  EngineOfferDecisions(
      CamundaClient client, SegmentInputsQuery segmentInputs, OfferReachability reachability) {
    this.client = client;
    this.segmentInputs = segmentInputs;
    this.reachability = reachability;
  }

  @Override
  public Optional<SkipReason> whyNoOffer(String customerId, Occasion occasion) {
    SegmentInputsQuery.Values inputs = segmentInputs.compute(customerId);
    Object segment = evaluate(SegmentJobTypes.SEGMENT_DECISION, inputs);
    Object largeBuyer = evaluate(SegmentJobTypes.LARGE_BUYER_DECISION, inputs);
    Map<String, Object> audience = new HashMap<>();
    audience.put("segment", segment);
    audience.put("largeBuyer", largeBuyer);
    audience.put("campaignOccasion", occasion);
    Object reason = evaluate(CampaignJobTypes.OFFER_AUDIENCE, audience);
    if (reason != null) {
      SkipReason skip = SkipReason.of(reason.toString());
      if (skip == null) {
        throw new IllegalStateException(
            "Table "
                + CampaignJobTypes.OFFER_AUDIENCE
                + " gave '"
                + reason
                + "', which is no skip reason; one of "
                + SkippedOffers.NOT_ADDRESSED);
      }
      return Optional.of(skip);
    }
    return reachability.whyNot(customerId);
  }

  /** The decision's output as a plain value (string, boolean, number, map, list) or null. */
  private Object evaluate(String decisionId, Object variables) {
    EvaluateDecisionResponse response =
        client
            .newEvaluateDecisionCommand()
            .decisionId(decisionId)
            .variables(variables)
            .requestTimeout(TIMEOUT)
            .send()
            .join();
    if (response.getFailureMessage() != null && !response.getFailureMessage().isBlank()) {
      throw new IllegalStateException(
          "Table " + decisionId + " failed to evaluate: " + response.getFailureMessage());
    }
    return client
        .getConfiguration()
        .getJsonMapper()
        .fromJson(response.getDecisionOutput(), Object.class);
  }
}
