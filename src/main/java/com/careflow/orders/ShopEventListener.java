package com.careflow.orders;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The three shop topics. Each listener is its own consumer group, so app instances share a topic's
 * partitions; Kafka keeps the records of one key (order or customer) in order within a partition,
 * which is all the journeys need (see {@code docs/events.md}, "Ordering and scaling"). Failures go
 * to the {@link EventErrorHandling error handler}.
 */
@Component
class ShopEventListener {

  static final String ORDERS_LISTENER = EventsProperties.ORDERS_GROUP;
  static final String CARTS_LISTENER = EventsProperties.CARTS_GROUP;
  static final String CUSTOMERS_LISTENER = EventsProperties.CUSTOMERS_GROUP;

  private final EventIntake intake;

  ShopEventListener(EventIntake intake) {
    this.intake = intake;
  }

  @KafkaListener(
      id = ORDERS_LISTENER,
      topics = "${careflow.events.orders-topic:shop.orders}",
      concurrency = "${careflow.events.concurrency:1}")
  void onOrderEvent(ConsumerRecord<String, String> record) {
    intake.handle(record.topic(), ShopEventType.Topic.ORDERS, record.value());
  }

  @KafkaListener(
      id = CARTS_LISTENER,
      topics = "${careflow.events.carts-topic:shop.carts}",
      concurrency = "${careflow.events.concurrency:1}")
  void onCartEvent(ConsumerRecord<String, String> record) {
    intake.handle(record.topic(), ShopEventType.Topic.CARTS, record.value());
  }

  @KafkaListener(
      id = CUSTOMERS_LISTENER,
      topics = "${careflow.events.customers-topic:shop.customers}",
      concurrency = "${careflow.events.concurrency:1}")
  void onCustomerEvent(ConsumerRecord<String, String> record) {
    intake.handle(record.topic(), ShopEventType.Topic.CUSTOMERS, record.value());
  }
}
