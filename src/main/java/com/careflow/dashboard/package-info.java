/**
 * The operations dashboard (issue #17): server-rendered pages that show the measurement of the
 * analytics module (rules R23–R26) to operations managers, in zh-CN and English.
 *
 * <p>Exposes no Java API to other modules; it exposes web pages: {@code /login} (Careflow's login
 * page for Spring Security's form login of the security module; the demo login's hint only while
 * platform's development stack runs), {@code /} (overview), {@code /journeys} (the BPMN diagram
 * with each send step's figures as overlays, and a step's detail), {@code /campaigns} (with each
 * campaign's audience, which the analytics campaign breakdown carries from the campaigns module,
 * skipped sends by reason, and the campaign test runs of the period, read through campaigns' {@link
 * com.careflow.campaigns.CampaignTestRuns}, #21), {@code /members} (R25), {@code
 * /payment-reminders} and {@code /messages?customer=…} (a customer's message log, skips with their
 * reason; read through messaging's {@link com.careflow.messaging.CustomerMessages}, coupon codes
 * redacted for viewers), plus the journeys' BPMN XML at {@code /dashboard/bpmn/{processId}.bpmn}
 * (with {@code ?version=} an earlier deployed version, read through platform's {@link
 * com.careflow.platform.DeployedProcesses} when the cluster can give it); {@code /orders/{orderId}}
 * (issue #14: one order's stored facts, review text and carrier status, and its messages, read
 * through {@link com.careflow.customers.CustomerQueries}, audited; the Tasklist forms link here),
 * and {@code /message-texts} (issue #21), the message texts operations preview, edit and publish
 * through {@link com.careflow.messaging.MessageTexts} (its forms need ADMIN). Filters are
 * bookmarkable query parameters ({@code from}, {@code to}, {@code preset}, {@code journey}, {@code
 * version}, {@code step}, {@code lang}).
 *
 * <p>Journeys, steps, occasions and segments are named in the page's language by analytics' {@link
 * com.careflow.analytics.ModelNames} (the names its CSV downloads write too): the Chinese bundle's
 * {@code model.journey.*} / {@code model.step.*} keys, else the BPMN model's name; occasions by the
 * occasion calendar's own names ({@code dmn/occasion-calendar.dmn}).
 *
 * <p>The few public types here ({@code PageLinks}, {@code Formats}, {@code Period}, the view
 * records) are public only so the templates' expressions can call them; no other module uses them.
 *
 * <p>Every figure comes from {@link com.careflow.analytics.AnalyticsReports}, the service the JSON
 * API uses; the pages only format it (and the chart options are built from it in {@link
 * com.careflow.dashboard.ChartOptions}). Tables link to the API's CSV. ECharts and bpmn-js are
 * served from {@code /vendor/}, copied into the jar by the Maven build from the npm packages of
 * {@code src/main/frontend}. Owns no table.
 */
@ApplicationModule(
    allowedDependencies = {
      "analytics",
      "campaigns",
      "customers",
      "experiments",
      "journeys",
      "messaging",
      "platform",
      "security"
    })
package com.careflow.dashboard;

import org.springframework.modulith.ApplicationModule;
