package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.careflow.analytics.AnalyticsReports;
import com.careflow.analytics.Breakdown;
import com.careflow.analytics.ModelNames;
import com.careflow.campaigns.CampaignTestRuns;
import com.careflow.experiments.ExperimentReports;
import com.careflow.messaging.CustomerMessages;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * #17, rendered with the real templates and bundles in both languages: every figure shows its
 * definition on hover (each figure column header of the overview, journey, step detail, campaigns,
 * members and payment-reminder tables, and each chart card's heading); the attribution window reads
 * "72 h", not the API's ISO {@code PT72H}; a journey without a send step of its own says where its
 * sends are counted instead of showing an empty table.
 */
class DashboardFigureTitlesTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final LocalDate DAY = LocalDate.of(2026, 11, 11);
  static final Instant AS_OF = Instant.parse("2026-11-12T02:00:00Z");
  static final String PERIOD = "from=2026-11-11&to=2026-11-11";
  static final String STEP = "Activity_SendPaymentReminder";

  final AnalyticsReports reports = mock(AnalyticsReports.class);
  final ExperimentReports experiments = mock(ExperimentReports.class);
  final CampaignTestRuns testRuns = mock(CampaignTestRuns.class);
  final ResourceBundleMessageSource messages = DashboardMvc.messages();
  MockMvc mvc;

  static AnalyticsReports.Header header() {
    return new AnalyticsReports.Header(
        DAY, DAY, "Asia/Shanghai", "PT72H", 1, List.of(1), "CNY", AS_OF, Map.of());
  }

  static AnalyticsReports.Figures figures() {
    return new AnalyticsReports.Figures(
        100,
        90,
        5,
        7,
        100,
        new BigDecimal("5.00"),
        BigDecimal.ZERO,
        new BigDecimal("5.00"),
        4,
        6,
        new BigDecimal("400.00"),
        new BigDecimal("380.00"),
        new BigDecimal("0.04"),
        "80.0 : 1",
        "76.0 : 1");
  }

  static AnalyticsReports.Buyers buyers() {
    return new AnalyticsReports.Buyers(80, 4, new BigDecimal("0.05"), 5, new BigDecimal("500.00"));
  }

  @BeforeEach
  void setUp() {
    var controller =
        DashboardMvc.controller(
            reports,
            messages,
            Clock.fixed(AS_OF, SHANGHAI),
            experiments,
            mock(CustomerMessages.class),
            testRuns);
    mvc = DashboardMvc.of(controller, messages);

    var h = header();
    // analytics' definitions as its bundle writes them, in the reader's language, for 72 h
    when(reports.definitions(any(), any()))
        .thenAnswer(
            call -> {
              Locale locale = call.getArgument(1);
              Map<String, String> d = new TreeMap<>();
              for (String key : DashboardMessagesTest.keys("messages.properties")) {
                if (key.startsWith("definition.")) {
                  d.put(
                      key.substring("definition.".length()),
                      messages.getMessage(key, new Object[] {"72 h"}, locale));
                }
              }
              return d;
            });
    when(reports.summary(DAY, DAY))
        .thenReturn(
            new AnalyticsReports.Summary(
                h,
                figures(),
                buyers(),
                new AnalyticsReports.ShopFigures(
                    50,
                    60,
                    new BigDecimal("5000.00"),
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    new BigDecimal("5000.00"),
                    4,
                    new BigDecimal("400.00"),
                    new BigDecimal("380.00"),
                    new BigDecimal("0.08"))));
    when(reports.breakdown(eq(Breakdown.DAY), eq("SEND"), any(), any()))
        .thenReturn(
            new AnalyticsReports.BreakdownReport(
                h,
                "SEND",
                "DAY",
                List.of(
                    new AnalyticsReports.BreakdownRow(
                        Map.of("shop_day", DAY), figures(), buyers()))));
    when(reports.breakdown(eq(Breakdown.STEP), eq("SEND"), any(), any()))
        .thenReturn(
            new AnalyticsReports.BreakdownReport(
                h,
                "SEND",
                "STEP",
                List.of(
                    new AnalyticsReports.BreakdownRow(
                        Map.of(
                            "process_id",
                            "order-journey",
                            "step_id",
                            STEP,
                            "step_name",
                            "Send payment reminder"),
                        figures(),
                        buyers()))));
    when(reports.step(anyString(), anyString(), any(), any(), any()))
        .thenReturn(
            new AnalyticsReports.StepDetail(
                h,
                "order-journey",
                STEP,
                "Send payment reminder",
                figures(),
                buyers(),
                List.of(),
                List.of(),
                List.of(
                    new AnalyticsReports.BreakdownRow(
                        Map.of("template_key", "payment-reminder-new"), figures(), buyers())),
                List.of(new AnalyticsReports.ReasonCount("NO_CONSENT", 7, BigDecimal.ONE)),
                List.of(new AnalyticsReports.ErrorCount(30003, 5, BigDecimal.ONE)),
                AnalyticsReports.VersionScope.parse(null),
                List.of(1)));
    when(reports.breakdown(eq(Breakdown.CAMPAIGN), eq("SEND"), any(), any()))
        .thenReturn(
            new AnalyticsReports.BreakdownReport(
                h,
                "SEND",
                "CAMPAIGN",
                List.of(
                    new AnalyticsReports.BreakdownRow(
                        Map.of("campaign", "DOUBLE11-2026", "occasion", "DOUBLE11"),
                        figures(),
                        buyers(),
                        120L,
                        13L))));
    when(reports.skips(any(), any()))
        .thenReturn(
            new AnalyticsReports.Skips(
                h,
                7,
                List.of(
                    new AnalyticsReports.SkipRow(
                        "campaign-offer",
                        "Activity_SendOffer",
                        "Send offer",
                        "DOUBLE11-2026",
                        "DOUBLE11",
                        "NO_CONSENT",
                        7))));
    when(reports.header(any(), any())).thenReturn(h);
    when(testRuns.report(any(), any())).thenReturn(new CampaignTestRuns.Report(h, List.of()));
    when(reports.members(DAY, DAY))
        .thenReturn(
            new AnalyticsReports.Members(
                h,
                List.of(
                    new AnalyticsReports.MemberRow(
                        "NEW",
                        10,
                        new BigDecimal("0.5"),
                        12,
                        20,
                        new BigDecimal("1200.00"),
                        new BigDecimal("1100.00"),
                        new BigDecimal("0.4"),
                        new BigDecimal("0.4"),
                        new BigDecimal("100.00"),
                        new BigDecimal("2.00"),
                        new BigDecimal("1.20")))));
    when(reports.paymentReminders(DAY, DAY))
        .thenReturn(
            new AnalyticsReports.PaymentReminders(
                h,
                40,
                10,
                new BigDecimal("0.25"),
                new BigDecimal("900.00"),
                new BigDecimal("850.00"),
                42L));
    when(experiments.report(DAY, DAY)).thenReturn(ChartOptionsTest.experimentReport(DAY));
  }

  private String page(String url, Locale locale) throws Exception {
    return DashboardMvc.page(mvc, url, locale);
  }

  private static final Pattern TITLE = Pattern.compile("\\btitle=\"([^\"]*)\"");

  /** The opening tags of the header cells of the table with this id. */
  private static List<String> headerCells(String html, String tableId) {
    int start = html.indexOf("id=\"" + tableId + "\"");
    assertThat(start).as("table %s on the page", tableId).isGreaterThanOrEqualTo(0);
    String head = html.substring(start, html.indexOf("</thead>", start));
    List<String> cells = new ArrayList<>();
    Matcher m = Pattern.compile("<th\\b[^>]*>[^<]*").matcher(head);
    while (m.find()) {
      cells.add(m.group());
    }
    assertThat(cells).as("header cells of %s", tableId).isNotEmpty();
    return cells;
  }

  private static String title(String tag) {
    Matcher m = TITLE.matcher(tag);
    return m.find() ? m.group(1).strip() : "";
  }

  /** Every figure (numeric) column header of the table has a non-empty hover definition. */
  private static void figureHeadersTitled(String html, String tableId) {
    for (String cell : headerCells(html, tableId)) {
      if (cell.contains("class=\"num\"")) {
        assertThat(title(cell)).as("hover definition of %s in %s", cell, tableId).isNotEmpty();
      }
    }
  }

  /** Every card heading of a chart (the heading of a card-head followed by a chart) is titled. */
  private static int chartHeadingsTitled(String html) {
    String[] parts = html.split("class=\"card-head\"");
    int charts = 0;
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].contains("class=\"chart\"")) {
        Matcher heading = Pattern.compile("<h[23]\\b[^>]*>[^<]*").matcher(parts[i]);
        assertThat(heading.find()).isTrue();
        assertThat(title(heading.group()))
            .as("hover definition of the chart heading %s", heading.group())
            .isNotEmpty();
        charts++;
      }
    }
    return charts;
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName("#17: every figure column header and chart heading shows its definition on hover")
  void everyFigureHasItsDefinitionOnHover(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);

    String overview = page("/?" + PERIOD, locale);
    figureHeadersTitled(overview, "table-days");
    assertThat(chartHeadingsTitled(overview)).isEqualTo(2);
    // the funnel's own definition, not the one of messages sent
    assertThat(overview)
        .contains("title=\"" + messages.getMessage("hint.funnel", null, locale) + "\"")
        .contains("title=\"" + messages.getMessage("hint.delivered", null, locale) + "\"");

    String journey = page("/journeys?journey=order-journey&step=" + STEP + "&" + PERIOD, locale);
    for (String table :
        List.of(
            "table-steps", "table-step-templates", "table-step-skipped", "table-step-failures")) {
      figureHeadersTitled(journey, table);
    }
    assertThat(chartHeadingsTitled(journey)).isEqualTo(2);
    // the diagram's overlay badges: each figure's definition for dashboard.js to put on hover
    String labels =
        journey.substring(
            journey.indexOf("id=\"overlay-labels\">"),
            journey.indexOf("</script>", journey.indexOf("id=\"overlay-labels\">")));
    var titles =
        new ObjectMapper().readTree(labels.substring(labels.indexOf('>') + 1)).get("titles");
    for (String badge : List.of("sent", "conversion", "roi")) {
      assertThat(titles.path(badge).asText()).as("overlay badge %s", badge).contains("72 h");
      assertThat(titles.path(badge).asText()).doesNotStartWith("null");
    }

    String campaigns = page("/campaigns?" + PERIOD, locale);
    figureHeadersTitled(campaigns, "table-campaigns");
    figureHeadersTitled(campaigns, "table-campaign-skips");

    String members = page("/members?" + PERIOD, locale);
    // every header of the members table: member kind and each figure
    for (String cell : headerCells(members, "table-members")) {
      assertThat(title(cell)).as("hover definition of %s", cell).isNotEmpty();
    }
    assertThat(chartHeadingsTitled(members)).isEqualTo(3);

    String reminders = page("/payment-reminders?" + PERIOD, locale);
    for (String cell : headerCells(reminders, "table-reminders")) {
      assertThat(title(cell)).as("hover definition of %s", cell).isNotEmpty();
    }

    // the experiments' table, on its page and on the payment reminders' page: every header
    for (String html : List.of(page("/experiments?" + PERIOD, locale), reminders)) {
      List<String> cells = headerCells(html, "table-experiments");
      assertThat(cells).hasSize(8);
      for (String cell : cells) {
        assertThat(title(cell)).as("hover definition of %s", cell).isNotEmpty();
      }
    }
  }

  @org.junit.jupiter.api.Test
  @DisplayName("#17: the zh-CN pages name journeys, send steps and occasions in Chinese")
  void theChinesePagesNameJourneysStepsAndOccasionsInChinese() throws Exception {
    when(reports.breakdown(eq(Breakdown.CAMPAIGN), eq("SEND"), any(), any()))
        .thenReturn(
            new AnalyticsReports.BreakdownReport(
                header(),
                "SEND",
                "CAMPAIGN",
                List.of(
                    new AnalyticsReports.BreakdownRow(
                        Map.of("campaign", "CHRISTMAS-2026", "occasion", "CHRISTMAS"),
                        figures(),
                        buyers(),
                        120L,
                        13L))));
    Locale zh = Locale.SIMPLIFIED_CHINESE;
    String journey = page("/journeys?journey=order-journey&step=" + STEP + "&" + PERIOD, zh);
    assertThat(journey)
        .contains(
            "<span>旅程：</span> <span>订单旅程</span></h1>", ">购物车挽回</a>", ">发送催付提醒</a>", ">发送发货通知</a>")
        .contains("<span>步骤明细：</span> <span>发送催付提醒</span>")
        .doesNotContain(">Send payment reminder<", ">Order journey<");
    // the diagram's overlays carry the step's name for their hover
    assertThat(journey).contains("\"name\":\"发送催付提醒\"");
    String campaigns = page("/campaigns?" + PERIOD, zh);
    // the occasion's name under the campaign, its calendar code on hover
    assertThat(campaigns).contains("title=\"CHRISTMAS\">圣诞节</small>");
    assertThat(campaigns).contains(">发送节日消息</td>");
    // English keeps the models' names
    String en = page("/journeys?journey=order-journey&" + PERIOD, Locale.ENGLISH);
    assertThat(en)
        .contains(
            "<span>Journey:</span> <span>Order journey</span></h1>", ">Send payment reminder</a>");
    assertThat(page("/campaigns?" + PERIOD, Locale.ENGLISH))
        .contains("title=\"CHRISTMAS\">Christmas</small>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName("#17: the attribution window reads \"72 h\" in the context strip, footer and hovers")
  void theAttributionWindowReadsAsHours(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    for (String url :
        List.of(
            "/?" + PERIOD,
            "/journeys?journey=order-journey&" + PERIOD,
            "/campaigns?" + PERIOD,
            "/members?" + PERIOD,
            "/payment-reminders?" + PERIOD)) {
      String html = page(url, locale);
      assertThat(html).as(url).contains("id=\"ctx-window\">72 h</dd>").doesNotContain("PT72H");
      String footer = html.substring(html.indexOf("<footer"));
      assertThat(footer)
          .as(url)
          .contains(language.equals("en") ? "attribution window 72 h" : "72 h");
    }
    // the tiles' hovers carry the same context line
    String overview = page("/?" + PERIOD, locale);
    String tile = overview.substring(overview.indexOf("id=\"tile-conversionRate\""));
    assertThat(title(tile)).contains("72 h").doesNotContain("PT72H");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName("#17: a journey without a send step of its own says where its sends are counted")
  void aJourneyWithoutSendStepsSaysWhereItsSendsAreCounted(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    for (String journey : List.of("message-delivery", "holiday-reengagement")) {
      String html = page("/journeys?journey=" + journey + "&" + PERIOD, locale);
      String line = messages.getMessage("journey.noSendSteps." + journey, null, locale);
      assertThat(html)
          .as(journey)
          .contains("id=\"steps-none\">" + line + "</p>")
          .doesNotContain("id=\"table-steps\"");
    }
    // the calling journeys by the names the page gives them (#17: Chinese on the zh-CN page)
    ModelNames names = new ModelNames(messages);
    JourneyDiagrams diagrams = new JourneyDiagrams();
    java.util.function.Function<String, String> journeyName =
        id -> names.journey(id, diagrams.find(id).orElseThrow().name(), locale);
    assertThat(messages.getMessage("journey.noSendSteps.message-delivery", null, locale))
        .contains(
            journeyName.apply("order-journey"),
            journeyName.apply("cart-recovery"),
            journeyName.apply("campaign-offer"));
    assertThat(messages.getMessage("journey.noSendSteps.holiday-reengagement", null, locale))
        .contains(journeyName.apply("campaign-offer"));
    // a journey with send steps shows its table, no such line
    assertThat(page("/journeys?journey=order-journey&" + PERIOD, locale))
        .contains("id=\"table-steps\"")
        .doesNotContain("id=\"steps-none\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName(
      "#17: the two attributed GMV tiles name their basis in caption and hover: send day vs payment"
          + " day")
  void theAttributedGmvTilesNameTheirBasis(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    String bySendDay = language.equals("en") ? "by send day" : "按发送日";
    String byPaymentDay = language.equals("en") ? "by payment day" : "按付款日";
    String overview = page("/?" + PERIOD, locale);

    String gmv = tile(overview, "attributedGmv");
    assertThat(tileDetail(gmv)).contains(bySendDay).doesNotContain(byPaymentDay);
    assertThat(title(gmv)).contains(bySendDay);
    String share = tile(overview, "shareOfShopGmv");
    assertThat(tileDetail(share)).contains(byPaymentDay).doesNotContain(bySendDay);
    assertThat(title(share)).contains(byPaymentDay);
  }

  /** The overview tile of this figure, from its opening tag to the end of its detail line. */
  private static String tile(String html, String figure) {
    int start = html.indexOf("id=\"tile-" + figure + "\"");
    assertThat(start).as("tile %s", figure).isNotNegative();
    int end = html.indexOf("</div> </div>", start);
    return html.substring(html.lastIndexOf('<', start), end + "</div>".length());
  }

  private static String tileDetail(String tile) {
    Matcher m = Pattern.compile("class=\"tile-detail\">([^<]*)<").matcher(tile);
    assertThat(m.find()).as("tile detail in %s", tile).isTrue();
    return m.group(1);
  }
}
