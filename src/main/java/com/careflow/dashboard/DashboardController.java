package com.careflow.dashboard;

import com.careflow.analytics.AnalyticsReports;
import com.careflow.analytics.Breakdown;
import com.careflow.analytics.ModelNames;
import com.careflow.campaigns.CampaignTestRuns;
import com.careflow.experiments.ExperimentProperties;
import com.careflow.experiments.ExperimentReports;
import com.careflow.journeys.JourneysProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dashboard's pages. Each reads its figures from {@link AnalyticsReports} for the period of the
 * request ({@link Period}) and hands them to its Thymeleaf view with their formatted text, the
 * header facts (period, time zone, attribution window, rule version, currency) and the chart
 * options as JSON ({@link ChartOptions}).
 */
@Controller
class DashboardController {

  private final AnalyticsReports reports;
  private final JourneyDiagrams diagrams;
  private final com.careflow.campaigns.SaleWindows saleWindows;
  private final MessageSource messages;
  private final ObjectMapper json;
  private final ZoneId shopZone;
  private final Clock clock;

  private final ExperimentReports experiments;
  private final com.careflow.messaging.CustomerMessages customerMessages;
  private final CampaignTestRuns campaignTestRuns;
  private final ModelNames names;
  private final JourneyParameters parameters;

  DashboardController(
      AnalyticsReports reports,
      JourneyDiagrams diagrams,
      com.careflow.campaigns.SaleWindows saleWindows,
      MessageSource messages,
      ObjectMapper mapper,
      JourneysProperties journeys,
      Clock clock,
      ExperimentReports experiments,
      com.careflow.messaging.CustomerMessages customerMessages,
      CampaignTestRuns campaignTestRuns) {
    this.campaignTestRuns = campaignTestRuns;
    // journeys, steps and occasions named in the page's language (#17)
    this.names = new ModelNames(messages);
    this.parameters = new JourneyParameters(reports, diagrams);
    this.experiments = experiments;
    this.customerMessages = customerMessages;
    this.reports = reports;
    this.diagrams = diagrams;
    this.saleWindows = saleWindows;
    this.messages = messages;
    this.json = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.shopZone = journeys.shopTimeZone();
    this.clock = clock;
  }

  /** A figure on a tile: its label key, formatted value, the API's raw value, counts beside it. */
  public record Tile(
      String id, String label, String text, String raw, String definition, String detail) {}

  // ------------------------------------------------------------------ pages

  @GetMapping("/")
  String overview(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String preset,
      @RequestParam(required = false) String lang,
      Locale locale,
      Model model) {
    Period period = period(from, to, preset, model);
    AnalyticsReports.Summary summary = reports.summary(period.from(), period.to());
    Formats fmt =
        common(model, "overview", period, summary.header(), locale, null, null, null, lang);
    Map<String, String> d = reports.definitions(summary.header(), locale);
    var s = summary.bySendDay();
    var shop = summary.shop();
    List<Tile> tiles = new ArrayList<>();
    tiles.add(
        new Tile(
            "messagesSent",
            "figure.messagesSent",
            fmt.count(s.messagesSent()),
            String.valueOf(s.messagesSent()),
            d.get("messagesSent"),
            msg("detail.failedSkipped", locale, fmt.count(s.failed()), fmt.count(s.skipped()))));
    // messaging's dry-run mode: sent (recorded) but never handed to Twilio, so never delivered
    long dryRunSends = reports.dryRunSends(period.from(), period.to());
    String dryRunNote =
        dryRunSends == 0 ? null : msg("funnel.dryRun", locale, fmt.count(dryRunSends));
    BigDecimal deliveryRate =
        dryRunSends == s.messagesSent() ? null : deliveryRate(s.delivered(), s.messagesSent());
    tiles.add(
        new Tile(
            "deliveryRate",
            "figure.deliveryRate",
            fmt.percent(deliveryRate),
            plain(deliveryRate),
            msg("definition.deliveryRate", locale),
            s.messagesSent() == 0
                ? msg("funnel.empty", locale)
                : dryRunNote != null
                    ? dryRunNote
                    : msg(
                        "detail.ofSent",
                        locale,
                        fmt.count(s.delivered()),
                        fmt.count(s.messagesSent()))));
    tiles.add(
        new Tile(
            "attributedOrders",
            "figure.attributedOrders",
            fmt.count(s.attributedOrders()),
            String.valueOf(s.attributedOrders()),
            d.get("attribution") + " · " + d.get("bySendDay"),
            msg("detail.units", locale, fmt.count(s.attributedUnits()))));
    tiles.add(
        new Tile(
            "conversionRate",
            "figure.conversionRate",
            fmt.percent(s.conversionRate()),
            plain(s.conversionRate()),
            d.get("conversionRate"),
            msg(
                "detail.ordersOfSent",
                locale,
                fmt.count(s.attributedOrders()),
                fmt.count(s.messagesSent()))));
    tiles.add(
        new Tile(
            "attributedGmv",
            "figure.attributedGmv",
            fmt.money(s.attributedGmv()),
            plain(s.attributedGmv()),
            d.get("attribution") + " · " + d.get("bySendDay"),
            msg("detail.ordersBySendDay", locale, fmt.count(s.attributedOrders()))));
    tiles.add(
        new Tile(
            "attributedNetGmv",
            "figure.attributedNetGmv",
            fmt.money(s.attributedNetGmv()),
            plain(s.attributedNetGmv()),
            d.get("netGmv"),
            msg("detail.gross", locale, fmt.money(s.attributedGmv()))));
    tiles.add(
        new Tile(
            "cost",
            "figure.cost",
            fmt.money(s.cost()),
            plain(s.cost()),
            d.get("cost"),
            msg(
                "detail.cost",
                locale,
                fmt.money(s.messageCost()),
                fmt.money(s.couponCost()),
                fmt.count(s.segments()))));
    tiles.add(
        new Tile(
            "roi",
            "figure.roi",
            fmt.roi(s.roi()),
            Objects.toString(s.roi(), ""),
            d.get("roi"),
            msg("detail.netRoi", locale, fmt.roi(s.netRoi()))));
    tiles.add(
        new Tile(
            "shareOfShopGmv",
            "figure.shareOfShopGmv",
            fmt.percent(shop.attributedShareOfGmv()),
            plain(shop.attributedShareOfGmv()),
            d.get("shareOfShopGmv") + " · " + d.get("attribution"),
            msg(
                "detail.shareOfShop",
                locale,
                fmt.money(shop.attributedGmv()),
                fmt.money(shop.gmv()),
                fmt.count(shop.paidOrders()))));
    model.addAttribute("tiles", tiles);
    model.addAttribute("summary", summary);
    var byDay = reports.breakdown(Breakdown.DAY, "SEND", period.from(), period.to());
    model.addAttribute("days", byDay.rows());
    Function<String, String> label = key -> msg(key, locale);
    model.addAttribute(
        "trendOption", toJson(ChartOptions.trend(byDay, period.from(), period.to(), label)));
    model.addAttribute("funnelOption", toJson(ChartOptions.funnel(summary, dryRunSends, label)));
    // what the funnel shows, readable without the chart: nothing sent, or sends of a dry run
    model.addAttribute(
        "funnelNote", s.messagesSent() == 0 ? msg("funnel.empty", locale) : dryRunNote);
    return "dashboard/overview";
  }

  /**
   * A step's name as its facts recorded it ({@code step_name}), else the model's name of the
   * element (the version shown, then the bundled model): facts recorded before the step passed its
   * name (the coupons' steps before #16's review) are named all the same; null when neither has
   * one.
   */
  private static String recordedOrModelName(
      AnalyticsReports.BreakdownRow row,
      String stepId,
      JourneyDiagrams.Journey drawn,
      JourneyDiagrams.Journey bundled) {
    String recorded = (String) row.dimensions().get("step_name");
    if (recorded != null && !recorded.isBlank()) {
      return recorded;
    }
    String model = drawn.elementName(stepId);
    return model != null ? model : bundled.elementName(stepId);
  }

  @GetMapping("/journeys")
  String journey(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String preset,
      @RequestParam(required = false) String journey,
      @RequestParam(required = false) String step,
      @RequestParam(required = false) String version,
      @RequestParam(required = false) String lang,
      Locale locale,
      Model model) {
    Period period = period(from, to, preset, model);
    String processId = journey != null ? journey : "order-journey";
    // the journey, version and step, checked as the step's API checks them (JourneyParameters)
    JourneyParameters.Checked checked =
        parameters.journey(JourneyParameters.PAGE, processId, version, period.from(), period.to());
    JourneyParameters.step(JourneyParameters.PAGE, checked, processId, step);
    JourneyDiagrams.Journey diagram = checked.diagram();
    var bySteps = checked.bySteps();
    // the figures of one deployed version of the journey (issue #16): the one asked for
    // (?version=3 or ?version=unknown), else the newest with sends in the period
    JourneyVersions versions = checked.versions();
    String asked = checked.asked();
    // the version whose figures the page shows; null when the journey has no sends in the period
    String shown = checked.shown();
    Formats fmt =
        common(model, "journeys", period, bySteps.header(), locale, processId, asked, step, lang);
    PageLinks links = (PageLinks) model.getAttribute("links");
    Map<String, AnalyticsReports.BreakdownRow> rows = new LinkedHashMap<>();
    for (var row : bySteps.rows()) {
      if (processId.equals(row.dimensions().get("process_id"))
          && JourneyVersions.param((Integer) row.dimensions().get("process_version"))
              .equals(shown)) {
        rows.put((String) row.dimensions().get("step_id"), row);
      }
    }
    model.addAttribute("versionShown", shown);
    model.addAttribute("versionShownName", shown == null ? null : versionName(shown, locale));
    // the selector: every version with sends in the period, newest first, unknown last
    List<JourneyVersions.Option> options = new ArrayList<>();
    for (var v : versions.all()) {
      options.add(
          new JourneyVersions.Option(
              v.param(),
              msg(
                  "journey.version.option",
                  locale,
                  versionName(v.param(), locale),
                  fmt.count(v.sent())),
              v.sent(),
              v.param().equals(shown),
              links.withVersion(v.param())));
    }
    model.addAttribute("versionOptions", options);
    // a version asked for without sends in the period: not offered, said so, its figures empty
    model.addAttribute("versionWithoutSends", shown != null && !versions.has(shown));
    Integer shownNumber =
        shown == null || shown.equals(JourneyVersions.UNKNOWN) ? null : Integer.valueOf(shown);
    JourneyDiagrams.Journey versionModel = checked.versionModel();
    JourneyDiagrams.Journey drawn = checked.drawn();
    model.addAttribute(
        "diagramNote", diagramNote(processId, shown, shownNumber, versionModel != null, locale));
    List<StepLine> lines = new ArrayList<>();
    for (var s : drawn.steps()) {
      lines.add(
          StepLine.of(
              s.id(),
              names.step(processId, s.id(), s.name(), locale),
              true,
              s.coupon(),
              rows.get(s.id())));
    }
    rows.forEach(
        (id, row) -> {
          if (drawn.steps().stream().noneMatch(s -> s.id().equals(id))) {
            String name = recordedOrModelName(row, id, drawn, diagram);
            boolean coupon = diagram.step(id).map(JourneyDiagrams.Step::coupon).orElse(false);
            lines.add(StepLine.of(id, names.step(processId, id, name, locale), false, coupon, row));
          }
        });
    // a step kept while switching versions that the version shown neither draws nor sent: its
    // (empty) detail, not a 400, when the journey has it in another model or version
    if (step != null && lines.stream().noneMatch(l -> l.stepId().equals(step))) {
      String name =
          diagram.steps().stream()
              .filter(s -> s.id().equals(step))
              .map(JourneyDiagrams.Step::name)
              .findFirst()
              .orElseGet(
                  () ->
                      bySteps.rows().stream()
                          .filter(
                              r ->
                                  processId.equals(r.dimensions().get("process_id"))
                                      && step.equals(r.dimensions().get("step_id")))
                          .map(r -> recordedOrModelName(r, step, drawn, diagram))
                          .findFirst()
                          .orElse(diagram.elementName(step)));
      if (JourneyParameters.knows(checked, processId, step)) {
        boolean coupon = diagram.step(step).map(JourneyDiagrams.Step::coupon).orElse(false);
        lines.add(
            StepLine.of(step, names.step(processId, step, name, locale), false, coupon, null));
      }
    }
    List<Map<String, Object>> overlays = new ArrayList<>();
    for (StepLine line : lines) {
      if (line.onDiagram()) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("stepId", line.stepId());
        o.put("name", line.name());
        o.put("sent", line.figures() == null ? 0 : line.figures().messagesSent());
        o.put("sentText", fmt.count(line.figures() == null ? 0 : line.figures().messagesSent()));
        o.put(
            "conversionText",
            fmt.percent(line.figures() == null ? null : line.figures().conversionRate()));
        o.put("roiText", fmt.roi(line.figures() == null ? null : line.figures().roi()));
        o.put("href", links.step(line.stepId()));
        overlays.add(o);
      }
    }
    model.addAttribute("journey", diagram);
    model.addAttribute("journeys", diagrams.all());
    model.addAttribute("journeyName", names.journey(processId, diagram.name(), locale));
    Map<String, String> journeyNames = new LinkedHashMap<>();
    diagrams
        .all()
        .forEach(
            j -> journeyNames.put(j.processId(), names.journey(j.processId(), j.name(), locale)));
    model.addAttribute("journeyNames", journeyNames);
    model.addAttribute("steps", lines);
    model.addAttribute("overlays", toJson(overlays));
    model.addAttribute(
        "overlayLabels",
        toJson(overlayLabels(reports.definitions(bySteps.header(), locale), model, locale)));
    model.addAttribute(
        "bpmnUrl",
        "/dashboard/bpmn/"
            + processId
            + ".bpmn"
            + (versionModel == null ? "" : "?version=" + shown));
    if (step != null) {
      StepLine selected =
          lines.stream()
              .filter(l -> l.stepId().equals(step))
              .findFirst()
              .orElseThrow(() -> new BadParameter("step", "error.step.unknown", processId, step));
      model.addAttribute("selected", selected);
      // the step's own figures, trend, decay, templates, skips and failures (the API's step)
      var detail = reports.step(processId, step, shown, period.from(), period.to());
      Function<String, String> label = key -> msg(key, locale);
      model.addAttribute("stepDetail", detail);
      model.addAttribute("stepTrendOption", toJson(ChartOptions.stepTrend(detail, label)));
      model.addAttribute("decayOption", toJson(ChartOptions.stepDecay(detail, label)));
    }
    return "dashboard/journey";
  }

  /**
   * What the page says of the diagram's version (issue #16): the version the diagram is, and when
   * it is not the version whose figures the page shows, that version's model is not available. The
   * drawn model is the shown version's from the cluster ({@code fromCluster}), else the bundled
   * model, whose deployed version {@link JourneyDiagrams#bundledVersion} tells when known.
   *
   * @param shown the version shown ({@code 5}, {@code unknown}), null when the period has no sends
   * @return the note; null when nothing is known to say (no sends, the bundled model's version not
   *     known)
   */
  private String diagramNote(
      String processId, String shown, Integer shownNumber, boolean fromCluster, Locale locale) {
    if (fromCluster) {
      return msg("journey.version.diagramDeployed", locale, versionName(shown, locale));
    }
    java.util.OptionalInt bundled = diagrams.bundledVersion(processId);
    if (bundled.isEmpty()) {
      return shown == null
          ? null
          : msg("journey.version.diagramNotKnown", locale, versionName(shown, locale));
    }
    String bundledName = versionName(String.valueOf(bundled.getAsInt()), locale);
    if (shown == null || Integer.valueOf(bundled.getAsInt()).equals(shownNumber)) {
      return msg("journey.version.diagramBundled", locale, bundledName);
    }
    return msg("journey.version.diagram", locale, bundledName, versionName(shown, locale));
  }

  /**
   * The overlay badges' labels and, for each figure, its definition with the page's context line
   * (period, zone, attribution window, rule version), shown on hover: {@code sent}, {@code
   * conversion}, {@code roi} and {@code titles} of the same keys.
   */
  private Map<String, Object> overlayLabels(Map<String, String> defs, Model model, Locale locale) {
    String context = (String) model.getAttribute("context");
    return Map.of(
        "sent", msg("overlay.sent", locale),
        "conversion", msg("overlay.conversion", locale),
        "roi", msg("overlay.roi", locale),
        "titles",
            Map.of(
                "sent", defs.get("messagesSent") + " — " + context,
                "conversion", defs.get("conversionRate") + " — " + context,
                "roi", defs.get("roi") + " — " + context));
  }

  /**
   * A journey's step (a send step, or a coupon step: {@code coupon}, which sends no message and has
   * no templates) with its figures (null when the period holds none).
   */
  public record StepLine(
      String stepId,
      String name,
      boolean onDiagram,
      boolean coupon,
      AnalyticsReports.Figures figures,
      AnalyticsReports.Buyers buyers) {
    static StepLine of(
        String id,
        String name,
        boolean onDiagram,
        boolean coupon,
        AnalyticsReports.BreakdownRow row) {
      return new StepLine(
          id,
          name,
          onDiagram,
          coupon,
          row == null ? null : row.figures(),
          row == null ? null : row.buyers());
    }
  }

  @GetMapping("/campaigns")
  String campaigns(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String preset,
      @RequestParam(required = false) String lang,
      Locale locale,
      Model model) {
    Period period = period(from, to, preset, model);
    var campaigns = reports.breakdown(Breakdown.CAMPAIGN, "SEND", period.from(), period.to());
    common(model, "campaigns", period, campaigns.header(), locale, null, null, null, lang);
    // each row with its audience (R19), as the campaign API and its CSV carry it
    model.addAttribute("rows", campaigns.rows());
    // nothing skipped silently: each campaign's skipped sends by reason (R22 consent, R20 cap, …)
    model.addAttribute("skips", campaignSkips(reports.skips(period.from(), period.to()).rows()));
    // #21: the test runs started in the period, with their outcome (campaigns' report)
    model.addAttribute("testRuns", campaignTestRuns.report(period.from(), period.to()));
    model.addAttribute("zone", shopZone);
    return "dashboard/campaigns";
  }

  /**
   * The skips table of the campaigns page: every row the skips API has, the campaigns' first and
   * the journeys outside campaigns (empty campaign) after them, none left out (#17: the order
   * journey's NO_CONSENT skips were dropped and the card said "no figures").
   */
  static List<AnalyticsReports.SkipRow> campaignSkips(List<AnalyticsReports.SkipRow> rows) {
    return rows.stream()
        .sorted(java.util.Comparator.comparing(r -> r.campaign().isEmpty()))
        .toList();
  }

  @GetMapping("/members")
  String members(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String preset,
      @RequestParam(required = false) String lang,
      Locale locale,
      Model model) {
    Period period = period(from, to, preset, model);
    var members = reports.members(period.from(), period.to());
    common(model, "members", period, members.header(), locale, null, null, null, lang);
    Function<String, String> label = key -> msg(key, locale);
    model.addAttribute("rows", members.rows());
    model.addAttribute("buyersOption", toJson(ChartOptions.membersDonut(members, "buyers", label)));
    model.addAttribute("gmvOption", toJson(ChartOptions.membersDonut(members, "gmv", label)));
    model.addAttribute("barsOption", toJson(ChartOptions.membersBars(members, label)));
    return "dashboard/members";
  }

  @GetMapping("/payment-reminders")
  String paymentReminders(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String preset,
      @RequestParam(required = false) String lang,
      Locale locale,
      Model model) {
    Period period = period(from, to, preset, model);
    var p = reports.paymentReminders(period.from(), period.to());
    Formats fmt = common(model, "reminders", period, p.header(), locale, null, null, null, lang);
    String def = reports.definitions(p.header(), locale).get("paymentReminder");
    model.addAttribute(
        "tiles",
        List.of(
            new Tile(
                "remindedUnpaidOrders",
                "figure.remindedUnpaidOrders",
                fmt.count(p.remindedUnpaidOrders()),
                String.valueOf(p.remindedUnpaidOrders()),
                def,
                ""),
            new Tile(
                "paidAfterReminder",
                "figure.paidAfterReminder",
                fmt.count(p.paidAfterReminder()),
                String.valueOf(p.paidAfterReminder()),
                def,
                ""),
            new Tile(
                "recoveryRate",
                "figure.recoveryRate",
                fmt.percent(p.recoveryRate()),
                plain(p.recoveryRate()),
                def,
                msg(
                    "detail.recovered",
                    locale,
                    fmt.count(p.paidAfterReminder()),
                    fmt.count(p.remindedUnpaidOrders()))),
            new Tile(
                "recoveredGmv",
                "figure.recoveredGmv",
                fmt.money(p.recoveredGmv()),
                plain(p.recoveredGmv()),
                def,
                msg("detail.net", locale, fmt.money(p.recoveredNetGmv()))),
            new Tile(
                "medianMinutesReminderToPayment",
                "figure.medianMinutesReminderToPayment",
                fmt.minutes(p.medianMinutesReminderToPayment()),
                Objects.toString(p.medianMinutesReminderToPayment(), ""),
                def,
                msg("detail.minutes", locale))));
    model.addAttribute("reminders", p);
    // #18: the payment reminder's own experiment (every step's: the Experiments page)
    experimentsModel(
        model,
        experiments.report(period.from(), period.to()),
        ExperimentProperties.PAYMENT_REMINDER_EXPERIMENT,
        locale);
    return "dashboard/payment-reminders";
  }

  /** #18: every send step's experiment (holdout and A/B variants) with its lift and intervals. */
  @GetMapping("/experiments")
  String experimentsPage(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String preset,
      @RequestParam(required = false) String lang,
      Locale locale,
      Model model) {
    Period period = period(from, to, preset, model);
    var header = reports.header(period.from(), period.to());
    common(model, "experiments", period, header, locale, null, null, null, lang);
    experimentsModel(model, experiments.report(period.from(), period.to()), null, locale);
    return "dashboard/experiments";
  }

  private void experimentsModel(
      Model model, ExperimentReports.Report report, String onlyExperiment, Locale locale) {
    var shown =
        onlyExperiment == null
            ? report
            : new ExperimentReports.Report(
                report.from(),
                report.to(),
                report.timeZone(),
                report.attributionWindow(),
                report.currency(),
                report.confidence(),
                report.definitions(),
                report.rows().stream()
                    .filter(r -> r.experimentId().equals(onlyExperiment))
                    .toList(),
                report.holdouts().stream()
                    .filter(h -> h.experimentId().equals(onlyExperiment))
                    .toList());
    model.addAttribute("experiments", shown.rows());
    model.addAttribute("holdouts", shown.holdouts());
    model.addAttribute(
        "experimentOption",
        toJson(ChartOptions.experimentIntervals(shown, key -> msg(key, locale))));
  }

  /**
   * A customer's message log: everything sent, and every skip with its reason code, as the operator
   * may see it (coupon codes redacted for viewers); the read is audited.
   */
  @GetMapping("/messages")
  String messages(
      @RequestParam(required = false) String customer,
      @RequestParam(required = false) String lang,
      Locale locale,
      Model model) {
    Period period = period(null, null, null, model);
    var header = reports.skips(period.from(), period.to()).header();
    common(model, "messages", period, header, locale, null, null, null, lang);
    String id = customer == null || customer.isBlank() ? null : customer.strip();
    model.addAttribute("customer", id);
    model.addAttribute("zone", shopZone);
    model.addAttribute("entries", id == null ? List.of() : customerMessages.read(id));
    return "dashboard/messages";
  }

  /**
   * A journey's model for the bpmn-js viewer: as this release deploys it, or with {@code ?version=}
   * (the engine's version number) as the cluster keeps that version (404 when it cannot give it).
   */
  @GetMapping(path = "/dashboard/bpmn/{processId}.bpmn")
  ResponseEntity<String> bpmn(
      @PathVariable String processId, @RequestParam(required = false) Integer version) {
    var journey = version == null ? diagrams.find(processId) : diagrams.find(processId, version);
    return journey
        .map(j -> ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(j.xml()))
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND,
                    "no journey "
                        + processId
                        + (version == null ? "" : " of version " + version + " in the cluster")));
  }

  /**
   * A parameter the page cannot show (a preset, period, date, journey, version or step): 400 with
   * the reason in the page's language ({@link BadParameter#text}).
   */
  @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class})
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  String badRequest(Exception e, HttpServletRequest request, Locale locale, Model model) {
    return PageRefusals.errorPage(e, messages, request, locale, model);
  }

  // ------------------------------------------------------------------ parts

  /**
   * The request's period; the presets the filters offer go to the model: the last 7 days, and each
   * sale whose window the occasion calendar states (R19), no other.
   */
  private Period period(LocalDate from, LocalDate to, String preset, Model model) {
    LocalDate today = LocalDate.now(clock.withZone(shopZone));
    var windows = saleWindows.latest(today);
    Map<String, Period> sales = Period.sales(windows.orElse(Map.of()));
    List<String> presets = new ArrayList<>(List.of(Period.LAST_7_DAYS));
    presets.addAll(sales.keySet());
    model.addAttribute("presets", presets);
    // the calendar cannot be read now: the sale presets are hidden, and the filters say why
    model.addAttribute("salesUnavailable", windows.isEmpty());
    if (windows.isEmpty() && preset != null && Period.SALES.containsKey(preset)) {
      throw new BadParameter("preset", "error.preset.unavailable", preset);
    }
    return Period.of(from, to, preset, today, sales);
  }

  /** The header, filters and links of a page; {@code version} the journey page's ?version=. */
  private Formats common(
      Model model,
      String active,
      Period period,
      AnalyticsReports.Header header,
      Locale locale,
      String journey,
      String version,
      String step,
      String lang) {
    Formats fmt = new Formats(locale, header.currency());
    model.addAttribute("active", active);
    model.addAttribute("period", period);
    model.addAttribute("header", header);
    // every figure's definition on hover, in the page's language
    model.addAttribute("defs", reports.definitions(header, locale));
    // when the figures were read, in the shop's zone, as the page's language writes a time
    model.addAttribute("asOf", fmt.instant(header.asOf(), ZoneId.of(header.timeZone())));
    model.addAttribute("fmt", fmt);
    model.addAttribute("names", names);
    String language = locale.getLanguage().equals("zh") ? "zh-CN" : "en";
    model.addAttribute("links", new PageLinks(period, journey, version, step, lang, language));
    model.addAttribute("path", pathOf(active));
    model.addAttribute("lang", language);
    model.addAttribute(
        "context",
        msg(
            "context.line",
            locale,
            fmt.date(header.from()),
            fmt.date(header.to()),
            header.timeZone(),
            fmt.window(header.attributionWindow()),
            header.ruleVersion()));
    return fmt;
  }

  private static String pathOf(String active) {
    return switch (active) {
      case "journeys" -> "/journeys";
      case "campaigns" -> "/campaigns";
      case "members" -> "/members";
      case "reminders" -> "/payment-reminders";
      case "experiments" -> "/experiments";
      case "messages" -> "/messages";
      default -> "/";
    };
  }

  /**
   * Delivered / messages sent: the API gives both counts but no rate; the page shows their ratio (4
   * decimals, half up, as the API rounds its rates), null without a send.
   */
  static BigDecimal deliveryRate(long delivered, long sent) {
    return sent == 0
        ? null
        : BigDecimal.valueOf(delivered).divide(BigDecimal.valueOf(sent), 4, RoundingMode.HALF_UP);
  }

  private static String plain(BigDecimal value) {
    return value == null ? "" : value.toPlainString();
  }

  /** A journey version as the page names it: "version 5", or "version unknown". */
  private String versionName(String param, Locale locale) {
    return JourneyVersions.UNKNOWN.equals(param)
        ? msg("journey.version.unknownName", locale)
        : msg("journey.version.name", locale, param);
  }

  private String msg(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, key, locale);
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chart option not serializable", e);
    }
  }
}
