package com.careflow.campaigns;

import com.careflow.analytics.CampaignAudiences;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * R19: the audience of each campaign, as this module counts it ({@link CampaignQueries}), offered
 * to the analytics reports' campaign breakdown, so the JSON API, its CSV and the dashboard's
 * campaigns page carry the same figure from one source. A campaign id listed twice keeps its first
 * row.
 */
@Component
class CampaignAudienceFigures implements CampaignAudiences {

  private final CampaignQueries queries;

  CampaignAudienceFigures(CampaignQueries queries) {
    this.queries = queries;
  }

  @Override
  public Map<String, Audience> byCampaign(Instant from, Instant to) {
    Map<String, Audience> byId = new LinkedHashMap<>();
    for (CampaignQueries.CampaignAudience a : queries.audiences(from, to)) {
      byId.putIfAbsent(a.campaignId(), new Audience(a.audience(), a.consentSkips()));
    }
    return byId;
  }
}
