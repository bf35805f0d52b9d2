/**
 * Measurement (rules R23–R26): sends, statuses, orders, payments, refunds and coupons recorded as
 * facts, credited to the journey step that caused them (attribution), rolled up per shop day and
 * served as reports and the JSON/CSV API under {@code /api/analytics}. Owns the tables {@code
 * analytics_*} (V9, V17, V20: a campaign test run's facts kept apart).
 *
 * <p>Exposes {@link com.careflow.analytics.AnalyticsFacts} (the inbound port messaging, the event
 * intake and coupons tell facts through), {@link com.careflow.analytics.AnalyticsReports} and
 * {@link com.careflow.analytics.Breakdown} (what the dashboard shows, and, apart from every figure,
 * what campaigns' test runs recorded: {@code AnalyticsReports.testRunSends}), {@link
 * com.careflow.analytics.AnalyticsCsv} (the API's one CSV format, also for campaigns' test runs)
 * and {@link com.careflow.analytics.CsvLabels} (its names in a page's language), {@link
 * com.careflow.analytics.ModelNames} (the names of journeys, steps, occasions and segments the
 * dashboard's pages and the CSV downloads write in a language), {@link
 * com.careflow.analytics.AnalyticsProperties} and {@link com.careflow.analytics.AttributionRules}
 * (the attribution window experiments measure lift over, R24), {@link
 * com.careflow.analytics.AnalyticsRecorder} (the port's implementation) and {@link
 * com.careflow.analytics.AnalyticsQueries} (the read port experiments measure lift through), and
 * the port {@link com.careflow.analytics.CampaignAudiences} the campaigns module implements, so the
 * campaign breakdown carries each campaign's audience (R19), the port {@link
 * com.careflow.analytics.StepParameters} the dashboard implements, so the step's API refuses the
 * journey, version and step its Journey page refuses, and {@link
 * com.careflow.analytics.ParameterRefused} (a refused request parameter and its reason's message
 * key, answered alike by the API and the pages). Uses the shop's time zone from {@code journeys}
 * and ranks statuses by the shared {@code messagestatus.MessageStatus}.
 */
@ApplicationModule(allowedDependencies = {"journeys", "messagestatus"})
package com.careflow.analytics;

import org.springframework.modulith.ApplicationModule;
