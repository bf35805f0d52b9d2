package com.careflow.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** How many records of a topic a consumer group has not committed yet (0 = caught up). */
public final class ConsumerLag {

  private ConsumerLag() {}

  public static long of(Map<String, Object> adminConfig, String topic, String group) {
    try (Admin admin = Admin.create(adminConfig)) {
      return of(admin, topic, group);
    }
  }

  public static long of(Admin admin, String topic, String group) {
    try {
      var partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      var ends =
          admin
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get();
      var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      long lag = 0;
      for (TopicPartition p : partitions) {
        var c = committed.get(p);
        lag += ends.get(p).offset() - (c == null ? 0 : c.offset());
      }
      return lag;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading the lag of " + group, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Could not read the lag of " + group + " on " + topic, e.getCause());
    }
  }
}
