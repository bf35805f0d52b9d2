/**
 * The event intake: consumes the shop's Kafka topics ({@code shop.orders}, {@code shop.carts},
 * {@code shop.customers}), validates each event, drops duplicates, keeps the customer store up to
 * date and publishes journey messages through {@link com.careflow.journeys.ZeebeMessagePublisher};
 * bad events go to the dead-letter topics. Owns the tables {@code processed_event} (V2) and {@code
 * intake_outbox} (V8).
 *
 * <p>Exposes {@link com.careflow.intake.ShopEventType} (the event types and the journey messages
 * they become) and {@link com.careflow.intake.EventsProperties} (topics and listener settings).
 */
@ApplicationModule(allowedDependencies = {"analytics", "customers", "journeys", "platform"})
package com.careflow.intake;

import org.springframework.modulith.ApplicationModule;
