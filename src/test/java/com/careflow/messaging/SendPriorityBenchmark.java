package com.careflow.messaging;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.support.BenchPart;
import com.careflow.support.TwilioStub;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #19, target 4: transactional messages while the sender is saturated by marketing.
 *
 * <p>{@code bench.marketing} (10,000; 2,000 with {@code bench.smoke}) marketing messages are queued
 * at once; then {@code bench.transactional} (200; 30 with {@code bench.smoke}) payment reminders
 * arrive one every {@code bench.arrivalMillis} (500) ms while the marketing backlog drains. Two
 * Careflow instances (as in {@link ReminderStormBenchmark}: each its own {@link MessageService},
 * Twilio client, limiter, pool and {@code bench.workersPerInstance} worker threads) share one send
 * limit of {@code bench.limit} (100) segments per second ({@code × bench.headroom}, 0.95) against
 * the same fake Twilio that answers 429 beyond it.
 *
 * <p>The engine's job queue is modelled as Zeebe serves one job type: a worker thread takes the
 * activatable job with the lowest key (the oldest), and a job failed with a backoff (a deferred
 * marketing send, a retry) is not activatable until its backoff has passed, then keeps its old key.
 * A reminder's wait is from its arrival to Twilio's acceptance. Reports the reminders' wait p50 /
 * p95 / max (target p95 ≤ 5 s), the marketing drain rate, the deferrals, 429s, and that each
 * message went out once. Run: {@code ./mvnw -Pbench verify -Dtest=SendPriorityBenchmark}
 * (docs/benchmarks.md); figures are reported, not asserted, except exactly-once.
 */
class SendPriorityBenchmark {

  private static final boolean SMOKE = Boolean.getBoolean("bench.smoke");

  /** {@code -Dbench.marketing}: 10,000, the target's size, or 2,000 with {@code -Dbench.smoke}. */
  static final int MARKETING = Integer.getInteger("bench.marketing", SMOKE ? 2_000 : 10_000);

  /** {@code -Dbench.transactional}: 200, or 30 with {@code -Dbench.smoke}. */
  static final int TRANSACTIONAL = Integer.getInteger("bench.transactional", SMOKE ? 30 : 200);

  static final int ARRIVAL_MILLIS = Integer.getInteger("bench.arrivalMillis", 500);

  /**
   * {@code -Dbench.priority=false}: the "before" run, the backlog sent as the send path treated
   * every message before the priority (all reserve their slot first come, first served; the backlog
   * is sent as TRANSACTIONAL to distinct buyers, so no cap or consent differs).
   */
  static final boolean PRIORITY =
      Boolean.parseBoolean(System.getProperty("bench.priority", "true"));

  /** A job of the {@code send-message} type; the key orders activation as Zeebe's does. */
  record Job(long key, MessageService.SendRequest request, long arrivedNanos) {}

  /** The job type's queue: lowest key first among the activatable, backed-off ones aside. */
  static final class JobQueue {
    private final PriorityQueue<Job> activatable =
        new PriorityQueue<>(Comparator.comparing(Job::key));
    private final PriorityQueue<long[]> backedOff =
        new PriorityQueue<>(Comparator.comparingLong(a -> a[0]));
    private final Map<Long, Job> waiting = new java.util.HashMap<>();
    private int open;

    synchronized void add(Job job) {
      activatable.add(job);
      open++;
      notifyAll();
    }

    synchronized void backOff(Job job, long untilNanos) {
      waiting.put(job.key(), job);
      backedOff.add(new long[] {untilNanos, job.key()});
      notifyAll();
    }

    synchronized void done() {
      open--;
      notifyAll();
    }

    /** The next job to activate, or null once every job is done. */
    synchronized Job take() throws InterruptedException {
      while (true) {
        long now = System.nanoTime();
        while (!backedOff.isEmpty() && backedOff.peek()[0] <= now) {
          activatable.add(waiting.remove(backedOff.poll()[1]));
        }
        if (!activatable.isEmpty()) {
          return activatable.poll();
        }
        if (open == 0) {
          return null;
        }
        long waitMillis =
            backedOff.isEmpty() ? 50 : Math.max(1, (backedOff.peek()[0] - now) / 1_000_000);
        wait(Math.min(waitMillis, 50));
      }
    }
  }

  @Test
  void transactionalFirstUnderAMarketingBacklog() throws Exception {
    BenchPart part = BenchPart.start("send-priority");
    if (ReminderStormBenchmark.SHARED && !ReminderStormBenchmark.postgres()) {
      throw new IllegalStateException(
          "the shared send limit needs PostgreSQL: set CAREFLOW_TEST_DB_URL, or -Dbench.shared=false");
    }
    int limitPerSecond = ReminderStormBenchmark.LIMIT;
    var fake = new ReminderStormBenchmark.SegmentLimitedTwilio(limitPerSecond);
    WireMockServer twilio =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .containerThreads(64)
                .extensions(fake)
                .disableRequestJournal());
    twilio.start();
    TwilioStub.acceptMessages(twilio, "SM-unused");
    String schema = "send_priority_" + ProcessHandle.current().pid();
    List<HikariDataSource> pools = new ArrayList<>();
    try {
      pools.add(ReminderStormBenchmark.pool(schema));
      pools.add(ReminderStormBenchmark.pool(schema));
      Flyway.configure()
          .dataSource(pools.getFirst())
          .schemas(ReminderStormBenchmark.postgres() ? new String[] {schema} : new String[0])
          .load()
          .migrate();
      Clock clock = Clock.systemUTC();
      JdbcClient db = JdbcClient.create(pools.getFirst());
      CustomerProfiles customers = new CustomerProfiles(db, clock);
      ExecutorService loaders = Executors.newFixedThreadPool(8);
      List<Future<?>> loaded = new ArrayList<>();
      int buyers = MARKETING + TRANSACTIONAL;
      for (int i = 0; i < buyers; i++) {
        int n = i;
        loaded.add(
            loaders.submit(
                () ->
                    customers.upsertProfile(
                        new Customer(
                            "prio-" + n,
                            "Buyer " + n,
                            "+86138" + String.format("%08d", n),
                            n % 4 == 0 ? "en" : "zh-CN",
                            "UTC",
                            null,
                            true,
                            0))));
      }
      for (Future<?> f : loaded) {
        f.get();
      }
      loaders.shutdown();
      Map<String, String> limit =
          Map.of(
              "careflow.messaging.send-limit.segments-per-second",
              String.valueOf(limitPerSecond * ReminderStormBenchmark.HEADROOM));
      List<MessageService> instances = new ArrayList<>();
      for (HikariDataSource pool : pools) {
        instances.add(ReminderStormBenchmark.instance(pool, twilio.baseUrl(), limit, clock));
      }
      instances.forEach(
          s -> s.send(request("warm-up/" + s.hashCode(), "prio-0", MessageCategory.TRANSACTIONAL)));
      Thread.sleep(2_000);
      fake.reset();

      JobQueue queue = new JobQueue();
      AtomicLong keys = new AtomicLong();
      long started = System.nanoTime();
      for (int i = 0; i < MARKETING; i++) {
        queue.add(
            new Job(
                keys.incrementAndGet(),
                request(
                    "1/Activity_CartRecovery/m" + i,
                    "prio-" + i,
                    PRIORITY ? MessageCategory.MARKETING : MessageCategory.TRANSACTIONAL),
                started));
      }
      ConcurrentLinkedQueue<Double> transactionalWaits = new ConcurrentLinkedQueue<>();
      AtomicLong deferrals = new AtomicLong();
      AtomicLong marketingSent = new AtomicLong();
      AtomicLong marketingDoneNanos = new AtomicLong();
      int workers = ReminderStormBenchmark.WORKERS;
      ExecutorService pool = Executors.newFixedThreadPool(workers * instances.size() + 1);
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < workers * instances.size(); w++) {
        MessageService service = instances.get(w % instances.size());
        running.add(
            pool.submit(
                () -> {
                  for (Job job = queue.take(); job != null; job = queue.take()) {
                    SendResult result = service.send(job.request());
                    if (result instanceof SendResult.RetryLater later) {
                      if (!later.consumesRetry()) {
                        deferrals.incrementAndGet();
                      }
                      queue.backOff(job, System.nanoTime() + later.delay().toNanos());
                      continue;
                    }
                    if (job.request().sendKey().contains("PaymentReminder")) {
                      transactionalWaits.add((System.nanoTime() - job.arrivedNanos()) / 1e9);
                    } else if (result instanceof SendResult.Sent) {
                      marketingSent.incrementAndGet();
                      marketingDoneNanos.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                    queue.done();
                  }
                  return null;
                }));
      }
      // the reminders arrive while marketing drains: a new job, behind every marketing job's key
      Thread.sleep(5_000);
      for (int i = 0; i < TRANSACTIONAL; i++) {
        queue.add(
            new Job(
                keys.incrementAndGet(),
                request(
                    "1/Activity_PaymentReminder/t" + i,
                    "prio-" + (MARKETING + i),
                    MessageCategory.TRANSACTIONAL),
                System.nanoTime()));
        Thread.sleep(ARRIVAL_MILLIS);
      }
      for (Future<?> f : running) {
        f.get();
      }
      pool.shutdown();

      double[] waits = transactionalWaits.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(waits);
      long accepted = fake.accepted().size();
      long sentRows =
          db.sql(
                  "SELECT count(*) FROM message_log WHERE message_sid IS NOT NULL AND send_key LIKE '1/%'")
              .query(Long.class)
              .single();
      double marketingSeconds = (marketingDoneNanos.get() - started) / 1e9;
      boolean once =
          accepted == MARKETING + TRANSACTIONAL
              && sentRows == MARKETING + TRANSACTIONAL
              && waits.length == TRANSACTIONAL
              && marketingSent.get() == MARKETING;
      String line =
          String.format(
              Locale.ROOT,
              "| 4 | priority %s: %,d marketing queued, %d payment reminders arriving every %d ms, 2 instances"
                  + " sharing %d segments/s | reminder wait p50 / **p95** / max: %.2f / **%.2f** /"
                  + " %.2f s; marketing drained in %.1f s (%.1f/s); marketing deferrals %,d;"
                  + " HTTP 429: %d; sent once each: %s |",
              PRIORITY ? "on" : "off (before)",
              MARKETING,
              TRANSACTIONAL,
              ARRIVAL_MILLIS,
              limitPerSecond,
              percentile(waits, 0.50),
              percentile(waits, 0.95),
              waits.length == 0 ? Double.NaN : waits[waits.length - 1],
              marketingSeconds,
              MARKETING / marketingSeconds,
              deferrals.get(),
              fake.tooManyRequests(),
              once);
      System.out.println(line);
      Path out = Path.of("target/bench/send-priority.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, line + "\n");
      Map<String, Object> figures = new java.util.LinkedHashMap<>();
      figures.put("transactionalWaitSecondsP50", percentile(waits, 0.50));
      figures.put("transactionalWaitSecondsP95", percentile(waits, 0.95));
      figures.put(
          "transactionalWaitSecondsMax", waits.length == 0 ? Double.NaN : waits[waits.length - 1]);
      figures.put("marketingDrainSeconds", marketingSeconds);
      figures.put("marketingPerSecond", MARKETING / marketingSeconds);
      figures.put("marketingDeferrals", deferrals.get());
      figures.put("http429", fake.tooManyRequests());
      figures.put("sentOnceEach", once);
      part.finish(
          Map.of(
              "marketing",
              MARKETING,
              "transactional",
              TRANSACTIONAL,
              "arrivalMillis",
              ARRIVAL_MILLIS,
              "limitSegmentsPerSecond",
              limitPerSecond,
              "priority",
              PRIORITY),
          figures);
      if (!once) {
        throw new AssertionError(
            "every message must go out exactly once: Twilio accepted "
                + accepted
                + ", message log "
                + sentRows
                + ", reminders done "
                + waits.length
                + ", marketing sent "
                + marketingSent.get());
      }
    } finally {
      twilio.stop();
      if (ReminderStormBenchmark.postgres()) {
        try {
          JdbcClient.create(pools.getFirst())
              .sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE")
              .update();
        } catch (RuntimeException e) {
          System.err.println("could not drop " + schema + ": " + e.getMessage());
        }
      }
      pools.forEach(HikariDataSource::close);
    }
  }

  static MessageService.SendRequest request(
      String sendKey, String customerId, MessageCategory category) {
    boolean marketing = sendKey.contains("CartRecovery");
    return new MessageService.SendRequest(
        sendKey,
        customerId,
        "2026111" + String.format("%09d", Math.abs(sendKey.hashCode() % 1_000_000_000)),
        1L,
        sendKey.substring(2, sendKey.lastIndexOf('/')),
        marketing ? "cart-recovery" : "payment-reminder-new",
        category,
        Channel.SMS,
        marketing ? Map.of("cartValue", "199.00") : Map.of(),
        SendCondition.NONE,
        3);
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
