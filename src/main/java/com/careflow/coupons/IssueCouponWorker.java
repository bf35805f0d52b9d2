package com.careflow.coupons;

import com.careflow.analytics.AnalyticsFacts;
import com.careflow.analytics.AnalyticsProperties;
import com.careflow.journeys.JourneysProperties;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Issues the coupon the discount table chose (rules R9, R13, R17) and hands its code to the message
 * template. Idempotent: a retried job gets the coupon issued the first time.
 */
@Component
public class IssueCouponWorker {

  private final CouponStore coupons;
  private final ZoneId displayZone;
  private final ApplicationEventPublisher events;
  private final String currencySymbol;

  /**
   * @param analytics the shop's currency ({@code careflow.analytics.currency}): a fixed coupon's
   *     amount reads in its symbol
   */
  public IssueCouponWorker(
      CouponStore coupons,
      JourneysProperties journeys,
      AnalyticsProperties analytics,
      ApplicationEventPublisher events) {
    this.coupons = coupons;
    this.currencySymbol = CouponTexts.symbol(analytics.currency());
    this.events = events;
    this.displayZone =
        journeys.shopTimeZone(); // the expiry date the buyer reads is the shop's date
  }

  /** The discount table's row (dmn/discount.dmn); {@code couponKind} NONE means no coupon. */
  public record Discount(
      String couponKind, BigDecimal value, BigDecimal minimumSpend, Integer validityDays) {}

  /**
   * @param campaignId the campaign the issuing journey runs for ({@code campaign-offer}'s process
   *     variable), null outside a campaign: the coupon's cost counts under that campaign (R24)
   * @param callingStepName the issuing step's business name, e.g. "Issue coupon": the element
   *     template "Issue coupon" maps it from the element's name, as "Send message to buyer" does
   *     for sends (ModelConsistencyTest checks both); the analytics name the coupon's step with it.
   *     Null from a model made before the template had it: the step is then named by its id
   */
  public record Input(
      String customerId,
      String orderId,
      String occasion,
      Discount discount,
      String campaignId,
      String callingStepName) {}

  @JobWorker(
      type = CouponJobTypes.ISSUE_COUPON,
      fetchVariables = {
        "customerId",
        "orderId",
        "occasion",
        "discount",
        "campaignId",
        "callingStepName"
      })
  public Map<String, Object> issueCoupon(@VariablesAsType Input input, ActivatedJob job) {
    Discount d = input.discount();
    if (d == null || d.couponKind() == null || "NONE".equals(d.couponKind())) {
      // the journey promised the buyer a coupon; an empty answer is a table gap for people to fix
      throw CamundaError.jobError(
          "The discount table gave no coupon for occasion "
              + input.occasion()
              + ": add a row for this segment and occasion to dmn/discount.dmn, deploy it, then retry this job",
          Map.of(),
          0);
    }
    Coupon coupon =
        coupons.issue(
            new CouponStore.IssueRequest(
                job.getProcessInstanceKey()
                    + "/"
                    + job.getElementId()
                    + "/"
                    + job.getElementInstanceKey(),
                input.customerId(),
                input.orderId(),
                input.occasion(),
                Coupon.Kind.valueOf(d.couponKind()),
                d.value(),
                d.minimumSpend() == null ? BigDecimal.ZERO : d.minimumSpend(),
                d.validityDays(),
                new Coupon.IssuedBy(
                    job.getBpmnProcessId(), job.getProcessInstanceKey(), job.getElementId())));
    // analytics (R24): the coupon's discount is the step's cost once it is redeemed; a retried job
    // gets the same coupon and the analytics keep one row per code
    events.publishEvent(
        new AnalyticsFacts.CouponIssuedFact(
            coupon.code(),
            input.customerId(),
            job.getBpmnProcessId(),
            job.getProcessDefinitionVersion(),
            job.getElementId(),
            input.callingStepName(),
            input.campaignId(),
            input.occasion(),
            coupon.issuedAt()));
    return Map.of(
        "couponCode", coupon.code(),
        "couponValue", CouponTexts.value(coupon, currencySymbol),
        "couponExpiresOn", coupon.expiresAt().atZone(displayZone).toLocalDate().toString());
  }
}
