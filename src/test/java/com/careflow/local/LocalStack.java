package com.careflow.local;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.process.test.engine.RocksDbStateEngineFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The local stand-ins of the embedded default: the in-memory Zeebe engine (with its real gRPC
 * gateway) and a single-node KRaft Kafka broker, both inside this JVM and on 127.0.0.1 only. Test
 * scope: started by {@code ./mvnw spring-boot:test-run} and the integration tests, never packaged.
 *
 * <p>The engine's clock only moves by {@link #advanceClock}; {@link #clock()} follows it, so the
 * application's own notion of "now" (quiet hours, due dates) agrees with the engine's timers.
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  private final ZeebeTestEngine engine;
  private final EmbeddedKafkaKraftBroker kafka;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
  private final Clock clock = new EngineClock(ZoneId.of("UTC"));

  /**
   * Deletes the broker's temporary log folders; run once, after the broker stopped ({@link
   * #close}), or by the JVM's exit when nothing closed the stack.
   */
  private final List<Runnable> brokerDirDeletes;

  private final AtomicBoolean brokerDirsDeleted = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);

  /** How long the exit waits for {@link #close} to stop the broker before deleting its folders. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  private LocalStack(
      ZeebeTestEngine engine, EmbeddedKafkaKraftBroker kafka, List<Runnable> brokerDirDeletes) {
    this.engine = engine;
    this.kafka = kafka;
    this.brokerDirDeletes = brokerDirDeletes;
    if (!brokerDirDeletes.isEmpty()) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(this::deleteBrokerDirsAfterClose, "local-kafka-dirs"));
    }
  }

  /** Starts the engine and the broker; ports of 0 pick free ones. */
  public static LocalStack start(
      int zeebePort, int kafkaPort, LocalProperties.EngineState engineState) {
    return start(true, zeebePort, true, kafkaPort, engineState);
  }

  /**
   * Starts the components asked for, each on 127.0.0.1 only; ports of 0 pick free ones. A component
   * not started is one whose address was given explicitly (the application uses that).
   */
  public static LocalStack start(
      boolean startEngine,
      int zeebePort,
      boolean startKafka,
      int kafkaPort,
      LocalProperties.EngineState engineState) {
    ZeebeTestEngine engine = null;
    if (startEngine) {
      int enginePort = zeebePort == 0 ? freePort() : zeebePort;
      engine =
          switch (engineState) {
            case ROCKSDB -> RocksDbStateEngineFactory.create(enginePort);
            // the library's engine binds every interface; kept for the benchmark's comparison only
            case LIBRARY -> EngineFactory.create(enginePort);
          };
      // a failed start (port taken) is not undone: stopping an engine whose processor never
      // opened can hang, and the process is about to exit anyway; its state and log folder goes
      // when the JVM exits
      engine.start();
    }
    EmbeddedKafkaKraftBroker kafka = null;
    List<Runnable> brokerDirDeletes = new CopyOnWriteArrayList<>();
    if (startKafka) {
      try {
        // topics are created by the application's KafkaAdmin, as against a real cluster
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        // kafkaPorts(..) is ignored in KRaft mode (spring-kafka#2916); the listener sets the port
        int port = kafkaPort == 0 ? freePort() : kafkaPort;
        kafka.brokerProperties(
            Map.of(
                "listeners",
                "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:0",
                // a single broker: internal topics cannot be replicated
                "offsets.topic.replication.factor",
                "1",
                "transaction.state.log.replication.factor",
                "1",
                "transaction.state.log.min.isr",
                "1",
                "auto.create.topics.enable",
                "false"));
        // Kafka's test kit deletes its temporary log folders from JVM shutdown hooks of its own,
        // which run alongside the application's: on Ctrl-C / SIGTERM the folders went while the
        // broker still wrote its checkpoints (LogDirFailureChannel ERRORs). The stack takes those
        // deletes and runs them itself once the broker has stopped (#17).
        Exit.setShutdownHookAdder((name, hook) -> brokerDirDeletes.add(hook));
        try {
          kafka.afterPropertiesSet();
        } finally {
          Exit.resetShutdownHookAdder();
        }
      } catch (RuntimeException e) {
        if (engine != null) {
          engine.stop();
        }
        throw new IllegalStateException(
            "Could not start the embedded Kafka broker: " + e.getMessage(), e);
      }
    }
    log.debug(
        "Local stack up: zeebe={} kafka={}",
        engine == null ? "(given)" : engine.getGatewayAddress(),
        kafka == null ? "(given)" : kafka.getBrokersAsString());
    return new LocalStack(engine, kafka, List.copyOf(brokerDirDeletes));
  }

  /**
   * A port the development stack needs is taken by another process. Thrown before anything is
   * started (no engine threads, nothing to close); {@link PortTakenFailureAnalyzer} turns it into
   * one line naming the port and the setting to change.
   *
   * @param port the taken port
   * @param what what needs it, e.g. "the embedded Zeebe gateway"
   * @param setting the environment variable that moves it, e.g. {@code CAREFLOW_LOCAL_ZEEBEPORT}
   */
  public static final class PortTakenException extends IllegalStateException {
    private final int port;
    private final String setting;

    PortTakenException(int port, String what, String setting) {
      super(
          "Port "
              + port
              + " ("
              + what
              + ") is already in use: stop what uses it or set "
              + setting
              + " to a free port");
      this.port = port;
      this.setting = setting;
    }

    public int port() {
      return port;
    }

    public String setting() {
      return setting;
    }
  }

  /** A port to check before start: {@code port} 0 (or negative) is never checked. */
  record PortNeed(int port, String what, String setting) {}

  /**
   * Checks every port before anything starts (an engine started on a taken port throws dozens of
   * lines of BindException and leaves non-daemon actor threads that keep the JVM alive).
   *
   * @throws PortTakenException for the first port that cannot be bound on 127.0.0.1
   */
  static void requireFreePorts(java.util.List<PortNeed> needs) {
    for (PortNeed need : needs) {
      if (need.port() <= 0) {
        continue;
      }
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(false);
        probe.bind(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), need.port()));
      } catch (IOException taken) {
        throw new PortTakenException(need.port(), need.what(), need.setting());
      }
    }
  }

  /** Whether the in-memory engine runs here (false: the Zeebe address was given explicitly). */
  public boolean hasEngine() {
    return engine != null;
  }

  /** Whether the embedded broker runs here (false: the Kafka address was given explicitly). */
  public boolean hasKafka() {
    return kafka != null;
  }

  public ZeebeTestEngine engine() {
    if (engine == null) {
      throw new IllegalStateException(
          "No in-memory engine: camunda.client.grpc-address was given explicitly");
    }
    return engine;
  }

  /** The gRPC address a Camunda client connects to, as {@code http://host:port}. */
  public String zeebeGrpcAddress() {
    return "http://" + engine().getGatewayAddress().replace("0.0.0.0", "127.0.0.1");
  }

  public String kafkaBootstrapServers() {
    if (kafka == null) {
      throw new IllegalStateException(
          "No embedded broker: spring.kafka.bootstrap-servers was given explicitly");
    }
    return kafka.getBrokersAsString();
  }

  /** Moves the engine's clock (timers fire) and the application's clock forward together. */
  public Instant advanceClock(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
    engine().increaseTime(duration);
    offset.accumulateAndGet(duration, Duration::plus);
    return clock.instant();
  }

  /** The engine's current time: wall time plus every advance so far. */
  public Clock clock() {
    return clock;
  }

  /** Stops the broker, then deletes its log folders, then stops the engine. */
  @Override
  public void close() {
    try {
      if (kafka != null) {
        kafka.destroy();
      }
    } finally {
      try {
        deleteBrokerDirs();
      } finally {
        closed.countDown();
        if (engine != null) {
          engine.stop();
        }
      }
    }
  }

  /** The JVM exits: lets a running {@link #close} stop the broker first, then deletes. */
  private void deleteBrokerDirsAfterClose() {
    try {
      if (!closed.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.debug("The local stack was not closed within {}; deleting Kafka's folders", CLOSE_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteBrokerDirs();
  }

  private void deleteBrokerDirs() {
    if (brokerDirsDeleted.compareAndSet(false, true)) {
      brokerDirDeletes.forEach(Runnable::run);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free local port", e);
    }
  }

  private final class EngineClock extends Clock {
    private final ZoneId zone;

    EngineClock(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
      return new EngineClock(newZone);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset.get());
    }
  }
}
