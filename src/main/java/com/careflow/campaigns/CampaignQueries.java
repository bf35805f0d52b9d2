package com.careflow.campaigns;

import java.time.Instant;
import java.time.LocalDate;
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
   * @param testRunMode the test run's mode ({@code DRY_RUN} or {@code SEED_LIST}), or null for the
   *     real campaign
   * @param audience customers the campaign considered (one {@code campaign_recipient} row each),
   *     whether an offer was started for them or they were skipped
   * @param started customers whose offer was started ({@code STARTED})
   * @param byStatus the count of considered customers per recipient status ({@code STARTED}, {@code
   *     PENDING}, {@code DRY_RUN}, {@code SKIPPED_NO_CONSENT}, …); statuses with no customer absent
   */
  record CampaignAudience(
      String campaignId,
      String occasion,
      String testRunMode,
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
      return testRunMode != null;
    }
  }

  /**
   * The campaign test runs opened in the period ({@code created_at} at or after {@code from},
   * before {@code to}, both instants, UTC), each with what it did to every customer it considered.
   * Ordered by occasion, then the campaign they test, then newest first; empty when none.
   */
  List<TestRunOutcome> testRuns(Instant from, Instant to);

  /**
   * One campaign test run (ops guide, section 2b) and its outcome, from its {@code campaign} row
   * and its {@code campaign_recipient} rows.
   *
   * @param campaignId the test run's own id, {@code <campaign id>-TEST-<instance key>}
   * @param testedCampaignId the real campaign it tries, e.g. {@code CHRISTMAS-2026} (never touched
   *     by the test run)
   * @param occasion the occasion id, e.g. {@code CHRISTMAS}
   * @param campaignDate the day the test run was started for ({@code campaignDate})
   * @param mode {@code DRY_RUN} (nothing started or sent) or {@code SEED_LIST} (offers to the seed
   *     customers only)
   * @param status {@code RUNNING} or {@code FINISHED} (every page of its audience reached)
   * @param startedAt when the test run was opened (UTC)
   * @param updatedAt when it last changed: opened, or finished (UTC)
   * @param considered customers it recorded, one {@code campaign_recipient} row each
   * @param wouldMessage customers a dry run would have messaged (status {@code DRY_RUN}); 0 in a
   *     seed-list run
   * @param offersStarted offers a seed-list run started (status {@code STARTED}; the offer may
   *     still skip the message, which the message log and the skips table show); 0 in a dry run
   * @param skippedByReason customers skipped, by reason ({@code NO_CONSENT}, {@code
   *     SEGMENT_NOT_ADDRESSED}, {@code UNKNOWN_CUSTOMER}, …: the recipient status without its
   *     {@code SKIPPED_} prefix); reasons with no customer absent
   */
  record TestRunOutcome(
      String campaignId,
      String testedCampaignId,
      String occasion,
      LocalDate campaignDate,
      String mode,
      String status,
      Instant startedAt,
      Instant updatedAt,
      long considered,
      long wouldMessage,
      long offersStarted,
      Map<String, Long> skippedByReason) {

    public TestRunOutcome {
      skippedByReason =
          java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skippedByReason));
    }

    /** Customers skipped, whatever the reason. */
    @com.fasterxml.jackson.annotation.JsonProperty
    public long skipped() {
      return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
