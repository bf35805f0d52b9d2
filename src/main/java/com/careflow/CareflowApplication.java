package com.careflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Careflow: buyer-lifecycle journeys (BPMN on Camunda 8) driven by shop events on Kafka.
 *
 * <p>Each top-level package is one feature module; {@code ModularityTest} checks their boundaries.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CareflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(CareflowApplication.class, args);
  }
}
