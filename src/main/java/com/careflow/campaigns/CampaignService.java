package com.careflow.campaigns;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The campaign fan-out of holiday re-engagement (rule R19): a campaign reads its audience page by page
 * and starts one small offer process per customer, so no process instance ever holds the audience.
 */
@Service
public class CampaignService {

  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);

  /** What the journey carries between batches: where the next page starts and whether there is one. */
  public record Progress(String campaignId, String afterCustomerId, boolean audienceExhausted) {}

  private final AudienceSource audience;
  private final CampaignStore store;
  private final OfferStarter offers;
  private final CampaignProperties properties;

  public CampaignService(AudienceSource audience, CampaignStore store, OfferStarter offers, CampaignProperties properties) {
    this.audience = audience;
    this.store = store;
    this.offers = offers;
    this.properties = properties;
  }

  /** One campaign per occasion and year (per day for birthdays), so a second calendar day does not repeat it. */
  static String campaignId(Occasion occasion, LocalDate day) {
    return occasion.occasionId() + "-" + (occasion.birthdays() ? day.toString() : String.valueOf(day.getYear()));
  }

  public Progress plan(Occasion occasion, LocalDate day) {
    String campaignId = campaignId(occasion, day);
    boolean open = store.open(campaignId, occasion.occasionId(), day);
    if (!open) {
      log.info("Campaign {} has already reached its audience", campaignId);
    }
    return new Progress(campaignId, "", !open);
  }

  public Progress startBatch(String campaignId, Occasion occasion, LocalDate day, String afterCustomerId) {
    int limit = properties.batchSize();
    List<AudienceSource.Member> page = audience.page(occasion, day, afterCustomerId == null ? "" : afterCustomerId, limit);
    // starts go out asynchronously, a bounded number at a time: the engine answers each in a few
    // milliseconds, but waiting for every answer in turn made a 500-customer page take over a minute
    var inFlight = new Semaphore(properties.startsInFlight());
    var starts = new ArrayList<CompletableFuture<Void>>();
    int skipped = 0;
    for (AudienceSource.Member member : page) {
      if (!member.marketingConsent()) {
        // rule R22: no marketing to a customer without consent; recorded, no offer started
        store.recordSkipped(campaignId, member.customerId(), CampaignStore.SKIPPED_NO_CONSENT);
        skipped++;
      } else if (store.claim(campaignId, member.customerId())) {
        inFlight.acquireUninterruptibly();
        starts.add(offers.start(Map.of("customerId", member.customerId(), "campaignId", campaignId, "campaignOccasion", occasion))
            .toCompletableFuture()
            .whenComplete((key, failure) -> inFlight.release())
            .thenAccept(key -> store.markStarted(campaignId, member.customerId(), key)));
      }
    }
    // a failed start leaves its customer claimed but not started: the job fails, and its retry
    // re-reads the page and starts exactly those customers again
    CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    int started = starts.size();
    boolean exhausted = page.size() < limit;
    String next = page.isEmpty() ? afterCustomerId : page.getLast().customerId();
    if (exhausted) {
      store.finish(campaignId);
    }
    log.info("Campaign {}: batch after '{}' started {} offers, skipped {}{}", campaignId, afterCustomerId, started,
        skipped, exhausted ? "; audience reached" : "");
    return new Progress(campaignId, next, exhausted);
  }
}
