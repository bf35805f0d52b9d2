package com.careflow.dashboard;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.analytics.AnalyticsReports;
import com.careflow.analytics.Breakdown;
import com.careflow.campaigns.CampaignTestRuns;
import com.careflow.experiments.ExperimentReports;
import com.careflow.messagestatus.MessageStatus;
import com.careflow.messaging.CustomerMessages;
import com.careflow.messaging.CustomerMessages.MessageView;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

/**
 * #21, rendered with the real templates: the Campaigns page's "Test runs" card (when, mode, counts
 * per outcome, skipped by reason, cost where recorded, its CSV) in English and Chinese, and the
 * message log's text-version column (which text and version a message used).
 */
class CampaignsPageTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final LocalDate DAY = LocalDate.of(2026, 12, 17);
  static final Instant STARTED = Instant.parse("2026-12-17T02:00:00Z");

  final AnalyticsReports reports = mock(AnalyticsReports.class);
  final CampaignTestRuns testRuns = mock(CampaignTestRuns.class);
  final CustomerMessages customerMessages = mock(CustomerMessages.class);
  MockMvc mvc;

  static AnalyticsReports.Header header(Map<String, String> definitions) {
    return new AnalyticsReports.Header(
        DAY, DAY, "Asia/Shanghai", "PT168H", 1, List.of(), "CNY", STARTED, definitions);
  }

  static CampaignTestRuns.Row run(
      String id,
      String mode,
      long wouldMessage,
      long offers,
      Map<String, Long> skipped,
      Long sent,
      BigDecimal cost) {
    return new CampaignTestRuns.Row(
        new com.careflow.campaigns.CampaignQueries.TestRunOutcome(
            id,
            "CHRISTMAS-2026",
            "CHRISTMAS",
            DAY,
            mode,
            "FINISHED",
            STARTED,
            STARTED,
            wouldMessage + offers + skipped.values().stream().mapToLong(Long::longValue).sum(),
            wouldMessage,
            offers,
            skipped),
        sent,
        sent == null ? null : 1L,
        sent,
        sent == null ? null : 1L,
        cost);
  }

  @BeforeEach
  void setUp() {
    var messages = DashboardMvc.messages();
    var controller =
        DashboardMvc.controller(
            reports,
            messages,
            Clock.fixed(STARTED, SHANGHAI),
            mock(ExperimentReports.class),
            customerMessages,
            testRuns);
    mvc = DashboardMvc.of(controller, messages);

    var facts = header(Map.of());
    when(reports.breakdown(eq(Breakdown.CAMPAIGN), eq("SEND"), any(), any()))
        .thenReturn(new AnalyticsReports.BreakdownReport(facts, "SEND", "CAMPAIGN", List.of()));
    when(reports.skips(any(), any())).thenReturn(new AnalyticsReports.Skips(facts, 0, List.of()));
    when(testRuns.report(DAY, DAY))
        .thenReturn(
            new CampaignTestRuns.Report(
                header(Map.of("mode", "DRY_RUN: … SEED_LIST: …", "cost", "recorded cost")),
                List.of(
                    run(
                        "CHRISTMAS-2026-TEST-7",
                        "DRY_RUN",
                        430,
                        0,
                        new java.util.TreeMap<>(
                            Map.of("NO_CONSENT", 12L, "SEGMENT_NOT_ADDRESSED", 40L)),
                        null,
                        null),
                    run(
                        "CHRISTMAS-2026-TEST-8",
                        "SEED_LIST",
                        0,
                        2,
                        Map.of("UNKNOWN_CUSTOMER", 1L),
                        2L,
                        new BigDecimal("0.10")))));
  }

  /** The test-runs card's row of a test run, from its opening attributes to before its end. */
  private static String row(String html, String campaignId) {
    String row = html.substring(html.indexOf("data-campaign=\"" + campaignId + "\""));
    return row.substring(0, row.indexOf("</tr>"));
  }

  private String page(String url, Locale locale) throws Exception {
    return DashboardMvc.page(mvc, url, locale);
  }

  @Test
  @DisplayName(
      "#21: the Test runs card lists each run's mode, outcome counts, skips by reason, cost")
  void theTestRunsCardShowsEachRunsOutcome() throws Exception {
    String html = page("/campaigns?from=2026-12-17&to=2026-12-17", Locale.ENGLISH);

    org.assertj.core.api.Assertions.assertThat(html)
        .contains(
            ">Test runs</h2>",
            "id=\"table-test-runs\"",
            "href=\"/api/campaigns/test-runs.csv?from=2026-12-17&amp;to=2026-12-17&amp;lang=en\"",
            "data-campaign=\"CHRISTMAS-2026-TEST-7\" data-mode=\"DRY_RUN\" data-would-message=\"430\""
                + " data-skipped=\"52\"",
            ">Dry run<",
            ">Seed list<",
            ">Finished<",
            ">Would message<",
            "No marketing consent (R22)",
            "Segment not addressed by the occasion (R15)",
            "Seed id is no customer (test run)",
            ">CN¥0.10<")
        .containsPattern("data-reason=\"NO_CONSENT\" data-count=\"12\"")
        .containsPattern("data-reason=\"SEGMENT_NOT_ADDRESSED\" data-count=\"40\"");
    // a dry run sends nothing: its messages-sent, skipped, coupons and cost cells say so, not 0
    org.assertj.core.api.Assertions.assertThat(row(html, "CHRISTMAS-2026-TEST-7"))
        .endsWith(
            "<td class=\"num\">—</td> <td class=\"num\">—</td> <td class=\"num\">—</td>"
                + " <td class=\"num\">—</td> ");
    // a seed-list run: its recorded sends, skipped sends, coupons issued and cost
    org.assertj.core.api.Assertions.assertThat(row(html, "CHRISTMAS-2026-TEST-8"))
        .endsWith(
            "<td class=\"num\">2</td> <td class=\"num\">1</td> <td class=\"num\">1</td>"
                + " <td class=\"num\">CN¥0.10</td> ");
    org.assertj.core.api.Assertions.assertThat(html)
        .contains(">Sends skipped<", ">Coupons issued<");
  }

  @Test
  @DisplayName("#21: the Test runs card in Chinese, and its empty state")
  void chineseLabelsAndEmptyState() throws Exception {
    String zh = page("/campaigns?from=2026-12-17&to=2026-12-17", Locale.SIMPLIFIED_CHINESE);
    org.assertj.core.api.Assertions.assertThat(zh)
        .contains(">试运行</h2>", ">演练<", ">种子名单<", ">将发送<", ">发送时跳过<", ">已发放优惠券<", "无营销授权（R22）");

    when(testRuns.report(DAY, DAY))
        .thenReturn(new CampaignTestRuns.Report(header(Map.of()), List.of()));
    org.assertj.core.api.Assertions.assertThat(
            page("/campaigns?from=2026-12-17&to=2026-12-17", Locale.ENGLISH))
        .contains("No test run was started in this period.")
        .doesNotContain("id=\"table-test-runs\"");
  }

  static MessageView message(
      MessageStatus status, String skipReason, String locale, Integer version) {
    return new MessageView(
        "payment-reminder-new",
        "TRANSACTIONAL",
        "SMS",
        "text",
        status,
        skipReason,
        skipReason == null ? null : "",
        null,
        null,
        null,
        1,
        null,
        null,
        STARTED,
        null,
        null,
        null,
        null,
        "o-1",
        locale,
        version);
  }

  @Test
  @DisplayName("#21: the message log names the text's locale and version a message used")
  void theMessageLogShowsTheTextVersion() throws Exception {
    when(customerMessages.read("c-1"))
        .thenReturn(
            List.of(
                message(MessageStatus.DELIVERED, null, "zh-CN", 3),
                message(MessageStatus.SKIPPED, "NO_CONSENT", null, null)));

    String html = page("/messages?customer=c-1&lang=en", Locale.ENGLISH);

    org.assertj.core.api.Assertions.assertThat(html)
        .contains(
            ">Text version</th>",
            "data-locale=\"zh-CN\" data-version=\"3\"",
            "href=\"/message-texts/payment-reminder-new?lang=en\">zh-CN · v3</a>",
            "class=\"text-version\"><span>—</span>");
    org.assertj.core.api.Assertions.assertThat(
            page("/messages?customer=c-1", Locale.SIMPLIFIED_CHINESE))
        .contains(">文案版本</th>");
  }

  @Test
  @DisplayName("#17: the message log links its CSV in the page's language, next to the JSON")
  void theMessageLogLinksItsCsv() throws Exception {
    when(customerMessages.read("c-1"))
        .thenReturn(List.of(message(MessageStatus.DELIVERED, null, "zh-CN", 3)));

    org.assertj.core.api.Assertions.assertThat(
            page("/messages?customer=c-1&lang=en", Locale.ENGLISH))
        .contains(
            "href=\"/api/customers/c-1/messages\">JSON</a>",
            "id=\"csv-messages\" href=\"/api/customers/c-1/messages.csv?lang=en\">Download CSV</a>");
    org.assertj.core.api.Assertions.assertThat(
            page("/messages?customer=c-1", Locale.SIMPLIFIED_CHINESE))
        .contains("id=\"csv-messages\" href=\"/api/customers/c-1/messages.csv?lang=zh-CN\">");
  }

  @Test
  @DisplayName("#17: the test runs' CSV link carries the page's language, as the other links do")
  void theTestRunsCsvLinkCarriesTheLanguage() throws Exception {
    org.assertj.core.api.Assertions.assertThat(
            page("/campaigns?from=2026-12-17&to=2026-12-17", Locale.SIMPLIFIED_CHINESE))
        .contains(
            "id=\"csv-test-runs\""
                + " href=\"/api/campaigns/test-runs.csv?from=2026-12-17&amp;to=2026-12-17&amp;lang=zh-CN\"");
  }

  @Test
  @DisplayName(
      "#17: the message log shows category and status in the page's language, the code on hover")
  void theMessageLogNamesCategoryAndStatusInThePagesLanguage() throws Exception {
    when(customerMessages.read("c-1"))
        .thenReturn(
            List.of(
                message(MessageStatus.DRY_RUN, null, "zh-CN", 3),
                message(MessageStatus.SKIPPED, "NO_CONSENT", null, null)));

    org.assertj.core.api.Assertions.assertThat(
            page("/messages?customer=c-1", Locale.SIMPLIFIED_CHINESE))
        .contains(
            "class=\"category\" title=\"TRANSACTIONAL\">交易类</td>",
            "class=\"status\" title=\"DRY_RUN\">演练（未实际发送）</td>",
            "class=\"status\" title=\"SKIPPED\">已跳过</td>")
        .doesNotContain(">TRANSACTIONAL<", ">DRY_RUN<", ">SKIPPED<");
    org.assertj.core.api.Assertions.assertThat(page("/messages?customer=c-1", Locale.ENGLISH))
        .contains(
            "class=\"category\" title=\"TRANSACTIONAL\">Transactional</td>",
            "class=\"status\" title=\"SKIPPED\">Skipped</td>");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"en", "zh-CN"})
  @DisplayName("#17: every message status and category has a label in both languages")
  void everyStatusAndCategoryHasALabel(String language) {
    var messages = DashboardMvc.messages();
    Locale locale = Locale.forLanguageTag(language);
    for (MessageStatus s : MessageStatus.values()) {
      org.assertj.core.api.Assertions.assertThat(
              messages.getMessage("messageStatus." + s, null, null, locale))
          .as(s.name())
          .isNotBlank();
    }
    for (var c : com.careflow.messaging.MessageCategory.values()) {
      org.assertj.core.api.Assertions.assertThat(
              messages.getMessage("messageCategory." + c, null, null, locale))
          .as(c.name())
          .isNotBlank();
    }
  }

  @Test
  @DisplayName(
      "#17: the message log's text column wraps long texts within a bounded width (page fits 1440"
          + " px; DashboardBrowserIT measures it)")
  void theMessageTextWraps() throws Exception {
    when(customerMessages.read("c-1"))
        .thenReturn(List.of(message(MessageStatus.DELIVERED, null, "zh-CN", 3)));
    org.assertj.core.api.Assertions.assertThat(page("/messages?customer=c-1", Locale.ENGLISH))
        .contains("id=\"table-messages\" class=\"compact message-log\"")
        .contains("<td class=\"message-text\">");
    String css;
    try (var in = getClass().getResourceAsStream("/static/dashboard/dashboard.css")) {
      css = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    org.assertj.core.api.Assertions.assertThat(css)
        .containsPattern(
            "table\\.message-log td\\.message-text \\{[^}]*white-space: normal;[^}]*"
                + "overflow-wrap: anywhere;[^}]*max-width");
  }
}
