package com.careflow.orders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the shop's events arrive and how long they wait for a journey.
 *
 * @param ordersTopic order events, keyed by order id
 * @param cartsTopic cart events, keyed by customer id
 * @param customersTopic customer profile events, keyed by customer id
 * @param partitions partitions per topic when Careflow creates them (embedded mode, or createTopics)
 * @param createTopics create the topics (and their dead-letter topics) at start-up if missing
 * @param messageTimeToLive how long Zeebe keeps an event that no journey waits for yet
 */
@ConfigurationProperties("careflow.events")
public record EventsProperties(
    @DefaultValue("shop.orders") String ordersTopic,
    @DefaultValue("shop.carts") String cartsTopic,
    @DefaultValue("shop.customers") String customersTopic,
    @DefaultValue("3") int partitions,
    @DefaultValue("true") boolean createTopics,
    @DefaultValue("P7D") Duration messageTimeToLive) {

  /** The dead-letter topic of a topic: bad records land there with the reason in headers. */
  public static String deadLetterTopic(String topic) {
    return topic + ".DLT";
  }
}
