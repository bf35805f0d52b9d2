package com.careflow.intake;

import com.careflow.analytics.AnalyticsFacts;
import com.careflow.analytics.AnalyticsProperties;
import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.customers.OrderHistory;
import com.careflow.intake.ShopEvent.CartCleared;
import com.careflow.intake.ShopEvent.CartUpdated;
import com.careflow.intake.ShopEvent.CustomerUpserted;
import com.careflow.intake.ShopEvent.LogisticsUpdated;
import com.careflow.intake.ShopEvent.OrderCancelled;
import com.careflow.intake.ShopEvent.OrderDelivered;
import com.careflow.intake.ShopEvent.OrderOutOfStock;
import com.careflow.intake.ShopEvent.OrderPaid;
import com.careflow.intake.ShopEvent.OrderPlaced;
import com.careflow.intake.ShopEvent.OrderRefunded;
import com.careflow.intake.ShopEvent.OrderShipped;
import com.careflow.intake.ShopEvent.RefundRequested;
import com.careflow.intake.ShopEvent.ReviewPosted;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes one shop event take effect exactly once (see {@code docs/events.md}, "Exactly once in
 * effect"). Store first, then publish:
 *
 * <ol>
 *   <li>the whole contract is checked ({@link ShopEventParser}): a record that breaks it never
 *       reaches the store or the engine;
 *   <li>in ONE database transaction: the {@code processed_event} row (inserted only if new; an id
 *       seen before with other content is refused), the checks against the placed order, the
 *       customer-store update and the message owed to the journeys ({@link IntakeOutbox});
 *   <li>after the commit, the outbox relay publishes what this event's key still owes, with message
 *       id = event id.
 * </ol>
 *
 * The listeners take a poll's records at once ({@link #handleAll}): steps 1 and 2 per record, in
 * order, in one transaction for the poll with a savepoint per record, then step 3 for several keys
 * at once (issue #19: one publish in flight per partition left the engine waiting). The Kafka
 * offsets are committed only after all three took effect for every record of the poll (ack mode
 * {@code batch}); an exception names the first record that did not, leaving it and the ones after
 * it uncommitted for the error handler to retry or dead-letter, and the redelivery relays whatever
 * the first attempt stored but could not publish.
 */
@Service
class EventIntake {

  private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

  private final ShopEventParser parser;
  private final CustomerProfiles profiles;
  private final OrderHistory history;
  private final ProcessedEvents processed;
  private final IntakeOutbox outbox;
  private final TransactionTemplate transaction;
  private final AnalyticsFactOutbox analyticsFacts;
  private final int publishesInFlight;
  private final ExecutorService publishers = Executors.newVirtualThreadPerTaskExecutor();
  private final String shopCurrency;

  /**
   * @param analytics the shop's currency ({@code careflow.analytics.currency}, the one setting): an
   *     order placed without a currency is in it
   */
  EventIntake(
      CustomerProfiles profiles,
      OrderHistory history,
      ProcessedEvents processed,
      IntakeOutbox outbox,
      TransactionTemplate transaction,
      EventsProperties props,
      AnalyticsProperties analytics,
      Clock clock,
      AnalyticsFactOutbox analyticsFacts) {
    this.analyticsFacts = analyticsFacts;
    this.shopCurrency = analytics.currency();
    this.parser = new ShopEventParser(clock, props);
    this.profiles = profiles;
    this.history = history;
    this.processed = processed;
    this.outbox = outbox;
    this.transaction = transaction;
    this.publishesInFlight = props.publishesInFlight();
  }

  /** Handles one record value given as text (the local endpoints and tests). */
  Outcome handle(String topic, ShopEventType.Topic expected, String value) {
    return handle(
        topic,
        expected,
        value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Handles one record value from {@code topic}, as Kafka delivered it.
   *
   * @return what happened, for logs and tests
   * @throws InvalidEventException when the record can never take effect (dead-lettered)
   */
  Outcome handle(String topic, ShopEventType.Topic expected, byte[] value) {
    Stored stored = store(topic, expected, value);
    int published = outbox.relay(stored.event().correlationKey(), stored.event().eventId());
    logEffect(stored, published > 0);
    analyticsFacts.drain();
    return stored.outcome();
  }

  /** One record stored (steps 1 and 2): its event and whether it was new. */
  private record Stored(ShopEvent event, Outcome outcome) {}

  private Stored store(String topic, ShopEventType.Topic expected, byte[] value) {
    Read read = read(expected, value);
    Outcome outcome;
    try {
      outcome = transaction.execute(status -> store(read.event(), topic, read.contentHash()));
    } catch (DuplicateKeyException e) {
      outcome = duplicateOrThrow(read.event(), e);
    }
    return new Stored(read.event(), outcome);
  }

  /** A record's event as checked (step 1), in the shop's currency if it named none. */
  private record Read(ShopEvent event, String contentHash) {}

  private Read read(ShopEventType.Topic expected, byte[] value) {
    ShopEventParser.Received received = parser.read(value, expected);
    ShopEvent event =
        received.event() instanceof OrderPlaced placed
            ? placed.inCurrencyIfNone(shopCurrency)
            : received.event();
    return new Read(event, received.contentHash());
  }

  /**
   * "Already processed" only when this event's own id is stored: any other key (a row another event
   * wrote meanwhile) is a real failure, retried, never a reason to commit the offset.
   */
  private Outcome duplicateOrThrow(ShopEvent event, DuplicateKeyException e) {
    if (!processed.contains(event.eventId())) {
      throw e;
    }
    return Outcome.DUPLICATE;
  }

  private void logEffect(Stored stored, boolean publishedNew) {
    ShopEvent event = stored.event();
    if (stored.outcome() == Outcome.DUPLICATE) {
      log.debug("{} {} took effect before: skipped", event.type().typeName(), event.eventId());
    } else {
      log.info(
          "{} {} for {} took effect{}",
          event.type().typeName(),
          event.eventId(),
          event.correlationKey(),
          event.type().publishesMessage() && !publishedNew
              ? " (no new message: Zeebe or the store had it)"
              : "");
    }
  }

  /**
   * Handles the records of one poll (one partition's or several), in their order: each is checked
   * and stored as by {@link #handle(String, ShopEventType.Topic, byte[])}, all in one transaction
   * with a savepoint per record (a record that fails is rolled back alone, those before it commit,
   * those after it wait for the redelivery); then what the stored ones owe is published, up to
   * {@code careflow.events.publishes-in-flight} keys at once, each key's messages one after
   * another, oldest first (so per-key order holds across the batch and across polls). Returns only
   * when every stored record took effect, so the offsets of the whole poll may be committed.
   *
   * @param records the poll, in offset order per partition
   * @throws BatchListenerFailedException naming the first record that did not take effect (with the
   *     cause that {@link EventErrorHandling} classifies: dead-letter, retry, wait): every record
   *     before it did, and may be committed; it and those after it are redelivered, and a
   *     redelivered record stored before relays what it still owes
   */
  void handleAll(List<ConsumerRecord<String, byte[]>> records, ShopEventType.Topic expected) {
    List<Stored> stored = new ArrayList<>(records.size());
    PollStored poll;
    try {
      poll = transaction.execute(status -> storeAll(records, expected, status, stored));
    } catch (RuntimeException e) {
      // the commit (or a rollback to a savepoint) failed: nothing of the poll is stored
      stored.clear();
      poll = new PollStored(0, e);
    }
    int failedAt = poll.failedAt();
    RuntimeException failure = poll.failure();
    // the events of each key, in the poll's order
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < stored.size(); i++) {
      byKey.computeIfAbsent(stored.get(i).event().correlationKey(), k -> new ArrayList<>()).add(i);
    }
    Map<String, Future<KeyRelayed>> relays = new LinkedHashMap<>();
    Semaphore inFlight = new Semaphore(publishesInFlight);
    try {
      for (var key : byKey.entrySet()) {
        Set<String> current = new HashSet<>();
        key.getValue().forEach(i -> current.add(stored.get(i).event().eventId()));
        inFlight.acquire();
        relays.put(
            key.getKey(),
            publishers.submit(
                () -> {
                  try {
                    return relay(key.getKey(), current);
                  } finally {
                    inFlight.release();
                  }
                }));
      }
      for (var key : byKey.entrySet()) {
        KeyRelayed relayed = relays.get(key.getKey()).get();
        for (int i : key.getValue()) {
          Stored one = stored.get(i);
          if (relayed.failure() != null) {
            int at =
                relayed.failedEventId() == null ? -1 : indexOf(stored, relayed.failedEventId());
            // the key's first event not in the engine: itself, or (a message owed from an earlier
            // poll failed) the key's first event of this poll
            int first = at >= 0 ? at : key.getValue().getFirst();
            if (i >= first) {
              if (first < failedAt) {
                failedAt = first;
                failure = relayed.failure();
              }
              break;
            }
          }
          logEffect(one, relayed.fresh() > 0);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BatchListenerFailedException("interrupted while publishing", e, 0);
    } catch (ExecutionException e) {
      throw new BatchListenerFailedException("publishing failed", e.getCause(), 0);
    }
    // the analytics facts the poll committed (after its publishes: the journeys first)
    analyticsFacts.drainIfIdle();
    if (failure != null) {
      throw new BatchListenerFailedException(
          "record " + failedAt + " of the poll did not take effect", failure, failedAt);
    }
  }

  /** Where storing a poll stopped: the first record that failed and why, or the poll's size. */
  private record PollStored(int failedAt, RuntimeException failure) {}

  /**
   * Steps 1 and 2 for a poll's records in offset order, in the one transaction {@code status}, each
   * record behind a savepoint of its own: a record that fails is rolled back to its savepoint alone
   * (its own rows, and its locks on PostgreSQL), the records before it stay in the transaction to
   * commit, and the records after it are not tried (they are redelivered after it, per-key order).
   *
   * @param stored receives each record stored, in order
   */
  private PollStored storeAll(
      List<ConsumerRecord<String, byte[]>> records,
      ShopEventType.Topic expected,
      TransactionStatus status,
      List<Stored> stored) {
    for (int i = 0; i < records.size(); i++) {
      var record = records.get(i);
      Read read;
      try {
        read = read(expected, record.value());
      } catch (RuntimeException e) {
        return new PollStored(i, e);
      }
      Object savepoint = status.createSavepoint();
      Outcome outcome;
      try {
        outcome = store(read.event(), record.topic(), read.contentHash());
        status.releaseSavepoint(savepoint);
      } catch (DuplicateKeyException e) {
        status.rollbackToSavepoint(savepoint);
        try {
          outcome = duplicateOrThrow(read.event(), e);
        } catch (RuntimeException notOurs) {
          return new PollStored(i, notOurs);
        }
      } catch (RuntimeException e) {
        status.rollbackToSavepoint(savepoint);
        return new PollStored(i, e);
      }
      stored.add(new Stored(read.event(), outcome));
    }
    return new PollStored(records.size(), null);
  }

  /** What one key's relay in {@link #handleAll} did. */
  private record KeyRelayed(int fresh, String failedEventId, RuntimeException failure) {}

  private KeyRelayed relay(String key, Set<String> current) {
    try {
      return new KeyRelayed(outbox.relay(key, current), null, null);
    } catch (IntakeOutbox.RelayFailure e) {
      return new KeyRelayed(0, e.eventId(), e.getCause());
    } catch (RuntimeException e) {
      return new KeyRelayed(0, null, e); // the store, stamping a message published
    }
  }

  private static int indexOf(List<Stored> stored, String eventId) {
    for (int i = 0; i < stored.size(); i++) {
      if (stored.get(i).event().eventId().equals(eventId)) {
        return i;
      }
    }
    return -1;
  }

  /** Stops the publishing threads of {@link #handleAll} (they are virtual: one per key relay). */
  @PreDestroy
  void close() {
    publishers.close();
  }

  enum Outcome {
    APPLIED,
    DUPLICATE
  }

  private Outcome store(ShopEvent event, String topic, String contentHash) {
    if (!processed.markIfNew(event, topic, contentHash)) {
      var stored = processed.contentHash(event.eventId());
      if (stored.isPresent() && !stored.get().equals(contentHash)) {
        throw new InvalidEventException(
            "event id "
                + event.eventId()
                + " took effect before with other content: a new fact needs a new event id");
      }
      return Outcome.DUPLICATE;
    }
    checkAgainstPlacedOrder(event);
    boolean repeatedOrder =
        event instanceof OrderPlaced placed && history.isOrderPlaced(placed.orderId());
    if (repeatedOrder) {
      // the same order placed again under a new event id (a shop-side resend): one journey per
      // order
      log.warn(
          "OrderPlaced {} repeats order {}, placed before: no second journey",
          event.eventId(),
          event.correlationKey());
    }
    // what the store knows of the buyer before this order: the journey's start needs it (R1, R2)
    // and the analytics' placed fact too; read once, before the store's own update
    Optional<Customer> buyer =
        event instanceof OrderPlaced placed && !repeatedOrder
            ? profiles.find(placed.customerId())
            : Optional.empty();
    if (!repeatedOrder) {
      publishAnalyticsFact(event, buyer);
    }
    boolean current = applyToCustomerStore(event);
    if (!current) {
      log.info(
          "{} {} is older than the latest cart event of {}: stored nowhere, no message (R18)",
          event.type().typeName(),
          event.eventId(),
          event.correlationKey());
    }
    if (event.type().publishesMessage() && !repeatedOrder && current) {
      outbox.add(event, journeyStartVariables(event, buyer));
    }
    return Outcome.APPLIED;
  }

  /**
   * An event that names a buyer or currency other than the placed order's is refused: the journey
   * keeps its buyer, and no message, coupon or payment of that order goes to someone else.
   */
  private void checkAgainstPlacedOrder(ShopEvent event) {
    String customerId;
    String currency;
    switch (event) {
      case OrderPaid e -> {
        customerId = e.customerId();
        currency = e.currency();
      }
      case OrderRefunded e -> {
        customerId = null;
        currency = e.currency();
      }
      case ReviewPosted e -> {
        customerId = e.customerId();
        currency = null;
      }
      case OrderPlaced e -> {
        customerId = e.customerId();
        currency = e.currency();
      }
      default -> {
        return;
      }
    }
    var order = (ShopEvent.OrderEvent) event;
    history
        .placedOrder(order.orderId())
        .ifPresent(
            placed -> {
              if (customerId != null && !customerId.equals(placed.customerId())) {
                throw new InvalidEventException(
                    event.type().typeName()
                        + " "
                        + event.eventId()
                        + ": customerId contradicts order "
                        + order.orderId()
                        + ", placed by another customer");
              }
              if (currency != null && !currency.equals(placed.currency())) {
                throw new InvalidEventException(
                    event.type().typeName()
                        + " "
                        + event.eventId()
                        + ": currency "
                        + currency
                        + " contradicts order "
                        + order.orderId()
                        + ", placed in "
                        + placed.currency());
              }
            });
  }

  /**
   * The analytics' order facts (R23, R25), owed in the intake's transaction ({@link
   * AnalyticsFactOutbox}) so they are owed once with the store, and recorded after the commit:
   * placed (with the buyer's paid orders the store knows of when that proves a returning buyer;
   * none known is no proof of a new one, so null), paid (with the placed order's units and the
   * coupon redeemed), refunded, cancelled. Read before the store's own update, so a placed order
   * does not count itself.
   *
   * @param buyer the placed order's buyer as the store knew them before this order
   */
  private void publishAnalyticsFact(ShopEvent event, Optional<Customer> buyer) {
    var at = event.occurredAt().toInstant();
    switch (event) {
      case OrderPlaced e -> {
        int known = buyer.map(Customer::paidOrders).orElse(0);
        analyticsFacts.add(
            e.eventId(),
            new AnalyticsFacts.OrderPlacedFact(
                e.orderId(),
                e.customerId(),
                e.amount(),
                e.currency(),
                at,
                known > 0 ? known : null));
      }
      case OrderPaid e -> {
        var placed = history.placedOrder(e.orderId());
        String currency =
            e.currency() != null
                ? e.currency()
                : placed.map(OrderHistory.PlacedOrder::currency).orElse(shopCurrency);
        analyticsFacts.add(
            e.eventId(),
            new AnalyticsFacts.PaymentFact(
                e.orderId(),
                e.customerId(),
                e.amount(),
                currency,
                at,
                history.orderUnits(e.orderId()).orElse(0),
                e.couponCode(),
                e.discountAmount()));
      }
      case OrderRefunded e ->
          analyticsFacts.add(
              e.eventId(), new AnalyticsFacts.RefundFact(e.orderId(), e.amount(), at));
      case OrderCancelled e ->
          analyticsFacts.add(e.eventId(), new AnalyticsFacts.CancellationFact(e.orderId(), at));
      default -> {}
    }
  }

  /**
   * What the intake knows that the order journey would otherwise look up after its start: for an
   * {@code OrderPlaced}, {@code returningBuyer} (rules R1, R2: the buyer has a paid order, the
   * answer the {@code lookup-buyer} worker gives), as the store holds it in this transaction. The
   * journey skips its buyer look-up when the variable is there (issue #19: fewer engine records per
   * journey); an outbox row stored by an older version without it gets it at the relay ({@link
   * IntakeOutbox}), so every {@code OrderPlaced} reaching the engine carries it.
   */
  private static Map<String, Object> journeyStartVariables(
      ShopEvent event, Optional<Customer> buyer) {
    if (event instanceof OrderPlaced) {
      return Map.of("returningBuyer", buyer.map(Customer::returning).orElse(false));
    }
    return Map.of();
  }

  /**
   * The customer store's part (rule R15 inputs, profile data); idempotent by order id too.
   *
   * @return false for a cart event older than the cart's latest one (a {@code CartUpdated} after a
   *     newer {@code CartCleared}, say): it changes nothing and owes the cart recovery no message,
   *     so it can neither start a recovery for a cleared cart nor sit in Zeebe's buffer (R18)
   */
  private boolean applyToCustomerStore(ShopEvent event) {
    var at = event.occurredAt().toInstant();
    switch (event) {
      case OrderPlaced e ->
          history.recordOrderPlaced(
              e.orderId(), e.customerId(), at, e.amount(), e.currency(), e.units(), e.promotion());
      case OrderPaid e -> history.recordOrderPaid(e.orderId(), e.customerId(), at, e.amount());
      case OrderCancelled e -> history.recordOrderCancelled(e.orderId(), at, e.reason());
      case OrderShipped e ->
          history.recordOrderShipped(e.orderId(), at, e.carrier(), e.trackingNumber());
      case LogisticsUpdated e ->
          history.recordLogisticsStatus(
              e.orderId(), e.status(), e.description(), e.occurredAt().toInstant());
      case OrderDelivered e -> history.recordOrderDelivered(e.orderId(), at);
      case OrderOutOfStock e -> history.recordOrderOutOfStock(e.orderId(), at);
      case RefundRequested e -> history.recordRefundRequested(e.orderId(), at);
      case OrderRefunded e -> {} // the analytics' order facts keep refunds (net GMV)
      case ReviewPosted e ->
          history.recordReview(e.orderId(), e.customerId(), at, e.rating(), e.text());
      case CartUpdated e -> {
        return history.recordCart(e.customerId(), e.cartValue(), at);
      }
      case CartCleared e -> {
        return history.recordCart(e.customerId(), null, at);
      }
      case CustomerUpserted e -> {
        boolean newest =
            profiles.upsertProfile(
                new Customer(
                    e.customerId(),
                    e.name(),
                    e.phone(),
                    e.locale(),
                    e.timeZone(),
                    e.birthday(),
                    Boolean.TRUE.equals(e.marketingConsent()),
                    0),
                at);
        if (!newest) {
          log.info(
              "CustomerUpserted {} is older than the stored profile of {}: only a consent"
                  + " withdrawal and the phone number applied",
              e.eventId(),
              e.customerId());
        }
      }
    }
    return true;
  }
}
