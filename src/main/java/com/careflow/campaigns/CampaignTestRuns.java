package com.careflow.campaigns;

import com.careflow.analytics.AnalyticsReports;
import com.careflow.campaigns.CampaignQueries.TestRunOutcome;
import com.careflow.journeys.JourneysProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Campaigns' report of its test runs (ops guide, section 2b): for the campaigns page's "Test runs"
 * card and {@code GET /api/campaigns/test-runs} (JSON and CSV). Each test run opened in the period
 * with its outcome, read through {@link CampaignQueries#testRuns}, and what analytics recorded for
 * its sends and coupons, read through {@link AnalyticsReports#testRunSends} (a seed-list run sends
 * through the real offer journey; analytics keeps those facts apart from every measured figure, R23
 * and R24; a dry run sends nothing and has no cost).
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
   * what analytics recorded for its sends and coupons ({@link AnalyticsReports.TestRunSends},
   * whenever they were made); the recorded fields are null when nothing was recorded (a dry run, or
   * a seed-list run whose offers have not sent yet).
   *
   * @param messagesSent messages of the run handed to the provider (or recorded as {@code DRY_RUN}
   *     by messaging's dry-run mode), failed and undelivered ones included, as analytics counts
   *     messages sent
   * @param sendsSkipped the run's sends decided not to be made at send time (no consent, opted out,
   *     frequency cap…); customers left out before an offer started are in the outcome's {@code
   *     skippedByReason}
   * @param segments message segments of the sent messages
   * @param couponsIssued the run's coupons issued
   * @param cost the sends' cost in the shop's currency, scale 4: the provider's price, or the
   *     estimate (segments × price per segment) when the price is not known or messaging runs dry;
   *     the run's coupons add nothing (a test run's coupons are never counted, R24)
   */
  public record Row(
      @JsonUnwrapped TestRunOutcome outcome,
      Long messagesSent,
      Long sendsSkipped,
      Long segments,
      Long couponsIssued,
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
    Map<String, AnalyticsReports.TestRunSends> sends =
        runs.isEmpty()
            ? Map.of()
            : reports.testRunSends(runs.stream().map(TestRunOutcome::campaignId).toList());
    List<Row> rows =
        runs.stream()
            .map(
                r -> {
                  AnalyticsReports.TestRunSends f = sends.get(r.campaignId());
                  return f == null
                      ? new Row(r, null, null, null, null, null)
                      : new Row(
                          r,
                          f.messagesSent(),
                          f.skipped(),
                          f.segments(),
                          f.couponsIssued(),
                          f.messageCost().add(f.couponCost()));
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
        "messagesSent",
        "the run's messages handed to the provider (or recorded by messaging's dry-run mode),"
            + " failed and undelivered ones included; empty when nothing was recorded");
    d.put(
        "sendsSkipped",
        "the run's sends decided not to be made at send time (no consent, opted out, frequency"
            + " cap); customers left out before an offer started are in skippedByReason");
    d.put("segments", "message segments of the run's sent messages");
    d.put(
        "couponsIssued",
        "the run's coupons issued; they cost nothing here, a test run's coupons are never counted"
            + " (R24)");
    d.put(
        "cost",
        "recorded for the run's sends: message cost (provider price, or segments x price per"
            + " segment when estimated); the run's coupons add nothing; empty when nothing was"
            + " recorded (a dry run sends nothing); kept apart from every analytics figure (R23,"
            + " R24)");
    return java.util.Collections.unmodifiableMap(d);
  }
}
