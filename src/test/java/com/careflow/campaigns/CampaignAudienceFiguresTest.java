package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.analytics.CampaignAudiences.Audience;
import com.careflow.campaigns.CampaignQueries.CampaignAudience;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * #17 / R19: the audience the campaign API, its CSV and the campaigns page show is this module's
 * count, by campaign id (R22: consent skips beside it).
 */
class CampaignAudienceFiguresTest {

  @Test
  void eachCampaignsAudienceByItsIdFromTheReadPort() {
    var christmas =
        new CampaignAudience(
            "CHRISTMAS-2026",
            "CHRISTMAS",
            null,
            4,
            2,
            Map.of("STARTED", 2L, "PENDING", 1L, CampaignStore.SKIPPED_NO_CONSENT, 1L));
    var dry = new CampaignAudience("CHRISTMAS-2026-DRY", "CHRISTMAS", "DRY_RUN", 1, 0, Map.of());
    var twice = new CampaignAudience("CHRISTMAS-2026", "CHRISTMAS", null, 9, 9, Map.of());
    Instant from = Instant.parse("2026-12-16T16:00:00Z");
    Instant to = Instant.parse("2026-12-18T16:00:00Z");
    CampaignQueries queries =
        new CampaignQueries() {
          @Override
          public List<CampaignAudience> audiences(Instant f, Instant t) {
            assertThat(f).isEqualTo(from);
            assertThat(t).isEqualTo(to);
            return List.of(christmas, dry, twice);
          }

          @Override
          public List<TestRunOutcome> testRuns(Instant f, Instant t) {
            throw new AssertionError("the audience figures read no test run");
          }
        };

    var byId = new CampaignAudienceFigures(queries).byCampaign(from, to);

    assertThat(byId)
        .containsExactly(
            Map.entry("CHRISTMAS-2026", new Audience(4, 1)),
            Map.entry("CHRISTMAS-2026-DRY", new Audience(1, 0)));
  }
}
