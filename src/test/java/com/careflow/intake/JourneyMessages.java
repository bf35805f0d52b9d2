package com.careflow.intake;

import java.util.Set;

/**
 * The Zeebe message names the event intake publishes, for the process tests of other packages: read
 * from {@link ShopEventType}, the one place they are named (the intake keeps the type
 * package-private).
 */
public final class JourneyMessages {

  private JourneyMessages() {}

  public static final String ORDER_PLACED = ShopEventType.ORDER_PLACED.messageName();
  public static final String ORDER_PAID = ShopEventType.ORDER_PAID.messageName();
  public static final String ORDER_CANCELLED = ShopEventType.ORDER_CANCELLED.messageName();
  public static final String ORDER_SHIPPED = ShopEventType.ORDER_SHIPPED.messageName();
  public static final String LOGISTICS_UPDATED = ShopEventType.LOGISTICS_UPDATED.messageName();
  public static final String ORDER_DELIVERED = ShopEventType.ORDER_DELIVERED.messageName();
  public static final String ORDER_OUT_OF_STOCK = ShopEventType.ORDER_OUT_OF_STOCK.messageName();
  public static final String REFUND_REQUESTED = ShopEventType.REFUND_REQUESTED.messageName();
  public static final String REVIEW_POSTED = ShopEventType.REVIEW_POSTED.messageName();

  /** Every message name the intake can publish ({@link ShopEventType#publishedMessageNames}). */
  public static Set<String> published() {
    return ShopEventType.publishedMessageNames();
  }
}
