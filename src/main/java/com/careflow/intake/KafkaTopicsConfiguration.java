package com.careflow.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics Careflow reads, and their dead-letter topics, created by Spring's KafkaAdmin when
 * missing. A dead-letter topic gets as many partitions as its source actually has (a shop may have
 * created {@code shop.orders} itself, with more than {@code careflow.events.partitions}), so a dead
 * letter keeps its original partition.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "careflow.events.create-topics",
    havingValue = "true",
    matchIfMissing = true)
class KafkaTopicsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(KafkaTopicsConfiguration.class);

  @Bean
  KafkaAdmin.NewTopics careflowTopics(EventsProperties events, KafkaAdmin admin) {
    return new KafkaAdmin.NewTopics(
        topics(events, existingPartitions(admin)).toArray(NewTopic[]::new));
  }

  /**
   * The three topics and their {@code .DLT}s.
   *
   * @param existing partitions of a topic that exists already, empty when it does not (or cannot be
   *     told)
   */
  static List<NewTopic> topics(EventsProperties events, Function<String, OptionalInt> existing) {
    var topics = new ArrayList<NewTopic>();
    for (String topic :
        List.of(events.ordersTopic(), events.cartsTopic(), events.customersTopic())) {
      int partitions = existing.apply(topic).orElse(events.partitions());
      topics.add(TopicBuilder.name(topic).partitions(events.partitions()).build());
      topics.add(
          TopicBuilder.name(EventsProperties.deadLetterTopic(topic))
              .partitions(partitions)
              .build());
    }
    return topics;
  }

  /**
   * Partitions of each topic as the cluster has it. An unreachable cluster costs one look-up's
   * timeout (10 s), not one per topic, and the admin client is closed without waiting for its
   * pending calls: {@code close()} would wait for each call's own deadline ({@code
   * default.api.timeout.ms}, 60 s), holding start-up for minutes before Spring's KafkaAdmin reports
   * the cluster itself.
   */
  private static Function<String, OptionalInt> existingPartitions(KafkaAdmin admin) {
    AtomicBoolean unreachable = new AtomicBoolean();
    return topic -> {
      if (unreachable.get()) {
        return OptionalInt.empty();
      }
      AdminClient client = AdminClient.create(admin.getConfigurationProperties());
      try {
        var description =
            client.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS);
        return OptionalInt.of(description.get(topic).partitions().size());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return OptionalInt.empty();
      } catch (TimeoutException e) {
        unreachable.set(true);
        log.debug("Topic {} not found ({}): created as configured", topic, e.toString());
        return OptionalInt.empty();
      } catch (Exception e) {
        log.debug("Topic {} not found ({}): created as configured", topic, e.toString());
        return OptionalInt.empty();
      } finally {
        client.close(Duration.ZERO);
      }
    };
  }
}
