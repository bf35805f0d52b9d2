package com.careflow.local;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Beans of the embedded mode only; without them the {@code /local/**} endpoints answer 404. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "careflow.local.enabled", havingValue = "true", matchIfMissing = true)
class LocalConfiguration {

  /**
   * The engine's clock, so the application's "now" moves with {@code /local/clock/advance}; the
   * system clock when the Zeebe address was given explicitly (no in-memory engine to follow).
   */
  @Bean
  @Primary
  Clock engineClock(LocalStack localStack) {
    return localStack.hasEngine() ? localStack.clock() : Clock.systemUTC();
  }
}
