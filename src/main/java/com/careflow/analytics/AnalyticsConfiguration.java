package com.careflow.analytics;

import com.careflow.journeys.JourneysProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the analytics module (rules R23–R26) on the application's database. */
@Configuration(proxyBeanMethods = false)
class AnalyticsConfiguration {

  @Bean
  AttributionRules attributionRules(
      JdbcTemplate jdbc, AnalyticsProperties properties, Clock clock) {
    return new AttributionRules(jdbc, properties.attributionWindow(), clock);
  }

  @Bean
  AnalyticsRecorder analyticsRecorder(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      AttributionRules rules,
      AnalyticsProperties properties,
      JourneysProperties journeys,
      Clock clock) {
    return new AnalyticsRecorder(
        jdbc, transactions, rules, properties, journeys.shopTimeZone(), clock);
  }

  @Bean
  RollupRebuild rollupRebuild(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      AttributionRules rules,
      AnalyticsProperties properties) {
    return new RollupRebuild(jdbc, new TransactionTemplate(transactions), rules, properties);
  }

  @Bean
  AnalyticsReports analyticsReports(
      JdbcTemplate jdbc,
      AttributionRules rules,
      AnalyticsProperties properties,
      JourneysProperties journeys,
      Clock clock,
      org.springframework.context.MessageSource messages,
      org.springframework.beans.factory.ObjectProvider<CampaignAudiences> audiences) {
    return new AnalyticsReports(
        jdbc,
        rules,
        properties,
        journeys.shopTimeZone(),
        clock,
        messages,
        audiences.getIfAvailable(() -> CampaignAudiences.NONE));
  }
}
