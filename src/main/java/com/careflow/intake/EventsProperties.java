package com.careflow.intake;

import com.careflow.customers.PhoneNumbers;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

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
 * @param publishesInFlight keys whose messages one consumer thread publishes to Zeebe at once after
 *     storing a poll's records (one key's messages always one after another, in order); at least 1
 * @param retryInitialInterval first wait before retrying a transient failure (engine or database
 *     unreachable); doubles each time
 * @param retryMaxInterval longest wait between retries of a transient failure; transient failures
 *     are retried without limit, so nothing is dead-lettered while the engine is down
 * @param otherFailureAttempts attempts for an unexpected failure (neither invalid input nor known
 *     transient) before the record goes to the dead-letter topic
 * @param maxClockSkew how far in the future an event's {@code occurredAt} may lie (the shop's clock
 *     ahead of ours); later ones are refused
 * @param earliestOccurredAt events dated before this are refused (a shop clock at zero)
 * @param defaultPhoneRegion ISO 3166 region of phone numbers written without a country code
 */
@ConfigurationProperties("careflow.events")
record EventsProperties(
    @DefaultValue("shop.orders") String ordersTopic,
    @DefaultValue("shop.carts") String cartsTopic,
    @DefaultValue("shop.customers") String customersTopic,
    @DefaultValue("3") int partitions,
    @DefaultValue("true") boolean createTopics,
    @DefaultValue("P7D") Duration messageTimeToLive,
    @DefaultValue("3") int concurrency,
    @DefaultValue("32") int publishesInFlight,
    @DefaultValue("PT1S") Duration retryInitialInterval,
    @DefaultValue("PT30S") Duration retryMaxInterval,
    @DefaultValue("3") int otherFailureAttempts,
    @DefaultValue("PT5M") Duration maxClockSkew,
    @DefaultValue("2000-01-01T00:00:00Z") Instant earliestOccurredAt,
    @DefaultValue("CN") String defaultPhoneRegion) {

  public EventsProperties {
    if (publishesInFlight < 1) {
      throw new IllegalArgumentException(
          "careflow.events.publishes-in-flight must be at least 1, was " + publishesInFlight);
    }
    if (!PhoneNumbers.isKnownRegion(defaultPhoneRegion)) {
      throw new IllegalArgumentException(
          "careflow.events.default-phone-region must be an ISO 3166 region such as CN, was '"
              + defaultPhoneRegion
              + "'");
    }
  }

  /**
   * The settings with nothing configured: bound from the {@code @DefaultValue}s above, the one
   * source of every default.
   */
  public static EventsProperties defaults() {
    return new Binder(new MapConfigurationPropertySource())
        .bindOrCreate("careflow.events", EventsProperties.class);
  }

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
