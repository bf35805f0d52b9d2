package com.careflow.orders;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics Careflow reads, and their dead-letter topics, created by Spring's KafkaAdmin. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "careflow.events.create-topics",
    havingValue = "true",
    matchIfMissing = true)
class KafkaTopicsConfiguration {

  @Bean
  KafkaAdmin.NewTopics careflowTopics(EventsProperties events) {
    var topics = new java.util.ArrayList<NewTopic>();
    for (String topic :
        new String[] {events.ordersTopic(), events.cartsTopic(), events.customersTopic()}) {
      topics.add(TopicBuilder.name(topic).partitions(events.partitions()).build());
      // same partition count, so a dead letter keeps its original partition
      topics.add(
          TopicBuilder.name(EventsProperties.deadLetterTopic(topic))
              .partitions(events.partitions())
              .build());
    }
    return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
  }
}
