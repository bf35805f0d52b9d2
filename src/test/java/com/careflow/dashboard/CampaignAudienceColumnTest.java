package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.campaigns.CampaignQueries.CampaignAudience;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** #17 / R19: the campaigns page's Audience column comes from campaigns' port, by campaign id. */
class CampaignAudienceColumnTest {

  @Test
  void eachCampaignsAudienceIsFoundByItsId() {
    var christmas =
        new CampaignAudience(
            "CHRISTMAS-2026",
            "CHRISTMAS",
            null,
            4,
            2,
            Map.of("STARTED", 2L, "PENDING", 1L, "SKIPPED_NO_CONSENT", 1L));
    var dry = new CampaignAudience("CHRISTMAS-2026-DRY", "CHRISTMAS", "DRY_RUN", 1, 0, Map.of());

    var byId = DashboardController.audiencesById(List.of(christmas, dry));

    assertThat(byId).containsOnlyKeys("CHRISTMAS-2026", "CHRISTMAS-2026-DRY");
    assertThat(byId.get("CHRISTMAS-2026").audience()).isEqualTo(4);
    assertThat(byId.get("CHRISTMAS-2026").consentSkips()).as("R22").isEqualTo(1);
    assertThat(byId.get("CHRISTMAS-2026-DRY").isTestRun()).isTrue();
  }
}
