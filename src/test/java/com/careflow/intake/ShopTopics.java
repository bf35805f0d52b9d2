package com.careflow.intake;

import org.springframework.beans.factory.BeanFactory;

/**
 * The shop's topics and the intake's consumer groups as the running application has them, for the
 * development stack's simulator and the benchmarks in other packages (the intake keeps its settings
 * type {@link EventsProperties} package-private).
 */
public record ShopTopics(String ordersTopic, String cartsTopic, String customersTopic) {

  public static final String ORDERS_GROUP = EventsProperties.ORDERS_GROUP;
  public static final String CARTS_GROUP = EventsProperties.CARTS_GROUP;
  public static final String CUSTOMERS_GROUP = EventsProperties.CUSTOMERS_GROUP;

  /** The topics of the application's {@code careflow.events} settings. */
  public static ShopTopics of(BeanFactory beans) {
    EventsProperties events = beans.getBean(EventsProperties.class);
    return new ShopTopics(events.ordersTopic(), events.cartsTopic(), events.customersTopic());
  }
}
