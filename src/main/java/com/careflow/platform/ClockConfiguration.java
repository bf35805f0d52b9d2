package com.careflow.platform;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's notion of "now". Code asks this clock, never {@code Instant.now()}, so the
 * embedded mode can move it together with the engine's clock (the local module's {@code @Primary}
 * clock wins there).
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  @Bean
  Clock systemClock() {
    return Clock.systemUTC();
  }
}
