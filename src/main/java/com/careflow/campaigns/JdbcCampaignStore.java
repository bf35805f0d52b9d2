package com.careflow.campaigns;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code campaign} and {@code campaign_recipient} tables (migration V5). */
@Repository
class JdbcCampaignStore implements CampaignStore {

  private static final String RUNNING = "RUNNING";
  private static final String FINISHED = "FINISHED";

  private final JdbcClient jdbc;
  private final Clock clock;

  JdbcCampaignStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  @Override
  public boolean open(String campaignId, String occasionId, LocalDate day) {
    int inserted =
        jdbc.sql(
                """
        INSERT INTO campaign (campaign_id, occasion, campaign_date, status, created_at, updated_at)
        VALUES (:id, :occasion, :day, :status, :now, :now)
        ON CONFLICT DO NOTHING
        """)
            .param("id", campaignId)
            .param("occasion", occasionId)
            .param("day", day)
            .param("status", RUNNING)
            .param("now", now())
            .update();
    return inserted == 1
        || RUNNING.equals(
            jdbc.sql("SELECT status FROM campaign WHERE campaign_id = :id")
                .param("id", campaignId)
                .query(String.class)
                .single());
  }

  @Override
  public boolean openTestRun(
      String campaignId, String occasionId, LocalDate day, TestRun.Mode mode) {
    jdbc.sql(
            """
        INSERT INTO campaign (campaign_id, occasion, campaign_date, status, test_run, created_at,
                              updated_at)
        VALUES (:id, :occasion, :day, :status, :mode, :now, :now)
        ON CONFLICT DO NOTHING
        """)
        .param("id", campaignId)
        .param("occasion", occasionId)
        .param("day", day)
        .param("status", RUNNING)
        .param("mode", mode.name())
        .param("now", now())
        .update();
    return RUNNING.equals(
        jdbc.sql("SELECT status FROM campaign WHERE campaign_id = :id")
            .param("id", campaignId)
            .query(String.class)
            .single());
  }

  @Override
  public void finish(String campaignId) {
    jdbc.sql("UPDATE campaign SET status = :status, updated_at = :now WHERE campaign_id = :id")
        .param("status", FINISHED)
        .param("now", now())
        .param("id", campaignId)
        .update();
  }

  @Override
  public void recordSkipped(String campaignId, String customerId, String reason) {
    insert(campaignId, customerId, reason);
  }

  @Override
  public boolean claim(String campaignId, String customerId) {
    return insert(campaignId, customerId, PENDING)
        || PENDING.equals(
            jdbc.sql(
                    "SELECT status FROM campaign_recipient WHERE campaign_id = :c AND customer_id = :id")
                .param("c", campaignId)
                .param("id", customerId)
                .query(String.class)
                .single());
  }

  @Override
  public void markStarted(String campaignId, String customerId, long processInstanceKey) {
    jdbc.sql(
            """
        UPDATE campaign_recipient SET status = :status, process_instance_key = :key, updated_at = :now
        WHERE campaign_id = :c AND customer_id = :id
        """)
        .param("status", STARTED)
        .param("key", processInstanceKey)
        .param("now", now())
        .param("c", campaignId)
        .param("id", customerId)
        .update();
  }

  /**
   * Inserts the recipient row; false when the customer already has one in this campaign. ON
   * CONFLICT (PostgreSQL, and H2 in PostgreSQL mode) keeps a surrounding transaction usable.
   */
  private boolean insert(String campaignId, String customerId, String status) {
    return jdbc.sql(
                """
        INSERT INTO campaign_recipient (campaign_id, customer_id, status, created_at, updated_at)
        VALUES (:c, :id, :status, :now, :now)
        ON CONFLICT DO NOTHING
        """)
            .param("c", campaignId)
            .param("id", customerId)
            .param("status", status)
            .param("now", now())
            .update()
        == 1;
  }
}
