package com.careflow.journeys;

/**
 * Ids in {@code bpmn/order-journey.bpmn} that code refers to. {@code ModelConsistencyTest} fails
 * when the model and these constants drift apart.
 */
public final class OrderJourney {

  private OrderJourney() {}

  public static final String PROCESS_ID = "order-journey";

  /** Messages the shop's order events become; all correlate on {@code orderId}. */
  public static final class Messages {
    private Messages() {}

    public static final String ORDER_PLACED = "OrderPlaced";
    public static final String ORDER_PAID = "OrderPaid";
  }

  /** Process variables the journey starts with. Never names or phone numbers (Operate shows them). */
  public static final class Variables {
    private Variables() {}

    public static final String ORDER_ID = "orderId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String AMOUNT = "amount";
    public static final String CURRENCY = "currency";
    public static final String PROMOTION = "promotion";
    public static final String PAY_BEFORE = "payBefore";
    public static final String PLACED_AT = "placedAt";
  }

  /** The reusable "Deliver message" process every send step calls (quiet hours, then send). */
  public static final String MESSAGE_DELIVERY_PROCESS_ID = "message-delivery";

  /** The decision tables the journey calls. */
  public static final class Decisions {
    private Decisions() {}

    public static final String REMINDER_POLICY = "reminder-policy";
  }
}
