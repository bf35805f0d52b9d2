/**
 * The event intake: consumes the shop's Kafka topics ({@code shop.orders}, {@code shop.carts},
 * {@code shop.customers}), validates each event, drops duplicates, keeps the customer store up to
 * date and publishes journey messages through {@link com.careflow.journeys.ZeebeMessagePublisher};
 * bad events go to the dead-letter topics. Owns the tables {@code processed_event} (V2), {@code
 * intake_outbox} (V8) and {@code intake_analytics_fact} (V23: the analytics facts it owes, recorded
 * through the analytics module's port after the commit).
 *
 * <p>Exposes nothing to other modules: its settings ({@code EventsProperties}) and the event types
 * and the journey messages they become ({@code ShopEventType}) are its own.
 */
@ApplicationModule(
    allowedDependencies = {"analytics", "backoff", "customers", "journeys", "platform"})
package com.careflow.intake;

import org.springframework.modulith.ApplicationModule;
