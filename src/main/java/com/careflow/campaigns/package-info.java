/**
 * Re-engagement between orders (rules R18–R22): cart recovery, the daily holiday re-engagement with
 * its campaigns fanned out in batches, and the per-customer campaign offer ({@code
 * bpmn/cart-recovery.bpmn}, {@code bpmn/holiday-reengagement.bpmn}, {@code
 * bpmn/campaign-offer.bpmn}). Owns the tables {@code campaign} and {@code campaign_recipient} (V5,
 * V10); reads customers, carts and consent only through {@link
 * com.careflow.customers.CustomerQueries}, a customer's segment inputs through {@link
 * com.careflow.segments.SegmentInputsQuery} (a dry run evaluates the offer's tables) and whether a
 * buyer can be messaged through {@link com.careflow.messaging.Contactability}. Names its test runs
 * with {@link com.careflow.analytics.AnalyticsFacts#TEST_RUN_MARK}, so the analytics keep their
 * facts apart from the results.
 *
 * <p>Exposes to other modules only {@link com.careflow.campaigns.Occasion} (the audiences the
 * occasion calendar may name) and {@link com.careflow.campaigns.CampaignJobTypes} (its process,
 * decision and job-type ids, for the models' structural test) and the read port {@link
 * com.careflow.campaigns.CampaignQueries} (each campaign's audience and its customers by status,
 * and each test run's outcome, for the dashboard, #17, #21), which it also offers to the analytics
 * reports' campaign breakdown as {@link com.careflow.analytics.CampaignAudiences} (the audience
 * column of the campaign API, its CSV and the dashboard's campaigns page), {@link
 * com.careflow.campaigns.CampaignTestRuns} (the test runs' report with the sends, cost and coupons
 * recorded for them, read through analytics' {@code AnalyticsReports.testRunSends}, which keeps
 * them apart from every measured figure; also served as {@code GET /api/campaigns/test-runs} and
 * its CSV), {@link com.careflow.campaigns.TestRunStarter} (starts a test run as operations do: a
 * hand-started holiday re-engagement with {@code testRun}; the development stack's {@code
 * /local/campaigns/test-run} calls it) and the read port {@link com.careflow.campaigns.SaleWindows}
 * (the big sales' windows of the occasion calendar's table sale-window, the dashboard's Double 11
 * and 618 presets). Uses the shop's time zone from {@code journeys}. Its workers are public only
 * because the Camunda client invokes them reflectively.
 */
@ApplicationModule(
    allowedDependencies = {"analytics", "customers", "journeys", "messaging", "segments"})
package com.careflow.campaigns;

import org.springframework.modulith.ApplicationModule;
