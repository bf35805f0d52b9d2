package com.careflow.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

  /**
   * Real Twilio, throttled to the sender's segments per second (shared by every instance through
   * the database unless {@code careflow.messaging.send-limit.shared=false}), when credentials are
   * configured; the dry run otherwise.
   */
  @Bean
  MessageSender messageSender(
      TwilioProperties twilio,
      MessagingProperties messaging,
      SendLimitProperties limit,
      DataSource dataSource) {
    if (twilio.configured()) {
      boolean shared = limit.shared() && postgres(dataSource);
      if (limit.shared() && !shared) {
        // the embedded development database (H2) serves one instance; production refuses it
        log.warn(
            "careflow.messaging.send-limit.shared needs PostgreSQL; this database is not: the"
                + " send limit counts for this instance alone");
      }
      SegmentRateLimiter limiter =
          shared
              ? SegmentRateLimiter.shared(dataSource, limit, messaging.rateLimitMaxWait())
              : SegmentRateLimiter.local(limit, messaging.rateLimitMaxWait());
      log.info(
          "Send limit: {} SMS segments/s, {}",
          limit.segmentsPerSecond(),
          shared
              ? "shared by every instance (bucket " + limit.bucketId() + " in send_rate_bucket)"
              : "for this instance alone");
      return new TwilioMessageSender(twilio, limiter);
    }
    log.info(
        "No Twilio credentials (CAREFLOW_TWILIO_ACCOUNTSID / CAREFLOW_TWILIO_AUTHTOKEN): messages run dry");
    return new DryRunMessageSender();
  }

  private static boolean postgres(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot tell which database holds the shared send limit: " + e.getMessage(), e);
    }
  }
}
