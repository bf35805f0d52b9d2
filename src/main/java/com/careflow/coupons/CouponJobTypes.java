package com.careflow.coupons;

/**
 * The job types this module's {@code @JobWorker}s serve, named as the BPMN models name them. {@code
 * ModelConsistencyTest} keeps every module's job types in step with the models and the workers.
 */
public final class CouponJobTypes {

  private CouponJobTypes() {}

  /**
   * Issues a coupon sized by the discount table and returns its code ({@code IssueCouponWorker},
   * rules R9, R13, R17).
   */
  public static final String ISSUE_COUPON = "issue-coupon";
}
