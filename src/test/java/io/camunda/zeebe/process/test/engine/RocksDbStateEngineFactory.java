package io.camunda.zeebe.process.test.engine;

import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The in-memory test engine of {@code zeebe-process-test} with two parts swapped, so that both live
 * on disk as in a real Zeebe broker (in a temporary folder, deleted on stop): its state in RocksDB
 * instead of the library's in-memory key-value store, and its log in a file ({@link
 * FileLogStorage}) instead of on the heap. The gRPC gateway, clock and record stream are the
 * library's.
 *
 * <p>Why: the library's store copies its whole content on every prefix scan and then reads on to
 * its end, so each engine step costs time proportional to everything the engine holds. Campaigns
 * over 10,000 customers and the Double 11 benchmark slowed to a crawl (docs/benchmarks.md has the
 * profile). It lives in the library's package because the parts it wires are package-private;
 * {@code RocksDbStateEngineTest} pins the behaviour, so a library upgrade that changes them fails
 * there.
 */
public final class RocksDbStateEngineFactory {

  private static final int PARTITION_ID = 1;
  private static final int PARTITION_COUNT = 1;

  /**
   * Block cache and write buffers of the one state; a broker's default is 512 MiB shared by 3
   * partitions.
   */
  private static final long STATE_MEMORY_LIMIT = 256L << 20;

  private static final String STATE_FOLDER = "state";
  private static final String LOG_FILE = "log";

  private RocksDbStateEngineFactory() {}

  /** An engine with its gRPC gateway on {@code port}; not yet started. */
  public static ZeebeTestEngine create(int port) {
    Path directory = createDirectory();
    Thread cleanup = deleteOnExit(directory);
    var rocksDbConfiguration = new RocksDbConfiguration().setMemoryLimit(STATE_MEMORY_LIMIT);
    // allocated here, not by the factory, so that stop() can free them: the database does not own
    // them
    var sharedMemory =
        ZeebeRocksDbFactory.SharedRocksDbResources.allocate(rocksDbConfiguration.getMemoryLimit());
    var clock = new ControlledActorClock();
    ActorScheduler scheduler = ActorScheduler.newActorScheduler().setActorClock(clock).build();
    FileLogStorage logStorage = null;
    try {
      logStorage = new FileLogStorage(directory.resolve(LOG_FILE));
      scheduler.start();
      return create(
          port,
          directory,
          cleanup,
          logStorage,
          rocksDbConfiguration,
          sharedMemory,
          clock,
          scheduler);
    } catch (RuntimeException | Error e) {
      try {
        scheduler.stop();
        sharedMemory.close();
        if (logStorage != null) {
          logStorage.close();
        }
      } finally {
        deleteRecursively(directory);
        cancel(cleanup);
      }
      throw e;
    }
  }

  private static ZeebeTestEngine create(
      int port,
      Path directory,
      Thread cleanup,
      FileLogStorage logStorage,
      RocksDbConfiguration rocksDbConfiguration,
      ZeebeRocksDbFactory.SharedRocksDbResources sharedMemory,
      ControlledActorClock clock,
      ActorScheduler scheduler) {

    LogStream logStream =
        LogStream.builder()
            .withPartitionId(PARTITION_ID)
            .withLogStorage(logStorage)
            .withClock(clock)
            .withMeterRegistry(new SimpleMeterRegistry())
            .build();
    var commandWriter = new CommandWriter(logStream.newLogStreamWriter());
    var commandSender = new CommandSender(commandWriter);
    var requestStore = new GatewayRequestStore();
    var jobStreamer = new InMemoryJobStreamer(commandWriter);
    var gateway =
        new GrpcToLogStreamGateway(
            commandWriter, PARTITION_ID, PARTITION_COUNT, port, requestStore, jobStreamer);
    // the loopback interface only: the embedded engine has no authentication
    var grpcServer =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .addService(gateway)
            .build();
    var responseWriter = new GrpcResponseWriter(gateway, requestStore, null);

    ZeebeDb<ZbColumnFamilies> state =
        new ZeebeRocksDbFactory<ZbColumnFamilies>(
                rocksDbConfiguration,
                new ConsistencyChecksSettings(),
                new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, PARTITION_ID),
                SimpleMeterRegistry::new,
                sharedMemory,
                PARTITION_COUNT)
            .createDb(directory.resolve(STATE_FOLDER).toFile());

    var security = new SecurityConfiguration();
    security.getAuthorizations().setEnabled(false);
    StreamProcessor streamProcessor =
        StreamProcessor.builder()
            .logStream(logStream)
            .zeebeDb(state)
            .commandResponseWriter(responseWriter)
            .partitionCommandSender(commandSender)
            .recordProcessors(
                List.of(
                    new Engine(
                        context ->
                            EngineProcessors.createEngineProcessors(
                                context,
                                PARTITION_COUNT,
                                new SubscriptionCommandSender(
                                    context.getPartitionId(), commandSender),
                                commandSender,
                                FeatureFlags.createDefault(),
                                jobStreamer,
                                SearchClientsProxy.noop(),
                                new BrokerRequestAuthorizationConverter(security)),
                        new EngineConfiguration(),
                        security)))
            .actorSchedulingService(scheduler)
            .clock(new ControllableStreamClockImpl(clock))
            .meterRegistry(new SimpleMeterRegistry())
            .build();

    var monitor = new EngineStateMonitor(logStorage, streamProcessor);
    var records = new RecordStreamSourceImpl(logStream.newLogStreamReader(), PARTITION_ID);
    return new RocksDbStateEngine(
        grpcServer,
        streamProcessor,
        gateway,
        state,
        logStream,
        scheduler,
        records,
        clock,
        monitor,
        sharedMemory,
        logStorage,
        directory,
        cleanup);
  }

  /** The library's engine, plus freeing the RocksDB memory, log file and folder on stop. */
  public static final class RocksDbStateEngine extends InMemoryEngine {

    private final ZeebeRocksDbFactory.SharedRocksDbResources sharedMemory;
    private final FileLogStorage logStorage;
    private final Path directory;
    private final Thread cleanup;

    private RocksDbStateEngine(
        io.grpc.Server grpcServer,
        StreamProcessor streamProcessor,
        GrpcToLogStreamGateway gateway,
        ZeebeDb<ZbColumnFamilies> state,
        LogStream logStream,
        ActorScheduler scheduler,
        RecordStreamSourceImpl records,
        ControlledActorClock clock,
        EngineStateMonitor monitor,
        ZeebeRocksDbFactory.SharedRocksDbResources sharedMemory,
        FileLogStorage logStorage,
        Path directory,
        Thread cleanup) {
      super(
          grpcServer,
          streamProcessor,
          gateway,
          state,
          logStream,
          scheduler,
          records,
          clock,
          monitor);
      this.sharedMemory = sharedMemory;
      this.logStorage = logStorage;
      this.directory = directory;
      this.cleanup = cleanup;
    }

    /**
     * Where the engine keeps its state (RocksDB's files, in {@code state/}) and its log (file
     * {@code log}) while it runs.
     */
    public Path directory() {
      return directory;
    }

    /** Bytes written to the engine's log so far: the log is never trimmed here. */
    public long logSizeInBytes() {
      return logStorage.sizeInBytes();
    }

    @Override
    public void stop() {
      try {
        super.stop(); // closes the database
      } catch (RuntimeException | Error e) {
        // the database may still be open: its memory stays, its folder goes when the process exits
        logStorage.close();
        throw e;
      }
      sharedMemory.close();
      logStorage.close();
      deleteRecursively(directory);
      cancel(cleanup);
    }
  }

  private static Path createDirectory() {
    try {
      return Files.createTempDirectory("careflow-zeebe-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a folder for the engine's state and log", e);
    }
  }

  /**
   * Deletes the folder when the JVM exits without the engine having been stopped (a failed start, a
   * test run cut short): the log grows by gigabytes on a long night and must not pile up in /tmp.
   */
  private static Thread deleteOnExit(Path directory) {
    Thread cleanup = new Thread(() -> deleteRecursively(directory), "careflow-zeebe-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    return cleanup;
  }

  private static void cancel(Thread cleanup) {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // stopped while the JVM shuts down: the hook runs and finds nothing left to delete
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary folder is not worth failing a stop for
    }
  }
}
