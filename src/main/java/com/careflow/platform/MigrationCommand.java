package com.careflow.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * {@code ./mvnw spring-boot:run -Dspring-boot.run.profiles=migrate
 * -Dspring-boot.run.arguments="--careflow.migration.plan=<file>"} (or {@code java -jar
 * target/careflow-<version>.jar --spring.profiles.active=migrate
 * --careflow.migration.plan=<file>}): deploys the models under the deployment policy (as every
 * start does), migrates the plan's journey, reports, and exits with 0 when every instance moved, 1
 * otherwise.
 */
@Component
@ConditionalOnProperty("careflow.migration.plan")
class MigrationCommand implements ApplicationRunner, Ordered {

  private static final Logger log = LoggerFactory.getLogger(MigrationCommand.class);

  private final ProcessInstanceMigration migration;
  private final MigrationProperties props;
  private final ConfigurableApplicationContext context;

  MigrationCommand(
      ProcessInstanceMigration migration,
      MigrationProperties props,
      ConfigurableApplicationContext context) {
    this.migration = migration;
    this.props = props;
    this.context = context;
  }

  @Override
  public void run(ApplicationArguments args) {
    MigrationPlan plan = MigrationPlan.read(props.plan());
    var result = migration.migrateAll(plan, props.dryRun());
    log.info(
        "{} {} instance(s) of {} to version {} (definition {}); {} failed{}",
        props.dryRun() ? "Would migrate" : "Migrated",
        result.migrated().size(),
        plan.processId(),
        result.targetVersion(),
        result.targetDefinitionKey(),
        result.failures().size(),
        result.failures().isEmpty() ? "" : ": " + String.join("; ", result.failures()));
    int exitCode = result.failures().isEmpty() ? 0 : 1;
    System.exit(SpringApplication.exit(context, () -> exitCode));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after the model deployment
  }
}
