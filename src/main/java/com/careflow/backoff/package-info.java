/**
 * Exponential backoff: the one formula for the wait before the next try after failures in a row
 * (transient job failures in {@code platform}, retryable Twilio failures and Twilio's 429s in
 * {@code messaging}, and the event intake's Kafka retries in {@code intake}, through Spring Kafka's
 * {@code BackOff} interface).
 *
 * <p>What other modules use: {@link com.careflow.backoff.ExponentialBackoff}. Depends on no module;
 * owns no table.
 */
@ApplicationModule(allowedDependencies = {})
package com.careflow.backoff;

import org.springframework.modulith.ApplicationModule;
