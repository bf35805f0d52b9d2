package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.careflow.journeys.JourneyJobTypes;
import com.careflow.local.LocalStack;
import com.careflow.local.LocalStackInitializer;
import com.careflow.support.TcpProxy;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.DecisionEvaluationIntent;
import io.camunda.zeebe.protocol.record.value.DecisionEvaluationRecordValue;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.ContextConfiguration;

/**
 * Zeebe away, and Zeebe refusing Careflow's credentials, on the full app (embedded engine and
 * broker). The application's Camunda client reaches the embedded gateway only through a {@link
 * TcpProxy} (test code), so the gateway can be taken away and brought back while the app runs: the
 * intake's publishes and the job workers' polls all fail as against a gateway that is gone. Refused
 * credentials are the gateway's answer to {@code PublishMessage} made by a gRPC client interceptor
 * ({@link Refusals}; the embedded engine has no authentication). Asserted: lost 0, duplicates 0,
 * nothing dead-lettered, no offset committed past an unpublished record. Measured (logged and
 * written to {@code target/reliability/zeebe-away.txt}, never asserted): the time from the
 * gateway's return (or the credentials' fix) to the last effect.
 */
@ContextConfiguration(initializers = ZeebeOutageIT.ThroughAProxy.class)
@Import(ZeebeOutageIT.Refusals.class)
class ZeebeOutageIT extends ShopEventsITBase {

  /**
   * How long an awaited outcome may take before the test fails: a bound on failure only, generous
   * for a loaded machine (a passing run waits only as long as the outcome takes).
   */
  private static final Duration EVENTUALLY = Duration.ofMinutes(3);

  private static final int ORDERS_BEFORE = 5;
  private static final int ORDERS_DURING = 10;
  private static final Duration AWAY = Duration.ofSeconds(10);

  /** Starts the embedded stack, then a proxy to its gateway, and points the client at the proxy. */
  static class ThroughAProxy
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      new LocalStackInitializer().initialize(context); // idempotent: the stack starts once
      var beans = (DefaultListableBeanFactory) context.getBeanFactory();
      var stack = (LocalStack) beans.getSingleton(LocalStackInitializer.BEAN_NAME);
      URI gateway = URI.create(stack.zeebeGrpcAddress());
      TcpProxy proxy = TcpProxy.to(gateway.getHost(), gateway.getPort());
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "zeebeProxy",
                  Map.of("camunda.client.grpc-address", "http://127.0.0.1:" + proxy.port())));
      beans.registerSingleton("zeebeProxy", proxy);
      beans.registerDisposableBean("zeebeProxy", proxy::close);
    }
  }

  /**
   * While {@link #refusing} is set, the gateway's answer to every {@code PublishMessage} is that
   * status (as Zeebe answers a client whose token is invalid or lacks the permission); other calls
   * (the job workers) pass.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class Refusals {
    static volatile Status.Code refusing;

    @Bean
    ClientInterceptor refusingGateway() {
      return new ClientInterceptor() {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(
            MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
          Status.Code code = refusing;
          if (code == null || !"PublishMessage".equals(method.getBareMethodName())) {
            return next.newCall(method, options);
          }
          return new ClientCall<>() {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
              listener.onClose(
                  code.toStatus().withDescription("test: the gateway refuses the credentials"),
                  new Metadata());
            }

            @Override
            public void request(int numMessages) {}

            @Override
            public void cancel(String message, Throwable cause) {}

            @Override
            public void halfClose() {}

            @Override
            public void sendMessage(Q message) {}
          };
        }
      };
    }
  }

  @Autowired TcpProxy proxy;
  @Autowired EngineAccessHealth engineAccess;
  @Autowired KafkaListenerEndpointRegistry listeners;

  @AfterEach
  void engineBack() {
    proxy.restore();
    Refusals.refusing = null;
  }

  /**
   * Reminder policies decided (the {@code reminder-policy} table evaluated) in these orders'
   * journeys: the journey's first step after its start, each once. (It was the {@code lookup-buyer}
   * job before the intake sent {@code returningBuyer} with the order, issue #19.)
   */
  @SuppressWarnings("unchecked")
  private long policiesDecidedFor(List<String> orders) {
    var journeys =
        orders.stream()
            .flatMap(o -> journeysOf(o).stream())
            .collect(java.util.stream.Collectors.toSet());
    return StreamSupport.stream(
            localStack.engine().getRecordStreamSource().getRecords().spliterator(), false)
        .filter(
            r ->
                r.getValueType() == ValueType.DECISION_EVALUATION
                    && r.getIntent() == DecisionEvaluationIntent.EVALUATED)
        .map(
            r ->
                ((io.camunda.zeebe.protocol.record.Record<DecisionEvaluationRecordValue>) r)
                    .getValue())
        .filter(d -> d.getDecisionId().equals(JourneyJobTypes.Decisions.REMINDER_POLICY))
        .filter(d -> journeys.contains(d.getProcessInstanceKey()))
        .count();
  }

  private void sendCustomers(List<String> customers) {
    customers.forEach(c -> send("shop.customers", c, customer(c)));
    awaitCaughtUp("shop.customers", ShopEventListener.CUSTOMERS_LISTENER);
  }

  @Test
  @DisplayName(
      "Zeebe away for 10 s (gateway connections cut): events in 15, journeys 15, reminder policies"
          + " decided 15, lost 0, duplicates 0, dead letters 0; time to recover measured")
  void zeebeAwayForTenSeconds_ordersWaitAndTakeEffectOnceEach() {
    List<String> before = new ArrayList<>();
    List<String> during = new ArrayList<>();
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < ORDERS_BEFORE + ORDERS_DURING; i++) {
      customers.add("c-" + run + "-" + i);
      (i < ORDERS_BEFORE ? before : during).add("o-" + run + "-" + i);
    }
    List<String> all = new ArrayList<>(before);
    all.addAll(during);
    sendCustomers(customers);
    for (int i = 0; i < ORDERS_BEFORE; i++) {
      send("shop.orders", before.get(i), placed(before.get(i), customers.get(i)));
    }
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                before.stream().allMatch(o -> journeysOf(o).size() == 1)
                    && policiesDecidedFor(before) >= ORDERS_BEFORE);

    // the gateway goes away; orders keep arriving, one a second
    proxy.cut();
    long awayAt = System.nanoTime();
    long step = AWAY.dividedBy(ORDERS_DURING).toNanos();
    for (int i = 0; i < ORDERS_DURING; i++) {
      int n = ORDERS_BEFORE + i;
      send("shop.orders", during.get(i), placed(during.get(i), customers.get(n)));
      long until = step * (i + 1);
      await()
          .atMost(AWAY.plusSeconds(5))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> System.nanoTime() - awayAt >= until);
    }
    int startedWhileAway = (int) during.stream().filter(o -> !journeysOf(o).isEmpty()).count();
    long lagWhileAway = lag("shop.orders", ShopEventListener.ORDERS_LISTENER);
    proxy.restore();
    long backAt = System.nanoTime();

    AtomicLong journeysAt = new AtomicLong();
    AtomicLong lastEffectAt = new AtomicLong();
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (journeysAt.get() == 0
                  && during.stream().allMatch(o -> journeysOf(o).size() == 1)) {
                journeysAt.set(System.nanoTime());
              }
              boolean done =
                  journeysAt.get() != 0 && policiesDecidedFor(all) >= ORDERS_BEFORE + ORDERS_DURING;
              if (done) {
                lastEffectAt.set(System.nanoTime());
              }
              return done;
            });
    awaitCaughtUp("shop.orders", ShopEventListener.ORDERS_LISTENER);

    // lost 0, duplicates 0, nothing dead-lettered
    assertThat(startedWhileAway).as("no journey can start while the gateway is away").isZero();
    assertThat(lagWhileAway).as("offsets of unpublished records not committed").isPositive();
    for (String order : before) {
      assertThat(journeysOf(order)).as(order).hasSize(1);
    }
    for (String order : during) {
      assertThat(journeysOf(order)).as(order).hasSize(1);
      assertThat(processedRows(order + "-placed")).as(order).isEqualTo(1);
      assertThat(timesPublished(order + "-placed")).as(order).isEqualTo(1);
    }
    assertThat(policiesDecidedFor(all)).isEqualTo(ORDERS_BEFORE + ORDERS_DURING);
    assertThat(recordsOn("shop.orders.DLT", run)).isEmpty();
    assertThat(proxy.refusedConnections()).as("the client tried while it was away").isPositive();

    String figures =
        """
        zeebe away (ZeebeOutageIT): gateway cut %.1f s; events in %d (%d before, %d during); \
        journeys %d, reminder policies decided %d, lost 0, duplicates 0, dead letters 0; connections \
        refused %d; gateway back -> last journey started %.1f s, -> last effect (policy decided) \
        %.1f s
        """
            .formatted(
                Duration.ofNanos(backAt - awayAt).toMillis() / 1000.0,
                ORDERS_BEFORE + ORDERS_DURING,
                ORDERS_BEFORE,
                ORDERS_DURING,
                ORDERS_BEFORE + ORDERS_DURING,
                ORDERS_BEFORE + ORDERS_DURING,
                proxy.refusedConnections(),
                Duration.ofNanos(journeysAt.get() - backAt).toMillis() / 1000.0,
                Duration.ofNanos(lastEffectAt.get() - backAt).toMillis() / 1000.0);
    Reliability.record("zeebe-away.txt", figures.strip());
  }

  @Test
  @DisplayName(
      "Zeebe refuses Careflow's credentials (PERMISSION_DENIED): the shop-event listeners pause,"
          + " health DOWN, no offset committed, nothing dead-lettered; resumed by the outbox probe"
          + " once the credentials work, each journey once")
  void zeebeRefusesTheCredentials_listenersPauseAndResume() {
    int orders = 6;
    List<String> ids = new ArrayList<>();
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      ids.add("o-" + run + "-r" + i);
      customers.add("c-" + run + "-r" + i);
    }
    sendCustomers(customers);
    awaitCaughtUp("shop.orders", ShopEventListener.ORDERS_LISTENER);

    Refusals.refusing = Status.Code.PERMISSION_DENIED;
    long refusedAt = System.nanoTime();
    for (int i = 0; i < orders; i++) {
      send("shop.orders", ids.get(i), placed(ids.get(i), customers.get(i)));
    }
    await()
        .atMost(EVENTUALLY)
        .until(
            () ->
                engineAccess.health().getStatus()
                        == org.springframework.boot.actuate.health.Status.DOWN
                    && EngineAccessPause.LISTENERS.stream()
                        .allMatch(id -> listeners.getListenerContainer(id).isPauseRequested()));
    // held for a while: still paused, nothing published, no offset committed, no dead letter
    await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
    var down = engineAccess.health();
    assertThat(down.getDetails())
        .containsEntry("listeners", "paused")
        .hasEntrySatisfying("reason", r -> assertThat(r.toString()).contains("PERMISSION_DENIED"));
    assertThat(lag("shop.orders", ShopEventListener.ORDERS_LISTENER))
        .as("no offset committed past an unpublished record")
        .isEqualTo(orders);
    assertThat(ids).allSatisfy(o -> assertThat(journeysOf(o)).as(o).isEmpty());
    assertThat(recordsOn("shop.orders.DLT", run)).isEmpty();

    Refusals.refusing = null; // the credentials are fixed
    long fixedAt = System.nanoTime();
    AtomicLong lastEffectAt = new AtomicLong();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              boolean done = ids.stream().allMatch(o -> journeysOf(o).size() == 1);
              if (done) {
                lastEffectAt.set(System.nanoTime());
              }
              return done;
            });
    awaitCaughtUp("shop.orders", ShopEventListener.ORDERS_LISTENER);

    assertThat(EngineAccessPause.LISTENERS)
        .allSatisfy(
            id -> assertThat(listeners.getListenerContainer(id).isPauseRequested()).isFalse());
    assertThat(engineAccess.health().getStatus())
        .isEqualTo(org.springframework.boot.actuate.health.Status.UP);
    for (String order : ids) {
      assertThat(journeysOf(order)).as(order).hasSize(1);
      assertThat(processedRows(order + "-placed")).as(order).isEqualTo(1);
      assertThat(timesPublished(order + "-placed")).as(order).isEqualTo(1);
    }
    assertThat(recordsOn("shop.orders.DLT", run)).isEmpty();

    Reliability.record(
        "zeebe-away.txt",
        """
        zeebe refuses the credentials (ZeebeOutageIT): refused %.1f s; events in %d; listeners \
        paused, health DOWN, lag %d held, dead letters 0; journeys %d, lost 0, duplicates 0; \
        credentials fixed -> last journey started %.1f s
        """
            .formatted(
                Duration.ofNanos(fixedAt - refusedAt).toMillis() / 1000.0,
                orders,
                orders,
                orders,
                Duration.ofNanos(lastEffectAt.get() - fixedAt).toMillis() / 1000.0)
            .strip());
  }
}
