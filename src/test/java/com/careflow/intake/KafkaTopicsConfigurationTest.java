package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KafkaTopicsConfigurationTest {

  @Test
  @DisplayName(
      "fault 7 (dead letters that cannot be written): the DLT is created with the source's actual"
          + " partition count")
  void deadLettersThatCannotBeWritten_theDeadLetterTopicMatchesItsSource() {
    var topics =
        KafkaTopicsConfiguration.topics(
            EventsProperties.defaults(),
            topic -> topic.equals("shop.orders") ? OptionalInt.of(12) : OptionalInt.empty());

    assertThat(topics)
        .filteredOn(t -> t.name().equals("shop.orders.DLT"))
        .singleElement()
        .returns(12, NewTopic::numPartitions);
    assertThat(topics)
        .filteredOn(t -> t.name().equals("shop.carts.DLT"))
        .singleElement()
        .returns(3, NewTopic::numPartitions);
  }
}
