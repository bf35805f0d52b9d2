/**
 * The order journey ({@code bpmn/order-journey.bpmn}, rules R1–R14) and what starts and advances
 * journeys: {@link com.careflow.journeys.ZeebeMessagePublisher} publishes the shop's events as
 * Zeebe messages (an unreachable engine is a {@link
 * com.careflow.journeys.JourneyUnavailableException}); the {@code plan-call-time} worker puts a
 * staff call inside the calling hours (R3).
 *
 * <p>Exposes {@link com.careflow.journeys.ZeebeMessagePublisher}, {@link
 * com.careflow.journeys.JourneyUnavailableException}, {@link
 * com.careflow.journeys.JourneysProperties} (the shop's time zone, read by analytics, coupons,
 * experiments and the dashboard) and {@link com.careflow.journeys.JourneyJobTypes} (the model's
 * ids). Depends on no other module.
 */
@ApplicationModule(allowedDependencies = {})
package com.careflow.journeys;

import org.springframework.modulith.ApplicationModule;
