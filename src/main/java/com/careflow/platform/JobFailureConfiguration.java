package com.careflow.platform;

import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Replaces the Camunda Spring client's job exception handling (its bean is conditional on a missing
 * one) with {@link TransientJobFailureStrategy}, for every {@code @JobWorker}.
 */
@Configuration(proxyBeanMethods = false)
class JobFailureConfiguration {

  @Bean
  JobExceptionHandlingStrategy jobExceptionHandlingStrategy(
      CommandExceptionHandlingStrategy commandFailures,
      MetricsRecorder metrics,
      JobsProperties props) {
    return new TransientJobFailureStrategy(commandFailures, metrics, props);
  }
}
