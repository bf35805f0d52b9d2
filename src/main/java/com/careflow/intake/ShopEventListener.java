package com.careflow.intake;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.stereotype.Component;

/**
 * The three shop topics. Each listener is its own consumer group, so app instances share a topic's
 * partitions; Kafka keeps the records of one key (order or customer) in order within a partition,
 * which is all the journeys need (see {@code docs/events.md}, "Ordering and scaling"). Values are
 * read as bytes, so a record that is not UTF-8 reaches the dead-letter topic exactly as it came.
 * Each listener takes a poll's records at once ({@link EventIntake#handleAll}: stored in order,
 * then published several keys at a time, one key's messages in order); a failure names the first
 * record that did not take effect and goes to the {@link EventErrorHandling error handler}, which
 * commits the records before it and retries or dead-letters it alone. The listeners start only once
 * the application is ready, that is after {@code ModelDeployment} deployed the models: an {@code
 * OrderPlaced} consumed before its message start event exists would be buffered by Zeebe and start
 * no journey, yet be marked processed.
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

  /** Starts consuming once the models are deployed (application runners done). */
  @EventListener(ApplicationReadyEvent.class)
  void startAfterDeployment(ApplicationReadyEvent ready) {
    var registry = ready.getApplicationContext().getBean(KafkaListenerEndpointRegistry.class);
    for (String id : new String[] {ORDERS_LISTENER, CARTS_LISTENER, CUSTOMERS_LISTENER}) {
      var container = registry.getListenerContainer(id);
      if (container != null && !container.isRunning()) {
        container.start();
      }
    }
  }

  @KafkaListener(
      id = ORDERS_LISTENER,
      topics = "#{__listener.ordersTopic}",
      concurrency = "#{__listener.concurrency}",
      autoStartup = "false",
      batch = "true",
      properties = BYTES)
  void onOrderEvents(List<ConsumerRecord<String, byte[]>> records) {
    intake.handleAll(records, ShopEventType.Topic.ORDERS);
  }

  @KafkaListener(
      id = CARTS_LISTENER,
      topics = "#{__listener.cartsTopic}",
      concurrency = "#{__listener.concurrency}",
      autoStartup = "false",
      batch = "true",
      properties = BYTES)
  void onCartEvents(List<ConsumerRecord<String, byte[]>> records) {
    intake.handleAll(records, ShopEventType.Topic.CARTS);
  }

  @KafkaListener(
      id = CUSTOMERS_LISTENER,
      topics = "#{__listener.customersTopic}",
      concurrency = "#{__listener.concurrency}",
      autoStartup = "false",
      batch = "true",
      properties = BYTES)
  void onCustomerEvents(List<ConsumerRecord<String, byte[]>> records) {
    intake.handleAll(records, ShopEventType.Topic.CUSTOMERS);
  }
}
