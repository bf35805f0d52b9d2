package com.careflow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue #19: the cluster variant {@code docker/docker-compose.cluster.yaml}, checked statically as
 * {@link DockerComposeTest} checks the single-node stack (no Docker engine on the build machines;
 * {@code docker-compose -f docker/docker-compose.cluster.yaml config} validates its syntax): a
 * Zeebe cluster of 3 brokers with 6 partitions replicated 3 times behind a standalone gateway,
 * Kafka topics with a partition for every consumer thread of every replica, and 2 Careflow replicas
 * on one database and one shared send limit (docs/scaling.md).
 */
class DockerComposeClusterTest {

  private static final List<String> BROKERS = List.of("zeebe-0", "zeebe-1", "zeebe-2");
  private static final List<String> KAFKA = List.of("kafka-1", "kafka-2", "kafka-3");
  private static final List<String> CAREFLOW = List.of("careflow-1", "careflow-2");

  private final ComposeFile compose = new ComposeFile("docker-compose.cluster.yaml");

  @Test
  void theClusterHasThreeBrokersAGatewayThreeKafkaBrokersAndTwoCareflowReplicas() {
    assertThat(compose.services)
        .containsOnlyKeys(
            "zeebe-0",
            "zeebe-1",
            "zeebe-2",
            "gateway",
            "elasticsearch",
            "kafka-1",
            "kafka-2",
            "kafka-3",
            "postgres",
            "careflow-1",
            "careflow-2");
  }

  @Test
  void everyBrokerHoldsSixPartitionsReplicatedThreeTimesInAClusterOfThree() {
    Set<String> nodeIds = new TreeSet<>();
    for (String broker : BROKERS) {
      Map<String, String> env = compose.environment(broker);
      assertThat(env)
          .as(broker)
          .containsEntry("SPRING_PROFILES_ACTIVE", "broker")
          .containsEntry("ZEEBE_BROKER_CLUSTER_CLUSTERSIZE", String.valueOf(BROKERS.size()))
          .containsEntry("ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT", "6")
          .containsEntry("ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR", "3")
          .containsEntry("ZEEBE_BROKER_NETWORK_ADVERTISEDHOST", broker)
          // clients go through the standalone gateway
          .containsEntry("ZEEBE_BROKER_GATEWAY_ENABLE", "false");
      assertThat(contactPoints(env.get("ZEEBE_BROKER_CLUSTER_INITIALCONTACTPOINTS")))
          .as(broker + " finds every broker")
          .containsExactlyInAnyOrderElementsOf(BROKERS);
      nodeIds.add(env.get("ZEEBE_BROKER_CLUSTER_NODEID"));
      assertThat(compose.services.get(broker).get("volumes").toString())
          .as(broker + " keeps its data in a volume of its own")
          .contains(broker + ":/usr/local/zeebe/data");
    }
    // node ids 0..clusterSize-1, each once
    assertThat(nodeIds).containsExactly("0", "1", "2");
    int replication =
        Integer.parseInt(
            compose.environment("zeebe-0").get("ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR"));
    assertThat(replication).as("replication factor ≤ brokers").isLessThanOrEqualTo(BROKERS.size());
  }

  @Test
  void theGatewayKnowsTheBrokersAndTheReplicasTalkToIt() {
    Map<String, String> gateway = compose.environment("gateway");
    assertThat(gateway.get("SPRING_PROFILES_ACTIVE")).startsWith("gateway");
    assertThat(contactPoints(gateway.get("ZEEBE_GATEWAY_CLUSTER_INITIALCONTACTPOINTS")))
        .containsExactlyInAnyOrderElementsOf(BROKERS);
    assertThat(compose.dependencies("gateway")).containsAll(BROKERS);
    for (String careflow : CAREFLOW) {
      Map<String, String> env = compose.environment(careflow);
      URI grpc = URI.create(env.get("CAMUNDA_CLIENT_GRPCADDRESS"));
      assertThat(grpc.getHost()).as(careflow).isEqualTo("gateway");
      assertThat(compose.containerPorts("gateway")).contains(grpc.getPort());
      URI rest = URI.create(env.get("CAMUNDA_CLIENT_RESTADDRESS"));
      assertThat(rest.getHost()).as(careflow).isEqualTo("gateway");
      assertThat(compose.containerPorts("gateway")).contains(rest.getPort());
    }
  }

  @Test
  void kafkaTopicsHaveAPartitionForEveryConsumerThreadOfEveryReplica() {
    int consumers = 0;
    int partitions = -1;
    for (String careflow : CAREFLOW) {
      Map<String, String> env = compose.environment(careflow);
      consumers += Integer.parseInt(env.get("CAREFLOW_EVENTS_CONCURRENCY"));
      partitions = Integer.parseInt(env.get("CAREFLOW_EVENTS_PARTITIONS"));
      assertThat(
              Arrays.stream(env.get("SPRING_KAFKA_BOOTSTRAPSERVERS").split(","))
                  .map(hostPort -> hostPort.split(":")[0])
                  .collect(Collectors.toSet()))
          .as(careflow + " bootstraps from every Kafka broker")
          .containsExactlyInAnyOrderElementsOf(KAFKA);
    }
    assertThat(partitions)
        .as("partitions per topic ≥ consumer threads of all replicas (%d)", consumers)
        .isGreaterThanOrEqualTo(consumers);
    for (String kafka : KAFKA) {
      Map<String, String> env = compose.environment(kafka);
      int replication = Integer.parseInt(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR"));
      assertThat(replication).as(kafka).isLessThanOrEqualTo(KAFKA.size());
      assertThat(Integer.parseInt(env.get("KAFKA_MIN_INSYNC_REPLICAS")))
          .as(kafka + ": one broker may fail and writes go on")
          .isLessThan(replication);
      assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")).hasSize(KAFKA.size());
      assertThat(env.get("KAFKA_LISTENERS")).contains(":29092");
    }
  }

  @Test
  void theReplicasShareOneDatabaseAndOneSendLimit() {
    Map<String, String> first = compose.environment(CAREFLOW.getFirst());
    for (String careflow : CAREFLOW) {
      Map<String, String> env = compose.environment(careflow);
      DockerComposeTest.assertDatabaseIsTheStacksPostgres(compose, env);
      assertThat(env.get("SPRING_DATASOURCE_URL")).isEqualTo(first.get("SPRING_DATASOURCE_URL"));
      var limit = com.careflow.messaging.SendLimitSettings.bind(compose.binder(careflow));
      assertThat(limit.shared()).as(careflow + " counts against the shared bucket").isTrue();
      assertThat(limit.bucketId()).isEqualTo(1L);
    }
    assertThat(
            CAREFLOW.stream()
                .flatMap(c -> ComposeFile.list(compose.services.get(c).get("ports")).stream())
                .map(p -> p.substring(0, p.indexOf(':')))
                .distinct()
                .count())
        .as("each replica on a host port of its own")
        .isEqualTo(CAREFLOW.size());
  }

  @Test
  void eachReplicaNamesRealSettingsAndPassesTheProductionStartupChecks() throws IOException {
    for (String careflow : CAREFLOW) {
      assertThat(compose.environment(careflow)).doesNotContainKey("CAREFLOW_LOCAL_ENABLED");
      DockerComposeTest.assertRealSettings(compose.environment(careflow));
      DockerComposeTest.assertPassesProductionStartupChecks(compose, careflow);
    }
  }

  @Test
  void imagesVariablesDependenciesAndHealthChecksAsInTheSingleNodeStack() {
    DockerComposeTest.assertImagesPinned(compose);
    DockerComposeTest.assertVariablesDefined(compose);
    DockerComposeTest.assertDependenciesAndHealthChecks(compose);
  }

  private static List<String> contactPoints(String value) {
    return Arrays.stream(value.split(",")).map(hostPort -> hostPort.split(":")[0]).toList();
  }
}
