package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The campaign fan-out with an in-memory audience and store (rules R19, R22). */
class CampaignServiceTest {

  private static final Occasion CHRISTMAS =
      new Occasion(
          "CHRISTMAS",
          "Christmas",
          "圣诞节",
          "ALL",
          List.of("A_LOYAL", "B_ACTIVE", "C_SLEEPING", "D_LOST"),
          true);
  private static final Occasion BIRTHDAY =
      new Occasion("BIRTHDAY", "your birthday", "您的生日", "BIRTHDAY", List.of("A_LOYAL"), false);
  private static final LocalDate DAY = LocalDate.of(2026, 12, 17);

  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final List<Map<String, Object>> started = new ArrayList<>();

  private final RecordingSkippedOffers skippedOffers = new RecordingSkippedOffers();

  /** The offers reported as skipped to the message log: campaign/occasion/customer. */
  private final List<String> skippedToLog = skippedOffers.noConsent;

  /** Customers whose offer start the engine refuses, once. */
  private final Set<String> refuseOnce = new HashSet<>();

  private final OfferStarter starter =
      variables -> {
        if (refuseOnce.remove((String) variables.get("customerId"))) {
          return CompletableFuture.failedFuture(new IllegalStateException("engine unavailable"));
        }
        started.add(variables);
        return CompletableFuture.completedFuture((long) started.size());
      };

  private CampaignService service(int audienceSize, int batchSize) {
    return new CampaignService(
        new InMemoryAudience(audienceSize, 4),
        store,
        starter,
        new CampaignProperties(batchSize, 2),
        skippedOffers,
        (customerId, occasion) -> java.util.Optional.empty());
  }

  @Test
  void r19_oneCampaignPerOccasionAndYear_perDayForBirthdays() {
    assertThat(CampaignService.campaignId(CHRISTMAS, DAY)).isEqualTo("CHRISTMAS-2026");
    assertThat(CampaignService.campaignId(BIRTHDAY, DAY)).isEqualTo("BIRTHDAY-2026-12-17");
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "R22: a campaign's customers without consent are skipped, in campaign_recipient and in the"
          + " message log (nothing skipped silently)")
  void r22_customersWithoutConsentAreSkippedAndRecorded() {
    var campaigns = service(8, 100);
    var plan = campaigns.plan(CHRISTMAS, DAY);

    var progress = campaigns.startBatch(plan.campaignId(), CHRISTMAS, DAY, plan.afterCustomerId());

    assertThat(progress.audienceExhausted()).isTrue();
    assertThat(started)
        .extracting(v -> v.get("customerId"))
        .containsExactly("c-00001", "c-00002", "c-00003", "c-00005", "c-00006", "c-00007");
    assertThat(store.recipients)
        .containsEntry("CHRISTMAS-2026/c-00000", CampaignStore.SKIPPED_NO_CONSENT)
        .containsEntry("CHRISTMAS-2026/c-00004", CampaignStore.SKIPPED_NO_CONSENT)
        .containsEntry("CHRISTMAS-2026/c-00001", CampaignStore.STARTED);
    assertThat(skippedToLog)
        .containsExactly("CHRISTMAS-2026/CHRISTMAS/c-00000", "CHRISTMAS-2026/CHRISTMAS/c-00004");
    assertThat(started.getFirst())
        .containsEntry("campaignId", "CHRISTMAS-2026")
        .containsEntry("campaignOccasion", CHRISTMAS);
  }

  @Test
  void r19_pagesFollowEachOtherAndTheLastOneEndsTheCampaign() {
    var campaigns = service(10, 4);
    var plan = campaigns.plan(CHRISTMAS, DAY);

    var first = campaigns.startBatch(plan.campaignId(), CHRISTMAS, DAY, plan.afterCustomerId());
    var second = campaigns.startBatch(plan.campaignId(), CHRISTMAS, DAY, first.afterCustomerId());
    var third = campaigns.startBatch(plan.campaignId(), CHRISTMAS, DAY, second.afterCustomerId());

    assertThat(first)
        .returns("c-00003", CampaignService.Progress::afterCustomerId)
        .returns(false, CampaignService.Progress::audienceExhausted);
    assertThat(second)
        .returns("c-00007", CampaignService.Progress::afterCustomerId)
        .returns(false, CampaignService.Progress::audienceExhausted);
    assertThat(third)
        .returns("c-00009", CampaignService.Progress::afterCustomerId)
        .returns(true, CampaignService.Progress::audienceExhausted);
    assertThat(started).hasSize(7);
    assertThat(campaigns.plan(CHRISTMAS, DAY.plusDays(1)).audienceExhausted())
        .as("the second calendar day")
        .isTrue();
  }

  @Test
  void r19_aRetriedBatchStartsNoSecondOffer() {
    var campaigns = service(8, 100);
    var plan = campaigns.plan(CHRISTMAS, DAY);

    campaigns.startBatch(plan.campaignId(), CHRISTMAS, DAY, "");
    campaigns.startBatch(plan.campaignId(), CHRISTMAS, DAY, "");

    assertThat(started).hasSize(6);
  }

  @Test
  void r19_aFailedStartFailsTheBatchAndItsRetryStartsTheRest() {
    var campaigns = service(8, 100);
    var plan = campaigns.plan(CHRISTMAS, DAY);
    refuseOnce.add("c-00003");

    assertThatThrownBy(() -> campaigns.startBatch(plan.campaignId(), CHRISTMAS, DAY, ""))
        .hasRootCauseMessage("engine unavailable");
    assertThat(store.recipients)
        .containsEntry("CHRISTMAS-2026/c-00002", CampaignStore.STARTED)
        .containsEntry("CHRISTMAS-2026/c-00003", CampaignStore.PENDING)
        .as("no further starts once the engine refused one")
        .doesNotContainKey("CHRISTMAS-2026/c-00005");

    campaigns.startBatch(plan.campaignId(), CHRISTMAS, DAY, "");

    assertThat(started)
        .extracting(v -> v.get("customerId"))
        .containsExactly("c-00001", "c-00002", "c-00003", "c-00005", "c-00006", "c-00007");
    assertThat(store.count(CampaignStore.STARTED)).isEqualTo(6);
  }

  @Test
  void r19_aStartRefusedBeforeItWasSentCountsAsAFailedStart() {
    OfferStarter throwing =
        variables -> {
          throw new IllegalArgumentException("variables cannot be serialised");
        };
    var campaigns =
        new CampaignService(
            new InMemoryAudience(8, 4),
            store,
            throwing,
            new CampaignProperties(100, 2),
            skippedOffers,
            (customerId, occasion) -> java.util.Optional.empty());

    assertThatThrownBy(() -> campaigns.startBatch("CHRISTMAS-2026", CHRISTMAS, DAY, ""))
        .hasRootCauseMessage("variables cannot be serialised");
    assertThat(store.count(CampaignStore.PENDING)).isEqualTo(1);
    assertThat(store.count(CampaignStore.STARTED)).isZero();
  }

  @Test
  void r19_startsAreAnsweredOnOtherThreadsWithAtMostTheSetNumberInFlight() {
    var inFlight = new AtomicInteger();
    var mostInFlight = new AtomicInteger();
    var engine = Executors.newFixedThreadPool(8);
    OfferStarter slow =
        variables -> {
          mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          return CompletableFuture.supplyAsync(
              () -> {
                sleep(5);
                inFlight.decrementAndGet();
                return 1L;
              },
              engine);
        };
    var campaigns =
        new CampaignService(
            new InMemoryAudience(100, 4),
            store,
            slow,
            new CampaignProperties(100, 3),
            skippedOffers,
            (customerId, occasion) -> java.util.Optional.empty());
    try {
      campaigns.startBatch("CHRISTMAS-2026", CHRISTMAS, DAY, "");
    } finally {
      engine.shutdownNow();
    }

    assertThat(store.count(CampaignStore.STARTED))
        .as("every answer recorded before the job ends")
        .isEqualTo(75);
    assertThat(mostInFlight.get()).isBetween(2, 3);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ test runs (issue 21)

  @Test
  @org.junit.jupiter.api.DisplayName(
      "R19/R22 test run: a seed list messages only its seeds, records the seed without consent and"
          + " the seed id that is no customer, and does not count as the real run")
  void r19_aSeedListTestRun_messagesOnlyTheSeeds_andDoesNotCountAsTheRealRun() {
    var campaigns = service(8, 100);
    var testRun =
        new TestRun(TestRun.Mode.SEED_LIST, List.of("c-00002", "c-00004", "c-00001", "nobody"));

    var plan = campaigns.plan(CHRISTMAS, DAY, testRun, 77);
    var progress =
        campaigns.startBatch(plan.campaignId(), CHRISTMAS, DAY, plan.afterCustomerId(), testRun);

    assertThat(plan.campaignId()).isEqualTo("CHRISTMAS-2026-TEST-77");
    assertThat(progress.audienceExhausted()).isTrue();
    assertThat(started)
        .extracting(v -> v.get("customerId"))
        .containsExactly(
            "c-00001", "c-00002"); // c-00004 has no consent (R22), "nobody" is no customer
    assertThat(started.getFirst()).containsEntry("campaignId", "CHRISTMAS-2026-TEST-77");
    assertThat(store.recipients)
        .containsEntry("CHRISTMAS-2026-TEST-77/c-00004", CampaignStore.SKIPPED_NO_CONSENT)
        .containsEntry("CHRISTMAS-2026-TEST-77/nobody", CampaignStore.SKIPPED_UNKNOWN_CUSTOMER);
    // nothing skipped silently: the mistyped seed is a recorded skip of the test run, once
    assertThat(skippedOffers.unknownCustomer)
        .containsExactly("CHRISTMAS-2026-TEST-77/CHRISTMAS/nobody");
    assertThat(skippedToLog).containsExactly("CHRISTMAS-2026-TEST-77/CHRISTMAS/c-00004");
    assertThat(store.testRuns).containsEntry("CHRISTMAS-2026-TEST-77", TestRun.Mode.SEED_LIST);

    started.clear();
    var real = campaigns.plan(CHRISTMAS, DAY);
    assertThat(real.campaignId()).isEqualTo("CHRISTMAS-2026");
    assertThat(real.audienceExhausted()).as("the real run is still to come").isFalse();
    campaigns.startBatch(real.campaignId(), CHRISTMAS, DAY, real.afterCustomerId());
    assertThat(started).hasSize(6);
  }

  @Test
  void r19_aDryRun_recordsWhoWouldGetAnOffer_startsNothing_andDoesNotCountAsTheRealRun() {
    var campaigns = service(8, 3);
    var testRun = new TestRun(TestRun.Mode.DRY_RUN, null);

    var plan = campaigns.plan(CHRISTMAS, DAY, testRun, 5);
    var progress = plan;
    do {
      progress =
          campaigns.startBatch(
              plan.campaignId(), CHRISTMAS, DAY, progress.afterCustomerId(), testRun);
    } while (!progress.audienceExhausted());

    assertThat(started).as("nothing started, nothing sent").isEmpty();
    assertThat(skippedToLog).as("a dry run touches no customer's message log").isEmpty();
    assertThat(store.recipients)
        .containsEntry("CHRISTMAS-2026-TEST-5/c-00001", CampaignStore.DRY_RUN)
        .containsEntry("CHRISTMAS-2026-TEST-5/c-00007", CampaignStore.DRY_RUN)
        .containsEntry("CHRISTMAS-2026-TEST-5/c-00004", CampaignStore.SKIPPED_NO_CONSENT);
    assertThat(store.recipients.values().stream().filter(CampaignStore.DRY_RUN::equals)).hasSize(6);
    assertThat(campaigns.plan(CHRISTMAS, DAY).audienceExhausted()).isFalse();
  }

  @Test
  void aSeedListTestRunWithoutSeeds_isRefusedWithAClearMessage() {
    assertThatThrownBy(() -> new TestRun(TestRun.Mode.SEED_LIST, List.of()))
        .hasMessageContaining("testRun.seedCustomerIds is empty");
    assertThatThrownBy(() -> new TestRun(null, List.of("c-1")))
        .hasMessageContaining("SEED_LIST or DRY_RUN");
  }
}
