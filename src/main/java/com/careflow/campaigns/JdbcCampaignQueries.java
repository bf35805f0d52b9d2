package com.careflow.campaigns;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link CampaignQueries} on the {@code campaign} and {@code campaign_recipient} tables. */
@Repository
class JdbcCampaignQueries implements CampaignQueries {

  private final JdbcClient jdbc;

  JdbcCampaignQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<CampaignAudience> audiences(Instant from, Instant to) {
    record Row(String id, String occasion, String testRun, String status, long n) {}
    List<Row> rows =
        jdbc.sql(
                """
        SELECT c.campaign_id, c.occasion, c.test_run, r.status, COUNT(r.customer_id) AS n
        FROM campaign c
        LEFT JOIN campaign_recipient r ON r.campaign_id = c.campaign_id
        WHERE c.created_at < :to AND (c.status = 'RUNNING' OR c.updated_at >= :from)
        GROUP BY c.campaign_id, c.occasion, c.test_run, c.campaign_date, r.status
        ORDER BY c.campaign_date, c.campaign_id, r.status
        """)
            .param("from", Timestamp.from(from))
            .param("to", Timestamp.from(to))
            .query(
                (rs, i) ->
                    new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5)))
            .list();
    Map<String, List<Row>> byCampaign = new LinkedHashMap<>();
    rows.forEach(r -> byCampaign.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r));
    List<CampaignAudience> result = new ArrayList<>();
    byCampaign.forEach(
        (id, list) -> {
          Map<String, Long> byStatus = new LinkedHashMap<>();
          long total = 0;
          for (Row r : list) {
            if (r.status() != null) {
              byStatus.put(r.status(), r.n());
              total += r.n();
            }
          }
          Row first = list.getFirst();
          result.add(
              new CampaignAudience(
                  id,
                  first.occasion(),
                  first.testRun(),
                  total,
                  byStatus.getOrDefault(CampaignStore.STARTED, 0L),
                  byStatus));
        });
    return result;
  }
}
