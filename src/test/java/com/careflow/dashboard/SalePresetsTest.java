package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.analytics.AnalyticsReports;
import com.careflow.analytics.Breakdown;
import com.careflow.campaigns.CampaignTestRuns;
import com.careflow.campaigns.SaleWindows;
import com.careflow.experiments.ExperimentReports;
import com.careflow.journeys.JourneysProperties;
import com.careflow.messaging.CustomerMessages;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

/**
 * #17 / R19: the Double 11 / 618 presets of the filters as the occasion calendar gives them, and a
 * page that still renders, without them and saying why, when the calendar cannot be read.
 */
class SalePresetsTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
  static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

  final AnalyticsReports reports = mock(AnalyticsReports.class);
  final CampaignTestRuns testRuns = mock(CampaignTestRuns.class);
  final org.springframework.context.support.ResourceBundleMessageSource messages =
      DashboardMvc.messages();

  MockMvc pages(SaleWindows windows) {
    var header =
        new AnalyticsReports.Header(
            TODAY.minusDays(6),
            TODAY,
            "Asia/Shanghai",
            "PT72H",
            1,
            List.of(),
            "CNY",
            NOW,
            Map.of());
    when(reports.breakdown(eq(Breakdown.CAMPAIGN), eq("SEND"), any(), any()))
        .thenReturn(new AnalyticsReports.BreakdownReport(header, "SEND", "CAMPAIGN", List.of()));
    when(reports.skips(any(), any())).thenReturn(new AnalyticsReports.Skips(header, 0, List.of()));
    when(testRuns.report(any(), any())).thenReturn(new CampaignTestRuns.Report(header, List.of()));
    var controller =
        new DashboardController(
            reports,
            new JourneyDiagrams(),
            windows,
            messages,
            new ObjectMapper(),
            new JourneysProperties(SHANGHAI),
            Clock.fixed(NOW, SHANGHAI),
            mock(ExperimentReports.class),
            mock(CustomerMessages.class),
            testRuns);
    return DashboardMvc.of(controller, messages);
  }

  @Test
  @DisplayName(
      "R19: the calendar's Double 11 window is offered as a preset; 618 without a row is not")
  void calendarReadable() throws Exception {
    var mvc =
        pages(
            today ->
                Optional.of(
                    Map.of(
                        SaleWindows.DOUBLE_11,
                        new SaleWindows.Window(LocalDate.of(2026, 11, 11), today.minusDays(3)))));
    String page = DashboardMvc.page(mvc, "/campaigns", Locale.ENGLISH);
    assertThat(page)
        .contains("id=\"preset-last7\"", "id=\"preset-double11\"", ">Double 11</a>")
        .doesNotContain("id=\"preset-618\"", "id=\"presets-unavailable\"");
  }

  @Test
  @DisplayName(
      "R19 engine away: the page renders with the last-7-days preset only and a note, in both"
          + " languages; a sale preset asked for says why it is not available")
  void calendarUnreadable() throws Exception {
    var mvc = pages(today -> Optional.empty());
    String en = DashboardMvc.page(mvc, "/campaigns", Locale.ENGLISH);
    assertThat(en)
        .contains("id=\"preset-last7\"")
        .doesNotContain("id=\"preset-double11\"", "id=\"preset-618\"")
        .contains(
            "id=\"presets-unavailable\"",
            "Double 11 / 618 presets unavailable: the occasion calendar cannot be read from the"
                + " engine now.");
    assertThat(DashboardMvc.page(mvc, "/campaigns", Locale.SIMPLIFIED_CHINESE))
        .contains("双11 / 618 预设暂不可用");

    String refused =
        mvc.perform(get("/campaigns?preset=double11").locale(Locale.ENGLISH))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(refused).contains("cannot be read from the engine", "choose the dates");
    // in the page's language (#16/#17: the zh-CN error page had an English reason)
    assertThat(
            mvc.perform(get("/campaigns?preset=double11").locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("快捷周期“double11”目前不可用：无法从引擎读取节日日历")
        .doesNotContain("cannot be read from the engine");
  }
}
