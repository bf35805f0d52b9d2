package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.campaigns.SaleWindows;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The period of a page's query parameters, the sale presets, and the reader's language. */
class PeriodTest {

  /** The presets of a calendar with a Double 11 window and no 618 row. */
  static final Map<String, Period> SALES =
      Period.sales(
          Map.of(
              SaleWindows.DOUBLE_11,
              new SaleWindows.Window(LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 27))));

  static final Map<String, Period> DEFAULTS = SALES;
  static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

  @Test
  @DisplayName("Default: the last 7 shop days ending today")
  void lastSevenDays() {
    assertThat(Period.of(null, null, null, TODAY, DEFAULTS))
        .isEqualTo(new Period(LocalDate.of(2026, 11, 23), TODAY, "last7"));
  }

  @Test
  @DisplayName(
      "R19 presets: a sale's window as the occasion calendar states it; a sale without one is not"
          + " offered and refused with the reason")
  void presets() {
    assertThat(SALES).containsOnlyKeys("double11");
    assertThat(Period.of(null, null, "double11", TODAY, SALES))
        .isEqualTo(new Period(LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 27), "double11"));
    // a preset wins over dates
    assertThat(Period.of(TODAY, TODAY, "double11", TODAY, SALES).preset()).isEqualTo("double11");
    assertThatThrownBy(() -> Period.of(null, null, "618", TODAY, SALES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sale-window")
        .hasMessageContaining("SALE_618");
  }

  @Test
  @DisplayName("Dates: both given, a lone from runs to today, a lone to starts 6 days before")
  void dates() {
    LocalDate d = LocalDate.of(2026, 11, 10);
    assertThat(Period.of(d, d.plusDays(1), null, TODAY, DEFAULTS))
        .isEqualTo(new Period(d, d.plusDays(1), null));
    assertThat(Period.of(d, null, null, TODAY, DEFAULTS)).isEqualTo(new Period(d, TODAY, null));
    assertThat(Period.of(null, d, null, TODAY, DEFAULTS))
        .isEqualTo(new Period(d.minusDays(6), d, null));
  }

  @Test
  @DisplayName("Fault: to before from and an unknown preset are refused with the reason")
  void refused() {
    LocalDate d = LocalDate.of(2026, 11, 10);
    assertThatThrownBy(() -> Period.of(d, d.minusDays(1), null, TODAY, DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before");
    assertThatThrownBy(() -> Period.of(null, null, "blackfriday", TODAY, DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("double11");
  }

  @Test
  @DisplayName("Language: the browser's zh or en preference; English for anything else")
  void language() {
    assertThat(DashboardConfiguration.supported("zh-CN,zh;q=0.9,en;q=0.8"))
        .isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(DashboardConfiguration.supported("en-US,en;q=0.9,zh-CN;q=0.5"))
        .isEqualTo(Locale.ENGLISH);
    assertThat(DashboardConfiguration.supported("fr-FR,zh-TW;q=0.7"))
        .isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(DashboardConfiguration.supported("fr-FR")).isEqualTo(Locale.ENGLISH);
    assertThat(DashboardConfiguration.supported(null)).isEqualTo(Locale.ENGLISH);
    assertThat(DashboardConfiguration.supported(";;;")).isEqualTo(Locale.ENGLISH);
  }

  @Test
  @DisplayName(
      "Journey diagrams: the order journey's send steps are the send-message call activities")
  void sendSteps() {
    var journey = new JourneyDiagrams().find("order-journey").orElseThrow();
    assertThat(journey.name()).isEqualTo("Order journey");
    assertThat(journey.steps())
        .extracting(JourneyDiagrams.Step::id)
        .contains("Activity_SendPaymentReminder", "Activity_SendShipmentNotice")
        .doesNotContain("Activity_LookUpBuyer");
    assertThatThrownBy(() -> JourneyDiagrams.parse("<x/>"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
