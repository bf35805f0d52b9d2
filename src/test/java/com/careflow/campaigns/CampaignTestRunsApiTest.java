package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.analytics.AnalyticsReports;
import com.careflow.campaigns.CampaignQueries.TestRunOutcome;
import com.careflow.journeys.JourneysProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * #21: {@code GET /api/campaigns/test-runs} and its CSV: each test run with when, mode, counts per
 * outcome (would message, skipped by reason) and the cost recorded for its sends; the CSV in the
 * API's one format (BOM, the same header facts as the analytics CSVs).
 */
class CampaignTestRunsApiTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final LocalDate DAY = LocalDate.of(2026, 12, 17);
  static final Instant STARTED = Instant.parse("2026-12-17T02:00:00Z"); // 10:00 in Shanghai

  final CampaignQueries queries = mock(CampaignQueries.class);
  final AnalyticsReports reports = mock(AnalyticsReports.class);
  MockMvc mvc;

  @BeforeEach
  void setUp() {
    ObjectMapper mapper =
        Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(
                com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    var journeys = new JourneysProperties(SHANGHAI);
    var controller =
        new CampaignTestRunsController(
            new CampaignTestRuns(queries, reports, journeys),
            mapper,
            Clock.fixed(Instant.parse("2026-12-18T04:00:00Z"), SHANGHAI),
            journeys,
            bundles());
    mvc =
        MockMvcBuilders.standaloneSetup(controller)
            .setMessageConverters(
                new ByteArrayHttpMessageConverter(),
                new MappingJackson2HttpMessageConverter(mapper))
            .build();
    when(reports.header(any(), any()))
        .thenAnswer(
            i ->
                new AnalyticsReports.Header(
                    i.getArgument(0),
                    i.getArgument(1),
                    "Asia/Shanghai",
                    "PT168H",
                    1,
                    List.of(),
                    "CNY",
                    Instant.parse("2026-12-18T04:00:00Z"),
                    Map.of("cost", "analytics' cost")));
    when(queries.testRuns(any(), any()))
        .thenReturn(
            List.of(
                new TestRunOutcome(
                    "CHRISTMAS-2026-TEST-7",
                    "CHRISTMAS-2026",
                    "CHRISTMAS",
                    DAY,
                    "DRY_RUN",
                    "FINISHED",
                    STARTED,
                    STARTED.plusSeconds(30),
                    4,
                    2,
                    0,
                    Map.of("NO_CONSENT", 1L, "SEGMENT_NOT_ADDRESSED", 1L)),
                new TestRunOutcome(
                    "CHRISTMAS-2026-TEST-8",
                    "CHRISTMAS-2026",
                    "CHRISTMAS",
                    DAY,
                    "SEED_LIST",
                    "FINISHED",
                    STARTED.minusSeconds(600),
                    STARTED.minusSeconds(590),
                    2,
                    0,
                    2,
                    Map.of())));
    when(reports.testRunSends(any()))
        .thenReturn(
            Map.of(
                "CHRISTMAS-2026-TEST-8",
                new AnalyticsReports.TestRunSends(
                    "CHRISTMAS-2026-TEST-8",
                    2,
                    1,
                    2,
                    new BigDecimal("0.1000"),
                    2,
                    new BigDecimal("0.00"))));
  }

  @Test
  @DisplayName("JSON: when, mode, would message, skipped by reason (R22, R15); cost where recorded")
  void json() throws Exception {
    mvc.perform(get("/api/campaigns/test-runs?from=2026-12-17&to=2026-12-17"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.header.from").value("2026-12-17"))
        .andExpect(jsonPath("$.header.timeZone").value("Asia/Shanghai"))
        .andExpect(jsonPath("$.header.currency").value("CNY"))
        .andExpect(jsonPath("$.header.definitions.wouldMessage").exists())
        .andExpect(jsonPath("$.rows.length()").value(2))
        .andExpect(jsonPath("$.rows[0].campaignId").value("CHRISTMAS-2026-TEST-7"))
        .andExpect(jsonPath("$.rows[0].testedCampaignId").value("CHRISTMAS-2026"))
        .andExpect(jsonPath("$.rows[0].mode").value("DRY_RUN"))
        .andExpect(jsonPath("$.rows[0].startedAt").value("2026-12-17T02:00:00Z"))
        .andExpect(jsonPath("$.rows[0].wouldMessage").value(2))
        .andExpect(jsonPath("$.rows[0].skipped").value(2))
        .andExpect(jsonPath("$.rows[0].skippedByReason.NO_CONSENT").value(1))
        .andExpect(jsonPath("$.rows[0].skippedByReason.SEGMENT_NOT_ADDRESSED").value(1))
        .andExpect(jsonPath("$.rows[0].cost").doesNotExist())
        .andExpect(jsonPath("$.rows[1].mode").value("SEED_LIST"))
        .andExpect(jsonPath("$.rows[1].offersStarted").value(2))
        .andExpect(jsonPath("$.rows[1].messagesSent").value(2))
        .andExpect(jsonPath("$.rows[1].sendsSkipped").value(1))
        .andExpect(jsonPath("$.rows[1].segments").value(2))
        .andExpect(jsonPath("$.rows[1].couponsIssued").value(2))
        .andExpect(jsonPath("$.rows[1].cost").value(0.1));
    // the runs' recorded sends, asked of analytics by the runs' own campaign ids
    verify(reports).testRunSends(List.of("CHRISTMAS-2026-TEST-7", "CHRISTMAS-2026-TEST-8"));
    // the period's shop days, as instants of the shop's zone
    verify(queries)
        .testRuns(Instant.parse("2026-12-16T16:00:00Z"), Instant.parse("2026-12-17T16:00:00Z"));
  }

  @Test
  @DisplayName("JSON: without a period, the last 30 shop days up to today in the shop's zone")
  void recentByDefault() throws Exception {
    mvc.perform(get("/api/campaigns/test-runs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.header.from").value("2026-11-19"))
        .andExpect(jsonPath("$.header.to").value("2026-12-18"));
  }

  @Test
  @DisplayName("CSV: UTF-8 with BOM, the analytics CSVs' header facts, one line per test run")
  void csv() throws Exception {
    byte[] body =
        mvc.perform(get("/api/campaigns/test-runs.csv?from=2026-12-17&to=2026-12-17"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith(new MediaType("text", "csv")))
            .andExpect(
                header()
                    .string(
                        "Content-Disposition",
                        "attachment; filename=\"careflow-campaign-test-runs-2026-12-17-2026-12-17.csv\""))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
    String csv = new String(body, StandardCharsets.UTF_8);
    List<String> lines = List.of(csv.substring(1).split("\r\n", -1));
    assertThat(lines)
        .startsWith(
            "report,campaign-test-runs",
            "from,2026-12-17",
            "to,2026-12-17",
            "timeZone,Asia/Shanghai",
            "attributionWindow,PT168H",
            "ruleVersion,1",
            "ruleVersionsInPeriod,[]",
            "currency,CNY",
            "asOf,2026-12-18T04:00:00Z");
    assertThat(lines).anyMatch(l -> l.startsWith("definition.wouldMessage,"));
    int table = lines.indexOf("") + 1;
    List<String> columns = List.of(lines.get(table).split(","));
    assertThat(columns)
        .contains(
            "campaignId",
            "startedAt",
            "mode",
            "wouldMessage",
            "skippedByReason.NO_CONSENT",
            "skippedByReason.SEGMENT_NOT_ADDRESSED",
            "messagesSent",
            "sendsSkipped",
            "segments",
            "couponsIssued",
            "cost");
    List<String> dry = List.of(lines.get(table + 1).split(",", -1));
    assertThat(dry.get(columns.indexOf("campaignId"))).isEqualTo("CHRISTMAS-2026-TEST-7");
    assertThat(dry.get(columns.indexOf("startedAt"))).isEqualTo("2026-12-17T02:00:00Z");
    assertThat(dry.get(columns.indexOf("wouldMessage"))).isEqualTo("2");
    assertThat(dry.get(columns.indexOf("skippedByReason.NO_CONSENT"))).isEqualTo("1");
    assertThat(dry.get(columns.indexOf("cost"))).as("a dry run records no cost").isEmpty();
    List<String> seed = List.of(lines.get(table + 2).split(",", -1));
    assertThat(seed.get(columns.indexOf("mode"))).isEqualTo("SEED_LIST");
    assertThat(seed.get(columns.indexOf("cost"))).isEqualTo("0.1000");
    assertThat(seed.get(columns.indexOf("messagesSent"))).isEqualTo("2");
    assertThat(seed.get(columns.indexOf("couponsIssued"))).isEqualTo("2");
    assertThat(seed.get(columns.indexOf("skippedByReason.NO_CONSENT"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "&lang=en", "&lang=zh-CN"})
  @DisplayName(
      "#16 follow-up: with no test run in the period the CSV still writes its column line, the"
          + " columns a period with runs has (but the skip reasons, which only runs name)")
  void anEmptyCsvKeepsItsHeader(String lang) throws Exception {
    List<String> full =
        table(csv("/api/campaigns/test-runs.csv?from=2026-12-17&to=2026-12-17" + lang));
    when(queries.testRuns(any(), any())).thenReturn(List.of());
    List<String> empty =
        table(csv("/api/campaigns/test-runs.csv?from=2020-01-01&to=2020-01-02" + lang));
    assertThat(empty).as("column line and nothing after it").hasSize(1);
    List<String> columns = List.of(empty.getFirst().split(",", -1));
    assertThat(columns).hasSizeGreaterThan(5).doesNotContain("");
    assertThat(List.of(full.getFirst().split(",", -1))).containsAll(columns);
  }

  String csv(String path) throws Exception {
    byte[] body =
        mvc.perform(get(path))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    return new String(body, StandardCharsets.UTF_8).substring(1);
  }

  /** The table of a CSV: its lines after the facts' blank line, without the closing empty one. */
  static List<String> table(String csv) {
    List<String> lines = List.of(csv.split("\r\n", -1));
    List<String> table =
        new java.util.ArrayList<>(lines.subList(lines.indexOf("") + 1, lines.size()));
    while (!table.isEmpty() && table.getLast().isEmpty()) {
      table.removeLast();
    }
    return table;
  }

  static org.springframework.context.support.ResourceBundleMessageSource bundles() {
    var texts = new org.springframework.context.support.ResourceBundleMessageSource();
    texts.setBasename("messages");
    texts.setDefaultEncoding("UTF-8");
    texts.setFallbackToSystemLocale(false);
    return texts;
  }

  @Test
  @DisplayName(
      "#17: CSV with lang: BOM, header facts and columns in the page's language (zh-CN, en)")
  void csvInThePagesLanguage() throws Exception {
    byte[] zh =
        mvc.perform(get("/api/campaigns/test-runs.csv?from=2026-12-17&to=2026-12-17&lang=zh-CN"))
            .andExpect(status().isOk())
            .andExpect(content().contentType("text/csv;charset=UTF-8"))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(zh).startsWith(0xEF, 0xBB, 0xBF);
    List<String> lines = List.of(new String(zh, StandardCharsets.UTF_8).substring(1).split("\r\n"));
    assertThat(lines.getFirst()).isEqualTo("报表,campaign-test-runs");
    String columns = lines.get(lines.indexOf("") + 1);
    assertThat(columns)
        .startsWith("试运行活动 ID,被测试的活动,节点,")
        .contains(",模式,", ",将发送,", ",发送条数,", ",已发放优惠券,")
        .doesNotContain("campaignId", "wouldMessage");
    // #16: the run's mode in the language too, as the page names it
    assertThat(lines).anyMatch(l -> l.contains(",演练,")).anyMatch(l -> l.contains(",种子名单,"));
    assertThat(lines).noneMatch(l -> l.contains(",DRY_RUN,") || l.contains(",SEED_LIST,"));
    // #16 review: the definitions in the language too, every one of the report's
    List<String> definitions = lines.stream().filter(l -> l.startsWith("定义 · ")).toList();
    assertThat(definitions).hasSize(CampaignTestRuns.DEFINITIONS.size());
    assertThat(definitions)
        .allSatisfy(
            l ->
                assertThat(l.substring(l.indexOf(',') + 1))
                    .containsPattern("[\\p{IsHan}]{2}")
                    .isNotIn(CampaignTestRuns.DEFINITIONS.values()));
    // z16: every definition's label in the language (not 定义 · testRun), a list readable
    assertThat(definitions)
        .contains(lines.stream().filter(l -> l.startsWith("定义 · 试运行,")).findFirst().orElseThrow());
    assertThat(lines)
        .contains("周期内的规则版本,无")
        .noneMatch(l -> l.contains("[]") || l.contains("testRun"));
    // the skipped-by-reason columns named by their reasons, as the page names them
    assertThat(columns).contains("按原因分的跳过 · 无营销授权（R22）").doesNotContain("skippedByReason.");
    // the occasion by the calendar's Chinese name, its code kept in a column of its own
    assertThat(columns).contains(",节点,节点（代码）,");
    assertThat(lines).anyMatch(l -> l.contains(",圣诞节,CHRISTMAS,"));
    assertThat(lines).noneMatch(l -> l.contains(",CHRISTMAS,CHRISTMAS,"));
    String en =
        mvc.perform(get("/api/campaigns/test-runs.csv?from=2026-12-17&to=2026-12-17&lang=en"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(en).startsWith("\uFEFFReport,campaign-test-runs\r\n");
    assertThat(en).contains("\r\nTest run campaign id,Tested campaign,Occasion,");
  }

  @Test
  @DisplayName("A period whose end is before its start: 400 with the reason")
  void badPeriod() throws Exception {
    when(reports.header(LocalDate.of(2026, 12, 17), LocalDate.of(2026, 12, 1)))
        .thenThrow(
            new IllegalArgumentException("a period needs from <= to (shop days, inclusive)"));
    mvc.perform(get("/api/campaigns/test-runs?from=2026-12-17&to=2026-12-01"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("a period needs from <= to (shop days, inclusive)"));
  }
}
