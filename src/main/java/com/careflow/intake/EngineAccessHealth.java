package com.careflow.intake;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code engineAccess}: DOWN while Zeebe refuses Careflow's credentials ({@code
 * UNAUTHENTICATED} / {@code PERMISSION_DENIED}), with details {@code reason} (the gRPC code),
 * {@code since} (an ISO-8601 instant) and {@code listeners} ({@code paused} or {@code running}).
 * The intake then pauses its listeners ({@link EngineAccessPause}; nothing is dead-lettered) and
 * this indicator tells operations why; the next accepted publish sets it UP again.
 */
@Component("engineAccess")
class EngineAccessHealth implements HealthIndicator {

  private final Clock clock;
  private volatile String refusal;
  private volatile Instant since;
  private volatile boolean listenersPaused;

  EngineAccessHealth(Clock clock) {
    this.clock = clock;
  }

  void refused(String code) {
    if (refusal == null) {
      since = clock.instant();
    }
    refusal = code;
  }

  void listenersPaused(boolean paused) {
    listenersPaused = paused;
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
        .withDetail("listeners", listenersPaused ? "paused" : "running")
        .withDetail(
            "effect",
            "shop events wait on Kafka (not dead-lettered); the listeners resume when Zeebe takes"
                + " the oldest owed message again")
        .build();
  }
}
