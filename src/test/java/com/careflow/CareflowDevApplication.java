package com.careflow;

import org.springframework.boot.SpringApplication;

/**
 * Careflow for development, with everything it needs inside the process: {@code ./mvnw
 * spring-boot:test-run}. The test classpath adds the embedded stack ({@code com.careflow.local}:
 * in-memory Zeebe engine, embedded KRaft Kafka broker, the Double 11 simulator), in-memory H2 and
 * the development defaults of {@code src/test/resources/config/application.yaml}; none of it is in
 * the packaged jar, which runs {@link CareflowApplication} against real services only.
 *
 * <p>Any address given explicitly (environment or {@code --spring.kafka.bootstrap-servers=…},
 * {@code --camunda.client.grpc-address=…}, {@code --spring.datasource.url=…}) is used instead of
 * the embedded component; the start-up summary says which is which.
 */
public final class CareflowDevApplication {

  private CareflowDevApplication() {}

  public static void main(String[] args) {
    SpringApplication.from(CareflowApplication::main).run(args);
  }
}
