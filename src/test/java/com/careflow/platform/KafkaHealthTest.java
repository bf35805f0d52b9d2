package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Fault: readiness answered UP with the Kafka cluster unreachable (no Kafka health contributor).
 * The contributor reports DOWN naming the servers, and asks the cluster at most once per cache
 * period.
 */
class KafkaHealthTest {

  private static String closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }

  @Test
  void anUnreachableClusterIsDownNamingTheBootstrapServers_andTheAnswerIsCached() throws Exception {
    String servers = closedPort();
    AtomicLong now = new AtomicLong(1_000);
    var health =
        new KafkaHealth(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers), now::get);

    Health first = health.health();
    assertThat(first.getStatus()).isEqualTo(Status.DOWN);
    assertThat(first.getDetails())
        .containsEntry("bootstrapServers", servers)
        .hasEntrySatisfying(
            "reason",
            reason -> assertThat((String) reason).contains("spring.kafka.bootstrap-servers"));

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(KafkaHealth.CACHE_MS - 1));
    assertThat(health.health()).as("within the cache period: the same answer").isSameAs(first);

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
    Health second = health.health();
    assertThat(second).as("after the cache period: asked again").isNotSameAs(first);
    assertThat(second.getStatus()).isEqualTo(Status.DOWN);
  }
}
