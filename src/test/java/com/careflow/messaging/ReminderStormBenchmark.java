package com.careflow.messaging;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.customers.OrderHistory;
import com.careflow.support.BenchPart;
import com.careflow.support.TwilioStub;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Issue #19, target 3: a reminder storm against a sender limit counted in SMS segments.
 *
 * <p>{@code bench.stormReminders} (10,000; 1,000 with {@code bench.smoke}) payment reminders fall
 * due at the same instant and are sent by two Careflow instances (each its own {@link
 * MessageService}, Twilio client, limiter, connection pool and {@code bench.workersPerInstance}
 * job-worker threads) that share one send limit in the database. The fake Twilio is a local HTTP
 * server (WireMock with a transformer) that answers 429 (error 20429) to any message whose segments
 * would take the last second over {@code bench.limit} (100) segments. Careflow's {@code
 * segments-per-second} is {@code bench.headroom} (0.95) of that. Reports the drain rate as a share
 * of the limit (target ≥ 90 %) and the 429s (target 0).
 *
 * <p>What it covers: the send path below the job worker (message log, lease, gate, templates,
 * Twilio SDK, the shared Bucket4j bucket). What it does not: the engine's timers and job activation
 * (DoubleElevenBenchmark scenario 3 measures those). On PostgreSQL with {@code
 * CAREFLOW_TEST_DB_URL}, else H2. Run: {@code ./mvnw -Pbench verify -Dtest=ReminderStormBenchmark}
 * (docs/benchmarks.md). Not part of the normal test run; figures are reported, not asserted, except
 * that every reminder goes out exactly once.
 */
class ReminderStormBenchmark {

  /**
   * {@code -Dbench.stormReminders} (its own name: {@code bench.reminders} is
   * DoubleElevenBenchmark's scenario 3); 10,000, the target's size, or 1,000 with {@code
   * -Dbench.smoke=true}.
   */
  static final int REMINDERS =
      Integer.getInteger(
          "bench.stormReminders", Boolean.getBoolean("bench.smoke") ? 1_000 : 10_000);

  static final int LIMIT = Integer.getInteger("bench.limit", 100);
  static final double HEADROOM = Double.parseDouble(System.getProperty("bench.headroom", "0.95"));
  static final int WORKERS = Integer.getInteger("bench.workersPerInstance", 16);
  static final boolean SHARED =
      Boolean.parseBoolean(System.getProperty("bench.shared", "true")); // false: per instance

  @Test
  void reminderStorm() throws Exception {
    BenchPart part = BenchPart.start("reminder-storm");
    if (SHARED && !postgres()) {
      throw new IllegalStateException(
          "the shared send limit needs PostgreSQL: set CAREFLOW_TEST_DB_URL, or -Dbench.shared=false");
    }
    SegmentLimitedTwilio fake = new SegmentLimitedTwilio(LIMIT);
    WireMockServer twilio =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .containerThreads(64)
                .extensions(fake)
                .disableRequestJournal());
    twilio.start();
    TwilioStub.acceptMessages(twilio, "SM-unused"); // the transformer writes each answer
    String schema = "reminder_storm_" + ProcessHandle.current().pid();
    List<HikariDataSource> pools = new ArrayList<>();
    try {
      pools.add(pool(schema));
      pools.add(pool(schema));
      Flyway.configure()
          .dataSource(pools.getFirst())
          .schemas(postgres() ? new String[] {schema} : new String[0])
          .load()
          .migrate();
      Clock clock = Clock.systemUTC();
      JdbcClient db = JdbcClient.create(pools.getFirst());
      CustomerProfiles customers = new CustomerProfiles(db, clock);
      List<MessageService.SendRequest> due = new ArrayList<>();
      ExecutorService loaders = Executors.newFixedThreadPool(8);
      List<Future<?>> loaded = new ArrayList<>();
      for (int i = 0; i < REMINDERS; i++) {
        String id = "storm-" + i;
        boolean english = i % 4 == 0;
        int n = i;
        loaded.add(
            loaders.submit(
                () ->
                    customers.upsertProfile(
                        new Customer(
                            id,
                            "Buyer " + n,
                            "+86139" + String.format("%08d", n),
                            english ? "en" : "zh-CN",
                            "UTC",
                            null,
                            true,
                            0))));
        // one in ten a marketplace order number long enough for a second segment (UCS-2)
        String orderId =
            i % 10 == 1 ? "TM" + String.format("%040d", i) : "2026111" + String.format("%09d", i);
        due.add(
            new MessageService.SendRequest(
                "1/Activity_PaymentReminder/" + id,
                id,
                orderId,
                (long) i,
                "Activity_PaymentReminder",
                "payment-reminder-new",
                MessageCategory.TRANSACTIONAL,
                Channel.SMS,
                Map.of(),
                3));
      }
      for (Future<?> f : loaded) {
        f.get();
      }
      loaders.shutdown();
      Map<String, String> limit =
          Map.of(
              "careflow.messaging.send-limit.segments-per-second",
              String.valueOf(LIMIT * HEADROOM));
      List<MessageService> instances = new ArrayList<>();
      for (HikariDataSource pool : pools) {
        instances.add(instance(pool, twilio.baseUrl(), limit, clock));
      }
      // warm-up: connections, classes, templates; then the fake's counters start from zero
      instances.forEach(
          s ->
              s.send(
                  new MessageService.SendRequest(
                      "warm-up/" + s.hashCode(),
                      "storm-0",
                      // the text needs the order number: without it the warm-up stopped at the
                      // template and never reached the Twilio client it is there to warm
                      "2026111000000000",
                      0L,
                      "warm-up",
                      "payment-reminder-new",
                      MessageCategory.TRANSACTIONAL,
                      Channel.SMS,
                      Map.of(),
                      3)));
      Thread.sleep(2_000);
      fake.reset();

      ExecutorService workers = Executors.newFixedThreadPool(WORKERS * instances.size());
      List<Future<SendResult>> results = new ArrayList<>();
      long started = System.nanoTime();
      for (int i = 0; i < due.size(); i++) {
        MessageService service = instances.get(i % instances.size());
        MessageService.SendRequest request = due.get(i);
        results.add(workers.submit(() -> sendAsTheWorkerWould(service, request)));
      }
      int sent = 0;
      for (Future<SendResult> f : results) {
        if (f.get() instanceof SendResult.Sent) {
          sent++;
        }
      }
      long drainedNanos = System.nanoTime() - started;
      workers.shutdown();

      List<long[]> accepted = fake.accepted(); // {nanos, segments}
      long segments = accepted.stream().mapToLong(a -> a[1]).sum();
      double spanSeconds = (accepted.getLast()[0] - accepted.getFirst()[0]) / 1e9;
      double segmentsPerSecond = (segments - accepted.getFirst()[1]) / spanSeconds;
      long sentRows =
          db.sql(
                  "SELECT count(*) FROM message_log WHERE send_key LIKE '1/Activity_PaymentReminder/%'"
                      + " AND message_sid IS NOT NULL")
              .query(Long.class)
              .single();
      Map<String, Object> figures = new java.util.LinkedHashMap<>();
      figures.put("database", postgres() ? "PostgreSQL" : "H2");
      figures.put("instances", instances.size());
      figures.put("workersPerInstance", WORKERS);
      figures.put("sharedLimit", SHARED);
      figures.put("reminders", REMINDERS);
      figures.put("sent", sent);
      figures.put("messageLogRowsSent", sentRows);
      figures.put("acceptedByTwilio", accepted.size());
      figures.put("segments", segments);
      figures.put("limitSegmentsPerSecond", LIMIT);
      figures.put("careflowSegmentsPerSecondSetting", LIMIT * HEADROOM);
      figures.put("drainSeconds", drainedNanos / 1e9);
      figures.put("achievedSegmentsPerSecond", segmentsPerSecond);
      figures.put("shareOfLimit", segmentsPerSecond / LIMIT);
      figures.put("http429", fake.tooManyRequests());
      figures.put("busiestSecondSegments", fake.busiestSecond());
      String line =
          String.format(
              Locale.ROOT,
              "| 3 | %,d reminders due together, 2 instances sharing %d segments/s (Careflow set to"
                  + " %.0f) | %,d segments in %.1f s: %.1f segments/s = **%.1f %%** of the limit;"
                  + " HTTP 429: **%d**; busiest second %d segments; sent once each: %s |",
              REMINDERS,
              LIMIT,
              LIMIT * HEADROOM,
              segments,
              spanSeconds,
              segmentsPerSecond,
              100 * segmentsPerSecond / LIMIT,
              fake.tooManyRequests(),
              fake.busiestSecond(),
              sent == REMINDERS && accepted.size() == REMINDERS && sentRows == REMINDERS);
      System.out.println("REMINDER STORM " + figures);
      System.out.println(line);
      Path out = Path.of("target/bench/reminder-storm.json");
      Files.createDirectories(out.getParent());
      Files.writeString(out, figures.toString() + "\n" + line + "\n");
      figures.put(
          "sentOnceEach",
          sent == REMINDERS && accepted.size() == REMINDERS && sentRows == REMINDERS);
      part.finish(
          Map.of(
              "reminders",
              REMINDERS,
              "limitSegmentsPerSecond",
              LIMIT,
              "instances",
              instances.size(),
              "workersPerInstance",
              WORKERS,
              "sharedLimit",
              SHARED),
          figures);
      if (sent != REMINDERS || accepted.size() != REMINDERS || sentRows != REMINDERS) {
        throw new AssertionError(
            "every reminder must go out exactly once: sent "
                + sent
                + ", accepted by Twilio "
                + accepted.size()
                + ", message log "
                + sentRows
                + " of "
                + REMINDERS);
      }
    } finally {
      twilio.stop();
      if (postgres()) {
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

  /** The job worker's loop for one job: a RetryLater is the job's retry after its backoff. */
  static SendResult sendAsTheWorkerWould(MessageService service, MessageService.SendRequest r)
      throws InterruptedException {
    for (int attempt = 0; attempt < 20; attempt++) {
      SendResult result = service.send(r);
      if (!(result instanceof SendResult.RetryLater later)) {
        return result;
      }
      Thread.sleep(later.delay().toMillis());
    }
    throw new IllegalStateException("still not sent: " + r.sendKey());
  }

  static MessageService instance(
      HikariDataSource pool, String twilioUrl, Map<String, String> limitSettings, Clock clock) {
    Map<String, String> all = new HashMap<>(limitSettings);
    all.put("careflow.messaging.send-limit.shared", String.valueOf(SHARED));
    SendLimitProperties limit = MessagingTestSupport.sendLimit(all);
    MessagingProperties props = MessagingTestSupport.messaging(Map.of());
    SegmentRateLimiter limiter =
        SHARED
            ? SegmentRateLimiter.shared(pool, limit, props.rateLimitMaxWait())
            : SegmentRateLimiter.local(limit, props.rateLimitMaxWait());
    JdbcClient db = JdbcClient.create(pool);
    LocalTime quiet = LocalTime.now(ZoneId.of("UTC")).plusHours(12).withNano(0);
    return new MessageService(
        new CustomerProfiles(db, clock),
        new OrderHistory(db, clock),
        MessagingTestSupport.texts(db, props, new DataSourceTransactionManager(pool), clock),
        new MessageLog(db, clock),
        new ContactStatus(db, clock),
        new TwilioMessageSender(MessagingTestSupport.twilio(twilioUrl, Map.of()), limiter),
        props,
        new QuietHoursProperties(quiet, quiet.plusMinutes(1), ZoneId.of("UTC")),
        new DataSourceTransactionManager(pool),
        clock);
  }

  static boolean postgres() {
    return System.getenv("CAREFLOW_TEST_DB_URL") != null;
  }

  static HikariDataSource pool(String schema) {
    HikariDataSource pool = new HikariDataSource();
    if (postgres()) {
      String url = System.getenv("CAREFLOW_TEST_DB_URL");
      pool.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
      pool.setUsername(env("CAREFLOW_TEST_DB_USER", "postgres"));
      pool.setPassword(env("CAREFLOW_TEST_DB_PASSWORD", ""));
    } else {
      pool.setJdbcUrl(
          "jdbc:h2:mem:storm;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
      pool.setUsername("sa");
      pool.setPassword("");
    }
    pool.setMaximumPoolSize(WORKERS + 2);
    return pool;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }

  /**
   * Twilio with a sender limit in segments: a message whose segments would take the last second
   * (sliding) over {@code limit} gets 429 (error 20429), as Twilio answers a sender pushed past its
   * throughput.
   */
  static final class SegmentLimitedTwilio implements ResponseDefinitionTransformerV2 {
    private final int limit;
    private final Deque<long[]> lastSecond = new ArrayDeque<>();
    private final List<long[]> accepted = new ArrayList<>();
    private final AtomicLong tooMany = new AtomicLong();
    private final AtomicLong sids = new AtomicLong();
    private int inLastSecond;
    private int busiest;

    SegmentLimitedTwilio(int limit) {
      this.limit = limit;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
      int segments = 1;
      for (String pair : event.getRequest().getBodyAsString().split("&")) {
        if (pair.startsWith("Body=")) {
          segments =
              SmsSegments.count(URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8))
                  .segments();
        }
      }
      long now = System.nanoTime();
      while (!lastSecond.isEmpty() && now - lastSecond.peekFirst()[0] >= 1_000_000_000L) {
        inLastSecond -= (int) lastSecond.pollFirst()[1];
      }
      if (inLastSecond + segments > limit) {
        tooMany.incrementAndGet();
        return TwilioStub.error(429, 20429, "Too Many Requests").build();
      }
      long[] arrival = {now, segments};
      lastSecond.addLast(arrival);
      inLastSecond += segments;
      busiest = Math.max(busiest, inLastSecond);
      accepted.add(arrival);
      return TwilioStub.accepted("SM%032x".formatted(sids.incrementAndGet())).build();
    }

    @Override
    public String getName() {
      return "segment-limited-twilio";
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    synchronized List<long[]> accepted() {
      return List.copyOf(accepted);
    }

    synchronized void reset() {
      accepted.clear();
      lastSecond.clear();
      inLastSecond = 0;
      busiest = 0;
      tooMany.set(0);
    }

    long tooManyRequests() {
      return tooMany.get();
    }

    synchronized int busiestSecond() {
      return busiest;
    }
  }
}
