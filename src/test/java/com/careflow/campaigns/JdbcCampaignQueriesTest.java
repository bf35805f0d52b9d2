package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.campaigns.CampaignQueries.CampaignAudience;
import com.careflow.support.RepositoryTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** #17 / R19: the campaigns page's audience, read through the port, on H2 or PostgreSQL. */
@Import({JdbcCampaignStore.class, JdbcCampaignQueries.class})
class JdbcCampaignQueriesTest extends RepositoryTestBase {

  private static final LocalDate DAY = LocalDate.of(2026, 12, 17);

  @Autowired JdbcCampaignStore store;
  @Autowired JdbcCampaignQueries queries;

  private static Instant hourAgo() {
    return Instant.now().minus(Duration.ofHours(1));
  }

  @Test
  void r19_eachCampaignsAudienceCountsEveryConsideredCustomerByStatus() {
    store.open("CHRISTMAS-2026", "CHRISTMAS", DAY);
    store.claim("CHRISTMAS-2026", "c-1");
    store.markStarted("CHRISTMAS-2026", "c-1", 1L);
    store.claim("CHRISTMAS-2026", "c-2");
    store.markStarted("CHRISTMAS-2026", "c-2", 2L);
    store.claim("CHRISTMAS-2026", "c-3"); // claimed, offer not yet started
    store.recordSkipped("CHRISTMAS-2026", "c-4", CampaignStore.SKIPPED_NO_CONSENT);
    store.openTestRun("CHRISTMAS-2026-DRY", "CHRISTMAS", DAY, TestRun.Mode.DRY_RUN);
    store.recordSkipped("CHRISTMAS-2026-DRY", "c-1", CampaignStore.DRY_RUN);
    store.open("NEW_YEAR-2027", "NEW_YEAR", DAY.plusDays(15));

    var audiences = queries.audiences(hourAgo(), Instant.now().plusSeconds(60));

    assertThat(audiences)
        .extracting(CampaignAudience::campaignId)
        .containsExactly("CHRISTMAS-2026", "CHRISTMAS-2026-DRY", "NEW_YEAR-2027");
    CampaignAudience christmas = audiences.get(0);
    assertThat(christmas.occasion()).isEqualTo("CHRISTMAS");
    assertThat(christmas.isTestRun()).isFalse();
    assertThat(christmas.audience()).isEqualTo(4);
    assertThat(christmas.started()).isEqualTo(2);
    assertThat(christmas.consentSkips()).as("R22").isEqualTo(1);
    assertThat(christmas.byStatus())
        .isEqualTo(
            Map.of(
                CampaignStore.STARTED, 2L,
                CampaignStore.PENDING, 1L,
                CampaignStore.SKIPPED_NO_CONSENT, 1L));
    CampaignAudience dry = audiences.get(1);
    assertThat(dry.testRunMode()).isEqualTo("DRY_RUN");
    assertThat(dry.audience()).isEqualTo(1);
    assertThat(dry.started()).isZero();
    assertThat(dry.byStatus()).isEqualTo(Map.of(CampaignStore.DRY_RUN, 1L));
    CampaignAudience empty = audiences.get(2);
    assertThat(empty.audience()).as("opened, nobody considered yet").isZero();
    assertThat(empty.byStatus()).isEmpty();
  }

  @Test
  void aCampaignFinishedBeforeThePeriodOrOpenedAfterItIsLeftOut() {
    store.open("CHRISTMAS-2026", "CHRISTMAS", DAY);
    store.recordSkipped("CHRISTMAS-2026", "c-4", CampaignStore.SKIPPED_NO_CONSENT);
    store.finish("CHRISTMAS-2026");

    assertThat(queries.audiences(Instant.now().plusSeconds(60), Instant.now().plusSeconds(120)))
        .as("finished before the period")
        .isEmpty();
    assertThat(queries.audiences(hourAgo().minusSeconds(3600), hourAgo()))
        .as("opened after the period")
        .isEmpty();
    assertThat(queries.audiences(hourAgo(), Instant.now().plusSeconds(60)))
        .extracting(CampaignAudience::audience)
        .containsExactly(1L);
  }

  @Test
  void aRunningCampaignOpenedBeforeThePeriodIsStillShown() {
    store.open("CHRISTMAS-2026", "CHRISTMAS", DAY);

    assertThat(queries.audiences(Instant.now().plusSeconds(60), Instant.now().plusSeconds(120)))
        .extracting(CampaignAudience::campaignId)
        .containsExactly("CHRISTMAS-2026");
  }

  @Test
  void r22_eachTestRunsOutcomeCountsWouldMessageAndSkipsByReason_realCampaignsLeftOut() {
    store.open("CHRISTMAS-2026", "CHRISTMAS", DAY);
    store.recordSkipped("CHRISTMAS-2026", "c-9", CampaignStore.SKIPPED_NO_CONSENT);
    store.openTestRun("CHRISTMAS-2026-TEST-7", "CHRISTMAS", DAY, TestRun.Mode.DRY_RUN);
    store.recordSkipped("CHRISTMAS-2026-TEST-7", "c-1", CampaignStore.DRY_RUN);
    store.recordSkipped("CHRISTMAS-2026-TEST-7", "c-2", CampaignStore.DRY_RUN);
    store.recordSkipped("CHRISTMAS-2026-TEST-7", "c-3", CampaignStore.SKIPPED_NO_CONSENT);
    store.recordSkipped(
        "CHRISTMAS-2026-TEST-7",
        "c-4",
        CampaignStore.skipped(com.careflow.messaging.SkipReason.SEGMENT_NOT_ADDRESSED));
    store.finish("CHRISTMAS-2026-TEST-7");
    store.openTestRun("CHRISTMAS-2026-TEST-8", "CHRISTMAS", DAY, TestRun.Mode.SEED_LIST);
    store.claim("CHRISTMAS-2026-TEST-8", "c-1");
    store.markStarted("CHRISTMAS-2026-TEST-8", "c-1", 11L);
    store.recordSkipped("CHRISTMAS-2026-TEST-8", "typo", CampaignStore.SKIPPED_UNKNOWN_CUSTOMER);
    store.openTestRun("BIRTHDAY-2026-12-17-TEST-9", "BIRTHDAY", DAY, TestRun.Mode.DRY_RUN);

    var runs = queries.testRuns(hourAgo(), Instant.now().plusSeconds(60));

    assertThat(runs)
        .as("by occasion; the real campaign is no test run")
        .extracting(CampaignQueries.TestRunOutcome::campaignId)
        .containsExactlyInAnyOrder(
            "BIRTHDAY-2026-12-17-TEST-9", "CHRISTMAS-2026-TEST-7", "CHRISTMAS-2026-TEST-8");
    assertThat(runs.getFirst().campaignId()).isEqualTo("BIRTHDAY-2026-12-17-TEST-9");
    var dry = runs.stream().filter(r -> r.campaignId().endsWith("-7")).findFirst().orElseThrow();
    assertThat(dry.testedCampaignId()).isEqualTo("CHRISTMAS-2026");
    assertThat(dry.occasion()).isEqualTo("CHRISTMAS");
    assertThat(dry.campaignDate()).isEqualTo(DAY);
    assertThat(dry.mode()).isEqualTo("DRY_RUN");
    assertThat(dry.status()).isEqualTo("FINISHED");
    assertThat(dry.considered()).isEqualTo(4);
    assertThat(dry.wouldMessage()).isEqualTo(2);
    assertThat(dry.offersStarted()).isZero();
    assertThat(dry.skippedByReason())
        .as("R22 consent and R15 segment, each with its count")
        .isEqualTo(Map.of("NO_CONSENT", 1L, "SEGMENT_NOT_ADDRESSED", 1L));
    assertThat(dry.skipped()).isEqualTo(2);
    var seeds = runs.stream().filter(r -> r.campaignId().endsWith("-8")).findFirst().orElseThrow();
    assertThat(seeds.mode()).isEqualTo("SEED_LIST");
    assertThat(seeds.status()).isEqualTo("RUNNING");
    assertThat(seeds.offersStarted()).isEqualTo(1);
    assertThat(seeds.wouldMessage()).isZero();
    assertThat(seeds.skippedByReason()).isEqualTo(Map.of("UNKNOWN_CUSTOMER", 1L));
    var empty = runs.getFirst();
    assertThat(empty.considered()).isZero();
    assertThat(empty.skippedByReason()).isEmpty();

    assertThat(queries.testRuns(hourAgo().minusSeconds(3600), hourAgo()))
        .as("opened after the period")
        .isEmpty();
  }
}
