package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.analytics.AnalyticsReports;
import com.careflow.analytics.Breakdown;
import com.careflow.campaigns.CampaignTestRuns;
import com.careflow.campaigns.SaleWindows;
import com.careflow.experiments.ExperimentReports;
import com.careflow.journeys.JourneysProperties;
import com.careflow.messaging.CustomerMessages;
import com.careflow.platform.DeployedProcesses;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue #16/#17: the Journey page's version selector, rendered with the real templates and bundles.
 * The period holds order-journey's sends of versions 5 (the newest), 3 and of an unknown version
 * (facts recorded before versions were kept), and cart-recovery's version 2: the selector offers
 * the order journey's three, newest first, unknown last, each with its messages sent; a version
 * chosen drives the step table, the diagram's overlays, the step detail and its CSV links, and
 * every link of the page keeps the other filters. The page says which deployed version the diagram
 * is (the bundled model's, by default version 5, is the start-up deployment's answer), a version
 * never deployed is 400, and every 400 of the pages is in the page's language.
 */
class JourneyPageTest {

  static final String PERIOD = DashboardFigureTitlesTest.PERIOD;
  static final String REMINDER = "Activity_SendPaymentReminder";
  static final String NOTICE = "Activity_SendShipmentNotice";

  /** A step version 3 had and the bundled diagram no longer has. */
  static final String OLD_STEP = "Activity_SendOldCoupon";

  final AnalyticsReports reports = mock(AnalyticsReports.class);

  /**
   * The cluster as the platform port answers the page: the models it gives by "processId:version"
   * (none: as the embedded engine, which speaks gRPC only), the deployed version of each journey's
   * bundled model (the start-up deployment's answer; absent: not known), and the newest deployed
   * version (null: the engine cannot tell).
   */
  static final class Cluster implements DeployedProcesses {
    final Map<String, String> models = new HashMap<>();
    final Map<String, Integer> bundledVersions = new HashMap<>();
    Integer newest;

    @Override
    public Optional<String> xml(String processId, int version) {
      return Optional.ofNullable(models.get(processId + ":" + version));
    }

    @Override
    public OptionalInt versionOf(String processId, String xml) {
      // the page asks for the bundled model's version with the bundled model
      assertThat(xml).isEqualTo(new JourneyDiagrams().find(processId).orElseThrow().xml());
      Integer v = bundledVersions.get(processId);
      return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    @Override
    public Optional<Boolean> isDeployed(String processId, int version) {
      return newest == null ? Optional.empty() : Optional.of(version <= newest);
    }
  }

  final Cluster cluster = new Cluster();

  /** The models the cluster gives, by "processId:version". */
  final Map<String, String> clusterModels = cluster.models;

  final ResourceBundleMessageSource messages = DashboardMvc.messages();
  MockMvc mvc;

  static AnalyticsReports.Figures sent(long sent) {
    return new AnalyticsReports.Figures(
        sent,
        sent,
        0,
        2,
        sent,
        BigDecimal.ONE,
        BigDecimal.ZERO,
        BigDecimal.ONE,
        1,
        1,
        BigDecimal.TEN,
        BigDecimal.TEN,
        new BigDecimal("0.01"),
        "10.0 : 1",
        "10.0 : 1");
  }

  static AnalyticsReports.BreakdownRow row(
      String process, Integer version, String step, long messagesSent) {
    Map<String, Object> d = new HashMap<>();
    d.put("process_id", process);
    d.put("process_version", version);
    d.put("step_id", step);
    d.put("step_name", step);
    return new AnalyticsReports.BreakdownRow(
        d, sent(messagesSent), DashboardFigureTitlesTest.buyers());
  }

  @BeforeEach
  void setUp() {
    // this release deployed its order journey as version 5, the newest with sends
    cluster.bundledVersions.put("order-journey", 5);
    // the calendar's Double 11 window, for a preset
    SaleWindows windows =
        today ->
            Optional.of(
                Map.of(
                    SaleWindows.DOUBLE_11,
                    new SaleWindows.Window(
                        LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 27))));
    mvc =
        DashboardMvc.of(
            new DashboardController(
                reports,
                new JourneyDiagrams(cluster),
                windows,
                messages,
                new ObjectMapper(),
                new JourneysProperties(DashboardFigureTitlesTest.SHANGHAI),
                Clock.fixed(DashboardFigureTitlesTest.AS_OF, DashboardFigureTitlesTest.SHANGHAI),
                mock(ExperimentReports.class),
                mock(CustomerMessages.class),
                mock(CampaignTestRuns.class)),
            messages);
    var h = DashboardFigureTitlesTest.header();
    when(reports.definitions(any(), any())).thenReturn(Map.of());
    when(reports.breakdown(eq(Breakdown.STEP), eq("SEND"), any(), any()))
        .thenReturn(
            new AnalyticsReports.BreakdownReport(
                h,
                "SEND",
                "STEP",
                List.of(
                    row("order-journey", 3, REMINDER, 40),
                    row("order-journey", 3, OLD_STEP, 7),
                    row("order-journey", null, REMINDER, 9),
                    row("order-journey", 5, REMINDER, 1200),
                    row("order-journey", 5, NOTICE, 34),
                    row("cart-recovery", 2, "Activity_SendCartReminder", 77))));
    when(reports.step(anyString(), anyString(), any(), any(), any()))
        .thenAnswer(
            call ->
                new AnalyticsReports.StepDetail(
                    h,
                    call.getArgument(0),
                    call.getArgument(1),
                    call.getArgument(1),
                    sent(1),
                    DashboardFigureTitlesTest.buyers(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    AnalyticsReports.VersionScope.parse(call.getArgument(2)),
                    List.of(5, 3)));
  }

  String page(String url, Locale locale) throws Exception {
    return DashboardMvc.page(mvc, url, locale);
  }

  /** The selector's options: version parameter → the link's text. */
  static Map<String, String> options(String html) {
    int start = html.indexOf("id=\"version-select\"");
    assertThat(start).as("the version selector").isGreaterThanOrEqualTo(0);
    String nav = html.substring(start, html.indexOf("</nav>", start));
    Map<String, String> options = new java.util.LinkedHashMap<>();
    Matcher m = Pattern.compile("<a [^>]*data-version=\"([^\"]+)\"[^>]*>([^<]*)</a>").matcher(nav);
    while (m.find()) {
      options.put(m.group(1), m.group(2).strip());
    }
    return options;
  }

  /** The link of the selector's option for this version. */
  static String optionHref(String html, String version) {
    Matcher m =
        Pattern.compile("<a href=\"([^\"]+)\"[^>]*data-version=\"" + version + "\"").matcher(html);
    assertThat(m.find()).as("option %s", version).isTrue();
    return m.group(1).replace("&amp;", "&");
  }

  /** A version as the page names it ("version 5", "版本 5"). */
  String name(String version, Locale locale) {
    return messages.getMessage("journey.version.name", new Object[] {version}, locale);
  }

  /** The page's note on the diagram's version; null without one. */
  static String diagramNote(String html) {
    Matcher m = Pattern.compile("id=\"diagram-version-note\"[^>]*>([^<]*)</p>").matcher(html);
    return m.find()
        ? org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1).strip())
        : null;
  }

  /** The step table's rows: step id → messages sent (data-sent). */
  static Map<String, String> stepRows(String html) {
    Map<String, String> rows = new java.util.LinkedHashMap<>();
    Matcher m = Pattern.compile("data-step=\"([^\"]+)\" data-sent=\"([^\"]+)\"").matcher(html);
    while (m.find()) {
      rows.put(m.group(1), m.group(2));
    }
    return rows;
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName(
      "#16: the selector offers the journey's versions with sends in the period, newest first,"
          + " unknown last, each with its messages sent; none of another journey")
  void theSelectorOffersTheVersionsWithSends(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    String html = page("/journeys?journey=order-journey&" + PERIOD, locale);

    Map<String, String> options = options(html);
    assertThat(options.keySet()).containsExactly("5", "3", "unknown");
    Formats fmt = new Formats(locale, "CNY");
    assertThat(options.get("5"))
        .isEqualTo(
            messages.getMessage(
                "journey.version.option",
                new Object[] {
                  messages.getMessage("journey.version.name", new Object[] {"5"}, locale),
                  fmt.count(1234) // both of version 5's steps
                },
                locale));
    assertThat(options.get("unknown"))
        .startsWith(messages.getMessage("journey.version.unknownName", null, locale))
        .contains("9");
    // the newest is the one shown without ?version=, and marked so
    assertThat(html).containsPattern("class=\"on\"[^>]*>[^<]*" + Pattern.quote(options.get("5")));
    assertThat(html)
        .contains(messages.getMessage("journey.version", new Object[] {"5"}, locale))
        .doesNotContain("id=\"version-no-sends\"");
    assertThat(diagramNote(html))
        .isEqualTo(
            messages.getMessage(
                "journey.version.diagramBundled", new Object[] {name("5", locale)}, locale));
    assertThat(stepRows(html)).containsEntry(REMINDER, "1200").containsEntry(NOTICE, "34");
    assertThat(stepRows(html)).doesNotContainKey(OLD_STEP);

    // another journey offers its own versions only
    assertThat(options(page("/journeys?journey=cart-recovery&" + PERIOD, locale)).keySet())
        .containsExactly("2");
  }

  @Test
  @DisplayName(
      "#16: choosing a version keeps the period, preset, language and step; its links carry it")
  void switchingKeepsTheOtherFilters() throws Exception {
    String html =
        page(
            "/journeys?journey=order-journey&step=" + REMINDER + "&" + PERIOD + "&lang=zh-CN",
            Locale.SIMPLIFIED_CHINESE);
    assertThat(optionHref(html, "3"))
        .isEqualTo(
            "/journeys?from=2026-11-11&to=2026-11-11&journey=order-journey&version=3&step="
                + REMINDER
                + "&lang=zh-CN");
    assertThat(optionHref(html, "unknown")).contains("&version=unknown&step=" + REMINDER);

    // a preset stays a preset
    String preset =
        page("/journeys?journey=order-journey&preset=" + Period.DOUBLE_11, Locale.ENGLISH);
    assertThat(optionHref(preset, "3"))
        .isEqualTo("/journeys?preset=" + Period.DOUBLE_11 + "&journey=order-journey&version=3");
    // switching again replaces the version, nothing else
    String three =
        page(
            "/journeys?journey=order-journey&preset=" + Period.DOUBLE_11 + "&version=3&lang=en",
            Locale.ENGLISH);
    assertThat(optionHref(three, "unknown"))
        .isEqualTo(
            "/journeys?preset="
                + Period.DOUBLE_11
                + "&journey=order-journey&version=unknown&lang=en");
  }

  @Test
  @DisplayName(
      "#16: the version chosen drives the step table, the overlays, the step detail and its CSVs,"
          + " and the page says which version the diagram is")
  void theChosenVersionDrivesTheFigures() throws Exception {
    String html =
        page(
            "/journeys?journey=order-journey&version=3&step=" + REMINDER + "&" + PERIOD,
            Locale.ENGLISH);

    assertThat(options(html).keySet()).containsExactly("5", "3", "unknown");
    assertThat(html)
        .containsPattern("class=\"on\"[^>]*>[^<]*version 3")
        .contains("Figures of deployed version 3");
    // version 3's figures, its step the diagram no longer has listed as not on it
    assertThat(stepRows(html))
        .containsEntry(REMINDER, "40")
        .containsEntry(NOTICE, "0")
        .containsEntry(OLD_STEP, "7");
    assertThat(html).contains("(not on the current diagram)");
    // the overlays on the diagram: version 3's counts, their links keep the version
    String overlays =
        html.substring(html.indexOf("id=\"overlays\""), html.indexOf("id=\"overlay-labels\""));
    assertThat(overlays)
        .contains("\"stepId\":\"" + REMINDER + "\",\"name\":\"Send payment reminder\",\"sent\":40")
        .contains("version=3");
    // the step detail of version 3, its CSVs of version 3
    verify(reports).step(eq("order-journey"), eq(REMINDER), eq("3"), any(), any());
    assertThat(html)
        .contains(
            "/api/analytics/step.csv?processId=order-journey&amp;stepId="
                + REMINDER
                + "&amp;processVersion=3&amp;table=trend");
    // the close link, the step links and the language switch keep the version
    assertThat(html)
        .contains(
            "href=\"/journeys?from=2026-11-11&amp;to=2026-11-11&amp;journey=order-journey&amp;version=3\"")
        .contains("journey=order-journey&amp;version=3&amp;step=" + NOTICE)
        .contains("version=3&amp;step=" + REMINDER + "&amp;lang=zh-CN");
    // the period form keeps it; other journeys and pages start at their newest
    assertThat(html).contains("<input type=\"hidden\" name=\"version\" value=\"3\">");
    assertThat(html)
        .contains("href=\"/journeys?from=2026-11-11&amp;to=2026-11-11&amp;journey=cart-recovery\"");
    // not the bundled model's version: the page says which version the diagram is
    assertThat(diagramNote(html))
        .isEqualTo(
            "The diagram shows version 5 (the model this release deploys); the model of version"
                + " 3, whose figures these are, is not available here: a step of version 3 the"
                + " diagram does not have is listed in the table below.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName(
      "#16: the sends of an unknown version are a choice of their own, named in both languages")
  void theUnknownVersionIsAChoice(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    String html =
        page(
            "/journeys?journey=order-journey&version=UNKNOWN&step=" + REMINDER + "&" + PERIOD,
            locale);
    assertThat(stepRows(html)).containsEntry(REMINDER, "9").containsEntry(NOTICE, "0");
    assertThat(html)
        .contains(messages.getMessage("journey.version.unknown", null, locale))
        .contains("processVersion=unknown");
    assertThat(diagramNote(html))
        .isEqualTo(
            messages.getMessage(
                "journey.version.diagram",
                new Object[] {
                  name("5", locale),
                  messages.getMessage("journey.version.unknownName", null, locale)
                },
                locale));
    verify(reports).step(eq("order-journey"), eq(REMINDER), eq("unknown"), any(), any());
    assertThat(optionHref(html, "5")).contains("version=5");
  }

  @Test
  @DisplayName(
      "Fault: a version that is no version answers 400 naming what is accepted and the versions on"
          + " offer, as a bad preset does")
  void aBadVersionIs400() throws Exception {
    for (String bad : List.of("latest", "0", "-2", "3.1")) {
      String body =
          mvc.perform(
                  get("/journeys?journey=order-journey&version=" + bad + "&" + PERIOD)
                      .locale(Locale.ENGLISH))
              .andExpect(status().isBadRequest())
              .andReturn()
              .getResponse()
              .getContentAsString();
      assertThat(body)
          .as(bad)
          .contains("unknown version &#39;" + bad + "&#39; of journey &#39;order-journey&#39;")
          .contains("5, 3, unknown");
    }
    verify(reports, never()).step(anyString(), anyString(), any(), any(), any());
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName(
      "#16: a version without sends in the period is not offered; asked for, the page says so and"
          + " shows no figures of another version")
  void aVersionWithoutSendsIsNotOffered(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    String html = page("/journeys?journey=order-journey&version=4&" + PERIOD, locale);
    assertThat(options(html).keySet()).containsExactly("5", "3", "unknown");
    assertThat(html).doesNotContain("aria-current");
    assertThat(html)
        .contains(
            messages.getMessage(
                "journey.version.noSends",
                new Object[] {
                  messages.getMessage("journey.version.name", new Object[] {"4"}, locale)
                },
                locale));
    assertThat(stepRows(html).values()).containsOnly("0");
  }

  @Test
  @DisplayName("#16: a journey without sends in the period offers no version and says so")
  void noSendsNoSelector() throws Exception {
    String html = page("/journeys?journey=holiday-reengagement&" + PERIOD, Locale.ENGLISH);
    assertThat(html)
        .doesNotContain("id=\"version-select\"")
        .contains("No sends of this journey in the period")
        .doesNotContain("id=\"diagram-version-note\"");
    verify(reports, never()).step(anyString(), anyString(), isNull(), any(), any());
  }

  @Test
  @DisplayName(
      "#16: when the cluster still keeps the version chosen, the diagram is that version's model:"
          + " its steps are on the diagram, the viewer loads it, the page says so")
  void theDiagramOfTheVersionWhenTheClusterKeepsIt() throws Exception {
    String bundled = new JourneyDiagrams().find("order-journey").orElseThrow().xml();
    // version 3 sent an old coupon where version 5 sends the shipment notice
    clusterModels.put("order-journey:3", bundled.replace(NOTICE, OLD_STEP));

    String html = page("/journeys?journey=order-journey&version=3&" + PERIOD, Locale.ENGLISH);
    assertThat(html)
        .contains("data-bpmn-url=\"/dashboard/bpmn/order-journey.bpmn?version=3\"")
        .contains("The diagram is the model of version 3, as the engine keeps it.")
        .doesNotContain("(not on the current diagram)");
    assertThat(stepRows(html)).containsEntry(OLD_STEP, "7").doesNotContainKey(NOTICE);
    String overlays =
        html.substring(html.indexOf("id=\"overlays\""), html.indexOf("id=\"overlay-labels\""));
    assertThat(overlays).contains("\"stepId\":\"" + OLD_STEP + "\"").doesNotContain(NOTICE);

    // the viewer's model of version 3; a version the cluster does not give is 404
    String xml =
        mvc.perform(get("/dashboard/bpmn/order-journey.bpmn?version=3"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(xml).contains(OLD_STEP).doesNotContain(NOTICE);
    mvc.perform(get("/dashboard/bpmn/order-journey.bpmn?version=5"))
        .andExpect(status().isNotFound());
    assertThat(
            mvc.perform(get("/dashboard/bpmn/order-journey.bpmn"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains(NOTICE);

    // version 5, which the cluster does not give here: the bundled model, which is version 5
    String five = page("/journeys?journey=order-journey&version=5&" + PERIOD, Locale.ENGLISH);
    assertThat(five).contains("data-bpmn-url=\"/dashboard/bpmn/order-journey.bpmn\"");
    assertThat(diagramNote(five))
        .isEqualTo("The diagram is the model of version 5 (the model this release deploys).");
  }

  @Test
  @DisplayName(
      "#16: a step kept while switching to a version that has it neither drawn nor sent shows its"
          + " empty detail of that version; a step the journey never had is still 400")
  void aStepOfAnotherVersionKeptWhileSwitching() throws Exception {
    String html =
        page(
            "/journeys?journey=order-journey&version=5&step=" + OLD_STEP + "&" + PERIOD,
            Locale.ENGLISH);
    assertThat(html).contains("id=\"step-detail\"").contains("(not on the current diagram)");
    assertThat(stepRows(html)).containsEntry(OLD_STEP, "0").containsEntry(REMINDER, "1200");
    verify(reports).step(eq("order-journey"), eq(OLD_STEP), eq("5"), any(), any());

    mvc.perform(get("/journeys?journey=order-journey&version=5&step=Activity_NoSuchStep&" + PERIOD))
        .andExpect(status().isBadRequest());
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName(
      "#16 review R24: a coupon step is named on the Journey page, by the name its coupons"
          + " recorded, and by the model's name for coupons recorded before they carried one")
  void aCouponStepIsNamed(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    var recorded = row("order-journey", 5, "Activity_IssueRecoveryCoupon", 0);
    recorded.dimensions().put("step_name", "Issue coupon");
    var unnamed = row("order-journey", 5, "Activity_IssueOutOfStockCoupon", 0);
    unnamed.dimensions().put("step_name", "");
    when(reports.breakdown(eq(Breakdown.STEP), eq("SEND"), any(), any()))
        .thenReturn(
            new AnalyticsReports.BreakdownReport(
                DashboardFigureTitlesTest.header(),
                "SEND",
                "STEP",
                List.of(row("order-journey", 5, REMINDER, 1200), recorded, unnamed)));

    String html = page("/journeys?journey=order-journey&version=5&" + PERIOD, locale);

    assertThat(stepRows(html))
        .containsKeys("Activity_IssueRecoveryCoupon", "Activity_IssueOutOfStockCoupon");
    for (String step : List.of("Activity_IssueRecoveryCoupon", "Activity_IssueOutOfStockCoupon")) {
      Matcher m =
          Pattern.compile("data-step=\"" + step + "\"[^>]*>\\s*<td><a [^>]*>([^<]*)</a>")
              .matcher(html);
      assertThat(m.find()).as(step).isTrue();
      String expected =
          language.equals("en")
              ? step.equals("Activity_IssueRecoveryCoupon")
                  ? "Issue apology coupon"
                  : "Issue out-of-stock coupon"
              : messages.getMessage("model.step.order-journey." + step, null, locale);
      assertThat(m.group(1).strip()).as(step).isEqualTo(expected).isNotEqualTo(step);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName(
      "#16 follow-up R9 R13: every step with figures whose element is in the diagram served is on"
          + " it — send and coupon steps alike — with its overlay; the table is of steps; a coupon"
          + " step's detail says it has no templates instead of a meaningless templates row")
  void everyStepKindInTheDiagramIsOnIt(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    var recovery = row("order-journey", 5, "Activity_IssueRecoveryCoupon", 0);
    var outOfStock = row("order-journey", 5, "Activity_IssueOutOfStockCoupon", 0);
    when(reports.breakdown(eq(Breakdown.STEP), eq("SEND"), any(), any()))
        .thenReturn(
            new AnalyticsReports.BreakdownReport(
                DashboardFigureTitlesTest.header(),
                "SEND",
                "STEP",
                List.of(
                    row("order-journey", 5, REMINDER, 1200),
                    row("order-journey", 5, OLD_STEP, 3),
                    recovery,
                    outOfStock)));
    String xml =
        mvc.perform(get("/dashboard/bpmn/order-journey.bpmn"))
            .andReturn()
            .getResponse()
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

    String html = page("/journeys?journey=order-journey&version=5&" + PERIOD, locale);

    String notOn = "(" + text("journey.notOnDiagram", locale) + ")";
    Matcher rows =
        Pattern.compile("data-step=\"([^\"]+)\"[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(html);
    Map<String, Boolean> labelled = new java.util.LinkedHashMap<>();
    while (rows.find()) {
      labelled.put(rows.group(1), rows.group(2).contains(notOn));
    }
    assertThat(labelled)
        .containsKeys(
            REMINDER, OLD_STEP, "Activity_IssueRecoveryCoupon", "Activity_IssueOutOfStockCoupon");
    Matcher overlayJson =
        Pattern.compile("id=\"overlays\">(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertThat(overlayJson.find()).isTrue();
    List<String> overlaid = new java.util.ArrayList<>();
    new ObjectMapper()
        .readTree(org.springframework.web.util.HtmlUtils.htmlUnescape(overlayJson.group(1)))
        .forEach(o -> overlaid.add(o.get("stepId").asText()));
    labelled.forEach(
        (step, saidNotOn) -> {
          boolean inDiagram = xml.contains("id=\"" + step + "\"");
          assertThat(saidNotOn).as("%s labelled not on the diagram", step).isEqualTo(!inDiagram);
          assertThat(overlaid.contains(step)).as("%s has an overlay", step).isEqualTo(inDiagram);
        });
    assertThat(html).contains(">" + text("journey.steps", locale) + "</h2>");
    assertThat(text("journey.steps", locale)).isIn("Steps", "步骤");

    String coupon =
        page(
            "/journeys?journey=order-journey&version=5&step=Activity_IssueRecoveryCoupon&" + PERIOD,
            locale);
    assertThat(coupon).contains("id=\"step-coupon-note\"").doesNotContain("table-step-templates");
    String send =
        page("/journeys?journey=order-journey&version=5&step=" + REMINDER + "&" + PERIOD, locale);
    assertThat(send).contains("table-step-templates").doesNotContain("step-coupon-note");
  }

  String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName(
      "#16 fault: the diagram says which deployed version it is — the selected version's when the"
          + " bundled model is that version, else the bundled model's version and that the"
          + " selected version's model is not available here; never 'the newest'")
  void theDiagramSaysWhichVersionItIs(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    String url = "/journeys?journey=order-journey&" + PERIOD + "&version=";

    // the user's case: this release deployed its model as version 3, an operator deployed version
    // 5 from Modeler, and version 5 had the sends
    cluster.bundledVersions.put("order-journey", 3);
    String newer = page(url + "5", locale);
    assertThat(diagramNote(newer))
        .isEqualTo(text("journey.version.diagram", locale, name("3", locale), name("5", locale)));
    assertThat(newer).contains("data-bpmn-url=\"/dashboard/bpmn/order-journey.bpmn\"");
    // without ?version= the newest with sends, version 5, is shown: the same note
    assertThat(diagramNote(page("/journeys?journey=order-journey&" + PERIOD, locale)))
        .isEqualTo(diagramNote(newer));
    // version 3 selected: the diagram is its model, said so
    assertThat(diagramNote(page(url + "3", locale)))
        .isEqualTo(text("journey.version.diagramBundled", locale, name("3", locale)));
    // the unknown version's sends: the diagram is version 3, their model not available
    assertThat(diagramNote(page(url + "unknown", locale)))
        .isEqualTo(
            text(
                "journey.version.diagram",
                locale,
                name("3", locale),
                text("journey.version.unknownName", locale)));
    // the cluster gives version 5's model: the diagram is version 5's, loaded from the cluster
    String bundled = new JourneyDiagrams().find("order-journey").orElseThrow().xml();
    clusterModels.put("order-journey:5", bundled);
    String fromCluster = page(url + "5", locale);
    assertThat(fromCluster)
        .contains("data-bpmn-url=\"/dashboard/bpmn/order-journey.bpmn?version=5\"");
    assertThat(diagramNote(fromCluster))
        .isEqualTo(text("journey.version.diagramDeployed", locale, name("5", locale)));
    clusterModels.clear();

    // selected older than the bundled model's version 5
    cluster.bundledVersions.put("order-journey", 5);
    assertThat(diagramNote(page(url + "3", locale)))
        .isEqualTo(text("journey.version.diagram", locale, name("5", locale), name("3", locale)));
    assertThat(diagramNote(page(url + "5", locale)))
        .isEqualTo(text("journey.version.diagramBundled", locale, name("5", locale)));

    // the bundled model's version not known (the start-up kept the cluster's versions, no REST
    // API): every version's page says the diagram's version cannot be told, none claims it
    cluster.bundledVersions.clear();
    for (String v : List.of("5", "3")) {
      assertThat(diagramNote(page(url + v, locale)))
          .as(v)
          .isEqualTo(text("journey.version.diagramNotKnown", locale, name(v, locale)));
    }
    assertThat(diagramNote(page(url + "unknown", locale)))
        .isEqualTo(
            text(
                "journey.version.diagramNotKnown",
                locale,
                text("journey.version.unknownName", locale)));
    // a journey without sends and a bundled model of unknown version: nothing to say
    assertThat(diagramNote(page("/journeys?journey=holiday-reengagement&" + PERIOD, locale)))
        .isNull();
  }

  /** A 400's body, its HTML entities read. */
  /**
   * #16 review: the step's API refuses what the Journey page refuses, by the same check ({@link
   * JourneyParameters}, the analytics' {@code StepParameters}): same reason, the parameter as the
   * API spells it; what the page shows, the API answers.
   */
  @Test
  @DisplayName(
      "#16 review: the page and the step API (StepParameters) refuse the same journey, version and"
          + " step with the same reason, naming the API's parameter")
  void thePageAndTheApiRefuseAlike() throws Exception {
    cluster.newest = 6;
    var api = new JourneyParameters(reports, new JourneyDiagrams(cluster));
    LocalDate day = LocalDate.of(2026, 11, 11);
    record Case(String journey, String version, String step, String apiParameter, String key) {}
    List<Case> cases =
        List.of(
            new Case("nope", null, REMINDER, "processId", "error.journey.unknown"),
            new Case("order-journey", "abc", REMINDER, "processVersion", "error.version.bad"),
            new Case(
                "order-journey", "99", REMINDER, "processVersion", "error.version.notDeployed"),
            new Case("order-journey", null, "Activity_NoSuch", "stepId", "error.step.unknown"),
            new Case("order-journey", "5", "Activity_NoSuch", "stepId", "error.step.unknown"));
    for (Case c : cases) {
      String url =
          "/journeys?journey="
              + c.journey()
              + (c.version() == null ? "" : "&version=" + c.version())
              + "&step="
              + c.step()
              + "&"
              + PERIOD;
      String page = refused(url, Locale.ENGLISH);
      com.careflow.analytics.ParameterRefused refusal =
          org.junit.jupiter.api.Assertions.assertThrows(
              com.careflow.analytics.ParameterRefused.class,
              () -> api.check(c.journey(), c.step(), c.version(), day, day),
              url);
      assertThat(refusal.key()).as(url).isEqualTo(c.key());
      assertThat(refusal.parameter()).as(url).isEqualTo(c.apiParameter());
      assertThat(page).as(url).contains(refusal.getMessage());
    }
    // what the page shows, the API answers: a step of another version, a deployed version without
    // sends, every version together
    for (String[] ok :
        new String[][] {
          {OLD_STEP, "5"}, {REMINDER, "6"}, {REMINDER, null}, {REMINDER, "unknown"}
        }) {
      page(
          "/journeys?journey=order-journey&step="
              + ok[0]
              + (ok[1] == null ? "" : "&version=" + ok[1])
              + "&"
              + PERIOD,
          Locale.ENGLISH);
      api.check("order-journey", ok[0], ok[1], day, day);
    }
  }

  String refused(String url, Locale locale) throws Exception {
    return org.springframework.web.util.HtmlUtils.htmlUnescape(
        mvc.perform(get(url).locale(locale))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName(
      "#16 fault: a version never deployed (above every deployed one, the engine says) is 400"
          + " naming the versions on offer; a deployed one without sends keeps its note; when the"
          + " engine cannot tell, no refusal")
  void aVersionNeverDeployedIs400(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    cluster.newest = 6;
    for (String never : List.of("99", "7")) {
      assertThat(refused("/journeys?journey=order-journey&version=" + never + "&" + PERIOD, locale))
          .as(never)
          .contains(
              text(
                  "error.version.notDeployed",
                  locale,
                  never,
                  "order-journey",
                  "2026-11-11",
                  "2026-11-11",
                  "5, 3, unknown"));
    }
    // deployed, no sends in the period: the page and its note
    for (String deployed : List.of("6", "4")) {
      assertThat(page("/journeys?journey=order-journey&version=" + deployed + "&" + PERIOD, locale))
          .as(deployed)
          .contains(text("journey.version.noSends", locale, name(deployed, locale)));
    }
    // the engine cannot tell (away): the page as before, not a refusal
    cluster.newest = null;
    assertThat(page("/journeys?journey=order-journey&version=99&" + PERIOD, locale))
        .contains(text("journey.version.noSends", locale, name("99", locale)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName(
      "#16/#17 fault: every 400 of the dashboard pages (preset, period, date, journey, version,"
          + " step, the diagram's version) gives its reason in the page's language")
  void everyRefusalInThePageLanguage(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    cluster.newest = 5;
    String journeys =
        String.join(
            ", ",
            new JourneyDiagrams().all().stream().map(JourneyDiagrams.Journey::processId).toList());
    Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
    cases.put("/journeys?preset=blackfriday", new Object[] {"error.preset.unknown", "blackfriday"});
    cases.put("/campaigns?preset=618", new Object[] {"error.preset.noWindow", "618", "SALE_618"});
    cases.put(
        "/members?from=2026-11-12&to=2026-11-11",
        new Object[] {"error.period.toBeforeFrom", "2026-11-11", "2026-11-12"});
    cases.put(
        "/?from=2000-01-01&to=2026-11-11",
        new Object[] {"error.period.tooLong", "2000-01-01", "2026-11-11", "3660"});
    cases.put(
        "/payment-reminders?from=11/11/2026",
        new Object[] {"error.parameter.date", "from", "11/11/2026"});
    cases.put(
        "/journeys?journey=nope&" + PERIOD,
        new Object[] {"error.journey.unknown", "nope", journeys});
    cases.put(
        "/journeys?journey=order-journey&version=abc&" + PERIOD,
        new Object[] {
          "error.version.bad", "abc", "order-journey", "2026-11-11", "2026-11-11", "5, 3, unknown"
        });
    cases.put(
        "/journeys?journey=order-journey&version=99&" + PERIOD,
        new Object[] {
          "error.version.notDeployed",
          "99",
          "order-journey",
          "2026-11-11",
          "2026-11-11",
          "5, 3, unknown"
        });
    cases.put(
        "/journeys?journey=order-journey&step=Activity_NoSuchStep&" + PERIOD,
        new Object[] {"error.step.unknown", "order-journey", "Activity_NoSuchStep"});
    cases.put(
        "/dashboard/bpmn/order-journey.bpmn?version=abc",
        new Object[] {"error.parameter.number", "version", "abc"});
    cases.forEach(
        (url, c) -> {
          String key = (String) c[0];
          Object[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
          try {
            String body = refused(url, locale);
            assertThat(body)
                .as(url)
                .contains(text("error.title", locale))
                .contains(text(key, locale, args))
                .contains("lang=\"" + (language.equals("en") ? "en" : "zh-CN") + "\"");
            if (!language.equals("en")) {
              assertThat(body).as(url).doesNotContain(text(key, Locale.ENGLISH, args));
            }
          } catch (Exception e) {
            throw new AssertionError(url, e);
          }
        });
  }
}
