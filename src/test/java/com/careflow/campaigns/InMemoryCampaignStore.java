package com.careflow.campaigns;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link CampaignStore} in memory for service and scale tests; the SQL one is tested in
 * JdbcCampaignStoreTest.
 */
class InMemoryCampaignStore implements CampaignStore {

  final Map<String, String> campaigns = new ConcurrentHashMap<>();
  final Map<String, String> recipients = new ConcurrentHashMap<>();

  @Override
  public boolean open(String campaignId, String occasionId, LocalDate day) {
    return !"FINISHED".equals(campaigns.putIfAbsent(campaignId, "RUNNING"));
  }

  /** Test runs by campaign id, with their mode. */
  final Map<String, TestRun.Mode> testRuns = new ConcurrentHashMap<>();

  @Override
  public boolean openTestRun(
      String campaignId, String occasionId, LocalDate day, TestRun.Mode mode) {
    testRuns.putIfAbsent(campaignId, mode);
    return open(campaignId, occasionId, day);
  }

  @Override
  public void finish(String campaignId) {
    campaigns.put(campaignId, "FINISHED");
  }

  @Override
  public void recordSkipped(String campaignId, String customerId, String reason) {
    recipients.putIfAbsent(campaignId + "/" + customerId, reason);
  }

  @Override
  public boolean claim(String campaignId, String customerId) {
    String previous = recipients.putIfAbsent(campaignId + "/" + customerId, PENDING);
    return previous == null || PENDING.equals(previous);
  }

  @Override
  public void markStarted(String campaignId, String customerId, long processInstanceKey) {
    recipients.put(campaignId + "/" + customerId, STARTED);
  }

  long count(String status) {
    return recipients.values().stream().filter(status::equals).count();
  }
}
