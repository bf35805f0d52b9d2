package com.careflow.orders;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The three shop topics. Each listener is its own consumer group, so app instances share a topic's
 * partitions; Kafka keeps the records of one key (order or customer) in order within a partition,
 * which is all the journeys need (see {@code docs/events.md}, "Ordering and scaling"). Values are
 * read as bytes, so a record that is not UTF-8 reaches the dead-letter topic exactly as it came.
 * Failures go to the {@link EventErrorHandling error handler}.
 */
@Component
class ShopEventListener {

  static final String ORDERS_LISTENER = EventsProperties.ORDERS_GROUP;
  static final String CARTS_LISTENER = EventsProperties.CARTS_GROUP;
  static final String CUSTOMERS_LISTENER = EventsProperties.CUSTOMERS_GROUP;

  private static final String BYTES =
      "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer";

  private final EventIntake intake;
  private final EventsProperties props;

  ShopEventListener(EventIntake intake, EventsProperties props) {
    this.intake = intake;
    this.props = props;
  }

  /**
   * Consumer threads per listener: {@code careflow.events.concurrency}, whose one default is in
   * {@link EventsProperties} (read by the listeners' {@code #{__listener.concurrency}}).
   */
  public String getConcurrency() {
    return Integer.toString(props.concurrency());
  }

  /** The topics, from {@link EventsProperties} too (one source for their defaults). */
  public String getOrdersTopic() {
    return props.ordersTopic();
  }

  public String getCartsTopic() {
    return props.cartsTopic();
  }

  public String getCustomersTopic() {
    return props.customersTopic();
  }

  @KafkaListener(
      id = ORDERS_LISTENER,
      topics = "#{__listener.ordersTopic}",
      concurrency = "#{__listener.concurrency}",
      properties = BYTES)
  void onOrderEvent(ConsumerRecord<String, byte[]> record) {
    intake.handle(record.topic(), ShopEventType.Topic.ORDERS, record.value());
  }

  @KafkaListener(
      id = CARTS_LISTENER,
      topics = "#{__listener.cartsTopic}",
      concurrency = "#{__listener.concurrency}",
      properties = BYTES)
  void onCartEvent(ConsumerRecord<String, byte[]> record) {
    intake.handle(record.topic(), ShopEventType.Topic.CARTS, record.value());
  }

  @KafkaListener(
      id = CUSTOMERS_LISTENER,
      topics = "#{__listener.customersTopic}",
      concurrency = "#{__listener.concurrency}",
      properties = BYTES)
  void onCustomerEvent(ConsumerRecord<String, byte[]> record) {
    intake.handle(record.topic(), ShopEventType.Topic.CUSTOMERS, record.value());
  }
}
