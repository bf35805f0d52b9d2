package com.careflow.local;

import com.careflow.experiments.ExperimentProperties;
import com.careflow.messaging.MessageSenders;
import com.careflow.platform.Deployments;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One short summary after start-up in development mode: where the dashboard is and its demo login,
 * what runs embedded and what was given, that all data goes with the process, and how to try it.
 */
@Component
@ConditionalOnProperty(name = "careflow.local.enabled", havingValue = "true", matchIfMissing = true)
class StartupSummary {

  private static final Logger log = LoggerFactory.getLogger(StartupSummary.class);

  private final LocalStack stack;
  private final org.springframework.beans.factory.BeanFactory beans;
  private final Environment env;
  private final ExperimentProperties experiments;

  StartupSummary(
      LocalStack stack,
      org.springframework.beans.factory.BeanFactory beans,
      Environment env,
      ExperimentProperties experiments) {
    this.experiments = experiments;
    this.stack = stack;
    this.beans = beans;
    this.env = env;
  }

  @EventListener(ApplicationReadyEvent.class)
  void printSummary() {
    log.info(text());
  }

  String text() {
    String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    String models =
        Deployments.lastDeployed(beans)
            .map(
                byFile ->
                    byFile.entrySet().stream()
                        .map(e -> "    " + e.getKey() + ": " + String.join(", ", e.getValue()))
                        .collect(Collectors.joining("\n")))
            .orElse("    (nothing deployed)");
    String zeebe =
        stack.hasEngine()
            ? "embedded in-memory engine, gRPC " + stack.zeebeGrpcAddress()
            : "given: " + env.getProperty("camunda.client.grpc-address", "(SaaS cluster)");
    String kafka =
        stack.hasKafka()
            ? "embedded KRaft broker " + stack.kafkaBootstrapServers()
            : "given: " + env.getProperty("spring.kafka.bootstrap-servers");
    Login login = Login.of(Binder.get(env));
    String url = env.getProperty("spring.datasource.url", "");
    String database =
        url.startsWith("jdbc:h2:mem:")
            ? "embedded in-memory H2 (" + url.split(";", 2)[0] + ")"
            : "given: " + url;
    return """

        ==== Careflow is running (development mode: ./mvnw spring-boot:test-run) ====
        Dashboard: http://localhost:%s/   login: %s
        Listening on %s only (server.address; SERVER_ADDRESS=0.0.0.0 for other machines).
        ALL DATA IS GONE when the process stops: the embedded engine, broker and database are
        in memory or in a temporary folder. For production, see the README.
        Deployed models:
        %s
        Zeebe:    %s
        Kafka:    %s   topics: shop.orders, shop.carts, shop.customers (+ .DLT)
        Database: %s
        Messages: %s
        Experiments: %s
        HTTP: http://localhost:%s/   health: http://localhost:%s/actuator/health
        Send a first order event (every /local route needs the login, README "Your first order"):
          curl -u %s -X POST localhost:%s/local/events/shop.orders -H 'Content-Type: application/json' \\
            -d '{"eventId":"e-1","type":"OrderPlaced","occurredAt":"2026-11-11T00:05:00+08:00","orderId":"o-1","customerId":"c-1","amount":99.00,"currency":"CNY","items":[{"sku":"tea-1","title":"Tea","quantity":1,"price":99.00}]}'
        Replay a whole Double 11 night (customers, orders, payments, shipments, reviews, carts):
          curl -u %s -X POST 'localhost:%s/local/simulator/double11?customers=50&orders=200&seed=11'
        Advance the engine clock by 2 hours (fires due reminders):
          curl -u %s -X POST localhost:%s/local/clock/advance -H 'Content-Type: application/json' -d '{"duration":"PT2H"}'
        ==============================================================================
        """
        .formatted(
            port,
            login.summary(),
            env.getProperty("server.address", "all interfaces"),
            models,
            zeebe,
            kafka,
            database,
            MessageSenders.mode(beans),
            experimentsLine(experiments),
            port,
            port,
            login.curl(),
            port,
            login.curl(),
            port,
            login.curl(),
            port);
  }

  /** #18: whether the payment reminder's holdout is on, and how to switch it on when it is not. */
  static String experimentsLine(ExperimentProperties experiments) {
    ExperimentProperties.HoldoutStatus status = experiments.paymentReminderStatus();
    return status.reason() == null
        ? "reminder holdout ON: "
            + status.effectivePercent()
            + " % of reminded buyers held out (experiment "
            + status.experimentId()
            + ")"
        : "reminder holdout OFF (configured "
            + status.configuredPercent()
            + " %, not applied: "
            + status.reason()
            + "; CAREFLOW_EXPERIMENTS_PAYMENTREMINDERHOLDOUT_ENABLED=true to switch it on)";
  }

  /**
   * The login the summary names: the first operations admin of {@code careflow.security.users}. Its
   * password is shown only when it is the built-in demo default ({@code demo} / {@code
   * {noop}demo}); a configured password never is.
   */
  record Login(String summary, String curl) {

    static Login of(Binder settings) {
      for (int i = 0; ; i++) {
        String key = "careflow.security.users[" + i + "]";
        String name = settings.bind(key + ".username", String.class).orElse(null);
        if (name == null) {
          break;
        }
        boolean admin =
            java.util.Arrays.stream(
                    settings.bind(key + ".roles", String[].class).orElse(new String[0]))
                .anyMatch(role -> role.strip().equalsIgnoreCase("ADMIN"));
        if (!admin) {
          continue;
        }
        String password = settings.bind(key + ".password", String.class).orElse("");
        if (com.careflow.security.DemoLogin.isDemo(name, password)) {
          return new Login("demo / demo (operations admin)", "demo:demo");
        }
        return new Login(
            name + " / (the password configured for it) (operations admin)", name + ":PASSWORD");
      }
      return new Login(
          "no operations admin in careflow.security.users (a JWT of your identity provider)",
          "USER:PASSWORD");
    }
  }
}
