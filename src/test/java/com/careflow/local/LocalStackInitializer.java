package com.careflow.local;

import com.careflow.platform.ProductionStartupChecks;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts the {@link LocalStack} before any bean exists, so the Camunda client, the Kafka listeners
 * and the model deployment all find a running engine and broker, and points the client properties
 * at them. Registered in {@code src/test/resources/META-INF/spring.factories} (test scope: the
 * packaged jar has neither this nor the stack); does nothing unless {@code careflow.local.enabled}
 * is true (the development default of {@code src/test/resources/config/application.yaml}).
 *
 * <p>An address given explicitly is never overridden: with {@code spring.kafka.bootstrap-servers}
 * set, no broker is started; with {@code camunda.client.grpc-address} set (or SaaS mode), no
 * engine.
 */
public class LocalStackInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final String PROPERTY_SOURCE = ProductionStartupChecks.EMBEDDED_STACK_PROPERTY_SOURCE;
  public static final String BEAN_NAME = "careflowLocalStack";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    LocalProperties props =
        Binder.get(env).bindOrCreate("careflow.local", Bindable.of(LocalProperties.class));
    if (!props.enabled() || env.getPropertySources().contains(PROPERTY_SOURCE)) {
      return;
    }
    boolean zeebeGiven = zeebeAddressGiven(env);
    boolean kafkaGiven = givenExplicitly(env, "spring.kafka.bootstrap-servers");
    // every port first, before anything starts: a taken one is one line and a clean exit
    java.util.List<LocalStack.PortNeed> ports = new java.util.ArrayList<>();
    if (!zeebeGiven) {
      ports.add(
          new LocalStack.PortNeed(
              props.zeebePort(), "the embedded Zeebe gateway", "CAREFLOW_LOCAL_ZEEBEPORT"));
    }
    if (!kafkaGiven) {
      ports.add(
          new LocalStack.PortNeed(
              props.kafkaPort(), "the embedded Kafka broker", "CAREFLOW_LOCAL_KAFKAPORT"));
    }
    if (context instanceof WebServerApplicationContext) {
      // only a real web server binds (a MOCK web test does not)
      ports.add(
          new LocalStack.PortNeed(
              env.getProperty("server.port", Integer.class, 8080),
              "the HTTP server",
              "SERVER_PORT"));
    }
    LocalStack.requireFreePorts(ports);
    LocalStack stack =
        LocalStack.start(
            !zeebeGiven, props.zeebePort(), !kafkaGiven, props.kafkaPort(), props.engineState());

    Map<String, Object> overrides = new LinkedHashMap<>();
    if (stack.hasEngine()) {
      overrides.put("camunda.client.mode", "self-managed");
      overrides.put("camunda.client.grpc-address", stack.zeebeGrpcAddress());
      // the in-memory engine speaks gRPC only; its REST address must not be our own HTTP port
      overrides.put("camunda.client.prefer-rest-over-grpc", "false");
      overrides.put(
          "camunda.client.rest-address", stack.zeebeGrpcAddress().replaceFirst(":\\d+$", ":1"));
    }
    if (stack.hasKafka()) {
      overrides.put("spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
    }
    overrides.putAll(completeHistory(env));
    // also the marker that relaxes ProductionStartupChecks (in-memory H2, dry run) in development
    env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, overrides));

    // registered first, so destroyed last: after the workers and listeners that use it
    var beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
    beanFactory.registerSingleton(BEAN_NAME, stack);
    beanFactory.registerDisposableBean(BEAN_NAME, stack::close);
  }

  /**
   * R25 in development: the default in-memory H2 database starts empty with the process, so every
   * paid order of the (simulated) shop it will ever hold came through this Careflow: its history is
   * complete from the start, and a buyer with no earlier paid order in it is provably NEW, not
   * "history unknown" (#17: after the simulator night the members page showed all 49 buyers as
   * UNKNOWN). Nothing when the database is another one (its history may predate Careflow) or the
   * setting is given.
   */
  static Map<String, Object> completeHistory(ConfigurableEnvironment env) {
    String url = env.getProperty("spring.datasource.url", "");
    if (!url.startsWith("jdbc:h2:mem:")
        || StringUtils.hasText(env.getProperty(HISTORY_COMPLETE_FROM))) {
      return Map.of();
    }
    return Map.of(HISTORY_COMPLETE_FROM, EMPTY_DATABASE_HISTORY_FROM.toString());
  }

  static final String HISTORY_COMPLETE_FROM = "careflow.analytics.history-complete-from";

  /**
   * The first shop day of an empty database's complete history: early enough that any order the
   * simulator or a developer sends lies more than the new-buyer lookback after it.
   */
  static final java.time.LocalDate EMPTY_DATABASE_HISTORY_FROM = java.time.LocalDate.of(2000, 1, 1);

  /** A Zeebe gateway given explicitly: a gRPC address, or a SaaS cluster. */
  static boolean zeebeAddressGiven(ConfigurableEnvironment env) {
    return givenExplicitly(env, "camunda.client.grpc-address")
        || "saas".equalsIgnoreCase(env.getProperty("camunda.client.mode"))
        || givenExplicitly(env, "camunda.client.cloud.cluster-id");
  }

  /**
   * Whether a setting has a value from the user (environment, system property, command line, an
   * application file, a test's properties), in any of Spring Boot's relaxed forms ({@code
   * CAMUNDA_CLIENT_GRPCADDRESS}); the Camunda starter's own defaults ({@code modes/*.yaml}) do not
   * count.
   */
  static boolean givenExplicitly(ConfigurableEnvironment env, String name) {
    ConfigurationPropertyName key = ConfigurationPropertyName.of(name);
    for (PropertySource<?> source : env.getPropertySources()) {
      if (source.getName().contains("modes/")
          || ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
        continue;
      }
      for (ConfigurationPropertySource properties : ConfigurationPropertySources.from(source)) {
        ConfigurationProperty property = properties.getConfigurationProperty(key);
        if (property != null && StringUtils.hasText(String.valueOf(property.getValue()))) {
          return true;
        }
      }
    }
    return false;
  }
}
