package com.careflow.orders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the shop's events arrive, how long they wait for a journey, and how failures are retried
 * (see {@code docs/events.md}).
 *
 * @param ordersTopic order events, keyed by order id
 * @param cartsTopic cart events, keyed by customer id
 * @param customersTopic customer profile events, keyed by customer id
 * @param partitions partitions per topic when Careflow creates them (embedded mode, or
 *     createTopics)
 * @param createTopics create the topics (and their dead-letter topics) at start-up if missing
 * @param messageTimeToLive how long Zeebe keeps an event that no journey waits for yet
 * @param concurrency consumer threads per topic in this instance (more instances share the
 *     partitions through the consumer group)
 * @param retryInitialInterval first wait before retrying a transient failure (engine or database
 *     unreachable); doubles each time
 * @param retryMaxInterval longest wait between retries of a transient failure; transient failures
 *     are retried without limit, so nothing is dead-lettered while the engine is down
 * @param otherFailureAttempts attempts for an unexpected failure (neither invalid input nor known
 *     transient) before the record goes to the dead-letter topic
 */
@ConfigurationProperties("careflow.events")
public record EventsProperties(
    @DefaultValue("shop.orders") String ordersTopic,
    @DefaultValue("shop.carts") String cartsTopic,
    @DefaultValue("shop.customers") String customersTopic,
    @DefaultValue("3") int partitions,
    @DefaultValue("true") boolean createTopics,
    @DefaultValue("P7D") Duration messageTimeToLive,
    @DefaultValue("3") int concurrency,
    @DefaultValue("PT1S") Duration retryInitialInterval,
    @DefaultValue("PT30S") Duration retryMaxInterval,
    @DefaultValue("3") int otherFailureAttempts) {

  /** Consumer group (and listener id) of the order topic; app instances share its partitions. */
  public static final String ORDERS_GROUP = "careflow-orders";

  /** Consumer group of the cart topic. */
  public static final String CARTS_GROUP = "careflow-carts";

  /** Consumer group of the customer topic. */
  public static final String CUSTOMERS_GROUP = "careflow-customers";

  /** The dead-letter topic of a topic: bad records land there with the reason in headers. */
  public static String deadLetterTopic(String topic) {
    return topic + ".DLT";
  }
}
