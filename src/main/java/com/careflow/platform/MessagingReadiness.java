package com.careflow.platform;

import com.careflow.messaging.TwilioProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code messaging}: {@code UP} when Twilio credentials are set, {@code
 * OUT_OF_SERVICE} with {@code mode=DRY_RUN} otherwise, so a dry run (accepted with {@code
 * careflow.messaging.dry-run=true}) is alive but never reported ready. Part of the readiness group
 * ({@code application.yaml}).
 */
@Component("messaging")
class MessagingReadiness implements HealthIndicator {

  private final TwilioProperties twilio;

  MessagingReadiness(TwilioProperties twilio) {
    this.twilio = twilio;
  }

  @Override
  public Health health() {
    if (twilio.configured()) {
      return Health.up().withDetail("mode", "TWILIO").build();
    }
    return Health.outOfService()
        .withDetail("mode", "DRY_RUN")
        .withDetail(
            "reason",
            "no Twilio credentials: messages are recorded as DRY_RUN and never reach a buyer")
        .build();
  }
}
