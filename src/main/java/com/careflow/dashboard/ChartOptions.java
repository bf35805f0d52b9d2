package com.careflow.dashboard;

import com.careflow.analytics.AnalyticsReports;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * ECharts options built from the analytics API's figures, as plain maps and lists that serialize to
 * the JSON the page hands to {@code echarts.setOption}. Values are the API's own (no figure is
 * computed here); {@code label} turns a message key into the reader's language.
 */
final class ChartOptions {

  private ChartOptions() {}

  /**
   * Daily trend by send day (R26): attributed orders and attributed GMV as bars, conversion rate as
   * a line, one category per shop day of the period; a day without a row has 0 orders, 0 GMV and no
   * conversion rate.
   *
   * @param byDay the breakdown by {@code DAY} on the send basis
   */
  static Map<String, Object> trend(
      AnalyticsReports.BreakdownReport byDay,
      LocalDate from,
      LocalDate to,
      Function<String, String> label) {
    Map<LocalDate, AnalyticsReports.Figures> rows = new HashMap<>();
    for (var row : byDay.rows()) {
      rows.put((LocalDate) row.dimensions().get("shop_day"), row.figures());
    }
    List<String> days = new ArrayList<>();
    List<Object> orders = new ArrayList<>();
    List<Object> gmv = new ArrayList<>();
    List<Object> conversion = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d.toString());
      AnalyticsReports.Figures f = rows.get(d);
      orders.add(f == null ? 0L : f.attributedOrders());
      gmv.add(f == null ? BigDecimal.ZERO.setScale(2) : f.attributedGmv());
      conversion.add(f == null ? null : f.conversionRate());
    }
    String ordersName = label.apply("figure.attributedOrders");
    String gmvName = label.apply("figure.attributedGmv");
    String conversionName = label.apply("figure.conversionRate");
    Map<String, Object> option = base(byDay.header().currency());
    option.put("tooltip", Map.of("trigger", "axis"));
    option.put("legend", Map.of("data", List.of(ordersName, gmvName, conversionName), "top", 0));
    // the rate's axis sits outside the GMV axis, past its widest label ("¥50,000.00"), so the
    // two right-hand axes' labels never run into each other
    option.put("grid", Map.of("left", 48, "right", 140, "top", 64, "bottom", 32));
    option.put("xAxis", List.of(dayAxis(days)));
    option.put(
        "yAxis",
        List.of(
            counts(axis(ordersName, "left", 0, NUMBER)),
            unnamed(axis(gmvName, "right", 0, MONEY)),
            unnamed(percentAxis(conversionName, "right", 92))));
    option.put(
        "series",
        List.of(
            series(ordersName, "bar", orders, 0, "ordersBySendDay", NUMBER),
            series(gmvName, "bar", gmv, 1, "gmvBySendDay", MONEY),
            series(conversionName, "line", conversion, 2, "conversionRate", PERCENT)));
    return option;
  }

  /**
   * The funnel sent → delivered → attributed buyers of the period's summary. A period without a
   * message sent has no funnel: no data and the title "No messages sent in this period" ({@code
   * funnel.empty}) instead of three zeros. When messaging's dry-run mode recorded sends ({@code
   * dryRunSends}, which are counted as sent but never delivered), the delivered step says so
   * ({@code figure.deliveredDryRun}) rather than reading as a delivery failure.
   *
   * @param dryRunSends the period's sends recorded as {@code DRY_RUN} ({@link
   *     AnalyticsReports#dryRunSends})
   */
  static Map<String, Object> funnel(
      AnalyticsReports.Summary summary, long dryRunSends, Function<String, String> label) {
    Map<String, Object> option = base(summary.header().currency());
    option.put("tooltip", Map.of("trigger", "item", "valueFormatter", NUMBER));
    long sent = summary.bySendDay().messagesSent();
    List<Object> data =
        sent == 0
            ? List.of()
            : List.of(
                Map.of("name", label.apply("figure.messagesSent"), "value", sent),
                Map.of(
                    "name",
                    label.apply(dryRunSends > 0 ? "figure.deliveredDryRun" : "figure.delivered"),
                    "value",
                    summary.bySendDay().delivered()),
                Map.of(
                    "name",
                    label.apply("figure.attributedBuyers"),
                    "value",
                    summary.buyers().attributedBuyers()));
    if (sent == 0) {
      option.put(
          "title",
          Map.of(
              "text",
              label.apply("funnel.empty"),
              "left",
              "center",
              "top",
              "middle",
              "textStyle",
              Map.of("fontSize", 14, "fontWeight", "normal", "color", "#64748b")));
    }
    Map<String, Object> funnel = new LinkedHashMap<>();
    funnel.put("id", "funnel");
    funnel.put("type", "funnel");
    funnel.put("sort", "none");
    funnel.put("left", "10%");
    funnel.put("width", "80%");
    funnel.put("minSize", "8%");
    // "name: value", the value formatted for the page's locale (dashboard.js)
    funnel.put("label", Map.of("show", true, "position", "inside", "formatter", "nameNumber"));
    funnel.put("data", data);
    option.put("series", List.of(funnel));
    return option;
  }

  /**
   * One send step's trend by send day (R26): messages sent and attributed orders as bars, the
   * conversion rate as a line; the API's days in order (every day of the period).
   */
  static Map<String, Object> stepTrend(
      AnalyticsReports.StepDetail step, Function<String, String> label) {
    List<String> days = new ArrayList<>();
    List<Object> sent = new ArrayList<>();
    List<Object> orders = new ArrayList<>();
    List<Object> conversion = new ArrayList<>();
    for (AnalyticsReports.StepDay d : step.days()) {
      days.add(d.day().toString());
      sent.add(d.messagesSent());
      orders.add(d.attributedOrders());
      conversion.add(d.conversionRate());
    }
    String sentName = label.apply("figure.messagesSent");
    String ordersName = label.apply("figure.attributedOrders");
    String conversionName = label.apply("figure.conversionRate");
    Map<String, Object> option = base(step.header().currency());
    option.put("tooltip", Map.of("trigger", "axis"));
    option.put("legend", Map.of("data", List.of(sentName, ordersName, conversionName), "top", 0));
    option.put("grid", Map.of("left", 48, "right", 64, "top", 56, "bottom", 32));
    option.put("xAxis", List.of(dayAxis(days)));
    option.put(
        "yAxis",
        List.of(
            counts(axis(sentName, "left", 0, NUMBER)),
            unnamed(percentAxis(conversionName, "right", 0))));
    option.put(
        "series",
        List.of(
            series(sentName, "bar", sent, 0, "stepSent", NUMBER),
            series(ordersName, "bar", orders, 0, "stepOrders", NUMBER),
            series(conversionName, "line", conversion, 1, "stepConversionRate", PERCENT)));
    return option;
  }

  /** A step's decay 0–72 h (R26): the step detail's buckets, drawn as {@link #decay}. */
  static Map<String, Object> stepDecay(
      AnalyticsReports.StepDetail step, Function<String, String> label) {
    return decay(
        new AnalyticsReports.Decay(step.header(), step.figures().attributedOrders(), step.decay()),
        label);
  }

  /** Credited orders by hours from message to payment (R26), the API's buckets in order. */
  static Map<String, Object> decay(AnalyticsReports.Decay decay, Function<String, String> label) {
    Map<String, Object> option = base(decay.header().currency());
    option.put("tooltip", Map.of("trigger", "axis"));
    option.put("grid", Map.of("left", 48, "right", 24, "top", 40, "bottom", 32));
    option.put(
        "xAxis",
        List.of(
            Map.of(
                "type",
                "category",
                "data",
                decay.buckets().stream().map(AnalyticsReports.DecayBucket::hours).toList())));
    String name = label.apply("figure.attributedOrders");
    option.put("yAxis", List.of(counts(axis(name, "left", 0, NUMBER))));
    option.put(
        "series",
        List.of(
            series(
                name,
                "bar",
                new ArrayList<>(
                    decay.buckets().stream()
                        .map(AnalyticsReports.DecayBucket::attributedOrders)
                        .toList()),
                0,
                "decay",
                NUMBER)));
    return option;
  }

  /**
   * R25: one donut of the member kinds' buyers ({@code "buyers"}) or GMV ({@code "gmv"}); the slice
   * values are the API's counts and amounts.
   */
  static Map<String, Object> membersDonut(
      AnalyticsReports.Members members, String measure, Function<String, String> label) {
    List<Object> data = new ArrayList<>();
    for (var row : members.rows()) {
      Object value =
          switch (measure) {
            case "buyers" -> row.buyers();
            case "gmv" -> row.gmv();
            default -> throw new IllegalArgumentException("measure is buyers or gmv: " + measure);
          };
      Map<String, Object> slice = new LinkedHashMap<>();
      slice.put("name", label.apply("kind." + row.buyerKind()));
      slice.put("value", value);
      if (((Number) value).doubleValue() == 0) {
        // a zero slice stays in the data (and the legend) but draws no leader line to no label
        slice.put("label", Map.of("show", false));
        slice.put("labelLine", Map.of("show", false));
      }
      data.add(slice);
    }
    Map<String, Object> option = base(members.header().currency());
    option.put(
        "tooltip",
        Map.of("trigger", "item", "valueFormatter", measure.equals("gmv") ? MONEY : NUMBER));
    option.put("legend", Map.of("bottom", 0));
    Map<String, Object> pie = new LinkedHashMap<>();
    pie.put("id", measure);
    pie.put("name", label.apply(measure.equals("buyers") ? "figure.buyers" : "figure.gmv"));
    pie.put("type", "pie");
    // a smaller ring leaves the outside labels room: the card gives the chart about 280 x 260 px,
    // a ring of radius 46% and short leader lines leave about 70 px beside it, enough for
    // "Returning" / "老客" whole; ECharts' own width estimate there is a few px short and would
    // end the name in "…" (truncate) or split it ("Returnin g", break), so no overflow handling
    pie.put("radius", List.of("30%", "46%"));
    pie.put("avoidLabelOverlap", true);
    pie.put("label", Map.of("position", "outside", "overflow", "none"));
    pie.put("labelLine", Map.of("length", 8, "length2", 6));
    pie.put("data", data);
    option.put("series", List.of(pie));
    return option;
  }

  /** R25: average order value and units per buyer of each member kind, as bars. */
  static Map<String, Object> membersBars(
      AnalyticsReports.Members members, Function<String, String> label) {
    List<String> kinds = new ArrayList<>();
    List<Object> aov = new ArrayList<>();
    List<Object> units = new ArrayList<>();
    for (var row : members.rows()) {
      kinds.add(label.apply("kind." + row.buyerKind()));
      aov.add(row.averageOrderValue());
      units.add(row.unitsPerBuyer());
    }
    String aovName = label.apply("figure.averageOrderValue");
    String unitsName = label.apply("figure.unitsPerBuyer");
    Map<String, Object> option = base(members.header().currency());
    option.put("tooltip", Map.of("trigger", "axis"));
    option.put("legend", Map.of("data", List.of(aovName, unitsName), "top", 0));
    option.put("grid", Map.of("left", 56, "right", 56, "top", 64, "bottom", 32));
    option.put("xAxis", List.of(Map.of("type", "category", "data", kinds)));
    option.put(
        "yAxis", List.of(axis(aovName, "left", 0, MONEY), axis(unitsName, "right", 0, NUMBER)));
    option.put(
        "series",
        List.of(
            series(aovName, "bar", aov, 0, "averageOrderValue", MONEY),
            series(unitsName, "bar", units, 1, "unitsPerBuyer", NUMBER)));
    return option;
  }

  /**
   * #18: conversion of each experiment's holdout and treatment (variant) with its 95 % Wilson
   * interval: an invisible bar up to the lower bound, a bar from lower to upper bound (the
   * interval), and a point at the measured conversion.
   */
  static Map<String, Object> experimentIntervals(
      com.careflow.experiments.ExperimentReports.Report report, Function<String, String> label) {
    List<String> categories = new ArrayList<>();
    List<Object> base = new ArrayList<>();
    List<Object> band = new ArrayList<>();
    List<Object> point = new ArrayList<>();
    for (var row : report.rows()) {
      var lift = row.lift();
      String name = row.experimentId() + (row.variant().equals("ALL") ? "" : " " + row.variant());
      add(
          categories,
          base,
          band,
          point,
          name + " · " + label.apply("experiments.holdout"),
          lift.holdoutConversion(),
          lift.holdoutInterval());
      add(
          categories,
          base,
          band,
          point,
          name + " · " + label.apply("experiments.treatment"),
          lift.treatmentConversion(),
          lift.treatmentInterval());
    }
    String intervalName = label.apply("experiments.interval");
    String conversionName = label.apply("experiments.conversion");
    Map<String, Object> option = base(report.currency());
    option.put("tooltip", Map.of("trigger", "axis"));
    option.put("legend", Map.of("data", List.of(conversionName, intervalName), "top", 0));
    option.put("grid", Map.of("left", 56, "right", 24, "top", 48, "bottom", 64));
    option.put(
        "xAxis",
        List.of(
            Map.of("type", "category", "data", categories, "axisLabel", Map.of("interval", 0))));
    option.put("yAxis", List.of(percentAxis(conversionName, "left", 0)));
    Map<String, Object> hidden = series("", "bar", base, 0, "intervalBase", PERCENT);
    hidden.put("stack", "interval");
    hidden.put("itemStyle", Map.of("color", "transparent"));
    hidden.put("tooltip", Map.of("show", false));
    Map<String, Object> interval = series(intervalName, "bar", band, 0, "interval", PERCENT);
    interval.put("stack", "interval");
    interval.put("barWidth", 18);
    interval.put("itemStyle", Map.of("opacity", 0.35));
    Map<String, Object> measured =
        series(conversionName, "scatter", point, 0, "conversion", PERCENT);
    measured.put("symbolSize", 12);
    option.put("series", List.of(hidden, interval, measured));
    return option;
  }

  private static void add(
      List<String> categories,
      List<Object> base,
      List<Object> band,
      List<Object> point,
      String category,
      Double conversion,
      com.careflow.experiments.LiftCalculator.Interval interval) {
    categories.add(category);
    point.add(conversion);
    if (interval.low() == null) {
      base.add(null);
      band.add(null);
    } else {
      base.add(interval.low());
      band.add(interval.high() - interval.low());
    }
  }

  /**
   * Formatters dashboard.js puts in place of these names, for the page's locale ({@code <html
   * lang>}, with {@code Intl}): shop days as the locale's short date, counts with grouping, money
   * in the shop's currency ({@code careflow.currency} of the option), rates as percentages.
   */
  static final String DATE = "date";

  static final String NUMBER = "number";
  static final String MONEY = "money";
  static final String PERCENT = "percent";

  /** A category axis of shop days: the API's ISO days as data, labelled for the locale. */
  private static Map<String, Object> dayAxis(List<String> days) {
    Map<String, Object> axis = new LinkedHashMap<>();
    axis.put("type", "category");
    axis.put("data", days);
    axis.put("axisLabel", Map.of("formatter", DATE));
    axis.put("axisPointer", Map.of("label", Map.of("formatter", DATE)));
    return axis;
  }

  private static Map<String, Object> base(String currency) {
    Map<String, Object> option = new LinkedHashMap<>();
    // read (and removed) by dashboard.js: the shop's currency of the money formatter
    option.put("careflow", Map.of("currency", currency));
    option.put("animation", false);
    option.put("color", List.of("#2f6fed", "#12a594", "#f5a524", "#e5484d", "#8e4ec6", "#64748b"));
    return option;
  }

  private static Map<String, Object> axis(String name, String position, int offset, String format) {
    Map<String, Object> axis = new LinkedHashMap<>();
    axis.put("type", "value");
    axis.put("name", name);
    axis.put("position", position);
    axis.put("offset", offset);
    axis.put("splitLine", Map.of("show", position.equals("left")));
    axis.put("axisLabel", Map.of("formatter", format));
    return axis;
  }

  /** An axis of counts: whole-number ticks only, also when every value is 0 (no 0.2, 0.4 …). */
  private static Map<String, Object> counts(Map<String, Object> axis) {
    axis.put("minInterval", 1);
    return axis;
  }

  /** A right-hand axis without its name (the legend names its series; names would overlap). */
  private static Map<String, Object> unnamed(Map<String, Object> axis) {
    axis.remove("name");
    return axis;
  }

  private static Map<String, Object> percentAxis(String name, String position, int offset) {
    Map<String, Object> axis = axis(name, position, offset, PERCENT);
    axis.put("min", 0);
    return axis;
  }

  private static Map<String, Object> series(
      String name, String type, List<Object> data, int yAxisIndex, String id, String format) {
    Map<String, Object> series = new LinkedHashMap<>();
    series.put("id", id);
    series.put("name", name);
    series.put("type", type);
    series.put("yAxisIndex", yAxisIndex);
    series.put("data", data);
    series.put("tooltip", Map.of("valueFormatter", format));
    if (type.equals("line")) {
      series.put("connectNulls", false);
      series.put("symbolSize", 7);
    }
    return series;
  }
}
