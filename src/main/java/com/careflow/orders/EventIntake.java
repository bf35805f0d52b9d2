package com.careflow.orders;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerRepository;
import com.careflow.journeys.JourneyGateway;
import com.careflow.orders.ShopEvent.CartCleared;
import com.careflow.orders.ShopEvent.CartUpdated;
import com.careflow.orders.ShopEvent.CustomerUpserted;
import com.careflow.orders.ShopEvent.LogisticsUpdated;
import com.careflow.orders.ShopEvent.OrderCancelled;
import com.careflow.orders.ShopEvent.OrderDelivered;
import com.careflow.orders.ShopEvent.OrderOutOfStock;
import com.careflow.orders.ShopEvent.OrderPaid;
import com.careflow.orders.ShopEvent.OrderPlaced;
import com.careflow.orders.ShopEvent.OrderShipped;
import com.careflow.orders.ShopEvent.RefundRequested;
import com.careflow.orders.ShopEvent.ReviewPosted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes one shop event take effect exactly once (see {@code docs/events.md}, "Exactly once in
 * effect"):
 *
 * <ol>
 *   <li>already in {@code processed_event}? Then it took effect before: skip it. This also guards a
 *       replay after Zeebe forgot the message id (time-to-live over), which would otherwise start a
 *       second journey.
 *   <li>publish the Zeebe message with message id = event id. Idempotent: if we crash after this
 *       step, the redelivered event is refused by Zeebe as a duplicate within the time-to-live.
 *   <li>in ONE database transaction: the customer-store update and the {@code processed_event}
 *       marker. Both store updates are idempotent by order id as well.
 * </ol>
 *
 * The Kafka offset is committed only after all three (ack mode {@code record}); any exception
 * leaves it uncommitted for the error handler to retry or dead-letter.
 */
@Service
class EventIntake {

  private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

  private final ShopEventParser parser = new ShopEventParser();
  private final JourneyGateway journeys;
  private final CustomerRepository customers;
  private final ProcessedEvents processed;
  private final TransactionTemplate transaction;
  private final EventsProperties props;

  EventIntake(
      JourneyGateway journeys,
      CustomerRepository customers,
      ProcessedEvents processed,
      TransactionTemplate transaction,
      EventsProperties props) {
    this.journeys = journeys;
    this.customers = customers;
    this.processed = processed;
    this.transaction = transaction;
    this.props = props;
  }

  /**
   * Handles one record value from {@code topic}.
   *
   * @return what happened, for logs and tests
   * @throws InvalidEventException when the record can never take effect (dead-lettered)
   */
  Outcome handle(String topic, ShopEventType.Topic expected, String value) {
    ShopEvent event = parser.parse(value, expected);
    if (processed.contains(event.eventId())) {
      log.debug("{} {} took effect before: skipped", event.type().typeName(), event.eventId());
      return Outcome.DUPLICATE;
    }
    boolean published = false;
    if (event instanceof OrderPlaced placed && customers.isOrderPlaced(placed.orderId())) {
      // the same order placed again under a new event id (a shop-side resend): one journey per
      // order
      log.warn(
          "OrderPlaced {} repeats order {}, placed before: no second journey",
          event.eventId(),
          placed.orderId());
    } else if (event.type().publishesMessage()) {
      published =
          journeys.publish(
              event.type().messageName(),
              event.correlationKey(),
              event.eventId(),
              props.messageTimeToLive(),
              event.variables());
    }
    try {
      transaction.executeWithoutResult(
          status -> {
            applyToCustomerStore(event);
            processed.mark(event, topic);
          });
    } catch (DuplicateKeyException e) {
      // "already processed" only when this event's own id is stored: any other key (a row another
      // event wrote meanwhile) is a real failure, retried, never a reason to commit the offset
      if (!processed.contains(event.eventId())) {
        throw e;
      }
      // another consumer (a rebalance overlap) finished the same event first
      log.info(
          "{} {} was taken by another consumer meanwhile",
          event.type().typeName(),
          event.eventId());
      return Outcome.DUPLICATE;
    }
    log.info(
        "{} {} for {} took effect{}",
        event.type().typeName(),
        event.eventId(),
        event.correlationKey(),
        event.type().publishesMessage() && !published
            ? " (no new message: Zeebe or the store had it)"
            : "");
    return Outcome.APPLIED;
  }

  enum Outcome {
    APPLIED,
    DUPLICATE
  }

  /** The customer store's part (rule R15 inputs, profile data); idempotent by order id too. */
  private void applyToCustomerStore(ShopEvent event) {
    var at = event.occurredAt().toInstant();
    switch (event) {
      case OrderPlaced e ->
          customers.recordOrderPlaced(
              e.orderId(),
              e.customerId(),
              at,
              e.amount(),
              ShopEvent.Check.currencyOrDefault(e.currency()),
              e.units(),
              e.promotion());
      case OrderPaid e -> customers.recordOrderPaid(e.orderId(), e.customerId(), at, e.amount());
      case OrderCancelled e -> customers.recordOrderCancelled(e.orderId(), at, e.reason());
      case OrderShipped e ->
          customers.recordOrderShipped(e.orderId(), at, e.carrier(), e.trackingNumber());
      case LogisticsUpdated e -> customers.recordLogisticsStatus(e.orderId(), e.status());
      case OrderDelivered e -> customers.recordOrderDelivered(e.orderId(), at);
      case OrderOutOfStock e -> customers.recordOrderOutOfStock(e.orderId(), at);
      case RefundRequested e -> customers.recordRefundRequested(e.orderId(), at);
      case ReviewPosted e ->
          customers.recordReview(e.orderId(), e.customerId(), at, e.rating(), e.text());
      case CartUpdated e -> customers.recordCart(e.customerId(), e.cartValue(), at);
      case CartCleared e -> customers.recordCart(e.customerId(), null, at);
      case CustomerUpserted e ->
          customers.upsertProfile(
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
    }
  }
}
