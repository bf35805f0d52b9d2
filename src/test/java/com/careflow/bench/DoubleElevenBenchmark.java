package com.careflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.CareflowApplication;
import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.customers.OrderHistory;
import com.careflow.intake.JourneyMessages;
import com.careflow.journeys.JourneyJobTypes;
import com.careflow.local.LocalStack;
import com.careflow.support.BenchPart;
import com.careflow.support.ProcessTestEngine;
import com.careflow.support.TwilioStub;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.process.test.engine.RocksDbStateEngineFactory;
import io.camunda.zeebe.protocol.record.RecordValue;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessMessageSubscriptionRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Replays a Double 11 night on the embedded stack and measures Careflow against the raw engine. Not
 * part of the normal test run: {@code ./mvnw -Pbench verify} (sizes: {@code -Dbench.orders=…}, see
 * {@link Sizes}; {@code -Dbench.smoke=true} for a tiny run). Prints a Markdown table and writes
 * every figure to {@code target/bench/results.json}. Figures are reported, never asserted, except
 * that no event may be lost or duplicated.
 */
class DoubleElevenBenchmark {

  /**
   * Scenario sizes, from system properties. The defaults fit the 20-minute budget on a 2-core
   * machine, where the engine reaches about 30 journeys a second; the full sizes are {@code
   * -Dbench.orders=100000 -Dbench.reminders=10000 -Dbench.baseline=5000} (docs/benchmarks.md).
   */
  record Sizes(int baseline, int burst, int reminders, int sends, int sendLimit) {
    static Sizes fromSystemProperties() {
      boolean smoke = Boolean.getBoolean("bench.smoke");
      return new Sizes(
          Integer.getInteger("bench.baseline", smoke ? 300 : 2_000),
          Integer.getInteger("bench.orders", smoke ? 1_000 : 10_000),
          Integer.getInteger("bench.reminders", smoke ? 300 : 3_000),
          Integer.getInteger("bench.sends", smoke ? 150 : 5_000),
          Integer.getInteger("bench.sendLimit", 30));
    }
  }

  /**
   * Where the engine keeps its state ({@code careflow.local.engine-state}): ROCKSDB, or LIBRARY for
   * the "before" run.
   */
  private static final String ENGINE_STATE = System.getProperty("bench.engineState", "ROCKSDB");

  /**
   * Listener threads per topic ({@code careflow.events.concurrency}); unset = the application's
   * default.
   */
  private static final String EVENTS_CONCURRENCY = System.getProperty("bench.concurrency", "");

  /**
   * {@code -Dbench.scenarios=1}: only scenario 1 (raw engine, via Kafka, straight to the engine),
   * for profiling the intake; unset = all five.
   */
  private static final boolean SCENARIO_1_ONLY = "1".equals(System.getProperty("bench.scenarios"));

  /**
   * careflow.messaging.send-limit.segments-per-second as a share of the provider's limit (scenario
   * 4).
   */
  private static final double SENDER_HEADROOM = 0.97;

  /**
   * Requests one harness client keeps in flight when it drives the engine directly (scenario 1 a
   * and c).
   */
  private static final int IN_FLIGHT = 64;

  private static final Duration WAIT =
      Duration.ofMinutes(Integer.getInteger("bench.waitMinutes", 15));
  private final Sizes sizes = Sizes.fromSystemProperties();
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final BenchPart part = BenchPart.start("double-eleven");

  @Test
  void doubleElevenNight() throws Exception {
    results.put("sizes", sizes);
    results.put(
        "settings",
        Map.of(
            "engineState",
            ENGINE_STATE,
            "eventsConcurrency",
            EVENTS_CONCURRENCY.isEmpty() ? "default" : EVENTS_CONCURRENCY));
    results.put(
        "machine",
        Map.of(
            "cores",
            Runtime.getRuntime().availableProcessors(),
            "maxHeapMiB",
            Runtime.getRuntime().maxMemory() >> 20,
            "jdk",
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));

    double rawRate = baselineRawEngine();
    RateLimitedTwilioStub unlimited = new RateLimitedTwilioStub(1_000_000);
    WireMockServer twilioA = twilio(unlimited);
    try (var careflow = start(twilioA, "bench-a", 1_000_000)) {
      double careflowRate = careflowOrderIntake(careflow);
      double directRate = directJourneyStarts(careflow);
      results.put(
          "scenario1",
          Map.of(
              "rawEngineInstancesPerSecond",
              rawRate,
              "careflowJourneysPerSecond",
              careflowRate,
              "ratio",
              careflowRate / rawRate,
              "journeysPublishedStraightToEnginePerSecond",
              directRate,
              "intakeRatio",
              careflowRate / directRate,
              "rawEngineRecordsPerInstance",
              rawRecordsPerInstance,
              "careflowRecordsPerJourney",
              careflowRecordsPerJourney));
      progress("scenario1");
      if (SCENARIO_1_ONLY) {
        report();
        return;
      }
      reminderPrecision(careflow, unlimited);
      progress("scenario3");
      Footprint before = Footprint.measure(careflow);
      burst(careflow);
      progress("scenario2");
      footprint(before, Footprint.measure(careflow));
      progress("scenario5");
    } finally {
      twilioA.stop();
    }
    RateLimitedTwilioStub limited = new RateLimitedTwilioStub(sizes.sendLimit());
    WireMockServer twilioB = twilio(limited);
    // Careflow paces a little under the provider's limit: the stub counts a strict sliding second,
    // and a
    // request held up by a few milliseconds on a busy machine would otherwise land in its
    // successor's second
    try (var careflow = start(twilioB, "bench-b", SENDER_HEADROOM * sizes.sendLimit())) {
      sendThroughput(careflow, limited);
    } finally {
      twilioB.stop();
    }
    report();
  }

  // --- scenario 1 -------------------------------------------------------------------------

  private double rawRecordsPerInstance;
  private double careflowRecordsPerJourney;

  /**
   * (a) One client creating instances of a one-task process on the bare in-memory engine (same
   * state store).
   */
  private double baselineRawEngine() {
    try (ProcessTestEngine engine =
        ProcessTestEngine.start(
            port ->
                ENGINE_STATE.equals("LIBRARY")
                    ? EngineFactory.create(port)
                    : RocksDbStateEngineFactory.create(port))) {
      engine
          .client()
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("bench-trivial")
                  .startEvent()
                  .serviceTask("task")
                  .zeebeJobType("bench-noop")
                  .endEvent()
                  .done(),
              "bench-trivial.bpmn")
          .send()
          .join();
      createTrivialInstances(
          engine.client(), Math.min(500, sizes.baseline())); // warm-up, not counted
      engine.waitForIdle();
      int recordsBefore = ((List<?>) engine.recordStream().getRecords()).size();
      long start = System.nanoTime();
      createTrivialInstances(engine.client(), sizes.baseline());
      double rate = sizes.baseline() / seconds(System.nanoTime() - start);
      engine.waitForIdle();
      rawRecordsPerInstance =
          (double) (((List<?>) engine.recordStream().getRecords()).size() - recordsBefore)
              / sizes.baseline();
      return rate;
    }
  }

  private static void createTrivialInstances(CamundaClient client, int count) {
    int failures =
        sendAll(
            java.util.stream.IntStream.range(0, count).boxed().toList(),
            i ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("bench-trivial")
                    .latestVersion()
                    .send());
    if (failures > 0) {
      throw new AssertionError(
          failures + " of " + count + " instance creations failed on the raw engine");
    }
  }

  /**
   * Sends one request per item, {@value #IN_FLIGHT} at a time, as one busy client would; returns
   * how many failed.
   */
  private static <T> int sendAll(
      List<T> items, java.util.function.Function<T, java.util.concurrent.CompletionStage<?>> send) {
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    var failures = new java.util.concurrent.atomic.AtomicInteger();
    for (T item : items) {
      inFlight.acquireUninterruptibly();
      send.apply(item)
          .whenComplete(
              (r, e) -> {
                if (e != null) {
                  failures.incrementAndGet();
                }
                inFlight.release();
              });
    }
    inFlight.acquireUninterruptibly(IN_FLIGHT);
    return failures.get();
  }

  /** (b) OrderPlaced on Kafka, through Careflow's listener, to journeys waiting for payment. */
  private double careflowOrderIntake(Careflow careflow) {
    List<String> orders = orderIds("base", sizes.baseline());
    careflow.poll();
    long recordsBefore = careflow.recordsRead;
    long start = System.nanoTime();
    orders.forEach(o -> careflow.send("shop.orders", o, orderPlaced(o, "cb-" + o, 99)));
    careflow.awaitWaitingForPayment(orders.size());
    double rate = orders.size() / seconds(System.nanoTime() - start);
    careflowRecordsPerJourney = (double) (careflow.recordsRead - recordsBefore) / orders.size();
    // paid, so they wait for shipment from now on; the next scenario starts once the engine has
    // done that
    careflow.paidCorrelations.set(0);
    orders.forEach(o -> careflow.send("shop.orders", o, orderPaid(o, "cb-" + o, 99)));
    careflow.await(() -> careflow.paidCorrelations.get() >= orders.size(), "baseline orders paid");
    return rate;
  }

  /**
   * (c) The same journeys, with the same workers, started by publishing OrderPlaced straight to the
   * engine: no Kafka, no listener, no database. Against (b) it separates what the intake path costs
   * from what the journey itself costs the engine.
   */
  private double directJourneyStarts(Careflow careflow) {
    List<String> orders = orderIds("direct", sizes.baseline());
    careflow.waitingForPayment.set(0);
    long start = System.nanoTime();
    // a publish that timed out may still have been taken: the waits below count what the engine did
    sendAll(
        orders,
        o ->
            careflow
                .client
                .newPublishMessageCommand()
                .messageName(JourneyMessages.ORDER_PLACED)
                .correlationKey(o)
                .messageId("placed-" + o)
                .variables(
                    Map.of(
                        "orderId",
                        o,
                        "customerId",
                        "cx-" + o,
                        "amount",
                        99,
                        "currency",
                        "CNY",
                        // the intake's journey variables (ShopEvent.OrderPlaced#variables())
                        "promotion",
                        "double11",
                        // what the intake adds from the customer store (issue #19): the same
                        // journeys as in (b), new buyers
                        "returningBuyer",
                        false))
                .send());
    careflow.awaitWaitingForPayment(orders.size());
    double rate = orders.size() / seconds(System.nanoTime() - start);
    careflow.paidCorrelations.set(0);
    sendAll(
        orders,
        o ->
            careflow
                .client
                .newPublishMessageCommand()
                .messageName(JourneyMessages.ORDER_PAID)
                .correlationKey(o)
                .messageId("paid-" + o)
                .variables(
                    Map.of(
                        "orderId",
                        o,
                        "paidAt",
                        "2026-11-11T00:35:00+08:00",
                        "customerId",
                        "cx-" + o,
                        "paidAmount",
                        99))
                .send());
    careflow.await(() -> careflow.paidCorrelations.get() >= orders.size(), "direct orders paid");
    return rate;
  }

  // --- scenario 3 -------------------------------------------------------------------------

  private void reminderPrecision(Careflow careflow, RateLimitedTwilioStub twilio) {
    List<String> orders = orderIds("rem", sizes.reminders());
    orders.forEach(o -> careflow.customers.upsertProfile(customer("cr-" + o)));
    careflow.waitingForPayment.set(0);
    orders.forEach(o -> careflow.send("shop.orders", o, orderPlaced(o, "cr-" + o, 99)));
    careflow.awaitWaitingForPayment(orders.size());
    twilio.reset();
    careflow.jobsTimedOut.clear();

    long due = System.nanoTime();
    careflow.stack.advanceClock(Duration.ofHours(2)); // every new buyer's reminder is due now (R1)
    await(() -> twilio.acceptedAtNanos().size() >= orders.size(), "all reminders sent");
    double[] lateness =
        twilio.acceptedAtNanos().stream().mapToDouble(t -> seconds(t - due)).toArray();
    Percentiles p = Percentiles.of(lateness);
    careflow.poll();
    results.put(
        "scenario3",
        Map.of(
            "reminders",
            p.count(),
            "latenessSecondsP50",
            p.p50(),
            "latenessSecondsP99",
            p.p99(),
            "latenessSecondsMax",
            p.max(),
            "jobsTimedOut",
            Map.copyOf(careflow.jobsTimedOut)));
  }

  // --- scenario 2 -------------------------------------------------------------------------

  private void burst(Careflow careflow) throws Exception {
    int n = sizes.burst();
    List<String> orders = orderIds("d11", n);
    for (int i = 0; i < n; i++) {
      if (i % 10 < 3) { // about 3 in 10 are returning buyers (R2)
        careflow.orders.recordPaidOrder("cd-" + orders.get(i));
      }
    }
    careflow.startedJourneys.clear();
    careflow.paidCorrelations.set(0);
    careflow.jobsTimedOut.clear();
    LagSampler lag = new LagSampler(careflow.bootstrapServers(), "shop.orders");
    lag.start();
    long start = System.nanoTime();
    int paid = 0;
    for (int i = 0; i < n; i++) {
      String o = orders.get(i);
      double amount = i % 10 == 9 ? 1_288 : 99; // a share of large orders (R3)
      careflow.send("shop.orders", o, orderPlaced(o, "cd-" + o, amount));
    }
    for (int i = 0; i < n; i++) {
      if (i % 3 != 0) { // about a third stay unpaid at first
        careflow.send(
            "shop.orders", orders.get(i), orderPaid(orders.get(i), "cd-" + orders.get(i), 99));
        paid++;
      }
    }
    careflow.kafka.flush();
    long published = System.nanoTime();
    int expectedPaid = paid;
    await(
        () -> careflow.startedJourneysWithPrefix("d11-") >= n,
        () -> "every journey started (" + careflow + ")");
    long allStarted = System.nanoTime();
    await(
        () -> {
          careflow.poll();
          return careflow.paidCorrelations.get() >= expectedPaid && lag.current() == 0;
        },
        "payments correlated, lag drained");
    long drained = System.nanoTime();
    lag.stop();

    Map<String, Integer> perOrder = careflow.journeysPerOrder("d11-");
    long lost = orders.stream().filter(o -> !perOrder.containsKey(o)).count();
    long duplicates = perOrder.values().stream().mapToInt(c -> c - 1).sum();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("orders", n);
    r.put("payments", paid);
    r.put("publishSeconds", seconds(published - start));
    r.put("secondsUntilEveryJourneyStarted", seconds(allStarted - start));
    r.put("peakConsumerLag", lag.peak());
    r.put("secondsUntilLagDrained", seconds(drained - start));
    r.put("lagSamples", lag.samples());
    r.put("lost", lost);
    r.put("duplicates", duplicates);
    r.put("jobsTimedOut", Map.copyOf(careflow.jobsTimedOut));
    results.put("scenario2", r);
    assertThat(lost).as("events lost").isZero();
    assertThat(duplicates).as("duplicate journeys").isZero();
  }

  // --- scenario 5 -------------------------------------------------------------------------

  /**
   * Heap (after a full GC) and resident set size of this JVM, the engine's log and state on disk
   * (-1 for the library's all-in-memory engine), and the journeys open at that moment.
   */
  record Footprint(
      long heapBytes, long rssBytes, long engineLogBytes, long engineDiskBytes, long openJourneys) {
    static Footprint measure(Careflow careflow) throws IOException {
      long openJourneys = careflow.openJourneys();
      System.gc();
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long rss =
          Files.readAllLines(Path.of("/proc/self/status")).stream()
              .filter(l -> l.startsWith("VmRSS:"))
              .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024)
              .findFirst()
              .orElse(-1L);
      if (!(careflow.stack.engine()
          instanceof RocksDbStateEngineFactory.RocksDbStateEngine engine)) {
        return new Footprint(heap, rss, -1, -1, openJourneys);
      }
      try (var files = Files.walk(engine.directory())) {
        long disk = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        return new Footprint(heap, rss, engine.logSizeInBytes(), disk, openJourneys);
      }
    }
  }

  /** What the journeys opened by the burst added: the growth divided by their number. */
  private void footprint(Footprint before, Footprint after) {
    long added = Math.max(1, after.openJourneys() - before.openJourneys());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("openJourneys", after.openJourneys());
    r.put("journeysAddedByBurst", added);
    r.put("heapMiB", after.heapBytes() >> 20);
    r.put("rssMiB", after.rssBytes() >> 20);
    r.put("heapMiBPer1000Journeys", perThousand(after.heapBytes() - before.heapBytes(), added));
    r.put("rssMiBPer1000Journeys", perThousand(after.rssBytes() - before.rssBytes(), added));
    if (after.engineDiskBytes() >= 0) {
      r.put("engineLogMiB", after.engineLogBytes() >> 20);
      r.put("engineDiskMiB", after.engineDiskBytes() >> 20);
      r.put(
          "engineLogMiBPer1000Journeys",
          perThousand(after.engineLogBytes() - before.engineLogBytes(), added));
      r.put(
          "engineDiskMiBPer1000Journeys",
          perThousand(after.engineDiskBytes() - before.engineDiskBytes(), added));
    }
    r.put(
        "note",
        ENGINE_STATE.equals("LIBRARY")
            ? "one JVM holds Careflow, the library's in-memory engine (log and state on the heap) and the embedded broker"
            : "one JVM holds Careflow, the engine (log in a file, state in RocksDB: off the heap, on disk) and the embedded broker");
    results.put("scenario5", r);
  }

  private static double perThousand(long bytes, long journeys) {
    return bytes / 1048576.0 * 1000 / journeys;
  }

  // --- scenario 4 -------------------------------------------------------------------------

  private void sendThroughput(Careflow careflow, RateLimitedTwilioStub twilio) {
    int n = sizes.sends();
    for (int i = 0; i < n; i++) {
      careflow.customers.upsertProfile(customer("cs-" + i));
    }
    twilio.reset();
    for (int i = 0; i < n; i++) {
      careflow
          .client
          .newCreateInstanceCommand()
          .bpmnProcessId(JourneyJobTypes.MESSAGE_DELIVERY_PROCESS_ID)
          .latestVersion()
          .variables(
              Map.of(
                  "customerId",
                  "cs-" + i,
                  "orderId",
                  "os-" + i,
                  "templateKey",
                  "payment-reminder-new",
                  "category",
                  "TRANSACTIONAL",
                  "channel",
                  "SMS",
                  "templateVariables",
                  Map.of("orderId", "os-" + i)))
          .send()
          .join();
    }
    await(() -> twilio.acceptedAtNanos().size() >= n, "backlog drained");
    List<Long> at = twilio.acceptedAtNanos();
    double achieved = (at.size() - 1) / seconds(at.getLast() - at.getFirst());
    results.put(
        "scenario4",
        Map.of(
            "sends",
            n,
            "limitPerSecond",
            sizes.sendLimit(),
            "careflowMessagesPerSecondSetting",
            SENDER_HEADROOM * sizes.sendLimit(),
            "achievedPerSecond",
            achieved,
            "shareOfLimit",
            achieved / sizes.sendLimit(),
            "http429",
            twilio.tooManyRequests()));
  }

  // --- the stack ----------------------------------------------------------------------------

  private WireMockServer twilio(RateLimitedTwilioStub stub) {
    WireMockServer server =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .containerThreads(32)
                .extensions(stub)
                .disableRequestJournal());
    server.start();
    TwilioStub.acceptMessages(server, "SM-unused"); // the transformer writes each answer
    return server;
  }

  private Careflow start(WireMockServer twilio, String name, double sendLimit) {
    // a one-minute quiet window far from now: reminders here are measured, not held (R4 is tested
    // elsewhere)
    LocalTime quietStart =
        LocalTime.now(ZoneId.of("Asia/Shanghai"))
            .plusHours(12)
            .withMinute(0)
            .withSecond(0)
            .withNano(0);
    List<String> properties =
        new ArrayList<>(
            List.of(
                "careflow.local.zeebe-port=0",
                "careflow.local.kafka-port=0",
                "server.port=0",
                "spring.datasource.url=jdbc:h2:mem:"
                    + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "careflow.twilio.base-url=" + twilio.baseUrl(),
                "careflow.twilio.account-sid=" + TwilioStub.ACCOUNT_SID,
                "careflow.twilio.auth-token=" + TwilioStub.AUTH_TOKEN,
                "careflow.twilio.from=" + TwilioStub.FROM,
                "careflow.messaging.send-limit.segments-per-second=" + sendLimit,
                "careflow.messaging.quiet-hours.start=" + quietStart,
                "careflow.messaging.quiet-hours.end=" + quietStart.plusMinutes(1),
                "logging.level.com.careflow=WARN",
                "logging.level.io.camunda=WARN",
                "careflow.local.engine-state=" + ENGINE_STATE));
    if (!EVENTS_CONCURRENCY.isEmpty()) {
      properties.add("careflow.events.concurrency=" + EVENTS_CONCURRENCY);
    }
    // as command-line arguments, not default properties: those lose to the development
    // configuration (its fixed ports 26500 and 9092 collide with any other stack on the machine)
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(CareflowApplication.class)
            .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    return new Careflow(context);
  }

  /** The running service and what the benchmark watches of it. */
  static final class Careflow implements AutoCloseable {
    final ConfigurableApplicationContext context;
    final LocalStack stack;
    final CamundaClient client;
    final CustomerProfiles customers;
    final OrderHistory orders;

    @SuppressWarnings("unchecked")
    final KafkaTemplate<String, String> kafka;

    final RecordTail tail;
    volatile long recordsRead;
    final java.util.concurrent.atomic.AtomicInteger waitingForPayment =
        new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger paidCorrelations =
        new java.util.concurrent.atomic.AtomicInteger();
    final Map<Long, String> startedJourneys = new ConcurrentHashMap<>(); // instance key -> orderId
    final Set<Long> orderJourneys = ConcurrentHashMap.newKeySet();
    final Set<Long> endedJourneys = ConcurrentHashMap.newKeySet();

    /**
     * Job type → jobs the engine took back because their worker did not answer within the job
     * timeout.
     */
    final Map<String, Integer> jobsTimedOut = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    Careflow(ConfigurableApplicationContext context) {
      this.context = context;
      this.stack = context.getBean(LocalStack.class);
      this.client = context.getBean(CamundaClient.class);
      this.customers = context.getBean(CustomerProfiles.class);
      this.orders = context.getBean(OrderHistory.class);
      this.kafka = context.getBean(KafkaTemplate.class);
      this.tail = new RecordTail(stack.engine());
    }

    String bootstrapServers() {
      return stack.kafkaBootstrapServers();
    }

    void send(String topic, String key, String value) {
      kafka.send(topic, key, value);
    }

    /** Reads new records and updates the counters the scenarios wait on. */
    synchronized void poll() {
      recordsRead += tail.poll(this::observe);
    }

    private void observe(Intent intent, long key, RecordValue value) {
      switch (value) {
        case ProcessInstanceRecordValue v -> {
          if (!v.getBpmnProcessId().equals(JourneyJobTypes.PROCESS_ID)) {
            return;
          }
          if (v.getBpmnElementType() == BpmnElementType.PROCESS) {
            if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
              orderJourneys.add(key);
            } else {
              endedJourneys.add(key); // completed or terminated
            }
          } else if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATED
              && v.getElementId().equals("Gateway_AwaitPayment")) {
            waitingForPayment.incrementAndGet();
          }
        }
        case VariableRecordValue v -> {
          if (v.getName().equals("orderId")
              && v.getScopeKey() == v.getProcessInstanceKey()
              && v.getBpmnProcessId().equals(JourneyJobTypes.PROCESS_ID)) {
            startedJourneys.put(v.getProcessInstanceKey(), v.getValue().replace("\"", ""));
          }
        }
        case ProcessMessageSubscriptionRecordValue v -> {
          if (v.getMessageName().equals("OrderPaid")) {
            paidCorrelations.incrementAndGet();
          }
        }
        case JobRecordValue v -> jobsTimedOut.merge(v.getType(), 1, Integer::sum);
        default -> {}
      }
    }

    void awaitWaitingForPayment(int count) {
      await(() -> waitingForPayment.get() >= count, count + " journeys waiting for payment");
    }

    long startedJourneysWithPrefix(String prefix) {
      poll();
      return startedJourneys.values().stream().filter(o -> o.startsWith(prefix)).count();
    }

    Map<String, Integer> journeysPerOrder(String prefix) {
      poll();
      return startedJourneys.values().stream()
          .filter(o -> o.startsWith(prefix))
          .collect(Collectors.toMap(o -> o, o -> 1, Integer::sum));
    }

    long openJourneys() {
      poll();
      return orderJourneys.stream().filter(k -> !endedJourneys.contains(k)).count();
    }

    void await(BooleanSupplier condition, String what) {
      DoubleElevenBenchmark.await(
          () -> {
            poll();
            return condition.getAsBoolean();
          },
          () -> what + " (" + this + ")");
    }

    @Override
    public String toString() {
      return "journeys="
          + orderJourneys.size()
          + " ended="
          + endedJourneys.size()
          + " withOrderId="
          + startedJourneys.size()
          + " waitingForPayment="
          + waitingForPayment.get()
          + " paid="
          + paidCorrelations.get();
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /** Consumer lag of Careflow's group on a topic, sampled every second. */
  static final class LagSampler {
    private final Admin admin;
    private final String topic;
    private final List<long[]> samples = new ArrayList<>(); // {millis since start, lag}
    private volatile long current = -1;
    private volatile boolean running;
    private Thread thread;

    LagSampler(String bootstrapServers, String topic) {
      this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
      this.topic = topic;
    }

    void start() {
      running = true;
      long start = System.currentTimeMillis();
      thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    while (running) {
                      try {
                        current = lag();
                        synchronized (samples) {
                          samples.add(new long[] {System.currentTimeMillis() - start, current});
                        }
                        Thread.sleep(1000);
                      } catch (InterruptedException e) {
                        return;
                      } catch (Exception e) {
                        // a sample missed while the broker is busy; the next one counts
                      }
                    }
                  });
    }

    private long lag() throws Exception {
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
      var committed =
          admin
              .listConsumerGroupOffsets(com.careflow.intake.ShopTopics.ORDERS_GROUP)
              .partitionsToOffsetAndMetadata()
              .get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get();
      long lag = 0;
      for (TopicPartition p : partitions) {
        long end = ends.get(p).offset();
        var c = committed.get(p);
        lag += end - (c == null ? 0 : c.offset());
      }
      return lag;
    }

    long current() {
      return current;
    }

    long peak() {
      synchronized (samples) {
        return samples.stream().mapToLong(s -> s[1]).max().orElse(0);
      }
    }

    List<List<Long>> samples() {
      synchronized (samples) {
        return samples.stream().map(s -> List.of(s[0], s[1])).toList();
      }
    }

    void stop() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join();
      admin.close();
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  private static List<String> orderIds(String prefix, int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(prefix + "-" + i);
    }
    return ids;
  }

  private static String orderPlaced(String orderId, String customerId, double amount) {
    return """
        {"eventId":"placed-%s","type":"OrderPlaced","occurredAt":"2026-11-11T00:05:00+08:00","orderId":"%s",
         "customerId":"%s","amount":%s,"currency":"CNY","promotion":"double11",
         "items":[{"sku":"sku-1","title":"Tea","quantity":1,"price":%s}]}"""
        .formatted(orderId, orderId, customerId, amount, amount);
  }

  private static String orderPaid(String orderId, String customerId, double amount) {
    return """
        {"eventId":"paid-%s","type":"OrderPaid","occurredAt":"2026-11-11T00:35:00+08:00","orderId":"%s",
         "customerId":"%s","amount":%s}"""
        .formatted(orderId, orderId, customerId, amount);
  }

  private static Customer customer(String customerId) {
    return new Customer(
        customerId,
        "Buyer",
        "+86138%08d".formatted(Math.abs(customerId.hashCode()) % 100_000_000),
        "zh-CN",
        "Asia/Shanghai",
        null,
        true,
        0);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void await(BooleanSupplier condition, String what) {
    await(condition, () -> what);
  }

  private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + WAIT + " waiting for: " + what.get());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for: " + what.get());
      }
    }
  }

  /** Progress on the console while a long run goes on. */
  private void progress(String scenario) {
    System.out.println("[bench] " + scenario + ": " + results.get(scenario));
  }

  private void report() throws IOException {
    Path dir = Path.of("target/bench");
    Files.createDirectories(dir);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("results.json").toFile(), results);
    String table = MarkdownReport.render(results);
    Files.writeString(dir.resolve("results.md"), table);
    System.out.println(table);
    Map<String, Object> partSizes = new LinkedHashMap<>();
    partSizes.put("baselineOrders", sizes.baseline());
    partSizes.put("burstOrders", sizes.burst());
    partSizes.put("reminders", sizes.reminders());
    partSizes.put("sends", sizes.sends());
    partSizes.put("sendLimit", sizes.sendLimit());
    partSizes.put("scenarios", SCENARIO_1_ONLY ? "1" : "all");
    part.finish(partSizes, results);
  }
}
