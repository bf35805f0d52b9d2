package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.careflow.customers.OrderHistory;
import com.careflow.customers.PurchaseStats;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Replaying the whole order topic from offset 0 changes nothing: no second journey, message, or
 * count (rule R15).
 */
class ShopEventsReplayIT extends ShopEventsITBase {

  /**
   * How long an awaited outcome may take before the test fails: a bound on failure only, generous
   * for a loaded machine (a passing run waits only as long as the outcome takes).
   */
  private static final Duration EVENTUALLY = Duration.ofMinutes(3);

  static final String ORDERS = "shop.orders";

  @Autowired OrderHistory orders;
  @Autowired KafkaListenerEndpointRegistry listeners;

  @Test
  void r15_theCustomerStoreCountersAreRightAfterAReplayOfTheWholeTopic() throws Exception {
    String customer = "c-" + run;
    List<String> eventIds =
        List.of("p1", "pay1", "p2", "pay2", "p3", "ship1", "deliv1", "review1").stream()
            .map(e -> run + "-" + e)
            .toList();
    send(
        ORDERS,
        run + "-o1",
        order(
            "p1",
            "OrderPlaced",
            "o1",
            ",\"customerId\":\"%s\",\"amount\":100.00,\"items\":[{\"sku\":\"a\",\"quantity\":2,\"price\":50.00}]"
                .formatted(customer)));
    send(
        ORDERS,
        run + "-o1",
        order(
            "pay1",
            "OrderPaid",
            "o1",
            ",\"customerId\":\"%s\",\"amount\":100.00".formatted(customer)));
    send(
        ORDERS,
        run + "-o2",
        order(
            "p2",
            "OrderPlaced",
            "o2",
            ",\"customerId\":\"%s\",\"amount\":1500.00,\"items\":[{\"sku\":\"b\",\"quantity\":3,\"price\":500.00}]"
                .formatted(customer)));
    send(
        ORDERS,
        run + "-o2",
        order(
            "pay2",
            "OrderPaid",
            "o2",
            ",\"customerId\":\"%s\",\"amount\":1500.00".formatted(customer)));
    send(
        ORDERS,
        run + "-o3",
        order(
            "p3",
            "OrderPlaced",
            "o3",
            ",\"customerId\":\"%s\",\"amount\":20.00,\"items\":[{\"sku\":\"c\",\"quantity\":1,\"price\":20.00}]"
                .formatted(customer)));
    send(
        ORDERS,
        run + "-o1",
        order("ship1", "OrderShipped", "o1", ",\"carrier\":\"SF\",\"trackingNumber\":\"SF1\""));
    send(ORDERS, run + "-o1", order("deliv1", "OrderDelivered", "o1", ""));
    send(
        ORDERS,
        run + "-o1",
        order(
            "review1",
            "ReviewPosted",
            "o1",
            ",\"customerId\":\"%s\",\"rating\":5".formatted(customer)));
    await()
        .atMost(EVENTUALLY)
        .until(() -> eventIds.stream().allMatch(id -> processedRows(id) == 1));
    PurchaseStats before = orders.purchaseStats(customer).orElseThrow();
    assertThat(before.orderCount()).isEqualTo(3);
    assertThat(before.paidOrders()).isEqualTo(2);
    assertThat(before.totalPaid()).isEqualByComparingTo(new BigDecimal("1600.00"));
    assertThat(before.paidUnits()).isEqualTo(5);
    assertThat(before.averageOrderValue()).isEqualByComparingTo("800.00");

    replayFromOffsetZero(ORDERS, ShopEventListener.ORDERS_LISTENER);

    assertThat(orders.purchaseStats(customer)).get().isEqualTo(before);
    for (String o : List.of("o1", "o2", "o3")) {
      assertThat(journeysOf(run + "-" + o)).as("journeys of %s", o).hasSize(1);
    }
    for (String id : eventIds) {
      assertThat(timesPublished(id)).as("messages for %s", id).isEqualTo(1);
      assertThat(processedRows(id)).isEqualTo(1);
    }
  }

  private String order(String event, String type, String order, String fields) {
    return "{\"eventId\":\"%s-%s\",\"type\":\"%s\",\"occurredAt\":\"2026-11-11T09:30:00+08:00\",\"orderId\":\"%s-%s\"%s}"
        .formatted(run, event, type, run, order, fields);
  }

  /**
   * Stops the listener, sets its group's offsets back to 0 (like kafka-consumer-groups
   * --reset-offsets), starts it again.
   */
  private void replayFromOffsetZero(String topic, String listenerId) throws Exception {
    var container = listeners.getListenerContainer(listenerId);
    container.stop();
    await().atMost(EVENTUALLY).until(() -> !container.isRunning());
    try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
      Map<TopicPartition, OffsetAndMetadata> zero =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .collect(
                  Collectors.toMap(
                      p -> new TopicPartition(topic, p.partition()),
                      p -> new OffsetAndMetadata(0)));
      // the group must be empty: retry until the stopped consumer has left it
      await()
          .atMost(EVENTUALLY)
          .ignoreExceptions()
          .until(
              () -> {
                admin.alterConsumerGroupOffsets(listenerId, zero).all().get();
                return true;
              });
      assertThat(lag(topic, listenerId)).as("the whole topic is to be read again").isPositive();
    }
    container.start();
    awaitCaughtUp(topic, listenerId);
  }
}
