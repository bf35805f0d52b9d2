package com.careflow.campaigns;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The sale windows as the engine evaluates table {@code sale-window} (dmn/occasion-calendar.dmn) at
 * its latest deployed version, so a window operations changed in Modeler counts at once. When the
 * table cannot be read (not deployed, the engine away) the sale has no window now and the reason is
 * logged; a row the table gives in another shape is logged and left out.
 */
@Component
class EngineSaleWindows implements SaleWindows {

  private static final Logger log = LoggerFactory.getLogger(EngineSaleWindows.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final CamundaClient client;

  EngineSaleWindows(CamundaClient client) {
    this.client = client;
  }

  @Override
  public Optional<Window> latest(String sale, LocalDate today) {
    List<Row> rows;
    try {
      EvaluateDecisionResponse response =
          client
              .newEvaluateDecisionCommand()
              .decisionId(CampaignJobTypes.SALE_WINDOW)
              .variables(Map.of("sale", sale))
              .requestTimeout(TIMEOUT)
              .send()
              .join();
      if (response.getFailureMessage() != null && !response.getFailureMessage().isBlank()) {
        log.warn(
            "Table {} failed for {}: {}; no window",
            CampaignJobTypes.SALE_WINDOW,
            sale,
            response.getFailureMessage());
        return Optional.empty();
      }
      rows =
          rows(
              sale,
              client
                  .getConfiguration()
                  .getJsonMapper()
                  .fromJson(response.getDecisionOutput(), Object.class));
    } catch (RuntimeException e) {
      log.warn(
          "Table {} cannot be read for {} ({}); no window",
          CampaignJobTypes.SALE_WINDOW,
          sale,
          e.getMessage());
      return Optional.empty();
    }
    return SaleWindows.latest(rows, today);
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
