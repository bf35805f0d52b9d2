package com.careflow.analytics;

import com.careflow.messagestatus.MessageStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The figures of rules R23–R26 for a period of shop days, read from the rollups (and, for distinct
 * buyers, influenced orders, members and payment reminders, from the raw facts). Every answer
 * carries its {@link Header}.
 */
public class AnalyticsReports {

  /**
   * The longest period a report reads: 3660 days between its first and last shop day (ten years); a
   * longer one is refused ({@link #header}).
   */
  public static final int MAX_PERIOD_DAYS = 3660;

  private final JdbcTemplate jdbc;
  private final AttributionRules rules;
  private final AnalyticsProperties properties;
  private final ZoneId shopZone;
  private final Clock clock;
  private final MessageSource texts;
  private final CampaignAudiences audiences;

  /**
   * @param texts the message bundles the figures' definitions are written in ({@link Definitions})
   * @param audiences each campaign's audience, from the module that owns campaigns
   */
  public AnalyticsReports(
      JdbcTemplate jdbc,
      AttributionRules rules,
      AnalyticsProperties properties,
      ZoneId shopZone,
      Clock clock,
      MessageSource texts,
      CampaignAudiences audiences) {
    this.jdbc = jdbc;
    this.rules = rules;
    this.properties = properties;
    this.texts = texts;
    this.audiences = audiences;
    this.shopZone = shopZone;
    this.clock = clock;
    this.distinct = new DistinctRollups(jdbc, rules);
    this.memberRollups = new MemberRollups(jdbc, properties.paymentReminderTemplatePrefix());
  }

  private final DistinctRollups distinct;
  private final MemberRollups memberRollups;

  /**
   * What every answer states: the period (shop days, both inclusive), time zone, attribution window
   * and rule version in force, the rule versions of the orders the period holds, currency, the
   * instant the figures are as of, and the definitions.
   */
  public record Header(
      LocalDate from,
      LocalDate to,
      String timeZone,
      String attributionWindow,
      int ruleVersion,
      List<Integer> ruleVersionsInPeriod,
      String currency,
      Instant asOf,
      Map<String, String> definitions) {}

  /**
   * The figures of one row. Money in the shop's currency; rates are fractions (0.05 = 5 %), null
   * when the denominator is 0; ROI is written "x : 1", null without cost.
   */
  public record Figures(
      long messagesSent,
      long delivered,
      long failed,
      long skipped,
      long segments,
      BigDecimal messageCost,
      BigDecimal couponCost,
      BigDecimal cost,
      long attributedOrders,
      long attributedUnits,
      BigDecimal attributedGmv,
      BigDecimal attributedNetGmv,
      BigDecimal conversionRate,
      String roi,
      String netRoi) {}

  /** The shop's own paid orders in the period (by payment day). */
  public record ShopFigures(
      long paidOrders,
      long paidUnits,
      BigDecimal gmv,
      BigDecimal refunds,
      BigDecimal cancellations,
      BigDecimal netGmv,
      long attributedOrders,
      BigDecimal attributedGmv,
      BigDecimal attributedNetGmv,
      BigDecimal attributedShareOfGmv) {}

  /** Buyers reached and attributed buyers, and the orders influenced (not additive). */
  public record Buyers(
      long buyersReached,
      long attributedBuyers,
      BigDecimal buyerConversion,
      long influencedOrders,
      BigDecimal influencedGmv) {}

  public record Summary(Header header, Figures bySendDay, Buyers buyers, ShopFigures shop) {}

  /**
   * One row of a breakdown. By campaign (R19) it also carries the campaign's audience, as the
   * campaigns module counts it ({@link CampaignAudiences}): {@code audience} customers considered,
   * {@code consentSkips} of them skipped for missing marketing consent (R22); both absent in other
   * breakdowns and for the row of the journeys outside campaigns.
   */
  public record BreakdownRow(
      Map<String, Object> dimensions,
      Figures figures,
      Buyers buyers,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long audience,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long consentSkips) {

    public BreakdownRow(Map<String, Object> dimensions, Figures figures, Buyers buyers) {
      this(dimensions, figures, buyers, null, null);
    }
  }

  public record BreakdownReport(
      Header header, String basis, String breakdown, List<BreakdownRow> rows) {}

  public record TrendDay(
      LocalDate day,
      long messagesSent,
      long delivered,
      BigDecimal cost,
      long attributedOrdersBySendDay,
      BigDecimal attributedGmvBySendDay,
      BigDecimal attributedNetGmvBySendDay,
      long attributedOrdersByPayDay,
      BigDecimal attributedGmvByPayDay,
      BigDecimal attributedNetGmvByPayDay,
      long shopPaidOrders,
      BigDecimal shopGmv,
      BigDecimal shopNetGmv) {}

  public record Trend(Header header, List<TrendDay> days) {}

  public record DecayBucket(String hours, long attributedOrders, BigDecimal share) {}

  public record Decay(Header header, long attributedOrders, List<DecayBucket> buckets) {}

  public record MemberRow(
      String buyerKind,
      long buyers,
      BigDecimal shareOfBuyers,
      long orders,
      long units,
      BigDecimal gmv,
      BigDecimal netGmv,
      BigDecimal shareOfGmv,
      BigDecimal shareOfNetGmv,
      BigDecimal averageOrderValue,
      BigDecimal unitsPerBuyer,
      BigDecimal ordersPerBuyer) {}

  public record Members(Header header, List<MemberRow> rows) {}

  public record PaymentReminders(
      Header header,
      long remindedUnpaidOrders,
      long paidAfterReminder,
      BigDecimal recoveryRate,
      BigDecimal recoveredGmv,
      BigDecimal recoveredNetGmv,
      Long medianMinutesReminderToPayment) {}

  /**
   * Skipped sends of one step (or campaign) and reason.
   *
   * @param reason the skip's code ({@code NO_CONSENT}, …), {@code HOLDOUT} for an experiment's
   *     held-out buyer, {@code UNSPECIFIED} for a skip recorded without a code
   */
  public record SkipRow(
      String processId,
      String stepId,
      String stepName,
      String campaign,
      String occasion,
      String reason,
      long skipped) {}

  /** Skipped sends of the period by step, campaign and reason; {@code skipped} is their sum. */
  public record Skips(Header header, long skipped, List<SkipRow> rows) {}

  /** One reason's skipped sends and their share of the step's skips. */
  public record ReasonCount(String reason, long skipped, BigDecimal share) {}

  /**
   * Failed or undelivered sends with one provider error code.
   *
   * @param errorCode Twilio's error code, null when the provider gave none
   */
  public record ErrorCount(Integer errorCode, long failed, BigDecimal share) {}

  /** One shop day of a step, by send day. */
  public record StepDay(
      LocalDate day,
      long messagesSent,
      long delivered,
      long failed,
      long skipped,
      long attributedOrders,
      BigDecimal attributedGmv,
      BigDecimal attributedNetGmv,
      BigDecimal conversionRate) {}

  /**
   * One send step's detail: its figures, trend per send day (every day of the period), decay 0–72 h
   * (R26), templates, skipped sends by reason and failures by Twilio error code. Counts of the
   * parts add up to the step's figures (skipped, failed, attributed orders).
   *
   * <p>{@code version} says which deployed version of the journey the figures are of; {@code
   * versions} lists the versions the step has figures of in the period, newest first, null for
   * sends whose version is unknown (issue #16).
   */
  public record StepDetail(
      Header header,
      String processId,
      String stepId,
      String stepName,
      Figures figures,
      Buyers buyers,
      List<StepDay> days,
      List<DecayBucket> decay,
      List<BreakdownRow> templates,
      List<ReasonCount> skippedByReason,
      List<ErrorCount> failuresByErrorCode,
      VersionScope version,
      List<Integer> versions) {}

  // ---------------------------------------------------------------- reports

  /** Skipped sends of the period (send days) by step, campaign and reason, most first. */
  public Skips skips(LocalDate from, LocalDate to) {
    Header header = header(from, to);
    List<SkipRow> rows =
        jdbc.query(
            "SELECT process_id, step_id, step_name, campaign, occasion, "
                + REASON
                + " AS reason, COUNT(*) FROM analytics_send WHERE send_day BETWEEN ? AND ? AND"
                + " status_rank = 0 GROUP BY process_id, step_id, step_name, campaign, occasion, "
                + REASON
                + " ORDER BY COUNT(*) DESC, process_id, step_id, campaign, reason",
            (rs, i) ->
                new SkipRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getLong(7)),
            from,
            to);
    return new Skips(header, rows.stream().mapToLong(SkipRow::skipped).sum(), rows);
  }

  /**
   * The detail of one send step of a journey (or campaign offer) over the period. Its name is the
   * one most of its sends in the period carried (a step renamed in Modeler keeps its id).
   *
   * @param processId BPMN process id, e.g. {@code order-journey}
   * @param stepId the send step's element id, e.g. {@code Activity_SendPaymentReminder}
   * @throws IllegalArgumentException without a process or step id, or for a bad period
   */
  public StepDetail step(String processId, String stepId, LocalDate from, LocalDate to) {
    return step(processId, stepId, null, from, to);
  }

  /**
   * Which sends of a step a detail counts: all versions of the journey ({@code all}), the sends
   * whose version is unknown ({@code unknown}), or one deployed version ({@code number}).
   *
   * @param all true for every version together
   * @param unknown true for the sends recorded without a version
   * @param number the deployed version, e.g. 3; null unless one version
   */
  public record VersionScope(boolean all, boolean unknown, Integer number) {

    /**
     * @param value null or blank for all versions, {@code unknown}, or a version number (1, 2, …)
     * @throws IllegalArgumentException for anything else, naming what is accepted
     */
    public static VersionScope parse(String value) {
      if (value == null || value.isBlank()) {
        return new VersionScope(true, false, null);
      }
      if (value.trim().equalsIgnoreCase("unknown")) {
        return new VersionScope(false, true, null);
      }
      try {
        int n = Integer.parseInt(value.trim());
        if (n >= 1) {
          return new VersionScope(false, false, n);
        }
      } catch (NumberFormatException e) {
        // named below
      }
      throw new IllegalArgumentException(
          "processVersion is a deployed version (1, 2, …) or 'unknown', not '" + value + "'");
    }

    /** The rollup key of the version ('' for unknown); null for all versions. */
    String rollupKey() {
      return all ? null : unknown ? "" : String.valueOf(number);
    }
  }

  /**
   * The detail of one send step of one deployed version of its journey.
   *
   * @param processVersion null or blank for all versions together, {@code unknown} for the sends
   *     recorded without a version, else the version number
   * @throws IllegalArgumentException without a process or step id, for a bad version or period
   */
  public StepDetail step(
      String processId, String stepId, String processVersion, LocalDate from, LocalDate to) {
    if (processId == null || processId.isBlank() || stepId == null || stepId.isBlank()) {
      throw new IllegalArgumentException("a step needs processId and stepId");
    }
    VersionScope scope = VersionScope.parse(processVersion);
    Header header = header(from, to);
    List<Integer> versions =
        jdbc
            .queryForList(
                "SELECT DISTINCT process_version FROM analytics_rollup WHERE basis = 'SEND' AND"
                    + " shop_day BETWEEN ? AND ? AND process_id = ? AND step_id = ?",
                String.class,
                from,
                to,
                processId,
                stepId)
            .stream()
            .map(AnalyticsReports::version)
            .sorted(Comparator.nullsLast(Comparator.<Integer>reverseOrder()))
            .toList();
    String key = scope.rollupKey();
    String where =
        " AND process_id = ? AND step_id = ?"
            + (key == null ? "" : " AND process_version = '" + sqlDigits(key) + "'");
    String factWhere =
        " AND process_id = ? AND step_id = ?"
            + (scope.all()
                ? ""
                : scope.unknown()
                    ? " AND process_version IS NULL"
                    : " AND process_version = " + scope.number());
    BigDecimal[] total =
        jdbc.query(
                "SELECT "
                    + sums()
                    + " FROM analytics_rollup WHERE basis = 'SEND' AND shop_day BETWEEN ? AND ?"
                    + where,
                (rs, i) -> sumsOf(rs, 1),
                from,
                to,
                processId,
                stepId)
            .getFirst();
    List<String> names =
        jdbc.queryForList(
            "SELECT step_name FROM analytics_rollup WHERE basis = 'SEND' AND shop_day BETWEEN ? AND"
                + " ?"
                + where
                + " AND step_name <> '' GROUP BY step_name ORDER BY SUM(sent + skipped) DESC,"
                + " step_name",
            String.class,
            from,
            to,
            processId,
            stepId);
    Buyers buyers =
        key == null
            ? buyers(List.of("process_id", "step_id"), from, to)
                .getOrDefault(List.of(processId, stepId), emptyBuyers())
            : buyers(List.of("process_id", "process_version", "step_id"), from, to)
                .getOrDefault(List.of(processId, key, stepId), emptyBuyers());
    Map<LocalDate, BigDecimal[]> send = new HashMap<>();
    jdbc.query(
        "SELECT shop_day, "
            + sums()
            + " FROM analytics_rollup WHERE basis = 'SEND' AND shop_day BETWEEN ? AND ?"
            + where
            + " GROUP BY shop_day",
        rs -> {
          send.put(rs.getObject(1, LocalDate.class), sumsOf(rs, 2));
        },
        from,
        to,
        processId,
        stepId);
    List<StepDay> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      BigDecimal[] m = send.getOrDefault(d, zeros(Rollup.COLUMNS.size()));
      Figures f = figures(m);
      days.add(
          new StepDay(
              d,
              f.messagesSent(),
              f.delivered(),
              f.failed(),
              f.skipped(),
              f.attributedOrders(),
              f.attributedGmv(),
              f.attributedNetGmv(),
              f.conversionRate()));
    }
    long credited = total[Rollup.CREDITED_ORDERS].longValue();
    List<DecayBucket> decay = decayBuckets(header, total, credited);
    List<BreakdownRow> templates = new ArrayList<>();
    jdbc.query(
        "SELECT template_key, "
            + sums()
            + " FROM analytics_rollup WHERE basis = 'SEND' AND shop_day BETWEEN ? AND ?"
            + where
            + " GROUP BY template_key ORDER BY template_key",
        rs -> {
          BigDecimal[] m = sumsOf(rs, 2);
          if (!allZero(m)) {
            Map<String, Object> dims = new LinkedHashMap<>();
            dims.put("template_key", rs.getString(1));
            templates.add(new BreakdownRow(dims, figures(m), null));
          }
        },
        from,
        to,
        processId,
        stepId);
    long skipped = total[Rollup.SKIPPED].longValue();
    List<ReasonCount> reasons =
        jdbc.query(
            "SELECT "
                + REASON
                + " AS reason, COUNT(*) FROM analytics_send WHERE send_day BETWEEN ? AND ?"
                + factWhere
                + " AND status_rank = 0 GROUP BY "
                + REASON
                + " ORDER BY COUNT(*) DESC, reason",
            (rs, i) ->
                new ReasonCount(rs.getString(1), rs.getLong(2), rate(rs.getLong(2), skipped)),
            from,
            to,
            processId,
            stepId);
    long failed = total[Rollup.FAILED].longValue();
    List<ErrorCount> errors =
        jdbc.query(
            "SELECT error_code, COUNT(*) FROM analytics_send WHERE send_day BETWEEN ? AND ?"
                + factWhere
                + " AND status_rank = 9 GROUP BY error_code ORDER BY COUNT(*) DESC, error_code",
            (rs, i) ->
                new ErrorCount(
                    rs.getObject(1, Integer.class), rs.getLong(2), rate(rs.getLong(2), failed)),
            from,
            to,
            processId,
            stepId);
    return new StepDetail(
        header,
        processId,
        stepId,
        names.isEmpty() ? "" : names.getFirst(),
        figures(total),
        buyers,
        days,
        decay,
        templates,
        reasons,
        errors,
        scope,
        versions);
  }

  /** A rollup's version key as the answer names it: the number, null for unknown (''). */
  static Integer version(String key) {
    return key == null || key.isEmpty() ? null : Integer.valueOf(key);
  }

  private static String sqlDigits(String key) {
    if (!key.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("not a version key: " + key);
    }
    return key;
  }

  public Summary summary(LocalDate from, LocalDate to) {
    Header header = header(from, to);
    Figures figures =
        jdbc.query(
                "SELECT "
                    + sums()
                    + " FROM analytics_rollup WHERE basis = 'SEND' AND shop_day BETWEEN ? AND ?",
                (rs, i) -> figures(sumsOf(rs, 1)),
                from,
                to)
            .getFirst();
    Buyers buyers = buyers(List.of(), from, to).getOrDefault(List.of(), emptyBuyers());
    return new Summary(header, figures, buyers, shop(from, to));
  }

  public BreakdownReport breakdown(Breakdown by, String basis, LocalDate from, LocalDate to) {
    if (!basis.equals(AnalyticsRecorder.SEND) && !basis.equals(AnalyticsRecorder.PAY)) {
      throw new IllegalArgumentException("basis is SEND or PAY, not " + basis);
    }
    Header header = header(from, to);
    String group = String.join(", ", by.columns());
    List<BreakdownRow> rows = new ArrayList<>();
    Map<List<Object>, Buyers> buyers =
        basis.equals(AnalyticsRecorder.SEND) ? buyers(by.columns(), from, to) : Map.of();
    jdbc.query(
        "SELECT "
            + group
            + ", "
            + sums()
            + " FROM analytics_rollup WHERE basis = ? AND shop_day BETWEEN ? AND ? GROUP BY "
            + group
            + " ORDER BY "
            + group,
        rs -> {
          Map<String, Object> dims = new LinkedHashMap<>();
          List<Object> key = new ArrayList<>();
          for (int i = 0; i < by.columns().size(); i++) {
            Object value =
                by.columns().get(i).equals("shop_day")
                    ? rs.getObject(i + 1, LocalDate.class)
                    : rs.getString(i + 1);
            dims.put(
                by.columns().get(i),
                by.columns().get(i).equals("process_version") ? version((String) value) : value);
            key.add(value);
          }
          BigDecimal[] m = sumsOf(rs, by.columns().size() + 1);
          if (!allZero(m)) {
            rows.add(
                new BreakdownRow(
                    dims,
                    figures(m),
                    basis.equals(AnalyticsRecorder.SEND)
                        ? buyers.getOrDefault(key, emptyBuyers())
                        : null));
          }
        },
        basis,
        from,
        to);
    return new BreakdownReport(
        header, basis, by.name(), by == Breakdown.CAMPAIGN ? withAudiences(rows, from, to) : rows);
  }

  /**
   * R19: each campaign row with its audience as the campaigns module counts it for the period's
   * instants (shop days in the shop's zone); a row the module does not know keeps none.
   */
  private List<BreakdownRow> withAudiences(List<BreakdownRow> rows, LocalDate from, LocalDate to) {
    Map<String, CampaignAudiences.Audience> byId =
        audiences.byCampaign(
            from.atStartOfDay(shopZone).toInstant(),
            to.plusDays(1).atStartOfDay(shopZone).toInstant());
    List<BreakdownRow> out = new ArrayList<>(rows.size());
    for (BreakdownRow row : rows) {
      Object campaign = row.dimensions().get("campaign");
      CampaignAudiences.Audience a = campaign == null ? null : byId.get(campaign.toString());
      out.add(
          a == null
              ? row
              : new BreakdownRow(
                  row.dimensions(), row.figures(), row.buyers(), a.audience(), a.consentSkips()));
    }
    return out;
  }

  public Trend trend(LocalDate from, LocalDate to) {
    Header header = header(from, to);
    Map<LocalDate, BigDecimal[]> send = byDay("SEND", from, to);
    Map<LocalDate, BigDecimal[]> pay = byDay("PAY", from, to);
    Map<LocalDate, BigDecimal[]> shop = new HashMap<>();
    jdbc.query(
        "SELECT shop_day, SUM(paid_orders), SUM(paid_gmv), SUM(refunds), SUM(cancellations) FROM"
            + " analytics_shop_day WHERE shop_day BETWEEN ? AND ? GROUP BY shop_day",
        rs -> {
          shop.put(
              rs.getObject(1, LocalDate.class),
              new BigDecimal[] {
                rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5)
              });
        },
        from,
        to);
    List<TrendDay> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      BigDecimal[] s = send.getOrDefault(d, zeros(Rollup.COLUMNS.size()));
      BigDecimal[] p = pay.getOrDefault(d, zeros(Rollup.COLUMNS.size()));
      BigDecimal[] o = shop.getOrDefault(d, zeros(4));
      days.add(
          new TrendDay(
              d,
              s[Rollup.SENT].longValue(),
              s[Rollup.DELIVERED].longValue(),
              money(s[Rollup.MESSAGE_COST].add(s[Rollup.COUPON_COST])),
              s[Rollup.CREDITED_ORDERS].longValue(),
              money(s[Rollup.CREDITED_GMV]),
              money(s[Rollup.CREDITED_GMV].subtract(s[Rollup.CREDITED_REDUCTION])),
              p[Rollup.CREDITED_ORDERS].longValue(),
              money(p[Rollup.CREDITED_GMV]),
              money(p[Rollup.CREDITED_GMV].subtract(p[Rollup.CREDITED_REDUCTION])),
              o[0].longValue(),
              money(o[1]),
              money(o[1].subtract(o[2]).subtract(o[3]))));
    }
    return new Trend(header, days);
  }

  /**
   * Sends of the period (send days) that messaging's dry-run mode recorded (status {@code DRY_RUN},
   * no Twilio credentials): counted in messages sent, never handed to Twilio, so never delivered; 0
   * when Twilio had them all. Campaign test runs are not counted (they count in no figure).
   */
  public long dryRunSends(LocalDate from, LocalDate to) {
    Long n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM analytics_send WHERE send_day BETWEEN ? AND ? AND status ="
                + " 'DRY_RUN'",
            Long.class,
            from,
            to);
    return n == null ? 0 : n;
  }

  public Decay decay(LocalDate from, LocalDate to) {
    Header header = header(from, to);
    BigDecimal[] m =
        jdbc.query(
                "SELECT "
                    + sums()
                    + " FROM analytics_rollup WHERE basis = 'SEND' AND shop_day BETWEEN ? AND ?",
                (rs, i) -> sumsOf(rs, 1),
                from,
                to)
            .getFirst();
    long total = m[Rollup.CREDITED_ORDERS].longValue();
    return new Decay(header, total, decayBuckets(header, m, total));
  }

  /** The decay buckets of the header's attribution window ({@link Rollup#decayBuckets}). */
  private static List<DecayBucket> decayBuckets(Header header, BigDecimal[] sums, long credited) {
    long[] orders = new long[Rollup.DECAY_EDGES_HOURS.size() + 1];
    for (int i = 0; i < orders.length; i++) {
      orders[i] = sums[Rollup.DECAY_FIRST + i].longValue();
    }
    List<DecayBucket> buckets = new ArrayList<>();
    Rollup.decayBuckets(Duration.parse(header.attributionWindow()), orders)
        .forEach(
            (i, label) ->
                buckets.add(new DecayBucket(label, orders[i], rate(orders[i], credited))));
    return buckets;
  }

  /**
   * R25 for the pay days of the period, from the member day rollups: a buyer is NEW (or UNKNOWN)
   * when the period holds the buyer's first paid order of that kind, else RETURNING, and all the
   * buyer's orders of the period count under that kind.
   */
  public Members members(LocalDate from, LocalDate to) {
    Header header = header(from, to);
    List<MemberRollups.Kind> kinds = memberRollups.members(from, to);
    long buyers = kinds.stream().mapToLong(MemberRollups.Kind::buyers).sum();
    BigDecimal gmv =
        kinds.stream().map(MemberRollups.Kind::gmv).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal net =
        kinds.stream().map(MemberRollups.Kind::net).reduce(BigDecimal.ZERO, BigDecimal::add);
    List<MemberRow> rows = new ArrayList<>();
    for (String kind : List.of("NEW", "RETURNING", "UNKNOWN")) {
      MemberRollups.Kind k =
          kinds.stream().filter(x -> x.kind().equals(kind)).findFirst().orElseThrow();
      rows.add(
          new MemberRow(
              kind,
              k.buyers(),
              rate(k.buyers(), buyers),
              k.orders(),
              k.units(),
              money(k.gmv()),
              money(k.net()),
              ratio(k.gmv(), gmv),
              ratio(k.net(), net),
              k.orders() == 0
                  ? null
                  : money(k.gmv().divide(BigDecimal.valueOf(k.orders()), 4, RoundingMode.HALF_UP)),
              k.buyers() == 0
                  ? null
                  : BigDecimal.valueOf(k.units())
                      .divide(BigDecimal.valueOf(k.buyers()), 2, RoundingMode.HALF_UP),
              k.buyers() == 0
                  ? null
                  : BigDecimal.valueOf(k.orders())
                      .divide(BigDecimal.valueOf(k.buyers()), 2, RoundingMode.HALF_UP)));
    }
    return new Members(header, rows);
  }

  /**
   * Payment reminders of the orders placed in the period, from the reminder day rollups; the median
   * minutes from the last reminder to the payment is exact (see {@link MemberRollups}).
   */
  public PaymentReminders paymentReminders(LocalDate from, LocalDate to) {
    Header header = header(from, to);
    MemberRollups.Reminders r = memberRollups.reminders(from, to);
    return new PaymentReminders(
        header,
        r.reminded(),
        r.paid(),
        rate(r.paid(), r.reminded()),
        money(r.gmv()),
        money(r.gmv().subtract(r.reduction())),
        r.medianMinutes());
  }

  /**
   * What a campaign test run recorded (ops guide, section 2b), from {@code analytics_test_send} and
   * {@code analytics_test_coupon}: facts kept apart from the measured ones, so none of them is in
   * any other figure (R23, R24). Money in the shop's currency.
   *
   * @param campaignId the test run's campaign id ({@code <campaign id>-TEST-<instance key>})
   * @param messagesSent the run's sends handed to the provider or recorded as {@code DRY_RUN} by
   *     messaging's dry-run mode, whatever their outcome since (failed and undelivered included):
   *     the same predicate as {@link Figures#messagesSent}
   * @param skipped the run's sends decided not to be made (no consent, opted out, frequency cap…)
   * @param segments message segments of the sent messages
   * @param messageCost the sends' cost, scale 4: the provider's price, or the estimate (segments ×
   *     price per segment) when the price is not known or messaging runs dry
   * @param couponsIssued the run's coupons issued
   * @param couponCost always 0: a test run's coupons are never counted, not even when redeemed on a
   *     paid order (R24), so they cost the report nothing
   */
  public record TestRunSends(
      String campaignId,
      long messagesSent,
      long skipped,
      long segments,
      BigDecimal messageCost,
      long couponsIssued,
      BigDecimal couponCost) {}

  /** The rank of a send decided not to be made; every rank above it is a message sent. */
  private static final int NOT_SENT_RANK = MessageStatus.SKIPPED.creditRank();

  /**
   * The recorded sends and coupons of campaign test runs, by campaign id, whenever they were
   * recorded (a message held for quiet hours may send days after its run started). A campaign id
   * with nothing recorded (a dry run, a seed-list run whose offers have not sent yet, or no test
   * run at all) has no entry.
   *
   * @param campaignIds test runs' campaign ids ({@code <campaign id>-TEST-<instance key>}); null
   *     entries are ignored
   * @return an unmodifiable map, campaign id to its {@link TestRunSends}
   */
  public Map<String, TestRunSends> testRunSends(java.util.Collection<String> campaignIds) {
    List<String> ids = campaignIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    String[] array = ids.toArray(String[]::new);
    Map<String, TestRunSends> byCampaign = new LinkedHashMap<>();
    jdbc.query(
        "SELECT campaign, SUM(sent), SUM(skipped), SUM(segments), SUM(cost), SUM(coupons) FROM ("
            + " SELECT campaign, CASE WHEN status_rank > ? THEN 1 ELSE 0 END AS sent,"
            + " CASE WHEN status_rank = ? THEN 1 ELSE 0 END AS skipped, segments, cost_shop AS"
            + " cost, 0 AS coupons FROM analytics_test_send WHERE campaign = ANY (?) UNION ALL"
            + " SELECT campaign, 0, 0, 0, 0, 1 FROM analytics_test_coupon WHERE campaign = ANY (?)"
            + ") f GROUP BY campaign ORDER BY campaign",
        rs -> {
          byCampaign.put(
              rs.getString(1),
              new TestRunSends(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getBigDecimal(5).setScale(4, RoundingMode.HALF_UP),
                  rs.getLong(6),
                  money(BigDecimal.ZERO)));
        },
        NOT_SENT_RANK,
        NOT_SENT_RANK,
        array,
        array);
    return java.util.Collections.unmodifiableMap(byCampaign);
  }

  /** The explicit recomputations of history, newest first. */
  public List<Map<String, Object>> recomputations() {
    return jdbc.queryForList(
        "SELECT id, requested_by, reason, rule_version, started_at, finished_at, orders_seen,"
            + " orders_changed FROM analytics_recompute_log ORDER BY id DESC");
  }

  // ---------------------------------------------------------------- parts

  /** A skipped send's reason code: its skip reason, HOLDOUT, or UNSPECIFIED when none. */
  private static final String REASON =
      "CASE WHEN status = '"
          + MessageStatus.HOLDOUT.name()
          + "' THEN '"
          + MessageStatus.HOLDOUT.name()
          + "' WHEN skip_reason = '' THEN 'UNSPECIFIED' ELSE skip_reason END";

  /**
   * Refuses a period the reports do not read, as the API and the dashboard's pages both answer it
   * (400): {@code to} before {@code from} ({@code error.period.toBeforeFrom}), or more than {@link
   * #MAX_PERIOD_DAYS} days from its first to its last day ({@code error.period.tooLong}).
   *
   * @param from first shop day, inclusive
   * @param to last shop day, inclusive
   * @throws ParameterRefused naming {@code to} or {@code from}
   */
  public static void checkPeriod(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new ParameterRefused("to", "error.period.toBeforeFrom", to.toString(), from.toString());
    }
    if (java.time.temporal.ChronoUnit.DAYS.between(from, to) > MAX_PERIOD_DAYS) {
      throw new ParameterRefused(
          "from",
          "error.period.tooLong",
          from.toString(),
          to.toString(),
          String.valueOf(MAX_PERIOD_DAYS));
    }
  }

  /**
   * The facts every answer states for a period: shop days {@code from}..{@code to} (inclusive, in
   * the shop's time zone), the zone, the attribution window and the rule versions of the period.
   *
   * @throws ParameterRefused when {@code to} is before {@code from} or the period is longer than
   *     ten years ({@link #checkPeriod})
   */
  public Header header(LocalDate from, LocalDate to) {
    if (from == null || to == null) {
      throw new IllegalArgumentException("a period needs from and to (shop days, inclusive)");
    }
    checkPeriod(from, to);
    AttributionRules.Rule rule = rules.current();
    List<Integer> versions =
        jdbc.queryForList(
            "SELECT DISTINCT rule_version FROM analytics_shop_day WHERE shop_day BETWEEN ? AND ? AND"
                + " paid_orders <> 0 ORDER BY rule_version",
            Integer.class,
            from,
            to);
    return new Header(
        from,
        to,
        shopZone.getId(),
        rule.window().toString(),
        rule.version(),
        versions,
        properties.currency(),
        clock.instant(),
        Definitions.all(rule.window(), texts, Locale.ENGLISH));
  }

  /**
   * The header's definitions in the reader's language (zh-CN or English; the header itself carries
   * the English ones), for the attribution window the header states.
   */
  public Map<String, String> definitions(Header header, Locale locale) {
    return Definitions.all(Duration.parse(header.attributionWindow()), texts, locale);
  }

  private ShopFigures shop(LocalDate from, LocalDate to) {
    return jdbc.queryForObject(
        "SELECT "
            + ShopDay.COLUMNS.stream()
                .map(c -> "COALESCE(SUM(" + c + "), 0)")
                .collect(Collectors.joining(", "))
            + " FROM analytics_shop_day WHERE shop_day BETWEEN ? AND ?",
        (rs, i) -> {
          BigDecimal gmv = rs.getBigDecimal(3);
          BigDecimal net = gmv.subtract(rs.getBigDecimal(4)).subtract(rs.getBigDecimal(5));
          BigDecimal credited = rs.getBigDecimal(7);
          BigDecimal creditedNet = credited.subtract(rs.getBigDecimal(8));
          return new ShopFigures(
              rs.getLong(1),
              rs.getLong(2),
              money(gmv),
              money(rs.getBigDecimal(4)),
              money(rs.getBigDecimal(5)),
              money(net),
              rs.getLong(6),
              money(credited),
              money(creditedNet),
              ratio(credited, gmv));
        },
        from,
        to);
  }

  /**
   * Distinct buyers reached and attributed, and influenced orders, of the messages sent in the
   * period, grouped by the given rollup columns (empty: one group), from {@link DistinctRollups}:
   * the OR of the days' buyer bitmaps, and the influence rows whose send days meet the period.
   */
  private Map<List<Object>, Buyers> buyers(List<String> columns, LocalDate from, LocalDate to) {
    Map<List<Object>, Buyers> result = new HashMap<>();
    distinct
        .counts(columns, from, to)
        .forEach(
            (key, n) ->
                result.put(
                    key,
                    new Buyers(
                        n.reached(),
                        n.attributed(),
                        rate(n.attributed(), n.reached()),
                        n.influenced(),
                        money(n.influencedGmv()))));
    return result;
  }

  private static Buyers emptyBuyers() {
    return new Buyers(0, 0, null, 0, money(BigDecimal.ZERO));
  }

  private Map<LocalDate, BigDecimal[]> byDay(String basis, LocalDate from, LocalDate to) {
    Map<LocalDate, BigDecimal[]> days = new HashMap<>();
    jdbc.query(
        "SELECT shop_day, "
            + sums()
            + " FROM analytics_rollup WHERE basis = ? AND shop_day BETWEEN ? AND ? GROUP BY shop_day",
        rs -> {
          days.put(rs.getObject(1, LocalDate.class), sumsOf(rs, 2));
        },
        basis,
        from,
        to);
    return days;
  }

  private static String sums() {
    return Rollup.COLUMNS.stream()
        .map(c -> "COALESCE(SUM(" + c + "), 0)")
        .collect(Collectors.joining(", "));
  }

  private static BigDecimal[] sumsOf(java.sql.ResultSet rs, int first)
      throws java.sql.SQLException {
    BigDecimal[] m = new BigDecimal[Rollup.COLUMNS.size()];
    for (int i = 0; i < m.length; i++) {
      m[i] = rs.getBigDecimal(first + i);
    }
    return m;
  }

  static Figures figures(BigDecimal[] m) {
    long sent = m[Rollup.SENT].longValue();
    long orders = m[Rollup.CREDITED_ORDERS].longValue();
    BigDecimal cost = m[Rollup.MESSAGE_COST].add(m[Rollup.COUPON_COST]);
    BigDecimal gmv = m[Rollup.CREDITED_GMV];
    BigDecimal net = gmv.subtract(m[Rollup.CREDITED_REDUCTION]);
    return new Figures(
        sent,
        m[Rollup.DELIVERED].longValue(),
        m[Rollup.FAILED].longValue(),
        m[Rollup.SKIPPED].longValue(),
        m[Rollup.SEGMENTS].longValue(),
        m[Rollup.MESSAGE_COST].setScale(4, RoundingMode.HALF_UP),
        money(m[Rollup.COUPON_COST]),
        cost.setScale(4, RoundingMode.HALF_UP),
        orders,
        m[Rollup.CREDITED_UNITS].longValue(),
        money(gmv),
        money(net),
        rate(orders, sent),
        roi(gmv, cost),
        roi(net, cost));
  }

  /** ROI as shops write it: "18.4 : 1" (one decimal); null without cost. */
  static String roi(BigDecimal gmv, BigDecimal cost) {
    if (cost.signum() == 0) {
      return null;
    }
    return gmv.divide(cost, 1, RoundingMode.HALF_UP).toPlainString() + " : 1";
  }

  static BigDecimal rate(long n, long d) {
    return d == 0
        ? null
        : BigDecimal.valueOf(n).divide(BigDecimal.valueOf(d), 4, RoundingMode.HALF_UP);
  }

  static BigDecimal ratio(BigDecimal n, BigDecimal d) {
    return d.signum() == 0 ? null : n.divide(d, 4, RoundingMode.HALF_UP);
  }

  static BigDecimal money(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP);
  }

  private static boolean allZero(BigDecimal[] m) {
    for (BigDecimal v : m) {
      if (v.signum() != 0) {
        return false;
      }
    }
    return true;
  }

  private static BigDecimal[] zeros(int n) {
    BigDecimal[] m = new BigDecimal[n];
    java.util.Arrays.fill(m, BigDecimal.ZERO);
    return m;
  }
}
