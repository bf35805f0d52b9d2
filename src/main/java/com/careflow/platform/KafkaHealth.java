package com.careflow.platform;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code kafka}: {@code UP} with the cluster id and the number of brokers when
 * the Kafka cluster of {@code spring.kafka.bootstrap-servers} answers an admin {@code
 * describeCluster} within {@value #TIMEOUT_MS} ms, {@code DOWN} naming the bootstrap servers
 * otherwise. Part of the readiness group ({@code application.yaml}), not of liveness: a broker
 * outage makes Careflow unready (shop events would not be read), never restarts it.
 *
 * <p>Neither Spring Boot nor Spring Kafka has a Kafka health indicator. Probes stay cheap: the
 * answer is kept for {@value #CACHE_MS} ms, so the cluster is asked at most once per that period
 * whatever the probe frequency, and each check costs at most {@value #TIMEOUT_MS} ms (its admin
 * client is closed without waiting).
 */
@Component("kafka")
class KafkaHealth implements HealthIndicator, DisposableBean {

  /** How long one check waits for the cluster, in milliseconds. */
  static final int TIMEOUT_MS = 2_000;

  /** How long an answer is reused, in milliseconds. */
  static final long CACHE_MS = 10_000;

  private final Supplier<Admin> admins;
  private final String bootstrapServers;
  private final LongSupplier nanoTime;
  private Admin admin;
  private Health last;
  private long lastAt;

  @Autowired
  KafkaHealth(KafkaAdmin kafkaAdmin) {
    this(kafkaAdmin.getConfigurationProperties(), System::nanoTime);
  }

  KafkaHealth(Map<String, Object> adminConfig, LongSupplier nanoTime) {
    Map<String, Object> config = new HashMap<>(adminConfig);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    this.admins = () -> Admin.create(config);
    this.bootstrapServers =
        String.valueOf(config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG))
            .replaceAll("[\\[\\]]", "");
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized Health health() {
    long now = nanoTime.getAsLong();
    if (last == null || now - lastAt >= TimeUnit.MILLISECONDS.toNanos(CACHE_MS)) {
      last = check();
      lastAt = now;
    }
    return last;
  }

  private Health check() {
    // one client for the life of the bean: it keeps its connection between checks and reconnects
    // on its own after an outage, instead of a new client (threads, metadata fetch) per check
    if (admin == null) {
      admin = admins.get();
    }
    try {
      DescribeClusterResult cluster =
          admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
      String clusterId = cluster.clusterId().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
      int brokers = cluster.nodes().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
      return Health.up()
          .withDetail("bootstrapServers", bootstrapServers)
          .withDetail("clusterId", String.valueOf(clusterId))
          .withDetail("brokers", brokers)
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down("interrupted");
    } catch (ExecutionException e) {
      return down(String.valueOf(e.getCause()));
    } catch (TimeoutException e) {
      return down("no answer within " + Duration.ofMillis(TIMEOUT_MS).toMillis() + " ms");
    }
  }

  @Override
  public synchronized void destroy() {
    if (admin != null) {
      admin.close(Duration.ZERO);
      admin = null;
    }
  }

  private Health down(String reason) {
    return Health.down()
        .withDetail("bootstrapServers", bootstrapServers)
        .withDetail(
            "reason",
            "the Kafka cluster (spring.kafka.bootstrap-servers) does not answer: " + reason)
        .withDetail("effect", "shop events are not read until it answers")
        .build();
  }
}
