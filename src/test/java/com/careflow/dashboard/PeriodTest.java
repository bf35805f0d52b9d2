package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The period of a page's query parameters, the sale presets, and the reader's language. */
class PeriodTest {

  static final DashboardProperties DEFAULTS =
      new DashboardProperties("10-20..11-11", "05-31..06-18");
  static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

  @Test
  @DisplayName("Default: the last 7 shop days ending today")
  void lastSevenDays() {
    assertThat(Period.of(null, null, null, TODAY, DEFAULTS))
        .isEqualTo(new Period(LocalDate.of(2026, 11, 23), TODAY, "last7"));
  }

  @Test
  @DisplayName("Presets: the latest Double 11 and 618 windows that have started")
  void presets() {
    assertThat(Period.of(null, null, "double11", TODAY, DEFAULTS))
        .isEqualTo(new Period(LocalDate.of(2026, 10, 20), LocalDate.of(2026, 11, 11), "double11"));
    assertThat(Period.of(null, null, "double11", LocalDate.of(2026, 3, 1), DEFAULTS))
        .isEqualTo(new Period(LocalDate.of(2025, 10, 20), LocalDate.of(2025, 11, 11), "double11"));
    assertThat(Period.of(null, null, "618", TODAY, DEFAULTS))
        .isEqualTo(new Period(LocalDate.of(2026, 5, 31), LocalDate.of(2026, 6, 18), "618"));
    // a preset wins over dates
    assertThat(Period.of(TODAY, TODAY, "618", TODAY, DEFAULTS).preset()).isEqualTo("618");
  }

  @Test
  @DisplayName("A window across the new year ends in the next year")
  void windowAcrossNewYear() {
    var settings = new DashboardProperties("12-20..01-05", "05-31..06-18");
    assertThat(Period.of(null, null, "double11", LocalDate.of(2027, 1, 2), settings))
        .isEqualTo(new Period(LocalDate.of(2026, 12, 20), LocalDate.of(2027, 1, 5), "double11"));
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
  @DisplayName(
      "Fault: to before from, an unknown preset, a malformed window are refused with the reason")
  void refused() {
    LocalDate d = LocalDate.of(2026, 11, 10);
    assertThatThrownBy(() -> Period.of(d, d.minusDays(1), null, TODAY, DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before");
    assertThatThrownBy(() -> Period.of(null, null, "blackfriday", TODAY, DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("double11");
    assertThatThrownBy(() -> new DashboardProperties("11-11", "05-31..06-18"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("careflow.dashboard.double11-window");
    assertThatThrownBy(() -> new DashboardProperties("10-20..13-01", "05-31..06-18"))
        .isInstanceOf(IllegalArgumentException.class);
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
    assertThat(journey.sendSteps())
        .extracting(JourneyDiagrams.SendStep::id)
        .contains("Activity_SendPaymentReminder", "Activity_SendShipmentNotice")
        .doesNotContain("Activity_LookUpBuyer");
    assertThatThrownBy(() -> JourneyDiagrams.parse("<x/>"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
