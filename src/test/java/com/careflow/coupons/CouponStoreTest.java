package com.careflow.coupons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.careflow.journeys.JourneysProperties;
import com.careflow.support.TestDatabase;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.JobError;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The coupon store and the issue-coupon worker on a real database (rules R9, R13, R17). */
@JdbcTest(properties = "careflow.local.enabled=false")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({
  CouponStore.class,
  CouponCodes.class,
  IssueCouponWorker.class,
  CouponStoreTest.Config.class
})
@org.springframework.test.context.event.RecordApplicationEvents
class CouponStoreTest {

  @Autowired org.springframework.test.context.event.ApplicationEvents events;

  static final Instant NOW = Instant.parse("2026-11-11T04:00:00Z"); // 12:00 in Shanghai

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  static class Config {
    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    JourneysProperties journeysProperties() {
      return new JourneysProperties(ZoneId.of("Asia/Shanghai"));
    }

    /** A shop in USD: a fixed coupon's text reads in the configured currency. */
    @Bean
    com.careflow.analytics.AnalyticsProperties analyticsProperties() {
      return new com.careflow.analytics.AnalyticsProperties(
          java.time.Duration.ofHours(72),
          "USD",
          null,
          null,
          java.time.Duration.ofDays(365),
          "payment-reminder");
    }
  }

  @Autowired CouponStore coupons;
  @Autowired IssueCouponWorker worker;

  private static CouponStore.IssueRequest request(String key, String customer) {
    return new CouponStore.IssueRequest(
        key,
        customer,
        "o-1",
        "SERVICE_RECOVERY",
        Coupon.Kind.FIXED,
        new BigDecimal("20"),
        new BigDecimal("100"),
        30,
        new Coupon.IssuedBy("order-journey", 42L, "Activity_IssueRecoveryCoupon"));
  }

  @Test
  void r17_issuesACouponWithValueExpiryAndTheStepThatIssuedIt() {
    Coupon coupon = coupons.issue(request("42/Activity_IssueRecoveryCoupon/43", "c-issue"));

    assertThat(coupon.code()).matches("CF[A-Z2-9]{8}");
    assertThat(coupon.value()).isEqualByComparingTo("20");
    assertThat(coupon.minimumSpend()).isEqualByComparingTo("100");
    assertThat(coupon.kind()).isEqualTo(Coupon.Kind.FIXED);
    assertThat(coupon.issuedAt()).isEqualTo(NOW);
    assertThat(coupon.expiresAt()).isEqualTo(NOW.plusSeconds(30L * 24 * 3600));
    assertThat(coupon.issuedBy())
        .isEqualTo(new Coupon.IssuedBy("order-journey", 42L, "Activity_IssueRecoveryCoupon"));
    assertThat(coupon.redeemed()).isFalse();
    assertThat(coupons.findByCode(coupon.code())).contains(coupon);
  }

  @Test
  void theSameIssueKeyGetsTheSameCoupon_otherKeysGetNewOnes() {
    Coupon first = coupons.issue(request("1/Activity_IssueRecoveryCoupon/2", "c-retry"));
    Coupon retried = coupons.issue(request("1/Activity_IssueRecoveryCoupon/2", "c-retry"));
    Coupon later = coupons.issue(request("1/Activity_IssueRecoveryCoupon/9", "c-retry"));

    assertThat(retried).isEqualTo(first);
    assertThat(later.code()).isNotEqualTo(first.code());
    assertThat(coupons.findByCustomer("c-retry")).hasSize(2);
  }

  @Test
  void aCouponIsRedeemedOnce() {
    Coupon coupon = coupons.issue(request("5/Activity_IssueOutOfStockCoupon/6", "c-redeem"));

    assertThat(coupons.markRedeemed(coupon.code())).isTrue();
    assertThat(coupons.markRedeemed(coupon.code())).isFalse();
    assertThat(coupons.markRedeemed("CFNOSUCH22")).isFalse();
    assertThat(coupons.findByCode(coupon.code())).get().returns(true, Coupon::redeemed);
  }

  private static ActivatedJob job(
      long processInstanceKey, String elementId, long elementInstanceKey) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getProcessInstanceKey()).thenReturn(processInstanceKey);
    when(job.getElementId()).thenReturn(elementId);
    when(job.getElementInstanceKey()).thenReturn(elementInstanceKey);
    when(job.getBpmnProcessId()).thenReturn("order-journey");
    return job;
  }

  private static IssueCouponWorker.Input input(
      String customer, IssueCouponWorker.Discount discount) {
    return new IssueCouponWorker.Input(
        customer, "o-7", "OUT_OF_STOCK", discount, null, "Issue coupon");
  }

  @Test
  void r9_workerIssuesTheTablesCoupon_andARetriedJobGetsTheSameCode() {
    var discount =
        new IssueCouponWorker.Discount("FIXED", new BigDecimal("10"), new BigDecimal("50"), 30);

    var first =
        worker.issueCoupon(
            input("c-worker", discount), job(7, "Activity_IssueOutOfStockCoupon", 8));
    var retried =
        worker.issueCoupon(
            input("c-worker", discount), job(7, "Activity_IssueOutOfStockCoupon", 8));

    assertThat(first)
        .containsEntry("couponValue", "$10")
        .containsEntry("couponExpiresOn", "2026-12-11");
    assertThat(retried.get("couponCode")).isEqualTo(first.get("couponCode"));
    assertThat(coupons.findByCustomer("c-worker"))
        .singleElement()
        .returns("OUT_OF_STOCK", Coupon::occasion)
        .returns("o-7", Coupon::orderId);
  }

  /**
   * R24: the coupon's cost is its issuing step's, named as a send's step is (element id and the
   * business name the element template maps), so the Journey page names the step (#16 review).
   */
  @Test
  void r24_aCampaignsCouponIsReportedUnderItsCampaignAndNamedStep() {
    var discount =
        new IssueCouponWorker.Discount("FIXED", new BigDecimal("10"), new BigDecimal("50"), 30);
    worker.issueCoupon(
        new IssueCouponWorker.Input(
            "c-campaign", null, "HOLIDAY", discount, "double11-2026", "Issue coupon"),
        job(9, "Activity_IssueCoupon", 10));

    assertThat(events.stream(com.careflow.analytics.AnalyticsFacts.CouponIssuedFact.class))
        .singleElement()
        .returns("double11-2026", com.careflow.analytics.AnalyticsFacts.CouponIssuedFact::campaign)
        .returns(
            "Activity_IssueCoupon", com.careflow.analytics.AnalyticsFacts.CouponIssuedFact::stepId)
        .returns("Issue coupon", com.careflow.analytics.AnalyticsFacts.CouponIssuedFact::stepName)
        .returns("HOLIDAY", com.careflow.analytics.AnalyticsFacts.CouponIssuedFact::occasion);
  }

  @Test
  void r17_percentCouponsReadAsPercent() {
    var discount =
        new IssueCouponWorker.Discount("PERCENT", new BigDecimal("15"), new BigDecimal("200"), 7);

    assertThat(
            worker.issueCoupon(
                input("c-percent", discount), job(9, "Activity_IssueHolidayCoupon", 10)))
        .containsEntry("couponValue", "15%");
  }

  @Test
  void noCouponInTheTable_isAnIncidentThatSaysWhichTableToFix() {
    var none = new IssueCouponWorker.Discount("NONE", BigDecimal.ZERO, BigDecimal.ZERO, 0);

    for (var discount : new IssueCouponWorker.Discount[] {none, null}) {
      assertThatThrownBy(
              () ->
                  worker.issueCoupon(
                      input("c-none", discount), job(11, "Activity_IssueRecoveryCoupon", 12)))
          .isInstanceOfSatisfying(
              JobError.class,
              e -> {
                assertThat(e.getErrorMessage()).contains("dmn/discount.dmn");
                assertThat(e.getRetries()).isZero();
              });
    }
    assertThat(coupons.findByCustomer("c-none")).isEmpty();
  }
}
