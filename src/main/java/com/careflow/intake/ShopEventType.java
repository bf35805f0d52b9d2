package com.careflow.intake;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shop's event types (see {@code docs/events.md}) and the Zeebe message each becomes. The
 * message name is the event type, so a BPMN message "OrderPaid" reads like the shop's event.
 */
enum ShopEventType {
  ORDER_PLACED("OrderPlaced", Topic.ORDERS),
  ORDER_PAID("OrderPaid", Topic.ORDERS),
  ORDER_CANCELLED("OrderCancelled", Topic.ORDERS),
  ORDER_SHIPPED("OrderShipped", Topic.ORDERS),
  LOGISTICS_UPDATED("LogisticsUpdated", Topic.ORDERS),
  ORDER_DELIVERED("OrderDelivered", Topic.ORDERS),
  ORDER_OUT_OF_STOCK("OrderOutOfStock", Topic.ORDERS),
  REFUND_REQUESTED("RefundRequested", Topic.ORDERS),
  /** Stored and counted by the analytics only: no journey waits for it. */
  ORDER_REFUNDED("OrderRefunded", Topic.ORDERS),
  REVIEW_POSTED("ReviewPosted", Topic.ORDERS),
  CART_UPDATED("CartUpdated", Topic.CARTS),
  CART_CLEARED("CartCleared", Topic.CARTS),
  CUSTOMER_UPSERTED("CustomerUpserted", Topic.CUSTOMERS);

  /** Which of the shop's topics carries the event. */
  public enum Topic {
    ORDERS,
    CARTS,
    CUSTOMERS
  }

  private final String typeName;
  private final Topic topic;

  ShopEventType(String typeName, Topic topic) {
    this.typeName = typeName;
    this.topic = topic;
  }

  /** The {@code type} field of the event, e.g. {@code OrderPaid}. */
  public String typeName() {
    return typeName;
  }

  public Topic topic() {
    return topic;
  }

  /** The name of the Zeebe message this event is published as. */
  public String messageName() {
    return typeName;
  }

  /**
   * Whether the event becomes a Zeebe message: order events (correlated by {@code orderId}) and
   * cart events (by {@code customerId}) do; customer profile events and {@code OrderRefunded} only
   * update the store (and the analytics).
   */
  public boolean publishesMessage() {
    return topic != Topic.CUSTOMERS && this != ORDER_REFUNDED;
  }

  public static Optional<ShopEventType> fromTypeName(String typeName) {
    return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
  }

  /** Every message name the event intake can publish to Zeebe (customer events publish none). */
  public static Set<String> publishedMessageNames() {
    return Arrays.stream(values())
        .filter(ShopEventType::publishesMessage)
        .map(ShopEventType::messageName)
        .collect(Collectors.toUnmodifiableSet());
  }
}
