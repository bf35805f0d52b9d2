package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.campaigns.SaleWindows.Row;
import com.careflow.campaigns.SaleWindows.Window;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * #17 / R19: the dashboard's sale presets are the windows the occasion calendar states (table
 * sale-window), the latest that has begun; a sale without a row has none.
 */
class SaleWindowsTest {

  static final Row DOUBLE_11 = new Row(1111, 1127);

  @Test
  @DisplayName(
      "R19 the latest window that has begun: this year's once its sale day came, else last year's")
  void latestBegun() {
    assertThat(SaleWindows.latest(List.of(DOUBLE_11), LocalDate.of(2026, 11, 29)))
        .contains(new Window(LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 27)));
    assertThat(SaleWindows.latest(List.of(DOUBLE_11), LocalDate.of(2026, 11, 11)))
        .contains(new Window(LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 27)));
    assertThat(SaleWindows.latest(List.of(DOUBLE_11), LocalDate.of(2026, 11, 10)))
        .contains(new Window(LocalDate.of(2025, 11, 11), LocalDate.of(2025, 11, 27)));
    // a window whose last day comes before its sale day ends in the next year
    assertThat(SaleWindows.latest(List.of(new Row(1220, 105)), LocalDate.of(2027, 1, 2)))
        .contains(new Window(LocalDate.of(2026, 12, 20), LocalDate.of(2027, 1, 5)));
  }

  @Test
  @DisplayName("R19 no row, no window: nothing invented")
  void noRowNoWindow() {
    assertThat(SaleWindows.latest(List.of(), LocalDate.of(2026, 11, 29))).isEmpty();
  }

  @Test
  @DisplayName(
      "Fault: a day that is no MMDD date is refused with the table's name; such a row is left out")
  void badDays() {
    assertThatThrownBy(() -> new Row(1311, 1127))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sale-window")
        .hasMessageContaining("1311");
    assertThat(
            EngineSaleWindows.rows(
                "DOUBLE_11",
                List.of(
                    Map.of("saleDay", 1311, "lastDay", 1127),
                    Map.of("saleDay", "1111"),
                    Map.of("saleDay", 1111, "lastDay", 1127))))
        .containsExactly(DOUBLE_11);
    assertThat(EngineSaleWindows.rows("DOUBLE_11", null)).isEmpty();
  }
}
