package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.campaigns.SaleWindows.Window;
import com.careflow.support.ProcessTestBase;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** #17 / R19: table sale-window of dmn/occasion-calendar.dmn as the engine evaluates it. */
class SaleWindowTableTest extends ProcessTestBase {

  @Test
  @DisplayName(
      "R19 shipped calendar: Double 11 from the sale day to its after-sales care (26-27 Nov);"
          + " 618 has no row, so no window")
  void shippedCalendar() {
    var windows = new EngineSaleWindows(engine.client());
    assertThat(windows.latest(LocalDate.of(2026, 11, 30)))
        .contains(
            java.util.Map.of(
                SaleWindows.DOUBLE_11,
                new Window(LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 27))));
  }
}
