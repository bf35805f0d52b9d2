package com.careflow.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Read port of the campaigns module (#17, rule R19): each campaign's audience, the customers it
 * considered and what happened to each, for the dashboard. Source: the tables {@code campaign} and
 * {@code campaign_recipient} (V5, V10).
 */
public interface CampaignQueries {

  /**
   * The campaigns that ran in the period: opened before {@code to} (exclusive) and still running or
   * finished at or after {@code from} (inclusive), both instants (UTC). Ordered by campaign date,
   * then id; empty when none.
   */
  List<CampaignAudience> audiences(Instant from, Instant to);

  /**
   * One campaign's audience.
   *
   * @param campaignId e.g. {@code CHRISTMAS-2026}
   * @param occasion the occasion id, e.g. {@code CHRISTMAS}
   * @param testRun the test run's mode ({@code DRY_RUN}, …) or null for the real campaign
   * @param audience customers the campaign considered (one {@code campaign_recipient} row each),
   *     whether an offer was started for them or they were skipped
   * @param started customers whose offer was started ({@code STARTED})
   * @param byStatus the count of considered customers per recipient status ({@code STARTED}, {@code
   *     PENDING}, {@code DRY_RUN}, {@code SKIPPED_NO_CONSENT}, …); statuses with no customer absent
   */
  record CampaignAudience(
      String campaignId,
      String occasion,
      String testRun,
      long audience,
      long started,
      Map<String, Long> byStatus) {

    public CampaignAudience {
      byStatus = Map.copyOf(byStatus);
    }

    /** Customers skipped for missing marketing consent (rule R22). */
    public long consentSkips() {
      return byStatus.getOrDefault(CampaignStore.SKIPPED_NO_CONSENT, 0L);
    }

    /** Whether this is a test run rather than the real campaign. */
    public boolean isTestRun() {
      return testRun != null;
    }
  }
}
