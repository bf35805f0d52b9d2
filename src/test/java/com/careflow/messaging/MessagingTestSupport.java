package com.careflow.messaging;

import com.careflow.support.TwilioStub;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Builds messaging settings the way Spring binds them (defaults included) and signs webhooks. */
final class MessagingTestSupport {

  private MessagingTestSupport() {}

  /** The models the journeys ship: which placeholders each text's steps fill. */
  static JourneyPlaceholders shippedJourneys() {
    return new JourneyPlaceholders(
        java.util.List.of("classpath*:bpmn/**/*.bpmn", "classpath*:dmn/**/*.dmn"),
        new org.springframework.core.io.support.PathMatchingResourcePatternResolver());
  }

  /**
   * The database-backed texts on {@code jdbc}, seeded from the template files (a text the database
   * has already is kept).
   */
  static MessageTexts texts(
      org.springframework.jdbc.core.simple.JdbcClient jdbc,
      MessagingProperties props,
      org.springframework.transaction.PlatformTransactionManager transactions,
      java.time.Clock clock) {
    MessageTexts texts =
        new MessageTexts(
            new MessageTextStore(jdbc, clock),
            new MessageTemplates(props),
            shippedJourneys(),
            props,
            new com.careflow.security.AuditLog(jdbc, clock),
            transactions);
    texts.seed();
    return texts;
  }

  static MessagingProperties messaging(Map<String, String> overrides) {
    return new Binder(new MapConfigurationPropertySource(overrides))
        .bindOrCreate("careflow.messaging", MessagingProperties.class);
  }

  static QuietHoursProperties quietHours(Map<String, String> overrides) {
    return new Binder(new MapConfigurationPropertySource(overrides))
        .bindOrCreate("careflow.messaging.quiet-hours", QuietHoursProperties.class);
  }

  static SendLimitProperties sendLimit(Map<String, String> overrides) {
    return new Binder(new MapConfigurationPropertySource(overrides))
        .bindOrCreate("careflow.messaging.send-limit", SendLimitProperties.class);
  }

  /** An instance-local send limit of {@code segmentsPerSecond}, defaults otherwise. */
  static SegmentRateLimiter localLimit(double segmentsPerSecond, java.time.Duration maxWait) {
    return SegmentRateLimiter.local(
        sendLimit(
            Map.of(
                "careflow.messaging.send-limit.segments-per-second",
                String.valueOf(segmentsPerSecond))),
        maxWait);
  }

  /** Twilio settings pointing the SDK at a WireMock stub. */
  static TwilioProperties twilio(String baseUrl, Map<String, String> overrides) {
    Map<String, String> all =
        new HashMap<>(
            Map.of(
                "careflow.twilio.account-sid", TwilioStub.ACCOUNT_SID,
                "careflow.twilio.auth-token", TwilioStub.AUTH_TOKEN,
                "careflow.twilio.from", TwilioStub.FROM,
                "careflow.twilio.base-url", baseUrl));
    all.putAll(overrides);
    return new Binder(new MapConfigurationPropertySource(all))
        .bindOrCreate("careflow.twilio", TwilioProperties.class);
  }

  /**
   * Twilio's documented webhook signature: Base64(HMAC-SHA1(auth token, URL + each POST parameter
   * name and value, sorted by name)), computed independently of the SDK's validator.
   */
  static String signature(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
