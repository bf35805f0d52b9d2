package com.careflow.journeys;

/**
 * The job type of this module's worker ({@link #PLAN_CALL_TIME}) and the other ids in {@code
 * bpmn/order-journey.bpmn}: the process, its decision tables, forms and templates. Main code uses
 * only {@link #PLAN_CALL_TIME}; the process tests and integration tests use the rest. The messages
 * the journey waits for are named once, by the event intake that publishes them ({@code
 * intake.ShopEventType}). {@code ModelConsistencyTest} fails when the model and these constants
 * drift apart.
 */
public final class JourneyJobTypes {

  private JourneyJobTypes() {}

  public static final String PROCESS_ID = "order-journey";

  /**
   * Gives a staff phone call its due time inside the preferred calling hours ({@code
   * PlanCallTimeWorker}, rule R3).
   */
  public static final String PLAN_CALL_TIME = "plan-call-time";

  /** The reusable "Deliver message" process every send step calls (quiet hours, then send). */
  public static final String MESSAGE_DELIVERY_PROCESS_ID = "message-delivery";

  /** The decision tables the journey calls. */
  public static final class Decisions {
    private Decisions() {}

    public static final String REMINDER_POLICY = "reminder-policy";
    public static final String ORDER_TIMINGS = "order-timings";
    public static final String DISCOUNT = "discount";
  }

  /** Camunda Forms (bpmn/forms) of the journey's staff tasks. */
  public static final class Forms {
    private Forms() {}

    public static final String CALL_BUYER_ABOUT_PAYMENT = "call-buyer-about-payment";
    public static final String HANDLE_LOGISTICS_EXCEPTION = "handle-logistics-exception";
    public static final String FOLLOW_UP_BAD_REVIEW = "follow-up-bad-review";
  }

  /** Message templates the journey sends (src/main/resources/templates). */
  public static final class Templates {
    private Templates() {}

    public static final String SHIPMENT_NOTICE = "shipment-notice";
    public static final String LOGISTICS_APOLOGY = "logistics-apology";
    public static final String OUT_OF_STOCK_APOLOGY = "out-of-stock-apology";
    public static final String CARE_MESSAGE = "care-message";
    public static final String REVIEW_INVITE = "review-invite";
    public static final String REVIEW_THANKS = "review-thanks";
    public static final String SERVICE_RECOVERY_APOLOGY = "service-recovery-apology";
  }
}
