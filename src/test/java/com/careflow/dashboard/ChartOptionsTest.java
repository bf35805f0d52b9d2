package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.analytics.AnalyticsReports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The chart options carry the API's figures unchanged, in the order the charts draw them. */
class ChartOptionsTest {

  static final Function<String, String> LABEL = key -> "<" + key + ">";
  static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  static final LocalDate D1 = LocalDate.of(2026, 11, 10);

  static AnalyticsReports.Header header() {
    return new AnalyticsReports.Header(
        D1,
        D1.plusDays(2),
        "Asia/Shanghai",
        "PT72H",
        1,
        List.of(1),
        "CNY",
        Instant.EPOCH,
        Map.of());
  }

  static AnalyticsReports.Figures figures(
      long sent, long delivered, long orders, String gmv, String rate) {
    return new AnalyticsReports.Figures(
        sent,
        delivered,
        sent - delivered,
        0,
        sent,
        new BigDecimal("0.05"),
        BigDecimal.ZERO,
        new BigDecimal("0.05"),
        orders,
        orders,
        new BigDecimal(gmv),
        new BigDecimal(gmv),
        rate == null ? null : new BigDecimal(rate),
        "1.0 : 1",
        "1.0 : 1");
  }

  static JsonNode json(Object option) throws Exception {
    return JSON.readTree(JSON.writeValueAsString(option));
  }

  @Test
  @DisplayName(
      "R26 trend: one category per shop day; a day without sends has 0 orders, 0 GMV and no conversion rate")
  void trendFillsEveryDay() throws Exception {
    var report =
        new AnalyticsReports.BreakdownReport(
            header(),
            "SEND",
            "DAY",
            List.of(
                new AnalyticsReports.BreakdownRow(
                    Map.of("shop_day", D1), figures(3, 2, 2, "420.00", "0.6667"), null),
                new AnalyticsReports.BreakdownRow(
                    Map.of("shop_day", D1.plusDays(2)),
                    figures(2, 2, 1, "200.00", "0.5000"),
                    null)));
    JsonNode option = json(ChartOptions.trend(report, D1, D1.plusDays(2), LABEL));
    assertThat(option.at("/xAxis/0/data").toString())
        .isEqualTo("[\"2026-11-10\",\"2026-11-11\",\"2026-11-12\"]");
    assertThat(option.at("/series/0/type").asText()).isEqualTo("bar");
    assertThat(option.at("/series/0/name").asText()).isEqualTo("<figure.attributedOrders>");
    assertThat(option.at("/series/0/data").toString()).isEqualTo("[2,0,1]");
    assertThat(option.at("/series/1/type").asText()).isEqualTo("bar");
    assertThat(option.at("/series/1/data").toString()).isEqualTo("[420.0,0.0,200.0]");
    assertThat(option.at("/series/2/type").asText()).isEqualTo("line");
    assertThat(option.at("/series/2/yAxisIndex").asInt()).isEqualTo(2);
    assertThat(option.at("/series/2/data").toString()).isEqualTo("[0.6667,null,0.5]");
    assertThat(option.at("/yAxis/2/axisLabel/formatter").asText()).isEqualTo("percent");
  }

  @Test
  @DisplayName(
      "#17 trend: the rate's axis stands outside the GMV axis (labels don't collide) and the orders"
          + " axis counts in whole numbers, also for a period without orders")
  void trendAxesDoNotCollide() throws Exception {
    var empty = new AnalyticsReports.BreakdownReport(header(), "SEND", "DAY", List.of());
    JsonNode option = json(ChartOptions.trend(empty, D1, D1.plusDays(2), LABEL));
    assertThat(option.at("/series/0/data").toString()).isEqualTo("[0,0,0]");
    assertThat(option.at("/yAxis/0/minInterval").asInt()).isEqualTo(1);
    assertThat(option.at("/yAxis/1/position").asText()).isEqualTo("right");
    assertThat(option.at("/yAxis/1/offset").asInt()).isZero();
    assertThat(option.at("/yAxis/2/position").asText()).isEqualTo("right");
    // the GMV axis' widest label, "¥50,000.00" at 12 px, is about 70 px plus an 8 px margin
    int rateOffset = option.at("/yAxis/2/offset").asInt();
    assertThat(rateOffset).isGreaterThanOrEqualTo(85);
    // the rate's own labels ("100%", about 35 px) still inside the grid's right margin
    assertThat(option.at("/grid/right").asInt()).isGreaterThanOrEqualTo(rateOffset + 45);
    assertThat(option.at("/yAxis/1/minInterval").isMissingNode()).as("GMV is money").isTrue();
  }

  @Test
  @DisplayName(
      "#17 locale: day axes keep the API's ISO days as data and name the date formatter; counts,"
          + " money (with the shop's currency) and rates name theirs, for axes and tooltips")
  void formattersForTheLocale() throws Exception {
    var report =
        new AnalyticsReports.BreakdownReport(
            header(),
            "SEND",
            "DAY",
            List.of(
                new AnalyticsReports.BreakdownRow(
                    Map.of("shop_day", D1), figures(3, 2, 2, "420.00", "0.6667"), null)));
    JsonNode trend = json(ChartOptions.trend(report, D1, D1, LABEL));
    assertThat(trend.at("/careflow/currency").asText()).isEqualTo("CNY");
    assertThat(trend.at("/xAxis/0/data/0").asText()).isEqualTo("2026-11-10");
    assertThat(trend.at("/xAxis/0/axisLabel/formatter").asText()).isEqualTo(ChartOptions.DATE);
    assertThat(trend.at("/xAxis/0/axisPointer/label/formatter").asText())
        .isEqualTo(ChartOptions.DATE);
    assertThat(trend.at("/yAxis/0/axisLabel/formatter").asText()).isEqualTo(ChartOptions.NUMBER);
    assertThat(trend.at("/yAxis/1/axisLabel/formatter").asText()).isEqualTo(ChartOptions.MONEY);
    assertThat(trend.at("/yAxis/2/axisLabel/formatter").asText()).isEqualTo(ChartOptions.PERCENT);
    assertThat(trend.at("/series/0/tooltip/valueFormatter").asText())
        .isEqualTo(ChartOptions.NUMBER);
    assertThat(trend.at("/series/1/tooltip/valueFormatter").asText()).isEqualTo(ChartOptions.MONEY);
    assertThat(trend.at("/series/2/tooltip/valueFormatter").asText())
        .isEqualTo(ChartOptions.PERCENT);

    var members =
        new AnalyticsReports.Members(
            header(),
            List.of(
                new AnalyticsReports.MemberRow(
                    "NEW",
                    2,
                    new BigDecimal("0.5"),
                    2,
                    3,
                    new BigDecimal("300.00"),
                    new BigDecimal("300.00"),
                    new BigDecimal("0.5"),
                    new BigDecimal("0.5"),
                    new BigDecimal("150.00"),
                    new BigDecimal("1.5"),
                    BigDecimal.ONE)));
    JsonNode bars = json(ChartOptions.membersBars(members, LABEL));
    assertThat(bars.at("/yAxis/0/axisLabel/formatter").asText()).isEqualTo(ChartOptions.MONEY);
    assertThat(bars.at("/yAxis/1/axisLabel/formatter").asText()).isEqualTo(ChartOptions.NUMBER);
    assertThat(
            json(ChartOptions.membersDonut(members, "gmv", LABEL))
                .at("/tooltip/valueFormatter")
                .asText())
        .isEqualTo(ChartOptions.MONEY);
    assertThat(
            json(ChartOptions.membersDonut(members, "buyers", LABEL))
                .at("/tooltip/valueFormatter")
                .asText())
        .isEqualTo(ChartOptions.NUMBER);
  }

  @Test
  @DisplayName("Funnel: messages sent → delivered → attributed buyers of the summary")
  void funnel() throws Exception {
    var summary =
        new AnalyticsReports.Summary(
            header(),
            figures(5, 4, 3, "620.00", "0.6"),
            new AnalyticsReports.Buyers(4, 3, new BigDecimal("0.75"), 3, new BigDecimal("620.00")),
            null);
    JsonNode option = json(ChartOptions.funnel(summary, 0, LABEL));
    JsonNode data = option.at("/series/0/data");
    assertThat(data).hasSize(3);
    assertThat(data.get(0).get("name").asText()).isEqualTo("<figure.messagesSent>");
    assertThat(data.get(0).get("value").asLong()).isEqualTo(5);
    assertThat(data.get(1).get("value").asLong()).isEqualTo(4);
    assertThat(data.get(2).get("name").asText()).isEqualTo("<figure.attributedBuyers>");
    assertThat(data.get(2).get("value").asLong()).isEqualTo(3);
    assertThat(option.at("/series/0/sort").asText()).isEqualTo("none");
  }

  @Test
  @DisplayName("#17 Funnel of a period without a send: no zeros, it says no message was sent")
  void funnelOfAnEmptyPeriod() throws Exception {
    var summary =
        new AnalyticsReports.Summary(
            header(),
            figures(0, 0, 0, "0.00", null),
            new AnalyticsReports.Buyers(0, 0, null, 0, BigDecimal.ZERO),
            null);
    JsonNode option = json(ChartOptions.funnel(summary, 0, LABEL));
    assertThat(option.at("/series/0/data")).isEmpty();
    assertThat(option.at("/title/text").asText()).isEqualTo("<funnel.empty>");
  }

  @Test
  @DisplayName("#17 Funnel of a dry run (DRY_RUN sends: sent, never delivered): delivered says so")
  void funnelOfADryRun() throws Exception {
    var summary =
        new AnalyticsReports.Summary(
            header(),
            figures(5, 0, 1, "100.00", "0.2"),
            new AnalyticsReports.Buyers(5, 1, new BigDecimal("0.2"), 1, new BigDecimal("100.00")),
            null);
    JsonNode option = json(ChartOptions.funnel(summary, 5, LABEL));
    JsonNode data = option.at("/series/0/data");
    assertThat(data).hasSize(3);
    assertThat(data.get(1).get("name").asText()).isEqualTo("<figure.deliveredDryRun>");
    assertThat(data.get(1).get("value").asLong()).isZero();
    assertThat(option.has("title")).isFalse();
    // without a dry-run send, delivered is the provider's
    assertThat(json(ChartOptions.funnel(summary, 0, LABEL)).at("/series/0/data/1/name").asText())
        .isEqualTo("<figure.delivered>");
  }

  @Test
  @DisplayName("R26 decay: the API's buckets and counts in their order")
  void decay() throws Exception {
    var decay =
        new AnalyticsReports.Decay(
            header(),
            3,
            List.of(
                new AnalyticsReports.DecayBucket("0-1 h", 2, new BigDecimal("0.6667")),
                new AnalyticsReports.DecayBucket("1-24 h", 0, BigDecimal.ZERO),
                new AnalyticsReports.DecayBucket("24-48 h", 1, new BigDecimal("0.3333"))));
    JsonNode option = json(ChartOptions.decay(decay, LABEL));
    assertThat(option.at("/xAxis/0/data").toString())
        .isEqualTo("[\"0-1 h\",\"1-24 h\",\"24-48 h\"]");
    assertThat(option.at("/series/0/data").toString()).isEqualTo("[2,0,1]");
  }

  static AnalyticsReports.Members memberRows() {
    return new AnalyticsReports.Members(
        header(),
        List.of(
            new AnalyticsReports.MemberRow(
                "NEW",
                2,
                new BigDecimal("0.4"),
                2,
                2,
                new BigDecimal("320.00"),
                new BigDecimal("320.00"),
                new BigDecimal("0.3678"),
                new BigDecimal("0.3855"),
                new BigDecimal("160.00"),
                new BigDecimal("1.00"),
                new BigDecimal("1.00")),
            new AnalyticsReports.MemberRow(
                "RETURNING",
                2,
                new BigDecimal("0.4"),
                2,
                5,
                new BigDecimal("450.00"),
                new BigDecimal("410.00"),
                new BigDecimal("0.5172"),
                new BigDecimal("0.4940"),
                new BigDecimal("225.00"),
                new BigDecimal("2.50"),
                new BigDecimal("1.00")),
            new AnalyticsReports.MemberRow(
                "UNKNOWN",
                0,
                BigDecimal.ZERO,
                0,
                0,
                new BigDecimal("0.00"),
                new BigDecimal("0.00"),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                null,
                null,
                null)));
  }

  @Test
  @DisplayName(
      "R25 members: the donuts hold the kinds' buyers and GMV, the bars AOV and units per buyer (null without buyers)")
  void members() throws Exception {
    JsonNode buyers = json(ChartOptions.membersDonut(memberRows(), "buyers", LABEL));
    assertThat(buyers.at("/series/0/type").asText()).isEqualTo("pie");
    assertThat(buyers.at("/series/0/data/0/name").asText()).isEqualTo("<kind.NEW>");
    assertThat(buyers.at("/series/0/data").findValuesAsText("value"))
        .containsExactly("2", "2", "0");
    JsonNode gmv = json(ChartOptions.membersDonut(memberRows(), "gmv", LABEL));
    assertThat(gmv.at("/series/0/data").findValuesAsText("value"))
        .containsExactly("320.0", "450.0", "0.0");
    // #17: the zero slice (UNKNOWN) stays in the data, but draws neither label nor leader line
    for (JsonNode donut : List.of(buyers, gmv)) {
      assertThat(donut.at("/series/0/data/2/label/show").asBoolean(true)).isFalse();
      assertThat(donut.at("/series/0/data/2/labelLine/show").asBoolean(true)).isFalse();
      assertThat(donut.at("/series/0/data/0/label").isMissingNode()).isTrue();
      assertThat(donut.at("/series/0/data/1/labelLine").isMissingNode()).isTrue();
      // outside labels whole, not ended in "…"
      assertThat(donut.at("/series/0/label/position").asText()).isEqualTo("outside");
      assertThat(donut.at("/series/0/label/overflow").asText()).isEqualTo("none");
      assertThat(donut.at("/series/0/avoidLabelOverlap").asBoolean()).isTrue();
    }
    JsonNode bars = json(ChartOptions.membersBars(memberRows(), LABEL));
    assertThat(bars.at("/series/0/data").toString()).isEqualTo("[160.0,225.0,null]");
    assertThat(bars.at("/series/1/data").toString()).isEqualTo("[1.0,2.5,null]");
    assertThat(bars.at("/series/1/yAxisIndex").asInt()).isEqualTo(1);
    assertThatThrownBy(() -> ChartOptions.membersDonut(memberRows(), "units", LABEL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("buyers or gmv");
  }

  /**
   * One experiment of one day: the payment reminder's holdout (200 of 1 000 buyers converted)
   * against its treatment (300 of 1 000), no GMV.
   */
  static com.careflow.experiments.ExperimentReports.Report experimentReport(LocalDate day) {
    long[] t = new long[1_000];
    double[] tg = new double[1_000];
    long[] h = new long[1_000];
    double[] hg = new double[1_000];
    java.util.Arrays.fill(t, 0, 300, 1);
    java.util.Arrays.fill(h, 0, 200, 1);
    var lift =
        com.careflow.experiments.LiftCalculator.lift(
            new com.careflow.experiments.LiftCalculator.Group(t, tg),
            new com.careflow.experiments.LiftCalculator.Group(h, hg),
            0);
    return new com.careflow.experiments.ExperimentReports.Report(
        day,
        day,
        "Asia/Shanghai",
        "PT72H",
        "CNY",
        0.95,
        Map.of(),
        List.of(
            new com.careflow.experiments.ExperimentReports.Row(
                "payment-reminder", "Activity_SendPaymentReminder", "ALL", lift)),
        List.of());
  }

  @Test
  @DisplayName("#18 the experiment chart draws both groups' conversion with their 95 % intervals")
  void experimentIntervalsCarryBothGroupsAndTheirIntervals() {
    var report = experimentReport(D1);
    var lift = report.rows().getFirst().lift();

    JsonNode option = JSON.valueToTree(ChartOptions.experimentIntervals(report, LABEL));

    assertThat(option.at("/xAxis/0/data/0").asText())
        .isEqualTo("payment-reminder · <experiments.holdout>");
    assertThat(option.at("/xAxis/0/data/1").asText())
        .isEqualTo("payment-reminder · <experiments.treatment>");
    // invisible base = lower bound, band = upper - lower, point = the conversion
    assertThat(option.at("/series/0/data/0").asDouble()).isEqualTo(lift.holdoutInterval().low());
    assertThat(option.at("/series/0/data/0").asDouble() + option.at("/series/1/data/0").asDouble())
        .isCloseTo(lift.holdoutInterval().high(), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(option.at("/series/2/data/0").asDouble()).isEqualTo(0.2);
    assertThat(option.at("/series/2/data/1").asDouble()).isEqualTo(0.3);
    assertThat(option.at("/series/1/data/1").asDouble())
        .isCloseTo(
            lift.treatmentInterval().high() - lift.treatmentInterval().low(),
            org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  @DisplayName(
      "R26 step detail: the step's trend (sent and orders as bars, conversion as a line) and its"
          + " own decay carry the step API's days and buckets unchanged")
  void stepTrendAndDecayCarryTheStepsOwnFigures() throws Exception {
    List<AnalyticsReports.StepDay> days =
        List.of(
            new AnalyticsReports.StepDay(
                D1,
                4,
                3,
                1,
                2,
                1,
                new BigDecimal("99.00"),
                new BigDecimal("99.00"),
                new BigDecimal("0.2500")),
            new AnalyticsReports.StepDay(
                D1.plusDays(1),
                0,
                0,
                0,
                0,
                0,
                new BigDecimal("0.00"),
                new BigDecimal("0.00"),
                null),
            new AnalyticsReports.StepDay(
                D1.plusDays(2),
                2,
                2,
                0,
                0,
                2,
                new BigDecimal("150.00"),
                new BigDecimal("150.00"),
                new BigDecimal("1.0000")));
    List<AnalyticsReports.DecayBucket> decay =
        List.of(
            new AnalyticsReports.DecayBucket("0-6 h", 2, new BigDecimal("0.6667")),
            new AnalyticsReports.DecayBucket("6-12 h", 0, new BigDecimal("0.0000")),
            new AnalyticsReports.DecayBucket("24-48 h", 1, new BigDecimal("0.3333")));
    var step =
        new AnalyticsReports.StepDetail(
            header(),
            "order-journey",
            "Activity_SendShipmentNotice",
            "Send shipment notice",
            figures(6, 5, 3, "249.00", "0.5000"),
            new AnalyticsReports.Buyers(
                6, 3, new BigDecimal("0.5000"), 3, new BigDecimal("249.00")),
            days,
            decay,
            List.of(),
            List.of(new AnalyticsReports.ReasonCount("NO_CONSENT", 2, BigDecimal.ONE)),
            List.of(new AnalyticsReports.ErrorCount(30003, 1, BigDecimal.ONE)),
            AnalyticsReports.VersionScope.parse(null),
            List.of(1));

    JsonNode trend = JSON.valueToTree(ChartOptions.stepTrend(step, LABEL));
    assertThat(trend.at("/xAxis/0/data").toString())
        .isEqualTo("[\"2026-11-10\",\"2026-11-11\",\"2026-11-12\"]");
    assertThat(trend.at("/series/0/type").asText()).isEqualTo("bar");
    assertThat(trend.at("/series/0/name").asText()).isEqualTo("<figure.messagesSent>");
    assertThat(trend.at("/series/0/data").toString()).isEqualTo("[4,0,2]");
    assertThat(trend.at("/series/1/data").toString()).isEqualTo("[1,0,2]");
    assertThat(trend.at("/series/2/type").asText()).isEqualTo("line");
    assertThat(trend.at("/series/2/yAxisIndex").asInt()).isEqualTo(1);
    assertThat(trend.at("/series/2/data").toString()).isEqualTo("[0.25,null,1]");
    assertThat(trend.at("/yAxis/0/minInterval").asInt()).as("sends are counts").isEqualTo(1);

    JsonNode d = JSON.valueToTree(ChartOptions.stepDecay(step, LABEL));
    assertThat(d.at("/xAxis/0/data").toString()).isEqualTo("[\"0-6 h\",\"6-12 h\",\"24-48 h\"]");
    assertThat(d.at("/series/0/data").toString()).isEqualTo("[2,0,1]");
    assertThat(d.at("/yAxis/0/minInterval").asInt()).as("orders are counts").isEqualTo(1);
  }
}
