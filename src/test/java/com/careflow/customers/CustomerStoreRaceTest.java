package com.careflow.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.RepositoryTestBase;
import com.careflow.support.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fault 1 of issue #14, "lost update under a race": two events of one new buyer written at the same
 * moment by two consumers. The first transaction holds its new customer row uncommitted while the
 * second inserts the same key (a barrier starts them together; the first commits only once the
 * database shows the second waiting on its lock). Both effects must be stored, and neither write
 * may fail on the unique key.
 */
// a small pool: the CI database is shared by every cached test context
@TestPropertySource(
    properties = {
      "spring.datasource.hikari.maximum-pool-size=4",
      "spring.datasource.hikari.minimum-idle=1"
    })
@Import({CustomerProfiles.class, OrderHistory.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class CustomerStoreRaceTest extends RepositoryTestBase {

  static final Instant AT = Instant.parse("2026-11-10T16:05:00Z");

  @Autowired CustomerProfiles profiles;
  @Autowired OrderHistory orders;
  @Autowired PlatformTransactionManager transactions;
  @Autowired DataSource dataSource;

  /** These tests commit: remove what they stored, so other tests see the store they expect. */
  @AfterEach
  void removeThisTestsRows() {
    var jdbc = new JdbcTemplate(dataSource);
    jdbc.update("DELETE FROM order_fact WHERE order_id LIKE 'c-race-%'");
    jdbc.update("DELETE FROM customer WHERE customer_id LIKE 'c-race-%'");
  }

  @Test
  @DisplayName("fault 1 (lost update under a race): a new buyer's profile and first order at once")
  void lostUpdateUnderARace_profileAndFirstOrderOfANewBuyer() throws Exception {
    String customerId = "c-race-" + UUID.randomUUID();
    race(
        () ->
            orders.recordOrderPlaced(
                customerId + "-o1", customerId, AT, new BigDecimal("99.00"), "CNY", 1, null),
        () ->
            profiles.upsertProfile(
                new Customer(customerId, "Li Lei", "+8613800138000", "zh-CN", null, null, true, 0),
                AT));

    assertThat(profiles.find(customerId))
        .get()
        .returns("+8613800138000", Customer::phone)
        .returns(true, Customer::marketingConsent);
    assertThat(orders.purchaseStats(customerId)).get().returns(1, PurchaseStats::orderCount);
    assertThat(orders.isOrderPlaced(customerId + "-o1")).isTrue();
  }

  @Test
  @DisplayName("fault 1 (lost update under a race): two first orders of one new buyer at once")
  void lostUpdateUnderARace_twoFirstOrdersOfANewBuyer() throws Exception {
    String customerId = "c-race-" + UUID.randomUUID();
    race(
        () ->
            orders.recordOrderPlaced(
                customerId + "-o1", customerId, AT, new BigDecimal("10.00"), "CNY", 1, null),
        () ->
            orders.recordOrderPlaced(
                customerId + "-o2",
                customerId,
                AT.plusSeconds(1),
                new BigDecimal("20.00"),
                "CNY",
                2,
                null));

    assertThat(orders.isOrderPlaced(customerId + "-o1")).isTrue();
    assertThat(orders.isOrderPlaced(customerId + "-o2")).isTrue();
    assertThat(orders.purchaseStats(customerId)).get().returns(2, PurchaseStats::orderCount);
  }

  @Test
  @DisplayName("fault 1 (lost update under a race): the same order's first fact from two events")
  void lostUpdateUnderARace_placedAndPaidOfOneNewOrder() throws Exception {
    String customerId = "c-race-" + UUID.randomUUID();
    String orderId = customerId + "-o1";
    race(
        () ->
            orders.recordOrderPlaced(
                orderId, customerId, AT, new BigDecimal("10.00"), "CNY", 1, null),
        () -> orders.recordOrderPaid(orderId, customerId, AT.plusSeconds(60), null));

    assertThat(orders.purchaseStats(customerId))
        .get()
        .returns(1, PurchaseStats::orderCount)
        .returns(1, PurchaseStats::paidOrders);
  }

  @Test
  @DisplayName(
      "fault 1 (lost update under a race): a known buyer's new order and another order's payment at"
          + " once (R15 counters as increments)")
  void lostUpdateUnderARace_placedAndPaidOfOneKnownBuyer() throws Exception {
    String customerId = "c-race-" + UUID.randomUUID();
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            s ->
                orders.recordOrderPlaced(
                    customerId + "-o1", customerId, AT, new BigDecimal("10.00"), "CNY", 1, null));
    race(
        () ->
            orders.recordOrderPlaced(
                customerId + "-o2",
                customerId,
                AT.plusSeconds(30),
                new BigDecimal("20.00"),
                "CNY",
                2,
                null),
        () -> orders.recordOrderPaid(customerId + "-o1", customerId, AT.plusSeconds(60), null));

    assertThat(orders.purchaseStats(customerId))
        .get()
        .returns(2, PurchaseStats::orderCount)
        .returns(1, PurchaseStats::paidOrders)
        .returns(1, PurchaseStats::paidUnits)
        .returns(AT.plusSeconds(30), PurchaseStats::lastOrderAt)
        .returns(AT.plusSeconds(60), PurchaseStats::lastPaidAt)
        .satisfies(stats -> assertThat(stats.totalPaid()).isEqualByComparingTo("10.00"));
  }

  /**
   * Runs {@code first} in a transaction that stays open until {@code second}, started at the same
   * time in its own transaction, waits on a lock the first holds (or 5 s pass: then there was no
   * conflict to wait on), then commits both.
   */
  private void race(Runnable first, Runnable second) throws Exception {
    var barrier = new CyclicBarrier(2);
    var tx = new TransactionTemplate(transactions);
    var threads = Executors.newFixedThreadPool(2);
    try {
      race(first, second, barrier, tx, threads);
    } finally {
      threads.shutdownNow();
    }
  }

  private void race(
      Runnable first,
      Runnable second,
      CyclicBarrier barrier,
      TransactionTemplate tx,
      ExecutorService threads)
      throws Exception {
    var secondSession = new java.util.concurrent.atomic.AtomicInteger();
    CompletableFuture<Void> a =
        CompletableFuture.runAsync(
            () ->
                tx.executeWithoutResult(
                    s -> {
                      first.run();
                      int firstSession = backendPid();
                      await(barrier);
                      waitUntilWaitingOn(firstSession, secondSession);
                    }),
            threads);
    CompletableFuture<Void> b =
        CompletableFuture.runAsync(
            () -> {
              await(barrier);
              tx.executeWithoutResult(
                  s -> {
                    secondSession.set(backendPid());
                    second.run();
                  });
            },
            threads);
    a.get(30, TimeUnit.SECONDS);
    b.get(30, TimeUnit.SECONDS); // throws if the second write failed on the unique key
  }

  /** The PostgreSQL session of the calling thread's transaction (0 on H2). */
  private int backendPid() {
    if (TestDatabase.kind() == TestDatabase.Kind.H2) {
      return 0;
    }
    Integer pid =
        new JdbcTemplate(dataSource).queryForObject("SELECT pg_backend_pid()", Integer.class);
    return pid == null ? 0 : pid;
  }

  /**
   * Waits until the second test session waits on a lock the first one holds: {@code
   * pg_blocking_pids} of the second session's pid names the first. Other sessions of the shared
   * test database (other test JVMs) waiting on their own locks do not count. H2 shows no row lock
   * waits, and gives up on one after its lock timeout (1 s): there the first transaction holds its
   * rows for 300 ms, long enough for the second to be waiting on them.
   */
  private void waitUntilWaitingOn(
      int firstSession, java.util.concurrent.atomic.AtomicInteger second) {
    if (TestDatabase.kind() == TestDatabase.Kind.H2) {
      sleep(300);
      return;
    }
    var jdbc = new JdbcTemplate(dataSource);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      int secondSession = second.get();
      if (secondSession != 0) {
        Boolean blocked =
            jdbc.queryForObject(
                "SELECT ? = ANY(pg_blocking_pids(?))", Boolean.class, firstSession, secondSession);
        if (Boolean.TRUE.equals(blocked)) {
          return;
        }
      }
      sleep(20);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
