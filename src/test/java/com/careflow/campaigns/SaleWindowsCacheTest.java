package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.campaigns.SaleWindows.Window;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * #17 / R19: the sale windows are read from the engine at most once per cache period, and an engine
 * outage costs one attempt per period (a fake table counts the evaluations; a fake monotonic clock
 * moves the period on; no timing).
 */
class SaleWindowsCacheTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
  static final long PERIOD = EngineSaleWindows.CACHE_PERIOD.toNanos();

  final AtomicLong now = new AtomicLong(1_000);
  final List<String> calls = new ArrayList<>();

  @Test
  @DisplayName(
      "R19 engine down: no window and 'cannot be read' for the whole period, one attempt per"
          + " period (the second sale is not tried)")
  void engineDown() {
    var windows =
        new EngineSaleWindows(
            sale -> {
              calls.add(sale);
              throw new IllegalStateException("UNAVAILABLE: io exception");
            },
            now::get);

    for (int view = 0; view < 5; view++) {
      assertThat(windows.latest(TODAY)).as("page view %d", view).isEmpty();
      now.addAndGet(PERIOD / 10);
    }
    assertThat(calls).containsExactly(SaleWindows.DOUBLE_11);

    now.addAndGet(PERIOD);
    assertThat(windows.latest(TODAY)).isEmpty();
    assertThat(calls).containsExactly(SaleWindows.DOUBLE_11, SaleWindows.DOUBLE_11);
  }

  @Test
  @DisplayName(
      "R19 engine up: one evaluation per sale per period; the table's rows as read, read again"
          + " after the period (a redeployed calendar counts then); a later outage hides them")
  void engineUp() {
    boolean[] down = {false};
    var windows =
        new EngineSaleWindows(
            sale -> {
              calls.add(sale);
              if (down[0]) {
                throw new IllegalStateException("DEADLINE_EXCEEDED");
              }
              return sale.equals(SaleWindows.DOUBLE_11)
                  ? List.of(Map.of("saleDay", 1111, "lastDay", 1127))
                  : List.of();
            },
            now::get);

    Map<String, Window> expected =
        Map.of(
            SaleWindows.DOUBLE_11,
            new Window(LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 27)));
    for (int view = 0; view < 3; view++) {
      assertThat(windows.latest(TODAY)).contains(expected);
    }
    assertThat(calls).containsExactly(SaleWindows.DOUBLE_11, SaleWindows.SALE_618);

    now.addAndGet(PERIOD);
    down[0] = true;
    assertThat(windows.latest(TODAY)).isEmpty();
    assertThat(calls)
        .containsExactly(SaleWindows.DOUBLE_11, SaleWindows.SALE_618, SaleWindows.DOUBLE_11);
  }
}
