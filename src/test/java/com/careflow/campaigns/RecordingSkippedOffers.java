package com.careflow.campaigns;

import com.careflow.messaging.SkipReason;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The campaign's skipped offers as plain lines instead of message-log rows, one per call
 * (thread-safe: a batch and the offers' workers report from several threads).
 */
class RecordingSkippedOffers implements SkippedOffers {

  /** {@code campaign/occasion/customer}, one per consent skip. */
  final List<String> noConsent = new CopyOnWriteArrayList<>();

  /** {@code campaign/occasion/customer}, one per unknown seed id of a test run. */
  final List<String> unknownCustomer = new CopyOnWriteArrayList<>();

  /** {@code campaign|occasion|customer|segment|reason|instance}, one per offer not addressed. */
  final List<String> notAddressed = new CopyOnWriteArrayList<>();

  /** {@code campaign|occasion|customer|segment|reason|instance}, one per buyer not reachable. */
  final List<String> notReachable = new CopyOnWriteArrayList<>();

  @Override
  public void noConsent(String campaignId, Occasion occasion, String customerId) {
    noConsent.add(campaignId + "/" + occasion.occasionId() + "/" + customerId);
  }

  @Override
  public void unknownCustomer(String campaignId, Occasion occasion, String customerId) {
    unknownCustomer.add(campaignId + "/" + occasion.occasionId() + "/" + customerId);
  }

  @Override
  public boolean notAddressed(
      String campaignId,
      Occasion occasion,
      String customerId,
      String segment,
      SkipReason reason,
      long processInstanceKey,
      int processVersion) {
    notAddressed.add(
        String.join(
            "|",
            campaignId,
            occasion.occasionId(),
            customerId,
            segment,
            reason.name(),
            String.valueOf(processInstanceKey)));
    return true;
  }

  @Override
  public boolean notReachable(
      String campaignId,
      Occasion occasion,
      String customerId,
      String segment,
      SkipReason reason,
      long processInstanceKey,
      int processVersion) {
    notReachable.add(
        String.join(
            "|",
            campaignId,
            occasion.occasionId(),
            customerId,
            segment,
            reason.name(),
            String.valueOf(processInstanceKey)));
    return true;
  }
}
