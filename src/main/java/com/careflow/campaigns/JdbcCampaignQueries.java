package com.careflow.campaigns;

import com.careflow.analytics.AnalyticsFacts;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
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
    record Row(String id, String occasion, String testRunMode, String status, long n) {}
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
                  first.testRunMode(),
                  total,
                  byStatus.getOrDefault(CampaignStore.STARTED, 0L),
                  byStatus));
        });
    return result;
  }

  @Override
  public List<TestRunOutcome> testRuns(Instant from, Instant to) {
    record Row(
        String id,
        String occasion,
        LocalDate day,
        String mode,
        String runStatus,
        Instant createdAt,
        Instant updatedAt,
        String status,
        long n) {}
    List<Row> rows =
        jdbc.sql(
                """
        SELECT c.campaign_id, c.occasion, c.campaign_date, c.test_run, c.status, c.created_at,
               c.updated_at, r.status, COUNT(r.customer_id) AS n
        FROM campaign c
        LEFT JOIN campaign_recipient r ON r.campaign_id = c.campaign_id
        WHERE c.test_run IS NOT NULL AND c.created_at >= :from AND c.created_at < :to
        GROUP BY c.campaign_id, c.occasion, c.campaign_date, c.test_run, c.status, c.created_at,
                 c.updated_at, r.status
        ORDER BY c.occasion, c.created_at DESC, c.campaign_id, r.status
        """)
            .param("from", Timestamp.from(from))
            .param("to", Timestamp.from(to))
            .query(
                (rs, i) ->
                    new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant(),
                        rs.getString(8),
                        rs.getLong(9)))
            .list();
    Map<String, List<Row>> byRun = new LinkedHashMap<>();
    rows.forEach(r -> byRun.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r));
    List<TestRunOutcome> result = new ArrayList<>();
    byRun.forEach(
        (id, list) -> {
          Map<String, Long> skipped = new java.util.TreeMap<>();
          long considered = 0;
          long wouldMessage = 0;
          long started = 0;
          for (Row r : list) {
            if (r.status() == null) {
              continue;
            }
            considered += r.n();
            if (r.status().equals(CampaignStore.DRY_RUN)) {
              wouldMessage += r.n();
            } else if (r.status().equals(CampaignStore.STARTED)) {
              started += r.n();
            } else if (r.status().startsWith(CampaignStore.SKIPPED_PREFIX)) {
              skipped.put(r.status().substring(CampaignStore.SKIPPED_PREFIX.length()), r.n());
            }
          }
          Row first = list.getFirst();
          int infix = id.lastIndexOf(AnalyticsFacts.TEST_RUN_MARK);
          result.add(
              new TestRunOutcome(
                  id,
                  infix < 0 ? id : id.substring(0, infix),
                  first.occasion(),
                  first.day(),
                  first.mode(),
                  first.runStatus(),
                  first.createdAt(),
                  first.updatedAt(),
                  considered,
                  wouldMessage,
                  started,
                  skipped));
        });
    // per occasion, the campaign they test, newest first (the SQL orders by occasion and time)
    result.sort(
        java.util.Comparator.comparing(TestRunOutcome::occasion)
            .thenComparing(TestRunOutcome::testedCampaignId)
            .thenComparing(TestRunOutcome::startedAt, java.util.Comparator.reverseOrder())
            .thenComparing(TestRunOutcome::campaignId));
    return result;
  }
}
