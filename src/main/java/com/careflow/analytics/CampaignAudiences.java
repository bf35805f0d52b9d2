package com.careflow.analytics;

import java.time.Instant;
import java.util.Map;

/**
 * R19: each campaign's audience, for the campaign breakdown of the reports (JSON, CSV and the
 * dashboard's campaigns page read the same rows). Implemented by the module that owns campaigns;
 * analytics only carries the figure beside its own.
 */
public interface CampaignAudiences {

  /** No campaign known: the rows carry no audience. */
  CampaignAudiences NONE = (from, to) -> Map.of();

  /**
   * The campaigns that ran in {@code [from, to)} (UTC instants) by campaign id (e.g. {@code
   * DOUBLE_11-2026}); empty when none.
   */
  Map<String, Audience> byCampaign(Instant from, Instant to);

  /**
   * @param audience customers the campaign considered, offered or skipped
   * @param consentSkips of them, skipped for missing marketing consent (R22)
   */
  record Audience(long audience, long consentSkips) {}
}
