package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.careflow.local.Double11Night;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * #17 "after the simulator's night the pages show that night", as a new user meets it: the README's
 * simulator command (no {@code day}: the next Double 11 of the engine clock), then every dashboard
 * page with no query parameter at all. The default period (the last 7 days of the application
 * clock, which the time-lapse moved) must hold the sale day, and each page's figures must be the
 * analytics API's for that period and not zero; the {@code double11} preset holds the night too.
 */
@org.springframework.test.context.TestPropertySource(
    properties =
        // the test schema starts empty, as the README's in-memory database, for which the
        // development stack counts the whole history (LocalStackInitializer.completeHistory): the
        // night's first-time buyers are NEW (R25)
        "careflow.analytics.history-complete-from=2000-01-01")
class DashboardAfterNightIT extends ShopEventsITBase {

  /** A night of its own (event ids follow the seed; Double11AnalyticsIT plays 1606). */
  static final long SEED = 1717;

  static final Pattern FROM =
      Pattern.compile("<input type=\"date\" name=\"from\" value=\"([^\"]+)\"");
  static final Pattern TO = Pattern.compile("<input type=\"date\" name=\"to\" value=\"([^\"]+)\"");

  TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  @Autowired
  void login(TestRestTemplate rest) {
    http = rest.withBasicAuth("demo", "demo");
  }

  @Test
  @DisplayName(
      "R23 R24 R25: after the README's simulator night, every page's default period holds the"
          + " sale day and shows the API's non-zero figures of that period; the Double 11 preset"
          + " holds the night")
  @SuppressWarnings("unchecked")
  void r23_r24_r25_theDefaultPagesShowTheSimulatedNight() throws Exception {
    var started =
        http.postForEntity(
            "/local/simulator/double11?customers=8&orders=24&seed=" + SEED, null, Map.class);
    assertThat(started.getStatusCode().value()).isEqualTo(202);
    Map<String, Integer> planned = (Map<String, Integer>) started.getBody().get("counts");
    assertThat(planned.get("PAID_AFTER_REMINDER")).as("the plan of seed " + SEED).isPositive();
    LocalDate saleDay =
        LocalDate.ofInstant(
            Instant.parse((String) started.getBody().get("dayStart")), Double11Night.SHANGHAI);
    assertThat(saleDay.getMonthValue() * 100 + saleDay.getDayOfMonth())
        .as("the default night is a Double 11")
        .isEqualTo(1111);
    await()
        .atMost(Duration.ofMinutes(8))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> "done".equals(http.getForObject("/local/simulator", Map.class).get("state")));

    // the last events settle through the intake and the journeys within moments
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              String page = page("/");
              String period = period(page);
              assertThat(tile(page, "messagesSent"))
                  .isEqualTo(
                      get("/api/analytics/summary?" + period)
                          .at("/bySendDay/messagesSent")
                          .asLong())
                  .isPositive();
              assertThat(
                      get("/api/analytics/payment-reminders?" + period)
                          .path("remindedUnpaidOrders")
                          .asLong())
                  .isPositive();
            });

    // Overview: the default period holds the sale day; its tiles are the API's
    String overview = page("/");
    LocalDate from = LocalDate.parse(match(FROM, overview));
    LocalDate to = LocalDate.parse(match(TO, overview));
    assertThat(to.minusDays(6)).isEqualTo(from);
    assertThat(saleDay).isBetween(from, to);
    String period = period(overview);
    JsonNode summary = get("/api/analytics/summary?" + period);
    assertThat(tile(overview, "messagesSent"))
        .isEqualTo(summary.at("/bySendDay/messagesSent").asLong())
        .isPositive();
    assertThat(tile(overview, "attributedOrders"))
        .isEqualTo(summary.at("/bySendDay/attributedOrders").asLong());

    // Journeys: each send step's row is the API's breakdown by step
    String journeys = page("/journeys");
    assertThat(period(journeys)).isEqualTo(period);
    Map<String, Long> apiSteps = new LinkedHashMap<>();
    for (JsonNode row : get("/api/analytics/breakdown?by=step&" + period).path("rows")) {
      if ("order-journey".equals(row.at("/dimensions/process_id").asText())) {
        apiSteps.put(
            row.at("/dimensions/step_id").asText(), row.at("/figures/messagesSent").asLong());
      }
    }
    Map<String, Long> pageSteps = rows(journeys, "data-step", "data-sent");
    assertThat(pageSteps).containsAllEntriesOf(apiSteps);
    assertThat(pageSteps.get("Activity_SendPaymentReminder")).isPositive();

    // Campaigns: one row per campaign and occasion (the journeys' own sends under "-"; a coupon
    // Careflow issued outside campaigns and redeemed has its occasion's row, R24), as the API's
    String campaigns = page("/campaigns");
    assertThat(period(campaigns)).isEqualTo(period);
    Map<String, Long> apiCampaigns = new LinkedHashMap<>();
    for (JsonNode row : get("/api/analytics/breakdown?by=campaign&" + period).path("rows")) {
      String c = row.at("/dimensions/campaign").asText("");
      String o = row.at("/dimensions/occasion").asText("");
      apiCampaigns.put(
          (c.isEmpty() ? "-" : c) + "/" + (o.isEmpty() ? "-" : o),
          row.at("/figures/messagesSent").asLong());
    }
    Map<String, Long> pageCampaigns = rows(campaigns, "data-row", "data-sent");
    assertThat(pageCampaigns).isEqualTo(apiCampaigns);
    assertThat(pageCampaigns.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(summary.at("/bySendDay/messagesSent").asLong());

    // Members (R25): buyers by kind, as the API's
    String members = page("/members");
    assertThat(period(members)).isEqualTo(period);
    Map<String, Long> apiMembers = new LinkedHashMap<>();
    for (JsonNode row : get("/api/analytics/members?" + period).path("rows")) {
      apiMembers.put(row.path("buyerKind").asText(), row.path("buyers").asLong());
    }
    Map<String, Long> pageMembers = rows(members, "data-kind", "data-buyers");
    assertThat(pageMembers).isEqualTo(apiMembers);
    assertThat(pageMembers.values().stream().mapToLong(Long::longValue).sum()).isPositive();
    // #17: some buyers of the night bought before it (the simulator's earlier orders), so both
    // kinds have buyers and a share of the GMV
    for (JsonNode row : get("/api/analytics/members?" + period).path("rows")) {
      System.out.printf(
          "R25 after the night: %s buyers %d (%s), GMV %s (%s), units per buyer %s%n",
          row.path("buyerKind").asText(),
          row.path("buyers").asLong(),
          row.path("shareOfBuyers").asText(),
          row.path("gmv").asText(),
          row.path("shareOfGmv").asText(),
          row.path("unitsPerBuyer").asText());
      if (row.path("buyerKind").asText().matches("NEW|RETURNING")) {
        assertThat(row.path("shareOfGmv").decimalValue()).as(row.toString()).isPositive();
      }
    }
    assertThat(apiMembers).containsKeys("NEW", "RETURNING");
    assertThat(apiMembers.get("NEW")).isPositive();
    assertThat(apiMembers.get("RETURNING")).isPositive();
    assertJourneysReturningBuyersBoughtBefore();

    // Payment reminders: the night's reminded orders and those paid after the reminder
    String reminders = page("/payment-reminders");
    assertThat(period(reminders)).isEqualTo(period);
    JsonNode apiReminders = get("/api/analytics/payment-reminders?" + period);
    assertThat(tile(reminders, "remindedUnpaidOrders"))
        .isEqualTo(apiReminders.path("remindedUnpaidOrders").asLong())
        .isPositive();
    assertThat(tile(reminders, "paidAfterReminder"))
        .isEqualTo(apiReminders.path("paidAfterReminder").asLong());

    // the Double 11 preset: the latest (or current) sale window, the night's sale day in it
    String preset = page("/?preset=double11");
    LocalDate presetFrom = LocalDate.parse(match(FROM, preset));
    LocalDate presetTo = LocalDate.parse(match(TO, preset));
    assertThat(saleDay).isBetween(presetFrom, presetTo);
    assertThat(tile(preset, "messagesSent"))
        .isEqualTo(
            get("/api/analytics/summary?from=" + presetFrom + "&to=" + presetTo)
                .at("/bySendDay/messagesSent")
                .asLong())
        .isPositive();

    // R19 (#17): the README's next step moves the clock to the after-sales care week that
    // follows the sale (POST_SALE_CARE, 11-26/27); the Campaigns page's default week then shows
    // that campaign's sends
    LocalDate careDay = saleDay.withMonth(11).withDayOfMonth(26);
    var moved =
        http.postForEntity(
            "/local/clock/advance", Map.of("until", careDay + "T10:00:00+08:00"), Map.class);
    assertThat(moved.getStatusCode().value()).as(String.valueOf(moved.getBody())).isEqualTo(200);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              String care = page("/campaigns");
              assertThat(LocalDate.parse(match(TO, care))).isEqualTo(careDay);
              Map<String, Long> occasionCampaigns = new LinkedHashMap<>();
              for (JsonNode row :
                  get("/api/analytics/breakdown?by=campaign&" + period(care)).path("rows")) {
                if ("POST_SALE_CARE".equals(row.at("/dimensions/occasion").asText())) {
                  occasionCampaigns.put(
                      row.at("/dimensions/campaign").asText(),
                      row.at("/figures/messagesSent").asLong());
                }
              }
              assertThat(occasionCampaigns)
                  .isNotEmpty()
                  .allSatisfy((c, sent) -> assertThat(sent).isPositive());
              assertThat(rows(care, "data-campaign", "data-sent"))
                  .containsAllEntriesOf(occasionCampaigns);
            });
  }

  /**
   * R1/R2 against R25: every order the order journey reminded as a returning buyer's ({@code
   * payment-reminder-returning}) has a buyer with a paid order before it was placed, and every
   * reminded order of a buyer the simulator gave earlier orders (weeks before the night) was
   * reminded as a returning buyer's. (A new buyer's order placed minutes after their first payment
   * may still be looked up before that payment took effect, so "new" is not checked the other way.)
   */
  void assertJourneysReturningBuyersBoughtBefore() {
    record Reminded(String template, String orderId, long paidBefore, boolean boughtBeforeNight) {}
    var reminded =
        jdbc.sql(
                """
                SELECT DISTINCT m.template_key, m.order_id,
                  (SELECT COUNT(*) FROM analytics_order p
                    WHERE p.customer_id = o.customer_id AND p.paid_at IS NOT NULL
                      AND p.paid_at < o.placed_at),
                  EXISTS (SELECT 1 FROM analytics_order e
                    WHERE e.customer_id = o.customer_id AND e.order_id LIKE '%-earlier%')
                FROM message_log m JOIN analytics_order o ON o.order_id = m.order_id
                WHERE m.template_key IN ('payment-reminder-returning', 'payment-reminder-new')
                  AND m.order_id LIKE :orders
                """)
            .param("orders", "sim-" + Long.toString(SEED, 36) + "-%")
            .query(
                (rs, n) ->
                    new Reminded(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4)))
            .list();
    assertThat(reminded)
        .as("reminded orders of the night")
        .anyMatch(r -> r.template().endsWith("-returning"));
    for (var r : reminded) {
      if (r.template().endsWith("-returning")) {
        assertThat(r.paidBefore()).as("earlier paid orders of %s", r).isPositive();
      }
      if (r.boughtBeforeNight()) {
        assertThat(r.template()).as("%s", r).isEqualTo("payment-reminder-returning");
      }
    }
  }

  String page(String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
    ResponseEntity<String> response =
        http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
    return response.getBody();
  }

  JsonNode get(String path) throws Exception {
    return json.readTree(http.getForObject(path, String.class));
  }

  static String period(String page) {
    return "from=" + match(FROM, page) + "&to=" + match(TO, page);
  }

  static long tile(String page, String figure) {
    return Long.parseLong(
        match(Pattern.compile("data-figure=\"" + figure + "\" data-value=\"([^\"]*)\""), page));
  }

  /** The rows of a page's table: the key attribute's value to the count attribute's. */
  static Map<String, Long> rows(String page, String key, String count) {
    Map<String, Long> rows = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("<tr[^>]*\\s" + key + "=\"([^\"]*)\"[^>]*\\s" + count + "=\"([0-9]+)\"")
            .matcher(page);
    while (m.find()) {
      rows.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return rows;
  }

  static String match(Pattern pattern, String page) {
    Matcher m = pattern.matcher(page);
    assertThat(m.find()).as("%s in the page", pattern).isTrue();
    return m.group(1);
  }
}
