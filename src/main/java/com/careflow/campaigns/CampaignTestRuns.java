package com.careflow.campaigns;

import com.careflow.analytics.AnalyticsReports;
import com.careflow.analytics.Breakdown;
import com.careflow.campaigns.CampaignQueries.TestRunOutcome;
import com.careflow.journeys.JourneysProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Campaigns' report of its test runs (ops guide, section 2b): for the campaigns page's "Test runs"
 * card and {@code GET /api/campaigns/test-runs} (JSON and CSV). Each test run opened in the period
 * with its outcome, read through {@link CampaignQueries#testRuns}, and the cost recorded for its
 * sends, read from analytics' campaign breakdown ({@link AnalyticsReports#breakdown}: a seed-list
 * run sends through the real offer journey, a dry run sends nothing and has no cost).
 */
@Service
public class CampaignTestRuns {

  /** What the report's columns mean, beside the header facts every report states. */
  static final Map<String, String> DEFINITIONS = definitions();

  private final CampaignQueries queries;
  private final AnalyticsReports reports;
  private final ZoneId shopZone;

  public CampaignTestRuns(
      CampaignQueries queries, AnalyticsReports reports, JourneysProperties journeys) {
    this.queries = queries;
    this.reports = reports;
    this.shopZone = journeys.shopTimeZone();
  }

  /**
   * The report of a period.
   *
   * @param header the facts every report states (period, time zone, attribution window, rule
   *     version, currency, as of), with this report's definitions
   * @param rows the test runs opened in the period, by occasion, the campaign they test, newest
   *     first
   */
  public record Report(AnalyticsReports.Header header, List<Row> rows) {}

  /**
   * One test run: its outcome ({@link TestRunOutcome}, whose fields JSON and CSV show inline) and
   * the cost recorded for its sends; the send fields are null when nothing was recorded (a dry run,
   * or a seed-list run whose offers have not sent yet).
   *
   * @param messagesSent messages of the run handed to the provider (or recorded as {@code DRY_RUN}
   *     by messaging's dry-run mode)
   * @param messageCost the sends' cost in the shop's currency: the provider's price, or the
   *     estimate (segments × price per segment) when the price is not known or messaging runs dry
   * @param couponCost discounts of the run's coupons redeemed on paid orders
   * @param cost message cost + coupon cost
   */
  public record Row(
      @JsonUnwrapped TestRunOutcome outcome,
      Long messagesSent,
      BigDecimal messageCost,
      BigDecimal couponCost,
      BigDecimal cost) {}

  /**
   * The test runs opened on the shop days {@code from}..{@code to} (inclusive, the shop's time
   * zone).
   *
   * @throws IllegalArgumentException when {@code to} is before {@code from} or the period is longer
   *     than ten years
   */
  public Report report(LocalDate from, LocalDate to) {
    AnalyticsReports.Header facts = reports.header(from, to);
    ZoneId zone = shopZone;
    List<TestRunOutcome> runs =
        queries.testRuns(
            from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant());
    Map<String, AnalyticsReports.Figures> sends = sends(runs, zone, facts.asOf(), to);
    List<Row> rows =
        runs.stream()
            .map(
                r -> {
                  AnalyticsReports.Figures f = sends.get(r.campaignId());
                  return new Row(
                      r,
                      f == null ? null : f.messagesSent(),
                      f == null ? null : f.messageCost(),
                      f == null ? null : f.couponCost(),
                      f == null ? null : f.cost());
                })
            .toList();
    AnalyticsReports.Header header =
        new AnalyticsReports.Header(
            facts.from(),
            facts.to(),
            facts.timeZone(),
            facts.attributionWindow(),
            facts.ruleVersion(),
            facts.ruleVersionsInPeriod(),
            facts.currency(),
            facts.asOf(),
            DEFINITIONS);
    return new Report(header, rows);
  }

  /**
   * The recorded sends of the runs, by campaign id: analytics' campaign breakdown from the first
   * run's start day to the later of the period's end and today, so sends a run made after the
   * period (a message held for quiet hours) still count.
   */
  private Map<String, AnalyticsReports.Figures> sends(
      List<TestRunOutcome> runs, ZoneId zone, Instant now, LocalDate to) {
    if (runs.isEmpty()) {
      return Map.of();
    }
    LocalDate first =
        runs.stream()
            .map(TestRunOutcome::startedAt)
            .min(Comparator.naturalOrder())
            .orElseThrow()
            .atZone(zone)
            .toLocalDate();
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate last = today.isAfter(to) ? today : to;
    Map<String, AnalyticsReports.Figures> byCampaign = new HashMap<>();
    for (AnalyticsReports.BreakdownRow row :
        reports
            .breakdown(Breakdown.CAMPAIGN, "SEND", first, last.isBefore(first) ? first : last)
            .rows()) {
      Object campaign = row.dimensions().get("campaign");
      if (campaign != null) {
        byCampaign.putIfAbsent(campaign.toString(), row.figures());
      }
    }
    return byCampaign;
  }

  private static Map<String, String> definitions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(
        "testRun",
        "a campaign started by hand in test mode for a day (ops guide, section 2b); its own"
            + " campaign id <campaign id>-TEST-<instance key>, never the real run of that year");
    d.put(
        "mode",
        "DRY_RUN: the real audience decided as the real offer decides, nothing started or sent;"
            + " SEED_LIST: offers only to the seed customers, through the real offer journey");
    d.put("considered", "customers the test run recorded (campaign_recipient rows)");
    d.put("wouldMessage", "DRY_RUN: customers who would have got the message");
    d.put(
        "offersStarted",
        "SEED_LIST: offers started; the offer may still skip the message (message log, skips)");
    d.put(
        "skippedByReason",
        "customers left out, by reason: NO_CONSENT (R22), SEGMENT_NOT_ADDRESSED (R15),"
            + " LARGE_BUYER_LEFT_OUT (R16), OPTED_OUT, FREQUENCY_CAP (R20), NO_PHONE,"
            + " NUMBER_FLAGGED_INVALID, UNKNOWN_CUSTOMER (a seed id with no customer)");
    d.put(
        "cost",
        "recorded for the run's sends: message cost (provider price, or segments x price per"
            + " segment when estimated) + redeemed coupons; empty when nothing was sent (a dry"
            + " run sends nothing)");
    return java.util.Collections.unmodifiableMap(d);
  }
}
