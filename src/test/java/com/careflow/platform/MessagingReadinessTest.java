package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.messaging.TwilioProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Fault: a dry run reported ready, so traffic is sent to an instance that reaches no buyer. */
class MessagingReadinessTest {

  private static TwilioProperties twilio(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("careflow.twilio", Bindable.of(TwilioProperties.class));
  }

  @Test
  void dryRunIsOutOfService() {
    var health = new MessagingReadiness(twilio(Map.of())).health();
    assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(health.getDetails()).containsEntry("mode", "DRY_RUN");
  }

  @Test
  void twilioIsUp() {
    var health =
        new MessagingReadiness(
                twilio(
                    Map.of(
                        "careflow.twilio.account-sid", "AC00000000000000000000000000000000",
                        "careflow.twilio.auth-token", "secret")))
            .health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
  }
}
