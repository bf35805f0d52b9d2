package com.careflow.intake;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Pauses the shop-event listeners while Zeebe refuses Careflow's credentials ({@code
 * UNAUTHENTICATED} / {@code PERMISSION_DENIED}) and resumes them when it takes a message again (see
 * {@code docs/reliability.md}, "Refused credentials").
 *
 * <p>On the first refusal the error handler (which seeks back to the refused record: no offset is
 * committed past it, nothing is dead-lettered) calls {@link #refused}: the three listener
 * containers are paused ({@link MessageListenerContainer#pause()}, taking effect after the record
 * in hand: {@code pauseImmediate}), health {@code engineAccess} is DOWN with the reason, and a
 * probe is scheduled: the outbox relay tries to publish the oldest message still owed ({@link
 * IntakeOutbox#probe}), after {@code careflow.events.retry-initial-interval}, doubling to {@code
 * careflow.events.retry-max-interval}. When the engine takes it (or answers about the message
 * itself rather than about who is asking), the containers resume, Kafka redelivers the refused
 * records, and each finds its fact stored and its message published: no second publish (the message
 * id is the event id, and the relay publishes only rows not stamped published).
 *
 * <p>Thread-safe: called from the consumer threads and the probe thread.
 */
@Component
class EngineAccessPause {

  private static final Logger log = LoggerFactory.getLogger(EngineAccessPause.class);

  /** The listeners paused together: one refused publish means none of them could publish. */
  static final List<String> LISTENERS =
      List.of(
          ShopEventListener.ORDERS_LISTENER,
          ShopEventListener.CARTS_LISTENER,
          ShopEventListener.CUSTOMERS_LISTENER);

  /** When the probe runs next: {@code (task, delay)}. */
  @FunctionalInterface
  interface Scheduler {
    void schedule(Runnable task, Duration delay);
  }

  private final ObjectProvider<KafkaListenerEndpointRegistry> registry;
  private final IntakeOutbox outbox;
  private final EngineAccessHealth health;
  private final EventsProperties props;
  private final Scheduler scheduler;

  private boolean paused; // guarded by this
  private Duration nextProbe; // guarded by this
  private long pausedAt; // guarded by this, System.nanoTime()

  @Autowired
  EngineAccessPause(
      ObjectProvider<KafkaListenerEndpointRegistry> registry,
      IntakeOutbox outbox,
      EngineAccessHealth health,
      EventsProperties props) {
    this(registry, outbox, health, props, daemonScheduler());
  }

  EngineAccessPause(
      ObjectProvider<KafkaListenerEndpointRegistry> registry,
      IntakeOutbox outbox,
      EngineAccessHealth health,
      EventsProperties props,
      Scheduler scheduler) {
    this.registry = registry;
    this.outbox = outbox;
    this.health = health;
    this.props = props;
    this.scheduler = scheduler;
  }

  private static Scheduler daemonScheduler() {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "careflow-engine-access-probe");
              thread.setDaemon(true);
              return thread;
            });
    return (task, delay) -> executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Zeebe refused a publish for Careflow's credentials: pause the listeners (if not paused yet),
   * health DOWN, and start probing.
   */
  synchronized void refused(EngineAccessRefusedException refusal) {
    health.refused(refusal.code().name());
    List<MessageListenerContainer> listeners = containers();
    if (listeners.isEmpty()) {
      // nothing to pause (no listener registry): the error handler's backoff is the wait then
      log.error("Zeebe refuses Careflow's credentials ({}): no listener to pause", refusal.code());
      return;
    }
    for (MessageListenerContainer container : listeners) {
      if (!container.isPauseRequested()) {
        container.pause();
      }
    }
    health.listenersPaused(true);
    if (paused) {
      return;
    }
    paused = true;
    pausedAt = System.nanoTime();
    nextProbe = props.retryInitialInterval();
    log.error(
        "Zeebe refuses Careflow's credentials ({}): shop-event listeners paused, nothing"
            + " dead-lettered; probing with the oldest owed message every {} up to {}",
        refusal.code(),
        nextProbe,
        props.retryMaxInterval());
    scheduler.schedule(this::probe, nextProbe);
  }

  /**
   * Whether the listeners are paused for refused credentials (then a refused record needs no
   * backoff of its own: the paused container is the wait).
   */
  synchronized boolean isPaused() {
    return paused;
  }

  /** One probe: resume on an accepted publish, otherwise try again later (doubling the wait). */
  void probe() {
    IntakeOutbox.Probe answer;
    try {
      answer = outbox.probe();
    } catch (RuntimeException e) {
      // the store away, say: access still unknown
      log.warn("Engine access probe failed: {}", e.toString());
      answer = IntakeOutbox.Probe.UNREACHABLE;
    }
    synchronized (this) {
      if (!paused) {
        return;
      }
      switch (answer) {
        case ACCEPTED, ANSWERED, NOTHING_OWED -> resume(answer);
        case REFUSED, UNREACHABLE -> {
          nextProbe = min(nextProbe.multipliedBy(2), props.retryMaxInterval());
          log.warn("Engine access probe: {}; next probe in {}", answer, nextProbe);
          scheduler.schedule(this::probe, nextProbe);
        }
      }
    }
  }

  private void resume(IntakeOutbox.Probe answer) {
    for (MessageListenerContainer container : containers()) {
      container.resume();
    }
    paused = false;
    health.listenersPaused(false);
    if (answer != IntakeOutbox.Probe.NOTHING_OWED) {
      health.accepted();
    }
    log.info(
        "Engine access probe: {}; shop-event listeners resumed after {} ms",
        answer,
        Duration.ofNanos(System.nanoTime() - pausedAt).toMillis());
  }

  private List<MessageListenerContainer> containers() {
    KafkaListenerEndpointRegistry containers = registry.getIfAvailable();
    if (containers == null) {
      return List.of();
    }
    return LISTENERS.stream()
        .map(containers::getListenerContainer)
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
