package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.careflow.analytics.AnalyticsReports;
import com.careflow.analytics.Breakdown;
import com.careflow.campaigns.CampaignTestRuns;
import com.careflow.experiments.ExperimentReports;
import com.careflow.messaging.CustomerMessages;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * #17, the overview rendered with the real templates and bundles: the funnel and the delivery rate
 * say what they show for a period without a send (no 0 % nor NaN) and for messaging's dry run,
 * whose sends the API counts as sent and never delivered (docs/analytics.md).
 */
class DashboardFunnelTest {

  static final String PERIOD = "from=2026-11-11&to=2026-11-11";

  final AnalyticsReports reports = mock(AnalyticsReports.class);
  final ResourceBundleMessageSource messages = DashboardMvc.messages();
  MockMvc mvc;

  @BeforeEach
  void setUp() {
    mvc =
        DashboardMvc.of(
            DashboardMvc.controller(
                reports,
                messages,
                Clock.fixed(DashboardFigureTitlesTest.AS_OF, DashboardFigureTitlesTest.SHANGHAI),
                mock(ExperimentReports.class),
                mock(CustomerMessages.class),
                mock(CampaignTestRuns.class)),
            messages);
    when(reports.definitions(any(), any())).thenReturn(Map.of());
    when(reports.breakdown(eq(Breakdown.DAY), eq("SEND"), any(), any()))
        .thenReturn(
            new AnalyticsReports.BreakdownReport(
                DashboardFigureTitlesTest.header(), "SEND", "DAY", List.of()));
  }

  private void summary(long sent, long delivered) {
    var f = DashboardFigureTitlesTest.figures();
    var figures =
        new AnalyticsReports.Figures(
            sent,
            delivered,
            0,
            0,
            sent,
            f.messageCost(),
            f.couponCost(),
            f.cost(),
            0,
            0,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            sent == 0 ? null : BigDecimal.ZERO,
            null,
            null);
    when(reports.summary(any(), any()))
        .thenReturn(
            new AnalyticsReports.Summary(
                DashboardFigureTitlesTest.header(),
                figures,
                new AnalyticsReports.Buyers(sent, 0, null, 0, BigDecimal.ZERO),
                new AnalyticsReports.ShopFigures(
                    0,
                    0,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    0,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    null)));
  }

  private static String tile(String html, String id) {
    int start = html.indexOf("id=\"tile-" + id + "\"");
    assertThat(start).as("tile %s", id).isGreaterThanOrEqualTo(0);
    int next = html.indexOf("id=\"tile-", start + 1);
    return html.substring(start, next < 0 ? html.indexOf("</section>", start) : next);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName("#17: a period without a send says so: no funnel of zeros, no 0 % delivery rate")
  void aPeriodWithoutASendSaysSo(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    summary(0, 0);
    String html = DashboardMvc.page(mvc, "/?" + PERIOD, locale);
    String empty = messages.getMessage("funnel.empty", null, locale);
    assertThat(html).contains("id=\"funnel-note\">" + empty + "</p>");
    String funnel =
        html.substring(
            html.indexOf("id=\"chart-funnel-option\">"),
            html.indexOf("</script>", html.indexOf("id=\"chart-funnel-option\">")));
    assertThat(funnel).contains("\"data\":[]").contains(empty);
    String rate = tile(html, "deliveryRate");
    assertThat(rate).contains(empty).doesNotContain("0%").doesNotContain("NaN");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName("#17: a dry run's sends are labelled as never delivered, not as a 0 % delivery rate")
  void aDryRunSaysItsSendsAreNeverDelivered(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    summary(12, 0);
    when(reports.dryRunSends(any(), any())).thenReturn(12L);
    String html = DashboardMvc.page(mvc, "/?" + PERIOD, locale);
    String note = messages.getMessage("funnel.dryRun", new Object[] {"12"}, locale);
    assertThat(html).contains("id=\"funnel-note\">" + note + "</p>");
    assertThat(html).contains(messages.getMessage("figure.deliveredDryRun", null, locale));
    String rate = tile(html, "deliveryRate");
    assertThat(rate).contains(note).doesNotContain("0%");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh-CN"})
  @DisplayName("#17: sends handed to Twilio keep the funnel and rate as they are, with no note")
  void realSendsShowNoNote(String language) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    summary(10, 9);
    String html = DashboardMvc.page(mvc, "/?" + PERIOD, locale);
    assertThat(html).doesNotContain("id=\"funnel-note\"");
    assertThat(tile(html, "deliveryRate")).contains("90%");
  }
}
