package com.careflow.orders;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code engineAccess}: DOWN while Zeebe refuses Careflow's credentials ({@code
 * UNAUTHENTICATED} / {@code PERMISSION_DENIED}). The intake then waits on the event (its partition
 * pauses, retried with backoff; nothing is dead-lettered) and this indicator tells operations why;
 * the next accepted publish sets it UP again.
 */
@Component("engineAccess")
class EngineAccessHealth implements HealthIndicator {

  private final Clock clock;
  private volatile String refusal;
  private volatile Instant since;

  EngineAccessHealth(Clock clock) {
    this.clock = clock;
  }

  void refused(String code) {
    if (refusal == null) {
      since = clock.instant();
    }
    refusal = code;
  }

  void accepted() {
    refusal = null;
    since = null;
  }

  @Override
  public Health health() {
    String code = refusal;
    if (code == null) {
      return Health.up().build();
    }
    return Health.down()
        .withDetail("reason", "Zeebe refuses Careflow's credentials (" + code + ")")
        .withDetail("since", String.valueOf(since))
        .withDetail("effect", "shop events wait (not dead-lettered) until the credentials work")
        .build();
  }
}
