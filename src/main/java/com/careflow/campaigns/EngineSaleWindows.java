package com.careflow.campaigns;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The sale windows as the engine evaluates table {@code sale-window} (dmn/occasion-calendar.dmn) at
 * its latest deployed version. The table's rows are read at most once per {@link #CACHE_PERIOD}
 * (one evaluation per sale) and kept for it, so a page view costs no engine call and a window
 * operations changed in Modeler counts within that period of its deployment. When the table cannot
 * be read (not deployed, the engine away or slow: {@link #TIMEOUT}) the reason is logged, the other
 * sale is not tried, and "cannot be read" is kept for the period too: an engine outage costs one
 * attempt per period, not one per page. A row the table gives in another shape is logged and left
 * out.
 */
@Component
class EngineSaleWindows implements SaleWindows {

  private static final Logger log = LoggerFactory.getLogger(EngineSaleWindows.class);

  /** The longest one evaluation of the table may take. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** How long the rows read (or the failure to read them) are kept. */
  static final Duration CACHE_PERIOD = Duration.ofMinutes(1);

  /**
   * One evaluation of the table for a sale: its decision output (as the engine's JSON mapper reads
   * it), or a RuntimeException with the reason it cannot be read.
   */
  @FunctionalInterface
  interface Table {
    Object evaluate(String sale);
  }

  /** The rows of each sale, or empty when the table could not be read; and when that was read. */
  private record Read(Optional<Map<String, List<Row>>> rows, long atNanos) {}

  private final Table table;
  private final LongSupplier nanoTime;
  private Read last;

  @Autowired
  EngineSaleWindows(CamundaClient client) {
    this(engineTable(client), System::nanoTime);
  }

  /** Over this table, with this monotonic clock (nanoseconds, as {@link System#nanoTime}). */
  EngineSaleWindows(Table table, LongSupplier nanoTime) {
    this.table = table;
    this.nanoTime = nanoTime;
  }

  @Override
  public Optional<Map<String, Window>> latest(LocalDate today) {
    return rows()
        .map(
            bySale -> {
              Map<String, Window> windows = new LinkedHashMap<>();
              bySale.forEach(
                  (sale, rows) ->
                      SaleWindows.latest(rows, today).ifPresent(w -> windows.put(sale, w)));
              return windows;
            });
  }

  /** The cached rows, read again once the period is over (one caller reads, the others wait). */
  private synchronized Optional<Map<String, List<Row>>> rows() {
    long now = nanoTime.getAsLong();
    if (last == null || now - last.atNanos() >= CACHE_PERIOD.toNanos()) {
      last = new Read(read(), now);
    }
    return last.rows();
  }

  /** Every sale's rows from the engine; empty at the first sale that cannot be read. */
  private Optional<Map<String, List<Row>>> read() {
    Map<String, List<Row>> bySale = new LinkedHashMap<>();
    for (String sale : SALES) {
      try {
        bySale.put(sale, rows(sale, table.evaluate(sale)));
      } catch (RuntimeException e) {
        log.warn(
            "Table {} cannot be read for {} ({}); no sale windows for the next {}",
            CampaignJobTypes.SALE_WINDOW,
            sale,
            e.getMessage(),
            CACHE_PERIOD);
        return Optional.empty();
      }
    }
    return Optional.of(bySale);
  }

  private static Table engineTable(CamundaClient client) {
    return sale -> {
      EvaluateDecisionResponse response =
          client
              .newEvaluateDecisionCommand()
              .decisionId(CampaignJobTypes.SALE_WINDOW)
              .variables(Map.of("sale", sale))
              .requestTimeout(TIMEOUT)
              .send()
              .join();
      if (response.getFailureMessage() != null && !response.getFailureMessage().isBlank()) {
        throw new IllegalStateException(response.getFailureMessage());
      }
      return client
          .getConfiguration()
          .getJsonMapper()
          .fromJson(response.getDecisionOutput(), Object.class);
    };
  }

  /** The table's COLLECT output: a list of {saleDay, lastDay} (or one such map, or nothing). */
  static List<Row> rows(String sale, Object output) {
    List<?> items =
        output instanceof List<?> list ? list : output == null ? List.of() : List.of(output);
    List<Row> rows = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof Map<?, ?> m
          && m.get("saleDay") instanceof Number saleDay
          && m.get("lastDay") instanceof Number lastDay) {
        try {
          rows.add(new Row(saleDay.intValue(), lastDay.intValue()));
        } catch (IllegalArgumentException e) {
          log.warn(
              "Table {}, sale {}: {}; row left out",
              CampaignJobTypes.SALE_WINDOW,
              sale,
              e.getMessage());
        }
      } else {
        log.warn(
            "Table {}, sale {}: row {} has no saleDay and lastDay numbers; left out",
            CampaignJobTypes.SALE_WINDOW,
            sale,
            item);
      }
    }
    return rows;
  }
}
