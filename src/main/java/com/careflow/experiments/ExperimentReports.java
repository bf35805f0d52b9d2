package com.careflow.experiments;

import com.careflow.analytics.AnalyticsProperties;
import com.careflow.analytics.AnalyticsQueries;
import com.careflow.journeys.JourneysProperties;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The experiments' lift, per experiment (one send step) and per variant, from the exposures ({@code
 * experiment_exposure}) and the analytics module's paid orders and message costs (through its port
 * {@link AnalyticsQueries}).
 *
 * <p>Rows are per experiment and journey step (the calling step the real and virtual sends are
 * recorded under, so two steps sharing an experiment id are never mixed). Each buyer counts once
 * per experiment and step, in the group of their first exposure in the period (a shop-day range in
 * {@code careflow.journeys.shop-time-zone}); they converted when they paid an order after that
 * exposure and less than the attribution window ({@code careflow.analytics.attribution-window})
 * after it — the same rule for the real and the virtual sends, whatever other messages they got.
 * GMV is the gross paid amount of those orders in the shop's currency; the treatment's cost is the
 * analytics module's message cost of its sends.
 */
@Service
public class ExperimentReports {

  /** The whole treatment group against the holdout (all variants together). */
  public static final String ALL_VARIANTS = "ALL";

  private final JdbcClient jdbc;
  private final AnalyticsQueries analyticsQueries;
  private final Duration window;
  private final ZoneId shopZone;
  private final String currency;
  private final ExperimentProperties properties;

  @Autowired
  ExperimentReports(
      JdbcClient jdbc,
      AnalyticsQueries analyticsQueries,
      AnalyticsProperties analytics,
      JourneysProperties journeys,
      ExperimentProperties properties) {
    this(
        jdbc,
        analyticsQueries,
        analytics.attributionWindow(),
        journeys.shopTimeZone(),
        analytics.currency(),
        properties);
  }

  ExperimentReports(
      JdbcClient jdbc,
      AnalyticsQueries analyticsQueries,
      Duration window,
      ZoneId shopZone,
      String currency,
      ExperimentProperties properties) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.analyticsQueries = analyticsQueries;
    this.window = window;
    this.shopZone = shopZone;
    this.currency = currency;
  }

  /**
   * One row: a variant (or {@link #ALL_VARIANTS}) of an experiment on one journey step against its
   * holdout on that step.
   *
   * @param stepId the calling journey step the sends (real and virtual) belong to, e.g. {@code
   *     Activity_SendPaymentReminder}
   * @param variant the treated buyers' template key, or {@code ALL}
   */
  public record Row(String experimentId, String stepId, String variant, LiftCalculator.Lift lift) {}

  /**
   * The report.
   *
   * @param from first shop day (inclusive) of the exposures counted
   * @param to last shop day (inclusive)
   * @param attributionWindow ISO-8601 duration, e.g. {@code PT72H}
   * @param definitions each figure's rule and unit (lifts and conversions are fractions)
   * @param holdouts the shipped holdouts as configured and as applied, with the reason when not
   */
  public record Report(
      LocalDate from,
      LocalDate to,
      String timeZone,
      String attributionWindow,
      String currency,
      double confidence,
      Map<String, String> definitions,
      List<Row> rows,
      List<ExperimentProperties.HoldoutStatus> holdouts) {}

  static final Map<String, String> DEFINITIONS =
      Map.of(
          "converted",
          "paid an order after the buyer's first real or virtual send of the experiment in the"
              + " period and less than the attribution window after it (same rule in both groups)",
          "unit",
          "conversions and lifts are fractions: 0.0523 = 5.23 % (a conversion) or 5.23 percentage"
              + " points (an absolute lift); a relative lift of 0.54 = +54 %; money in the"
              + " currency; null when a group has no buyer",
          "absoluteLift",
          "treatment conversion - holdout conversion (fraction = percentage points / 100), 95 %"
              + " Newcombe hybrid score interval; null without held-out or treated buyers",
          "relativeLift",
          "treatment conversion / holdout conversion - 1 (fraction), 95 % Katz log-ratio interval",
          "gmvPerBuyerLift",
          "difference of GMV per buyer, 95 % percentile bootstrap (2000 resamples, seed 18)",
          "incremental",
          "orders and GMV: per-buyer difference x treated buyers; ROI: incremental GMV / cost",
          "significant",
          "the conversion lift's verdict: false (not significant) when the absolute lift's"
              + " interval contains zero",
          "gmvSignificant",
          "the incremental GMV's verdict: false when its bootstrap interval contains zero",
          "holdouts",
          "the shipped holdouts: configured share (%) on the step, effective share (%) applied,"
              + " and why not applied");

  private record Exposure(
      String experimentId,
      String stepId,
      String customerId,
      String group,
      String templateKey,
      String variantKey,
      Instant at) {}

  private record Paid(Instant at, BigDecimal amount) {}

  /** The lift of every experiment with exposures in the period. */
  public Report report(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
    }
    Instant start = from.atStartOfDay(shopZone).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(shopZone).toInstant();
    List<Exposure> exposures =
        jdbc.sql(
                "SELECT experiment_id, element_id, customer_id, group_name, template_key,"
                    + " variant_key, exposed_at FROM experiment_exposure"
                    + " WHERE exposed_at >= :s AND exposed_at < :e")
            .param("s", Timestamp.from(start))
            .param("e", Timestamp.from(end))
            .query(
                (rs, i) ->
                    new Exposure(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
            .list();
    // first exposure per experiment, step and buyer
    Map<String, Map<String, Exposure>> first = new TreeMap<>();
    exposures.stream()
        .sorted(Comparator.comparing(Exposure::at))
        .forEach(
            x ->
                first
                    .computeIfAbsent(
                        x.experimentId() + "\n" + x.stepId(), k -> new LinkedHashMap<>())
                    .putIfAbsent(x.customerId(), x));
    Map<String, List<Paid>> payments = new HashMap<>();
    for (var paid : analyticsQueries.payments(start, end.plus(window))) {
      payments
          .computeIfAbsent(paid.customerId(), k -> new ArrayList<>())
          .add(new Paid(paid.paidAt(), paid.paidAmount()));
    }
    // the treatment's cost: the analytics module's cost of each exposure's send
    record Treated(String experimentId, String stepId, String variantKey, String sendKey) {}
    List<Treated> treatedSends =
        jdbc.sql(
                "SELECT experiment_id, element_id, variant_key, send_key FROM experiment_exposure"
                    + " WHERE group_name = 'TREATMENT' AND exposed_at >= :s AND exposed_at < :e")
            .param("s", Timestamp.from(start))
            .param("e", Timestamp.from(end))
            .query(
                (rs, i) ->
                    new Treated(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
            .list();
    Map<String, BigDecimal> sendCosts =
        analyticsQueries.sendCosts(treatedSends.stream().map(Treated::sendKey).distinct().toList());
    Map<String, Double> cost = new HashMap<>();
    for (Treated t : treatedSends) {
      BigDecimal sendCost = sendCosts.get(t.sendKey());
      if (sendCost != null) {
        String key = t.experimentId() + "\n" + t.stepId();
        cost.merge(key + "\n" + t.variantKey(), sendCost.doubleValue(), Double::sum);
        cost.merge(key + "\n" + ALL_VARIANTS, sendCost.doubleValue(), Double::sum);
      }
    }
    List<Row> rows = new ArrayList<>();
    first.forEach(
        (key, buyers) -> {
          String experiment = key.substring(0, key.indexOf('\n'));
          String stepId = key.substring(key.indexOf('\n') + 1);
          List<Exposure> holdout =
              buyers.values().stream().filter(x -> x.group().equals("HOLDOUT")).toList();
          List<Exposure> treated =
              buyers.values().stream().filter(x -> x.group().equals("TREATMENT")).toList();
          LiftCalculator.Group holdoutGroup = group(holdout, payments);
          rows.add(
              new Row(
                  experiment,
                  stepId,
                  ALL_VARIANTS,
                  LiftCalculator.lift(
                      group(treated, payments),
                      holdoutGroup,
                      cost.getOrDefault(key + "\n" + ALL_VARIANTS, 0.0))));
          // A/B variants only (V15): a step whose own template differs per buyer is one treatment
          TreeSet<String> variants = new TreeSet<>();
          treated.stream()
              .map(Exposure::variantKey)
              .filter(java.util.Objects::nonNull)
              .forEach(variants::add);
          if (!variants.isEmpty()) {
            for (String v : variants) {
              rows.add(
                  new Row(
                      experiment,
                      stepId,
                      v,
                      LiftCalculator.lift(
                          group(
                              treated.stream().filter(x -> v.equals(x.variantKey())).toList(),
                              payments),
                          holdoutGroup,
                          cost.getOrDefault(key + "\n" + v, 0.0))));
            }
          }
        });
    return new Report(
        from,
        to,
        shopZone.getId(),
        window.toString(),
        currency,
        LiftCalculator.CONFIDENCE,
        new TreeMap<>(DEFINITIONS),
        rows,
        List.of(properties.paymentReminderStatus()));
  }

  private LiftCalculator.Group group(List<Exposure> buyers, Map<String, List<Paid>> payments) {
    long[] orders = new long[buyers.size()];
    double[] gmv = new double[buyers.size()];
    for (int i = 0; i < buyers.size(); i++) {
      Exposure x = buyers.get(i);
      for (Paid p : payments.getOrDefault(x.customerId(), List.of())) {
        if (p.at().isAfter(x.at()) && Duration.between(x.at(), p.at()).compareTo(window) < 0) {
          orders[i]++;
          gmv[i] += p.amount().doubleValue();
        }
      }
    }
    return new LiftCalculator.Group(orders, gmv);
  }
}
