package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.customers.CustomerQueriesTestConfig;
import com.careflow.support.RepositoryTestBase;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The campaign tables (V5) and the audience query on the customer store, on H2 or PostgreSQL. */
@Import({JdbcCampaignStore.class, CustomerAudienceSource.class, CustomerQueriesTestConfig.class})
class JdbcCampaignStoreTest extends RepositoryTestBase {

  private static final LocalDate DAY = LocalDate.of(2026, 12, 17);
  private static final Occasion ALL =
      new Occasion("CHRISTMAS", "Christmas", "圣诞节", "ALL", List.of("A_LOYAL"), false);
  private static final Occasion BIRTHDAY =
      new Occasion("BIRTHDAY", "your birthday", "您的生日", "BIRTHDAY", List.of("A_LOYAL"), false);

  @Autowired JdbcCampaignStore store;
  @Autowired CustomerAudienceSource audience;
  @Autowired JdbcClient jdbc;

  private void customer(String id, boolean consent, LocalDate birthday) {
    jdbc.sql(
            """
        INSERT INTO customer (customer_id, marketing_consent, birthday, created_at, updated_at)
        VALUES (:id, :consent, :birthday, :now, :now)
        """)
        .param("id", id)
        .param("consent", consent)
        .param("birthday", birthday)
        .param("now", Timestamp.from(Instant.now()))
        .update();
  }

  private String status(String campaignId, String customerId) {
    return jdbc.sql(
            "SELECT status FROM campaign_recipient WHERE campaign_id = :c AND customer_id = :id")
        .param("c", campaignId)
        .param("id", customerId)
        .query(String.class)
        .single();
  }

  @Test
  void r19_aCampaignOpensOnceAndStaysDoneWhenFinished() {
    assertThat(store.open("CHRISTMAS-2026", "CHRISTMAS", DAY)).isTrue();
    assertThat(store.open("CHRISTMAS-2026", "CHRISTMAS", DAY.plusDays(1)))
        .as("still running: resume")
        .isTrue();
    store.finish("CHRISTMAS-2026");
    assertThat(store.open("CHRISTMAS-2026", "CHRISTMAS", DAY.plusDays(1))).isFalse();
  }

  @Test
  void r19_aCustomerIsClaimedOnceUntilStarted() {
    store.open("NEW_YEAR-2026", "NEW_YEAR", DAY);

    assertThat(store.claim("NEW_YEAR-2026", "c-1")).isTrue();
    assertThat(store.claim("NEW_YEAR-2026", "c-1"))
        .as("claimed, offer not yet started: a retry may start it")
        .isTrue();
    store.markStarted("NEW_YEAR-2026", "c-1", 42L);
    assertThat(store.claim("NEW_YEAR-2026", "c-1")).isFalse();
    assertThat(status("NEW_YEAR-2026", "c-1")).isEqualTo(CampaignStore.STARTED);
  }

  @Test
  void r22_aSkippedCustomerIsRecordedWithTheReasonAndNeverClaimed() {
    store.open("DOUBLE_12-2026", "DOUBLE_12", DAY);

    store.recordSkipped("DOUBLE_12-2026", "c-2", CampaignStore.SKIPPED_NO_CONSENT);
    store.recordSkipped("DOUBLE_12-2026", "c-2", CampaignStore.SKIPPED_NO_CONSENT);

    assertThat(status("DOUBLE_12-2026", "c-2")).isEqualTo("SKIPPED_NO_CONSENT");
    assertThat(store.claim("DOUBLE_12-2026", "c-2")).isFalse();
  }

  @Test
  void r19_theAudienceIsPagedByCustomerIdAndBirthdaysFiltered() {
    customer("a-1", true, LocalDate.of(1990, 12, 17));
    customer("a-2", false, null);
    customer("a-3", true, LocalDate.of(1985, 12, 18));
    customer("a-4", true, LocalDate.of(2001, 12, 17));

    var first = audience.page(ALL, DAY, "", 2);
    var second = audience.page(ALL, DAY, first.getLast().customerId(), 2);
    var birthdays = audience.page(BIRTHDAY, DAY, "", 10);

    assertThat(first)
        .containsExactly(
            new AudienceSource.Member("a-1", true), new AudienceSource.Member("a-2", false));
    assertThat(second).extracting(AudienceSource.Member::customerId).containsExactly("a-3", "a-4");
    assertThat(birthdays)
        .extracting(AudienceSource.Member::customerId)
        .containsExactly("a-1", "a-4");
  }

  @Test
  void r19_aTestRunIsMarkedAsSuch_andTheSeedListReadsOnlyKnownSeedsWithTheirConsent() {
    assertThat(store.openTestRun("CHRISTMAS-2026-TEST-9", "CHRISTMAS", DAY, TestRun.Mode.DRY_RUN))
        .isTrue();
    assertThat(
            jdbc.sql("SELECT test_run FROM campaign WHERE campaign_id = 'CHRISTMAS-2026-TEST-9'")
                .query(String.class)
                .single())
        .isEqualTo("DRY_RUN");
    assertThat(store.open("CHRISTMAS-2026", "CHRISTMAS", DAY)).isTrue();
    assertThat(
            jdbc.sql("SELECT test_run FROM campaign WHERE campaign_id = 'CHRISTMAS-2026'")
                .query(String.class)
                .optional())
        .isEmpty();

    customer("s-1", true, null);
    customer("s-2", false, null);
    customer("s-3", true, null);
    assertThat(audience.members(List.of("s-3", "s-2", "s-9"), "", 10))
        .containsExactly(
            new AudienceSource.Member("s-2", false), new AudienceSource.Member("s-3", true));
    assertThat(audience.members(List.of("s-1", "s-3"), "s-1", 10))
        .containsExactly(new AudienceSource.Member("s-3", true));
  }
}
