package com.careflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.journeys.JourneysProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The Double 11 fixture ({@code analytics/double11-fixture.json}) whose report was computed by hand
 * ({@code analytics/double11-expected.md}), read through the JSON API and the CSV.
 */
class AnalyticsApiTest extends AnalyticsTestBase {

  static final String PERIOD = "from=2026-11-10&to=2026-11-11";

  MockMvc mvc;

  /** The port as Spring gives it to the controller. */
  static org.springframework.beans.factory.ObjectProvider<StepParameters> stepParameters(
      StepParameters steps) {
    return new org.springframework.beans.factory.support.StaticListableBeanFactory(
            Map.of("stepParameters", steps))
        .getBeanProvider(StepParameters.class);
  }

  /** The step checks the controller asked the Journey page's port for: process, step, version. */
  final List<List<String>> stepChecks = new java.util.ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    start();
    setUpMvc();
    loadFixture(mapper);
  }

  ObjectMapper mapper;

  void setUpMvc() {
    // as Spring Boot configures it: ISO dates
    mapper =
        Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(
                com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    var controller =
        new AnalyticsController(
            reports,
            recorder,
            rules,
            mapper,
            new JourneysProperties(ZoneId.of("Asia/Shanghai")),
            Clock.systemUTC(),
            texts(),
            stepParameters(
                (processId, stepId, version, from, to) -> {
                  stepChecks.add(List.of(processId, stepId, String.valueOf(version)));
                  if ("99".equals(version)) {
                    // as the dashboard's JourneyParameters answers a version never deployed
                    throw new ParameterRefused(
                        "processVersion",
                        "error.version.notDeployed",
                        version,
                        processId,
                        from.toString(),
                        to.toString(),
                        "1");
                  }
                }));
    mvc =
        MockMvcBuilders.standaloneSetup(controller)
            .setMessageConverters(
                new ByteArrayHttpMessageConverter(),
                new MappingJackson2HttpMessageConverter(mapper))
            .build();
  }

  void loadFixture(ObjectMapper mapper) throws Exception {
    ObjectMapper lenient =
        mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    Map<String, Class<?>> types =
        Map.of(
            "send", AnalyticsFacts.SendFact.class,
            "status", AnalyticsFacts.StatusFact.class,
            "order", AnalyticsFacts.OrderPlacedFact.class,
            "payment", AnalyticsFacts.PaymentFact.class,
            "refund", AnalyticsFacts.RefundFact.class,
            "cancel", AnalyticsFacts.CancellationFact.class,
            "coupon", AnalyticsFacts.CouponIssuedFact.class);
    JsonNode facts =
        lenient.readTree(new ClassPathResource("analytics/double11-fixture.json").getInputStream());
    for (JsonNode fact : facts) {
      Class<?> type = types.get(fact.get("type").asText());
      ((ObjectNode) fact).remove("type");
      RandomFacts.apply(recorder, lenient.treeToValue(fact, type));
    }
  }

  @Test
  @DisplayName(
      "R23/R24 summary of the Double 11 fixture: the hand-computed figures, with the header facts")
  void summary() throws Exception {
    mvc.perform(get("/api/analytics/summary?" + PERIOD))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.header.from").value("2026-11-10"))
        .andExpect(jsonPath("$.header.to").value("2026-11-11"))
        .andExpect(jsonPath("$.header.timeZone").value("Asia/Shanghai"))
        .andExpect(jsonPath("$.header.attributionWindow").value("PT72H"))
        .andExpect(jsonPath("$.header.ruleVersion").value(1))
        .andExpect(jsonPath("$.header.ruleVersionsInPeriod[0]").value(1))
        .andExpect(jsonPath("$.header.currency").value("CNY"))
        .andExpect(jsonPath("$.header.definitions.attribution").exists())
        .andExpect(
            jsonPath("$.header.definitions.influencedOrders")
                .value(org.hamcrest.Matchers.containsString("NOT additive")))
        .andExpect(jsonPath("$.bySendDay.messagesSent").value(5))
        .andExpect(jsonPath("$.bySendDay.delivered").value(4))
        .andExpect(jsonPath("$.bySendDay.failed").value(1))
        .andExpect(jsonPath("$.bySendDay.skipped").value(1))
        .andExpect(jsonPath("$.bySendDay.segments").value(6))
        .andExpect(jsonPath("$.bySendDay.messageCost").value(0.25))
        .andExpect(jsonPath("$.bySendDay.couponCost").value(20.00))
        .andExpect(jsonPath("$.bySendDay.cost").value(20.25))
        .andExpect(jsonPath("$.bySendDay.attributedOrders").value(3))
        .andExpect(jsonPath("$.bySendDay.attributedGmv").value(620.00))
        .andExpect(jsonPath("$.bySendDay.attributedNetGmv").value(580.00))
        .andExpect(jsonPath("$.bySendDay.conversionRate").value(0.6))
        .andExpect(jsonPath("$.bySendDay.roi").value("30.6 : 1"))
        .andExpect(jsonPath("$.bySendDay.netRoi").value("28.6 : 1"))
        .andExpect(jsonPath("$.buyers.buyersReached").value(4))
        .andExpect(jsonPath("$.buyers.attributedBuyers").value(3))
        .andExpect(jsonPath("$.buyers.buyerConversion").value(0.75))
        .andExpect(jsonPath("$.buyers.influencedOrders").value(3))
        .andExpect(jsonPath("$.buyers.influencedGmv").value(620.00))
        .andExpect(jsonPath("$.shop.paidOrders").value(5))
        .andExpect(jsonPath("$.shop.paidUnits").value(8))
        .andExpect(jsonPath("$.shop.gmv").value(870.00))
        .andExpect(jsonPath("$.shop.refunds").value(40.00))
        .andExpect(jsonPath("$.shop.cancellations").value(0.00))
        .andExpect(jsonPath("$.shop.netGmv").value(830.00))
        .andExpect(jsonPath("$.shop.attributedShareOfGmv").value(0.7126));
  }

  @Test
  @DisplayName("R23/R24 breakdown by step, R26 decay and trend, by the hand-computed report")
  void breakdownDecayTrend() throws Exception {
    mvc.perform(get("/api/analytics/breakdown?by=step&" + PERIOD))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.rows.length()").value(3))
        .andExpect(jsonPath("$.rows[0].dimensions.step_name").value("发券"))
        .andExpect(jsonPath("$.rows[0].figures.couponCost").value(20.00))
        .andExpect(jsonPath("$.rows[0].figures.roi").value("0.0 : 1"))
        .andExpect(jsonPath("$.rows[1].dimensions.step_name").value("双11预热"))
        .andExpect(jsonPath("$.rows[1].figures.messagesSent").value(3))
        .andExpect(jsonPath("$.rows[1].figures.skipped").value(1))
        .andExpect(jsonPath("$.rows[1].figures.attributedOrders").value(2))
        .andExpect(jsonPath("$.rows[1].figures.attributedNetGmv").value(380.00))
        .andExpect(jsonPath("$.rows[1].figures.conversionRate").value(0.6667))
        .andExpect(jsonPath("$.rows[1].figures.roi").value("2800.0 : 1"))
        .andExpect(jsonPath("$.rows[2].dimensions.step_id").value("Activity_PaymentReminder"))
        .andExpect(jsonPath("$.rows[2].figures.conversionRate").value(0.5))
        .andExpect(jsonPath("$.rows[2].figures.roi").value("2000.0 : 1"))
        .andExpect(jsonPath("$.rows[2].buyers.buyersReached").value(2));
    mvc.perform(get("/api/analytics/decay?" + PERIOD))
        .andExpect(jsonPath("$.buckets[0].attributedOrders").value(2))
        .andExpect(jsonPath("$.buckets[3].hours").value("24-48 h"))
        .andExpect(jsonPath("$.buckets[3].attributedOrders").value(1));
    mvc.perform(get("/api/analytics/trend?" + PERIOD))
        .andExpect(jsonPath("$.days[0].day").value("2026-11-10"))
        .andExpect(jsonPath("$.days[0].messagesSent").value(3))
        .andExpect(jsonPath("$.days[0].cost").value(20.15))
        .andExpect(jsonPath("$.days[0].attributedGmvBySendDay").value(420.00))
        .andExpect(jsonPath("$.days[0].attributedOrdersByPayDay").value(0))
        .andExpect(jsonPath("$.days[1].attributedOrdersByPayDay").value(3))
        .andExpect(jsonPath("$.days[1].attributedNetGmvByPayDay").value(580.00))
        .andExpect(jsonPath("$.days[1].shopNetGmv").value(830.00));
  }

  @Test
  @DisplayName("R25 members and the payment-reminder effect, by the hand-computed report")
  void membersAndReminders() throws Exception {
    mvc.perform(get("/api/analytics/members?" + PERIOD))
        .andExpect(jsonPath("$.rows[0].buyerKind").value("NEW"))
        .andExpect(jsonPath("$.rows[0].buyers").value(2))
        .andExpect(jsonPath("$.rows[0].shareOfBuyers").value(0.4))
        .andExpect(jsonPath("$.rows[0].shareOfGmv").value(0.3678))
        .andExpect(jsonPath("$.rows[0].averageOrderValue").value(160.00))
        .andExpect(jsonPath("$.rows[0].unitsPerBuyer").value(1.00))
        .andExpect(jsonPath("$.rows[1].buyerKind").value("RETURNING"))
        .andExpect(jsonPath("$.rows[1].shareOfGmv").value(0.5172))
        .andExpect(jsonPath("$.rows[1].unitsPerBuyer").value(2.50))
        .andExpect(jsonPath("$.rows[1].averageOrderValue").value(225.00))
        .andExpect(jsonPath("$.rows[2].buyerKind").value("UNKNOWN"))
        .andExpect(jsonPath("$.rows[2].shareOfBuyers").value(0.2))
        .andExpect(jsonPath("$.rows[2].shareOfGmv").value(0.1149));
    mvc.perform(get("/api/analytics/payment-reminders?" + PERIOD))
        .andExpect(jsonPath("$.remindedUnpaidOrders").value(2))
        .andExpect(jsonPath("$.paidAfterReminder").value(1))
        .andExpect(jsonPath("$.recoveryRate").value(0.5))
        .andExpect(jsonPath("$.recoveredGmv").value(200.00))
        .andExpect(jsonPath("$.medianMinutesReminderToPayment").value(60));
  }

  /** The CSV's column header line (after the blank line that ends the header facts). */
  static List<String> columns(String csv) {
    List<String> lines = csv.lines().toList();
    return List.of(lines.get(lines.indexOf("") + 1).split(",", -1));
  }

  String csvOf(String path) throws Exception {
    byte[] body =
        mvc.perform(get(path))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(body).as(path).startsWith(0xEF, 0xBB, 0xBF);
    return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
  }

  /**
   * Every analytics table a dashboard page downloads as CSV (path and query up to {@code lang}).
   */
  static final List<String> PAGE_CSVS =
      List.of(
          "summary.csv?",
          "breakdown.csv?by=day&",
          "breakdown.csv?by=campaign&",
          "trend.csv?",
          "decay.csv?",
          "members.csv?",
          "payment-reminders.csv?",
          "skips.csv?",
          "step.csv?processId=campaign-offer&stepId=Activity_Offer&table=trend&",
          "step.csv?processId=campaign-offer&stepId=Activity_Offer&table=decay&",
          "step.csv?processId=campaign-offer&stepId=Activity_Offer&table=templates&",
          "step.csv?processId=campaign-offer&stepId=Activity_Offer&table=skipped&",
          "step.csv?processId=campaign-offer&stepId=Activity_Offer&table=failures&");

  @Test
  @DisplayName(
      "#16 follow-up: every CSV keeps its column header with no row — every analytics route and"
          + " breakdown, each step table, the rules' tables — in both languages and without one,"
          + " the same columns a period with rows has")
  void everyCsvKeepsItsHeaderWhenEmpty() throws Exception {
    List<String> routes = new java.util.ArrayList<>(PAGE_CSVS);
    for (Breakdown b : Breakdown.values()) {
      routes.add("breakdown.csv?by=" + b.name().toLowerCase(java.util.Locale.ROOT) + "&");
    }
    for (String table : AnalyticsController.STEP_TABLES) {
      routes.add(
          "step.csv?processId=campaign-offer&stepId=Activity_SendOffer&table=" + table + "&");
    }
    for (String route : routes) {
      for (String lang : List.of("", "&lang=en", "&lang=zh-CN")) {
        String empty = csvOf("/api/analytics/" + route + "from=2020-01-01&to=2020-01-02" + lang);
        List<String> header = columns(empty);
        assertThat(header).as(route + lang + " header").hasSizeGreaterThan(1).doesNotContain("");
        assertThat(columns(csvOf("/api/analytics/" + route + PERIOD + lang)))
            .as(route + lang + " header with rows")
            .containsAll(header);
      }
    }
    String recomputations = csvOf("/api/analytics/rules.csv?table=recomputations&lang=zh-CN");
    assertThat(columns(recomputations)).hasSize(8).doesNotContain("");
  }

  @Test
  @DisplayName(
      "#16 follow-up: every step table's CSV names its step and its journey version in the page's"
          + " language (stepName beside stepId; 'all' versions written 全部版本 in zh-CN)")
  void theStepCsvNamesItsStep() throws Exception {
    String step = "step.csv?processId=order-journey&stepId=Activity_SendPaymentReminder&";
    for (String table : AnalyticsController.STEP_TABLES) {
      String machine = csvOf("/api/analytics/" + step + "table=" + table + "&" + PERIOD);
      assertThat(columns(machine)).startsWith("processId", "processVersion", "stepId", "stepName");
      String zh = csvOf("/api/analytics/" + step + "table=" + table + "&" + PERIOD + "&lang=zh-CN");
      assertThat(columns(zh)).startsWith("旅程", "旅程版本", "步骤 ID", "步骤");
      List<String> lines = zh.lines().toList();
      List<String> rows = lines.subList(lines.indexOf("") + 2, lines.size());
      assertThat(rows)
          .as(table)
          .allSatisfy(
              r ->
                  assertThat(r)
                      .contains(",全部版本,Activity_SendPaymentReminder,发送催付提醒,")
                      .doesNotContain(",all,"));
      if (table.equals("trend")) {
        assertThat(rows).as("every day of the period").hasSize(2);
      }
    }
  }

  @Test
  @DisplayName(
      "#17 CSV in the page's language (lang=zh-CN / en): header facts, definitions and every"
          + " column named in it, BOM kept; without lang the machine names")
  void csvInThePagesLanguage() throws Exception {
    String zh = csvOf("/api/analytics/breakdown.csv?by=step&lang=zh-CN&" + PERIOD);
    assertThat(zh.lines().toList())
        .contains("报表,breakdown-step", "开始日期,2026-11-10", "时区,Asia/Shanghai", "币种,CNY");
    assertThat(zh).contains("定义 · 转化率,R24：转化率 = 归因订单 / 发送条数");
    assertThat(columns(zh)).startsWith("旅程", "旅程版本", "步骤 ID", "步骤", "发送条数", "已送达");
    String en = csvOf("/api/analytics/breakdown.csv?by=step&lang=en&" + PERIOD);
    assertThat(columns(en))
        .startsWith("Journey", "Journey version", "Step id", "Step", "Messages sent");
    assertThat(en).contains("Definition · Conversion rate,R24: attributed orders / messages sent");
    // the same table, cell for cell, but for the steps' names: as the Journey page names them
    // (the Chinese bundle names a shipped step, e.g. the campaign's coupon step; #16 review)
    java.util.function.Function<String, List<String>> withoutNames =
        csv ->
            csv.substring(csv.indexOf("\r\n\r\n"))
                .lines()
                .skip(3)
                .map(l -> l.replaceFirst("^([^,]*,[^,]*,[^,]*),[^,]*,", "$1,NAME,"))
                .toList();
    assertThat(withoutNames.apply(zh)).isEqualTo(withoutNames.apply(en));
    assertThat(zh).contains("\r\ncampaign-offer,,Activity_IssueCoupon,发放节日优惠券,");
    assertThat(en).contains("\r\ncampaign-offer,,Activity_IssueCoupon,发券,");

    // every table a page downloads: no column left with its machine name
    for (String table : PAGE_CSVS) {
      for (String lang : List.of("zh-CN", "en")) {
        List<String> names =
            columns(csvOf("/api/analytics/" + table + "lang=" + lang + "&" + PERIOD));
        assertThat(names)
            .as("%s %s", table, lang)
            .isNotEmpty()
            .noneMatch(c -> c.matches("[a-z][A-Za-z_.]*") || c.contains("."));
      }
    }
    mvc.perform(get("/api/analytics/summary.csv?lang=fr&" + PERIOD))
        .andExpect(status().isBadRequest());
  }

  /** The CSV's header facts' names (the lines before the blank line), definitions included. */
  static List<String> factNames(String csv) {
    List<String> lines = csv.lines().toList();
    return lines.subList(0, lines.indexOf("")).stream()
        .map(l -> l.startsWith("\"") ? l.substring(1, l.indexOf('"', 1)) : l.split(",", 2)[0])
        .toList();
  }

  /** A machine name: camelCase or snake_case Latin word, or a dotted path. */
  static boolean machineName(String name) {
    return name.matches(".*\\b[a-z]+([A-Z][a-z]*|_[a-z]+)+\\b.*")
        || name.matches("[a-z][A-Za-z_.]*")
        || name.contains(".");
  }

  @Test
  @DisplayName(
      "#16 every CSV in the page's language names every header fact and every definition in it"
          + " (no 定义 · bySendDay), and writes buyer kinds, skip reasons and the row of the"
          + " journeys outside campaigns in it; without lang the JSON's values")
  void csvFactsDefinitionsAndCodedCellsInThePagesLanguage() throws Exception {
    var tables = new java.util.ArrayList<>(PAGE_CSVS);
    tables.addAll(
        List.of("breakdown.csv?by=step&", "rules.csv?", "rules.csv?table=recomputations&"));
    for (String table : tables) {
      for (String lang : List.of("zh-CN", "en")) {
        String csv = csvOf("/api/analytics/" + table + "lang=" + lang + "&" + PERIOD);
        assertThat(factNames(csv))
            .as("%s %s", table, lang)
            .isNotEmpty()
            .noneMatch(n -> machineName(n));
        assertThat(columns(csv)).as("%s %s", table, lang).noneMatch(n -> machineName(n));
      }
    }
    String zh = csvOf("/api/analytics/summary.csv?lang=zh-CN&" + PERIOD);
    assertThat(zh).contains("定义 · 按发送日,").doesNotContain("bySendDay");
    assertThat(csvOf("/api/analytics/summary.csv?lang=en&" + PERIOD))
        .contains("Definition · By send day,");

    // R25: the buyer kinds in the language, the same rows as the machine CSV
    String members = csvOf("/api/analytics/members.csv?lang=zh-CN&" + PERIOD);
    assertThat(members.lines().toList())
        .anyMatch(l -> l.startsWith("新客,2,0.4000,"))
        .anyMatch(l -> l.startsWith("老客,2,"))
        .anyMatch(l -> l.startsWith("未知,1,"))
        .noneMatch(l -> l.matches("(NEW|RETURNING|UNKNOWN),.*"));
    assertThat(csvOf("/api/analytics/members.csv?lang=en&" + PERIOD).lines().toList())
        .anyMatch(l -> l.startsWith("New,2,0.4000,"));
    assertThat(csvOf("/api/analytics/members.csv?" + PERIOD).lines().toList())
        .anyMatch(l -> l.startsWith("NEW,2,0.4000,"));

    // skip reasons (R22) in the language
    String skips = csvOf("/api/analytics/skips.csv?lang=zh-CN&" + PERIOD);
    String machineSkips = csvOf("/api/analytics/skips.csv?" + PERIOD);
    int reason = columns(machineSkips).indexOf("reason");
    List<String> codes =
        machineSkips
            .lines()
            .skip(machineSkips.lines().toList().indexOf("") + 2)
            .map(l -> List.of(l.split(",", -1)).get(reason))
            .toList();
    assertThat(codes).isNotEmpty().allMatch(c -> c.matches("[A-Z_]+"));
    var bundle = texts();
    for (String code : codes) {
      assertThat(skips)
          .contains(bundle.getMessage("skip." + code, null, java.util.Locale.SIMPLIFIED_CHINESE));
    }

    // the journeys outside campaigns: labelled in the language, empty as in the JSON without it
    String campaigns = csvOf("/api/analytics/breakdown.csv?by=campaign&lang=zh-CN&" + PERIOD);
    assertThat(campaigns.lines().toList()).anyMatch(l -> l.startsWith("无活动（活动之外的旅程）,"));
    assertThat(csvOf("/api/analytics/breakdown.csv?by=campaign&lang=en&" + PERIOD).lines().toList())
        .anyMatch(l -> l.startsWith("No campaign (journeys outside campaigns),"));
    assertThat(csvOf("/api/analytics/breakdown.csv?by=campaign&" + PERIOD).lines().toList())
        .anyMatch(l -> l.startsWith(",,"));
    mvc.perform(get("/api/analytics/breakdown?by=campaign&" + PERIOD))
        .andExpect(jsonPath("$.rows[?(@.dimensions.campaign == '')]").isNotEmpty());
  }

  @Test
  @DisplayName(
      "R24 the per-dimension examples of docs/analytics.md 'Breakdowns': by campaign (the journeys"
          + " outside campaigns an empty campaign), by template, the coupon on the empty template")
  void breakdownExamplesOfTheDoc() throws Exception {
    String d11 = "$.rows[?(@.dimensions.campaign == 'd11')]";
    String none = "$.rows[?(@.dimensions.campaign == '')]";
    mvc.perform(get("/api/analytics/breakdown?by=campaign&" + PERIOD))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.rows.length()").value(2))
        .andExpect(jsonPath(d11 + ".dimensions.occasion").value("double11"))
        .andExpect(jsonPath(d11 + ".figures.messagesSent").value(3))
        .andExpect(jsonPath(d11 + ".figures.skipped").value(1))
        .andExpect(jsonPath(d11 + ".figures.cost").value(20.15))
        .andExpect(jsonPath(d11 + ".figures.couponCost").value(20.00))
        .andExpect(jsonPath(d11 + ".figures.attributedOrders").value(2))
        .andExpect(jsonPath(d11 + ".figures.attributedGmv").value(420.00))
        .andExpect(jsonPath(d11 + ".figures.attributedNetGmv").value(380.00))
        .andExpect(jsonPath(d11 + ".figures.conversionRate").value(0.6667))
        .andExpect(jsonPath(d11 + ".figures.roi").value("20.8 : 1"))
        .andExpect(jsonPath(none + ".dimensions.occasion").value(""))
        .andExpect(jsonPath(none + ".figures.messagesSent").value(2))
        .andExpect(jsonPath(none + ".figures.cost").value(0.10))
        .andExpect(jsonPath(none + ".figures.attributedOrders").value(1))
        .andExpect(jsonPath(none + ".figures.attributedGmv").value(200.00))
        .andExpect(jsonPath(none + ".figures.roi").value("2000.0 : 1"));
    String t = "$.rows[?(@.dimensions.template_key == '%s')].figures.";
    mvc.perform(get("/api/analytics/breakdown?by=template&" + PERIOD))
        .andExpect(status().isOk())
        .andExpect(jsonPath(t.formatted("holiday-offer") + "messagesSent").value(3))
        .andExpect(jsonPath(t.formatted("holiday-offer") + "attributedOrders").value(2))
        .andExpect(jsonPath(t.formatted("holiday-offer") + "attributedGmv").value(420.00))
        .andExpect(jsonPath(t.formatted("payment-reminder-new") + "messagesSent").value(1))
        .andExpect(jsonPath(t.formatted("payment-reminder-new") + "attributedGmv").value(200.00))
        .andExpect(jsonPath(t.formatted("payment-reminder-returning") + "messagesSent").value(1))
        .andExpect(
            jsonPath(t.formatted("payment-reminder-returning") + "attributedOrders").value(0))
        .andExpect(jsonPath(t.formatted("") + "couponCost").value(20.00))
        .andExpect(jsonPath(t.formatted("") + "messagesSent").value(0));
  }

  @Test
  @DisplayName(
      "#16 every JSON route of docs/analytics.md has its .csv twin: the rules' versions and"
          + " recomputations too, in the one CSV format")
  void everyRouteHasACsvTwin() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/analytics.md"));
    var routes =
        java.util.regex.Pattern.compile(
                "^\\| `(/api/analytics/[a-z-]+)", java.util.regex.Pattern.MULTILINE)
            .matcher(doc)
            .results()
            .map(m -> m.group(1))
            .distinct()
            .toList();
    assertThat(routes).contains("/api/analytics/rules", "/api/analytics/summary");
    for (String route : routes) {
      if (route.equals("/api/analytics/experiments")) {
        continue; // the experiments module's controller (ExperimentControllerTest)
      }
      String query =
          route.endsWith("/step")
              ? "?processId=campaign-offer&stepId=Activity_Offer&" + PERIOD
              : route.endsWith("/breakdown") ? "?by=step&" + PERIOD : "?" + PERIOD;
      assertThat(csvOf(route + ".csv" + query)).as(route).contains("ruleVersion,1");
    }

    String versions = csvOf("/api/analytics/rules.csv");
    assertThat(versions.lines().toList())
        .startsWith("report,rules-versions", "timeZone,Asia/Shanghai", "attributionWindow,PT72H")
        .contains("ruleVersion,1");
    assertThat(columns(versions))
        .containsExactly(
            "ruleVersion", "attributionWindow", "inForceFrom", "ruleNote", "currentRule");
    assertThat(versions.lines().toList())
        .anyMatch(l -> l.startsWith("1,PT72H,") && l.endsWith(",true"));
    mvc.perform(
            post("/api/analytics/recompute")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"requestedBy\":\"ops\",\"reason\":\"check the CSV twin\"}"))
        .andExpect(status().isOk());
    String recomputed = csvOf("/api/analytics/rules.csv?table=recomputations");
    assertThat(columns(recomputed))
        .containsExactly(
            "recomputationId",
            "requestedBy",
            "reason",
            "ruleVersion",
            "startedAt",
            "finishedAt",
            "ordersSeen",
            "ordersChanged");
    assertThat(recomputed).contains(",ops,check the CSV twin,1,");
    mvc.perform(get("/api/analytics/rules.csv?table=nope")).andExpect(status().isBadRequest());
  }

  @Test
  @DisplayName(
      "#17 R19 campaign API: each campaign row carries its audience and consent skips (R22) in"
          + " JSON and CSV, from the campaigns module, for the period's shop days")
  void campaignAudience() throws Exception {
    List<java.time.Instant> asked = new java.util.ArrayList<>();
    reports =
        new AnalyticsReports(
            jdbc,
            rules,
            new AnalyticsProperties(
                java.time.Duration.ofHours(72),
                "CNY",
                null,
                null,
                java.time.Duration.ofDays(365),
                "payment-reminder"),
            ZoneId.of("Asia/Shanghai"),
            Clock.systemUTC(),
            texts(),
            (from, to) -> {
              asked.add(from);
              asked.add(to);
              return Map.of("d11", new CampaignAudiences.Audience(4, 1));
            });
    setUpMvc();
    mvc.perform(get("/api/analytics/breakdown?by=campaign&" + PERIOD))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.rows[?(@.dimensions.campaign == 'd11')].audience").value(4))
        .andExpect(jsonPath("$.rows[?(@.dimensions.campaign == 'd11')].consentSkips").value(1));
    assertThat(asked)
        .containsExactly(
            java.time.Instant.parse("2026-11-09T16:00:00Z"),
            java.time.Instant.parse("2026-11-11T16:00:00Z"));
    mvc.perform(get("/api/analytics/breakdown?by=step&" + PERIOD))
        .andExpect(jsonPath("$.rows[0].audience").doesNotExist());

    String csv = csvOf("/api/analytics/breakdown.csv?by=campaign&" + PERIOD);
    List<String> columns = columns(csv);
    assertThat(columns).contains("audience", "consentSkips");
    String d11 = csv.lines().filter(l -> l.startsWith("d11,")).findFirst().orElseThrow();
    List<String> cells = List.of(d11.split(",", -1));
    assertThat(cells.get(columns.indexOf("audience"))).isEqualTo("4");
    assertThat(cells.get(columns.indexOf("consentSkips"))).isEqualTo("1");
    assertThat(columns(csvOf("/api/analytics/breakdown.csv?by=campaign&lang=zh-CN&" + PERIOD)))
        .contains("受众", "受众中未同意营销（R22）");
  }

  @Test
  @DisplayName("CSV: UTF-8 with BOM, the header facts first, Chinese step names intact")
  void csv() throws Exception {
    byte[] body =
        mvc.perform(get("/api/analytics/breakdown.csv?by=step&" + PERIOD))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith(new MediaType("text", "csv")))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(body, StandardCharsets.UTF_8).substring(1);
    List<String> lines = text.lines().toList();
    assertThat(lines)
        .contains(
            "report,breakdown-step",
            "from,2026-11-10",
            "to,2026-11-11",
            "timeZone,Asia/Shanghai",
            "attributionWindow,PT72H",
            "ruleVersion,1",
            "currency,CNY");
    assertThat(lines).anyMatch(l -> l.startsWith("definition.attribution,"));
    int header = lines.indexOf("") + 1;
    List<String> columns = List.of(lines.get(header).split(","));
    assertThat(columns).startsWith("process_id", "process_version", "step_id", "step_name");
    String offer = lines.stream().filter(l -> l.contains("双11预热")).findFirst().orElseThrow();
    List<String> cells = List.of(offer.split(",", -1));
    assertThat(cells.get(columns.indexOf("figures.messagesSent"))).isEqualTo("3");
    assertThat(cells.get(columns.indexOf("figures.attributedGmv"))).isEqualTo("420.00");
    assertThat(cells.get(columns.indexOf("figures.roi"))).isEqualTo("2800.0 : 1");
    assertThat(text).contains("催付提醒", "发券");

    for (String table : List.of("summary", "trend", "decay", "members", "payment-reminders")) {
      String csv =
          new String(
              mvc.perform(get("/api/analytics/" + table + ".csv?" + PERIOD))
                  .andExpect(status().isOk())
                  .andReturn()
                  .getResponse()
                  .getContentAsByteArray(),
              StandardCharsets.UTF_8);
      assertThat(csv).as(table).startsWith("\uFEFFreport," + table).contains("ruleVersion,1");
    }
    String members =
        new String(
            mvc.perform(get("/api/analytics/members.csv?" + PERIOD))
                .andReturn()
                .getResponse()
                .getContentAsByteArray(),
            StandardCharsets.UTF_8);
    assertThat(members).contains("NEW,2,0.4000,2,2,320.00,280.00,0.3678");
  }

  @Test
  @DisplayName(
      "R22/R23/R26 a step's detail: its own figures, trend, decay, templates, skipped by reason and"
          + " failures by Twilio error code (a code given before or after its send), with the header")
  void stepDetail() throws Exception {
    // two more failures of the campaign's offer step: 30007 reported after the send, 30003 before
    recorder.recordSend(
        Facts.send(
            "m-f1",
            "c-f1",
            Facts.at("2026-11-11T03:00:00Z"),
            "SENT",
            "campaign-offer",
            "Activity_Offer",
            "d11",
            ""));
    recorder.recordStatus("SMm-f1", "undelivered", Facts.at("2026-11-11T03:00:20Z"), 30007);
    recorder.recordStatus("SMm-f2", "failed", Facts.at("2026-11-11T03:05:20Z"), 30003);
    recorder.recordSend(
        Facts.send(
            "m-f2",
            "c-f2",
            Facts.at("2026-11-11T03:05:00Z"),
            "SENT",
            "campaign-offer",
            "Activity_Offer",
            "d11",
            ""));
    String step = "/api/analytics/step?processId=campaign-offer&stepId=Activity_Offer&" + PERIOD;
    mvc.perform(get(step))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.header.from").value("2026-11-10"))
        .andExpect(jsonPath("$.header.timeZone").value("Asia/Shanghai"))
        .andExpect(jsonPath("$.header.attributionWindow").value("PT72H"))
        .andExpect(jsonPath("$.header.ruleVersion").value(1))
        .andExpect(jsonPath("$.header.definitions.skipped").exists())
        .andExpect(jsonPath("$.header.definitions.failures").exists())
        .andExpect(jsonPath("$.stepName").value("双11预热"))
        .andExpect(jsonPath("$.figures.messagesSent").value(5))
        .andExpect(jsonPath("$.figures.failed").value(3))
        .andExpect(jsonPath("$.figures.skipped").value(1))
        .andExpect(jsonPath("$.figures.attributedOrders").value(2))
        .andExpect(jsonPath("$.days.length()").value(2))
        .andExpect(jsonPath("$.days[0].day").value("2026-11-10"))
        .andExpect(jsonPath("$.days[0].messagesSent").value(3))
        .andExpect(jsonPath("$.days[0].skipped").value(1))
        .andExpect(jsonPath("$.days[0].attributedOrders").value(2))
        .andExpect(jsonPath("$.days[1].messagesSent").value(2))
        .andExpect(jsonPath("$.days[1].failed").value(2))
        .andExpect(jsonPath("$.decay[0].hours").value("0-6 h"))
        .andExpect(jsonPath("$.templates[0].dimensions.template_key").value("holiday-offer"))
        .andExpect(jsonPath("$.templates[0].figures.messagesSent").value(5))
        .andExpect(jsonPath("$.skippedByReason.length()").value(1))
        .andExpect(jsonPath("$.skippedByReason[0].reason").value("NO_CONSENT"))
        .andExpect(jsonPath("$.skippedByReason[0].skipped").value(1))
        .andExpect(jsonPath("$.skippedByReason[0].share").value(1.0))
        .andExpect(jsonPath("$.failuresByErrorCode.length()").value(3))
        .andExpect(
            jsonPath("$.failuresByErrorCode[*].errorCode")
                .value(org.hamcrest.Matchers.containsInAnyOrder(30003, 30007, null)))
        .andExpect(
            jsonPath("$.failuresByErrorCode[*].failed")
                .value(org.hamcrest.Matchers.contains(1, 1, 1)));
    // decay buckets add up to the step's attributed orders
    JsonNode detail =
        new ObjectMapper()
            .readTree(mvc.perform(get(step)).andReturn().getResponse().getContentAsString());
    long decayed = 0;
    for (JsonNode b : detail.get("decay")) {
      decayed += b.get("attributedOrders").asLong();
    }
    assertThat(decayed).isEqualTo(2);

    // a step with nothing in the period: zeros, every day, empty tables
    mvc.perform(get("/api/analytics/step?processId=order-journey&stepId=Activity_None&" + PERIOD))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.figures.messagesSent").value(0))
        .andExpect(jsonPath("$.days.length()").value(2))
        .andExpect(jsonPath("$.skippedByReason.length()").value(0))
        .andExpect(jsonPath("$.failuresByErrorCode.length()").value(0));

    // every table as CSV, with the header facts and the step in each row
    String csv =
        new String(
            mvc.perform(
                    get(
                        "/api/analytics/step.csv?processId=campaign-offer&stepId=Activity_Offer"
                            + "&table=skipped&"
                            + PERIOD))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray(),
            StandardCharsets.UTF_8);
    assertThat(csv)
        .startsWith("\uFEFFreport,step-skipped\r\nfrom,2026-11-10\r\n")
        .contains("attributionWindow,PT72H", "ruleVersion,1")
        .contains("\r\nprocessId,processVersion,stepId,stepName,reason,skipped,share\r\n")
        .contains("\r\ncampaign-offer,all,Activity_Offer,双11预热,NO_CONSENT,1,1.0000\r\n");
    for (String table : List.of("trend", "decay", "templates", "failures")) {
      mvc.perform(
              get(
                  "/api/analytics/step.csv?processId=campaign-offer&stepId=Activity_Offer&table="
                      + table
                      + "&"
                      + PERIOD))
          .andExpect(status().isOk())
          .andExpect(content().string(org.hamcrest.Matchers.containsString("step-" + table)));
    }
    mvc.perform(
            get(
                "/api/analytics/step.csv?processId=campaign-offer&stepId=Activity_Offer&table=colour&"
                    + PERIOD))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("colour")));
    mvc.perform(get("/api/analytics/step?processId=campaign-offer&" + PERIOD).param("stepId", " "))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("stepId")));
  }

  @Test
  @DisplayName(
      "R22 nothing skipped silently: skipped sends by step, campaign and reason add up to the"
          + " summary's skipped")
  void skips() throws Exception {
    recorder.recordSend(
        new AnalyticsFacts.SendFact(
            "m-cap",
            null,
            "c-cap",
            null,
            "order-journey",
            1,
            "Activity_PaymentReminder",
            "催付提醒",
            null,
            null,
            "NEW",
            "MARKETING",
            "SMS",
            "payment-reminder-new",
            "zh-CN",
            "SKIPPED",
            0,
            null,
            null,
            "FREQUENCY_CAP",
            Facts.at("2026-11-10T20:00:00Z")));
    mvc.perform(get("/api/analytics/skips?" + PERIOD))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.header.timeZone").value("Asia/Shanghai"))
        .andExpect(jsonPath("$.skipped").value(2))
        .andExpect(jsonPath("$.rows.length()").value(2))
        .andExpect(jsonPath("$.rows[0].processId").value("campaign-offer"))
        .andExpect(jsonPath("$.rows[0].campaign").value("d11"))
        .andExpect(jsonPath("$.rows[0].reason").value("NO_CONSENT"))
        .andExpect(jsonPath("$.rows[1].stepId").value("Activity_PaymentReminder"))
        .andExpect(jsonPath("$.rows[1].reason").value("FREQUENCY_CAP"));
    mvc.perform(get("/api/analytics/summary?" + PERIOD))
        .andExpect(jsonPath("$.bySendDay.skipped").value(2));
    mvc.perform(get("/api/analytics/skips.csv?" + PERIOD))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .string(
                    org.hamcrest.Matchers.containsString(
                        "processId,stepId,stepName,campaign,occasion,reason,skipped")));
  }

  @Test
  @DisplayName(
      "#16 review R19/R15: in the page's language the occasion and segment cells carry the names"
          + " the pages give (the occasion calendar's, the segments'), each code kept in a column"
          + " of its own; without lang the codes alone")
  void occasionAndSegmentNamedInThePagesLanguage() throws Exception {
    recorder.recordSend(
        new AnalyticsFacts.SendFact(
            "m-xmas",
            "SMm-xmas",
            "c-xmas",
            null,
            "campaign-offer",
            1,
            "Activity_SendOffer",
            "Send offer",
            "CHRISTMAS-2026",
            "CHRISTMAS",
            "A_LOYAL",
            "MARKETING",
            "SMS",
            "holiday-offer",
            "zh-CN",
            "SENT",
            1,
            null,
            null,
            null,
            Facts.at("2026-11-10T04:00:00Z")));
    String occasions = csvOf("/api/analytics/breakdown.csv?by=occasion&lang=zh-CN&" + PERIOD);
    assertThat(columns(occasions)).startsWith("节点", "节点（代码）");
    assertThat(occasions.lines().toList())
        .anyMatch(l -> l.startsWith("圣诞节,CHRISTMAS,"))
        .noneMatch(l -> l.startsWith("CHRISTMAS,"));
    String segments = csvOf("/api/analytics/breakdown.csv?by=segment&lang=zh-CN&" + PERIOD);
    assertThat(columns(segments)).startsWith("客户分层", "客户分层（代码）");
    assertThat(segments.lines().toList()).anyMatch(l -> l.startsWith("A · 忠诚客户,A_LOYAL,"));
    assertThat(csvOf("/api/analytics/breakdown.csv?by=segment&lang=en&" + PERIOD).lines().toList())
        .anyMatch(l -> l.startsWith("A · Loyal,A_LOYAL,"));
    String campaigns = csvOf("/api/analytics/breakdown.csv?by=campaign&lang=en&" + PERIOD);
    assertThat(campaigns.lines().toList())
        .anyMatch(l -> l.startsWith("CHRISTMAS-2026,Christmas,CHRISTMAS,"));
    // a step's recorded name as the Journey page names the step, in every table with one
    recorder.recordSend(
        new AnalyticsFacts.SendFact(
            "m-cap-2",
            null,
            "c-cap-2",
            null,
            "order-journey",
            1,
            "Activity_SendPaymentReminder",
            "Send payment reminder",
            null,
            null,
            "NEW",
            "TRANSACTIONAL",
            "SMS",
            "payment-reminder-new",
            "zh-CN",
            "SKIPPED",
            0,
            null,
            null,
            "FREQUENCY_CAP",
            Facts.at("2026-11-10T05:00:00Z")));
    assertThat(csvOf("/api/analytics/skips.csv?lang=zh-CN&" + PERIOD))
        .contains("order-journey,Activity_SendPaymentReminder,发送催付提醒,");
    assertThat(csvOf("/api/analytics/breakdown.csv?by=step&lang=zh-CN&" + PERIOD))
        .contains("order-journey,1,Activity_SendPaymentReminder,发送催付提醒,");
    assertThat(csvOf("/api/analytics/skips.csv?lang=en&" + PERIOD))
        .contains("order-journey,Activity_SendPaymentReminder,Send payment reminder,");
    // the machine CSV: the codes, no code column
    String machine = csvOf("/api/analytics/breakdown.csv?by=segment&" + PERIOD);
    assertThat(columns(machine)).startsWith("segment").noneMatch(c -> c.contains("#code"));
    assertThat(machine.lines().toList()).anyMatch(l -> l.startsWith("A_LOYAL,"));
  }

  /**
   * #16 review: every parameter of every /api/analytics route the dashboard's pages validate is
   * refused as the pages refuse it: 400, {@code {"error": …, "parameter": …}}, the error naming the
   * parameter's value and what is accepted, the parameter named in the body.
   */
  @Test
  @DisplayName(
      "#16 review: bad parameters per endpoint (period, dates, breakdown, basis, table, lang,"
          + " journey version, missing ones) answer 400 naming the parameter and what it accepts")
  void everyBadParameterNamesItself() throws Exception {
    String step = "/api/analytics/step?processId=campaign-offer&stepId=Activity_Offer&";
    record Case(String url, String parameter, List<String> mentions) {}
    List<Case> cases = new java.util.ArrayList<>();
    for (String route :
        List.of(
            "summary",
            "trend",
            "decay",
            "members",
            "payment-reminders",
            "skips",
            "breakdown?by=step&",
            "step?processId=campaign-offer&stepId=Activity_Offer&")) {
      for (String csv : List.of("", ".csv")) {
        String base =
            route.contains("?")
                ? "/api/analytics/" + route.replace("?", csv + "?")
                : "/api/analytics/" + route + csv + "?";
        cases.add(new Case(base + "from=11/11/2026", "from", List.of("11/11/2026", "2026-11-11")));
        cases.add(new Case(base + "to=2026-13-01", "to", List.of("2026-13-01")));
        cases.add(
            new Case(
                base + "from=2026-11-12&to=2026-11-10", "to", List.of("2026-11-10", "2026-11-12")));
        cases.add(
            new Case(
                base + "from=2000-01-01&to=2026-11-10",
                "from",
                List.of("2000-01-01", "3660 days")));
        if (!csv.isEmpty()) {
          cases.add(new Case(base + "lang=fr&" + PERIOD, "lang", List.of("fr", "zh-CN", "en")));
        }
      }
    }
    for (String csv : List.of("", ".csv")) {
      String breakdown = "/api/analytics/breakdown" + csv + "?";
      cases.add(new Case(breakdown + PERIOD, "by", List.of("by")));
      cases.add(new Case(breakdown + "by=colour&" + PERIOD, "by", List.of("colour", "STEP")));
      cases.add(
          new Case(
              breakdown + "by=step&basis=refund&" + PERIOD, "basis", List.of("refund", "SEND")));
      String stepRoute = "/api/analytics/step" + csv + "?";
      cases.add(
          new Case(
              stepRoute + "stepId=Activity_Offer&" + PERIOD, "processId", List.of("processId")));
      cases.add(
          new Case(stepRoute + "processId=campaign-offer&" + PERIOD, "stepId", List.of("stepId")));
      cases.add(
          new Case(
              stepRoute
                  + "processId=campaign-offer&stepId=Activity_Offer&processVersion=99&"
                  + PERIOD,
              "processVersion",
              List.of("99", "never deployed", "campaign-offer")));
    }
    cases.add(
        new Case(
            step.replace("step?", "step.csv?") + "table=colour&" + PERIOD,
            "table",
            List.of("colour", "trend")));
    cases.add(
        new Case("/api/analytics/rules.csv?table=nope", "table", List.of("nope", "versions")));
    cases.add(new Case("/api/analytics/rules.csv?lang=fr", "lang", List.of("fr")));

    for (Case c : cases) {
      String body =
          mvc.perform(get(c.url()))
              .andExpect(status().isBadRequest())
              .andExpect(jsonPath("$.parameter").value(c.parameter()))
              .andReturn()
              .getResponse()
              .getContentAsString(StandardCharsets.UTF_8);
      String error = mapper.readTree(body).get("error").asText();
      assertThat(error).as(c.url()).contains(c.mentions());
      assertThat(error).as(c.url()).doesNotContain("{0}", "error.");
    }
    // the step's journey, version and step are checked as the Journey page checks them
    assertThat(stepChecks).contains(List.of("campaign-offer", "Activity_Offer", "99"));
  }

  @Test
  @DisplayName("Bad request: an unknown breakdown or a reversed period answers 400 with the reason")
  void badRequests() throws Exception {
    mvc.perform(get("/api/analytics/breakdown?by=colour&" + PERIOD))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("colour")));
    mvc.perform(get("/api/analytics/summary?from=2026-11-12&to=2026-11-10"))
        .andExpect(status().isBadRequest());
  }

  @Test
  @DisplayName("R23 recompute is an explicit POST, logged and listed with the rule versions")
  void recompute() throws Exception {
    mvc.perform(
            post("/api/analytics/recompute")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"requestedBy\":\"ops-lead\",\"reason\":\"check\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.ordersSeen").value(5))
        .andExpect(jsonPath("$.ordersChanged").value(0));
    mvc.perform(get("/api/analytics/rules"))
        .andExpect(jsonPath("$.current.version").value(1))
        .andExpect(jsonPath("$.recomputations[0].requested_by").value("ops-lead"));
    // the figures are unchanged
    mvc.perform(get("/api/analytics/summary?" + PERIOD))
        .andExpect(jsonPath("$.bySendDay.attributedGmv").value(620.00));
  }
}
