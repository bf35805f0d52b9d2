package com.careflow.campaigns;

import com.careflow.analytics.AnalyticsFacts;
import com.careflow.messaging.SkipReason;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The campaign fan-out of holiday re-engagement (rule R19): a campaign reads its audience page by
 * page and starts one small offer process per customer, so no process instance ever holds the
 * audience.
 */
@Service
class CampaignService {

  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);

  /**
   * What the journey carries between batches: where the next page starts and whether there is one.
   */
  public record Progress(String campaignId, String afterCustomerId, boolean audienceExhausted) {}

  private final AudienceSource audience;
  private final CampaignStore store;
  private final OfferStarter offers;
  private final CampaignProperties properties;
  private final SkippedOffers skippedOffers;
  private final OfferDecisions decisions;

  public CampaignService(
      AudienceSource audience,
      CampaignStore store,
      OfferStarter offers,
      CampaignProperties properties,
      SkippedOffers skippedOffers,
      OfferDecisions decisions) {
    this.audience = audience;
    this.store = store;
    this.offers = offers;
    this.properties = properties;
    this.skippedOffers = skippedOffers;
    this.decisions = decisions;
  }

  /**
   * One campaign per occasion and year (per day for birthdays), so a second calendar day does not
   * repeat it.
   */
  static String campaignId(Occasion occasion, LocalDate day) {
    return occasion.occasionId()
        + "-"
        + (occasion.birthdays() ? day.toString() : String.valueOf(day.getYear()));
  }

  private CompletableFuture<Long> startOffer(
      String customerId, String campaignId, Occasion occasion) {
    try {
      return offers
          .start(
              Map.of(
                  "customerId", customerId, "campaignId", campaignId, "campaignOccasion", occasion))
          .toCompletableFuture();
    } catch (RuntimeException e) { // refused before anything was sent: the same as a failed answer
      return CompletableFuture.failedFuture(e);
    }
  }

  public Progress plan(Occasion occasion, LocalDate day) {
    String campaignId = campaignId(occasion, day);
    boolean open = store.open(campaignId, occasion.occasionId(), day);
    if (!open) {
      log.info("Campaign {} has already reached its audience", campaignId);
    }
    return new Progress(campaignId, "", !open);
  }

  /**
   * Opens a campaign, or a test run of it when {@code testRun} is given: the test run gets its own
   * id, {@code <campaign id>-TEST-<runKey>}, so the real campaign of that occasion and year is not
   * touched and still runs on its day.
   *
   * @param runKey the key of the holiday re-engagement instance that runs the test (stable across
   *     job retries, different for every test run)
   */
  public Progress plan(Occasion occasion, LocalDate day, TestRun testRun, long runKey) {
    if (testRun == null) {
      return plan(occasion, day);
    }
    String campaignId = campaignId(occasion, day) + AnalyticsFacts.TEST_RUN_MARK + runKey;
    boolean open = store.openTestRun(campaignId, occasion.occasionId(), day, testRun.mode());
    log.info(
        "Campaign test run {} ({}{}): does not count as the real run {}",
        campaignId,
        testRun.mode(),
        testRun.mode() == TestRun.Mode.SEED_LIST
            ? ", " + testRun.seedCustomerIds().size() + " seed customers"
            : "",
        campaignId(occasion, day));
    return new Progress(campaignId, "", !open);
  }

  /**
   * Nothing skipped silently: a seed id the customer store does not know gets no offer, and a
   * recorded skip instead of vanishing from the test run (once, with the first page; a retried
   * first page records nothing twice).
   *
   * @return how many seed ids were unknown
   */
  private int recordUnknownSeeds(String campaignId, Occasion occasion, List<String> seeds) {
    Set<String> known = new HashSet<>();
    audience.members(seeds, "", seeds.size()).forEach(m -> known.add(m.customerId()));
    int unknown = 0;
    for (String id : new LinkedHashSet<>(seeds)) {
      if (!known.contains(id)) {
        store.recordSkipped(campaignId, id, CampaignStore.SKIPPED_UNKNOWN_CUSTOMER);
        skippedOffers.unknownCustomer(campaignId, occasion, id);
        unknown++;
      }
    }
    if (unknown > 0) {
      log.warn(
          "Campaign test run {}: {} of {} seed customer ids are not in the customer store;"
              + " recorded as skipped (NO_PHONE)",
          campaignId,
          unknown,
          seeds.size());
    }
    return unknown;
  }

  public Progress startBatch(
      String campaignId, Occasion occasion, LocalDate day, String afterCustomerId) {
    return startBatch(campaignId, occasion, day, afterCustomerId, null);
  }

  /**
   * One page of the campaign's audience; in a test run the seed list's page ({@code SEED_LIST}) or
   * the real audience recorded without starting anything ({@code DRY_RUN}). A dry run decides each
   * consenting customer as the real offer would ({@link OfferDecisions}: the same tables through
   * the engine, the same send check) and records who would get the message ({@link
   * CampaignStore#DRY_RUN}) and who would be skipped, with the reason ({@link
   * CampaignStore#skipped}), counted per reason in the log.
   */
  public Progress startBatch(
      String campaignId,
      Occasion occasion,
      LocalDate day,
      String afterCustomerId,
      TestRun testRun) {
    int limit = properties.batchSize();
    String after = afterCustomerId == null ? "" : afterCustomerId;
    boolean dryRun = testRun != null && testRun.mode() == TestRun.Mode.DRY_RUN;
    List<AudienceSource.Member> page =
        testRun != null && testRun.mode() == TestRun.Mode.SEED_LIST
            ? audience.members(testRun.seedCustomerIds(), after, limit)
            : audience.page(occasion, day, after, limit);
    // starts go out asynchronously, a bounded number at a time: the engine answers each in a few
    // milliseconds, but waiting for every answer in turn made a 500-customer page take over a
    // minute
    var inFlight = new Semaphore(properties.startsInFlight());
    var starts = new LinkedHashMap<String, CompletableFuture<Long>>();
    var failed = new AtomicReference<Throwable>();
    int skipped =
        testRun != null && testRun.mode() == TestRun.Mode.SEED_LIST && after.isEmpty()
            ? recordUnknownSeeds(campaignId, occasion, testRun.seedCustomerIds())
            : 0;
    int wouldStart = 0;
    Map<SkipReason, Integer> wouldSkip = new EnumMap<>(SkipReason.class);
    for (AudienceSource.Member member : page) {
      if (!member.marketingConsent()) {
        // rule R22: no marketing to a customer without consent; recorded, no offer started
        store.recordSkipped(campaignId, member.customerId(), CampaignStore.SKIPPED_NO_CONSENT);
        if (!dryRun) {
          // nothing silent: the customer's message log and the campaign's results show it (a dry
          // run touches no customer: its campaign_recipient rows are the record)
          skippedOffers.noConsent(campaignId, occasion, member.customerId());
        }
        skipped++;
        if (dryRun) {
          wouldSkip.merge(SkipReason.NO_CONSENT, 1, Integer::sum);
        }
      } else if (dryRun) {
        // a dry run decides as the real offer (rules R15, R16, R20, R22); nothing is started or
        // sent
        Optional<SkipReason> why = decisions.whyNoOffer(member.customerId(), occasion);
        if (why.isPresent()) {
          store.recordSkipped(campaignId, member.customerId(), CampaignStore.skipped(why.get()));
          wouldSkip.merge(why.get(), 1, Integer::sum);
        } else {
          store.recordSkipped(campaignId, member.customerId(), CampaignStore.DRY_RUN);
          wouldStart++;
        }
      } else if (failed.get() == null && store.claim(campaignId, member.customerId())) {
        inFlight.acquireUninterruptibly();
        CompletableFuture<Long> start = startOffer(member.customerId(), campaignId, occasion);
        start.whenComplete(
            (key, failure) -> {
              if (failure != null) {
                failed.compareAndSet(
                    null, failure); // no further starts: the engine is refusing or away
              }
              inFlight.release();
            });
        starts.put(member.customerId(), start);
      }
    }
    // every answer is in before the job ends, so a retry never overlaps starts still in flight
    CompletableFuture.allOf(starts.values().toArray(CompletableFuture[]::new))
        .exceptionally(f -> null)
        .join();
    // recorded here, on the job's thread: the answers arrive on the client's network threads
    starts.forEach(
        (customerId, start) -> {
          if (!start.isCompletedExceptionally()) {
            store.markStarted(campaignId, customerId, start.join());
          }
        });
    if (failed.get() != null) {
      // the customers whose start failed (and those not reached) are still PENDING or unclaimed:
      // the
      // job's retry re-reads the page and starts exactly them
      throw new IllegalStateException(
          "Campaign " + campaignId + ": an offer start failed: " + failed.get().getMessage(),
          failed.get());
    }
    int started = starts.size();
    boolean exhausted = page.size() < limit;
    String next = page.isEmpty() ? afterCustomerId : page.getLast().customerId();
    if (exhausted) {
      store.finish(campaignId);
    }
    log.info(
        "Campaign {}: batch after '{}' started {} offers, skipped {}{}{}",
        campaignId,
        afterCustomerId,
        started,
        skipped,
        dryRun
            ? ", dry run: "
                + wouldStart
                + " would have got the message, would be skipped by reason "
                + wouldSkip
            : "",
        exhausted ? "; audience reached" : "");
    return new Progress(campaignId, next, exhausted);
  }
}
