package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.analytics.AnalyticsReports.SkipRow;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** #17: the campaigns page's "Skipped by reason" card leaves none of the API's skips out. */
class CampaignSkipsTest {

  @Test
  void journeysOutsideCampaignsAreKeptAfterTheCampaigns() {
    SkipRow review =
        new SkipRow(
            "order-journey", "Activity_ReviewInvite", "review invite", "", "", "NO_CONSENT", 54);
    SkipRow christmas =
        new SkipRow(
            "campaign-journey",
            "Activity_Offer",
            "offer",
            "CHRISTMAS-2026",
            "CHRISTMAS",
            "R20_CAP",
            3);

    List<SkipRow> shown = DashboardController.campaignSkips(List.of(review, christmas));

    assertThat(shown).containsExactly(christmas, review);
  }

  @Test
  void onlyJourneysOutsideCampaignsStillFillTheCard() {
    SkipRow review =
        new SkipRow(
            "order-journey", "Activity_ReviewInvite", "review invite", "", "", "NO_CONSENT", 54);

    assertThat(DashboardController.campaignSkips(List.of(review))).containsExactly(review);
  }

  @Test
  void theHintNoLongerSaysSkipsAreNotSplitByReason() throws Exception {
    for (String file : List.of("/messages.properties", "/messages_zh_CN.properties")) {
      Properties p = new Properties();
      try (var in = getClass().getResourceAsStream(file)) {
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
      assertThat(p.getProperty("campaigns.hint"))
          .as(file)
          .doesNotContain("not split by reason")
          .doesNotContain("没有按原因细分")
          .contains("R19");
      assertThat(p.getProperty("campaigns.none")).as(file).isNotBlank();
    }
  }
}
