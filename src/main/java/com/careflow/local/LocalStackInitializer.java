package com.careflow.local;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the {@link LocalStack} before any bean exists, so the Camunda client, the Kafka listeners
 * and the model deployment all find a running engine and broker, and points the client properties
 * at them. Registered in {@code META-INF/spring.factories}; does nothing unless {@code
 * careflow.local.enabled} is true.
 */
public class LocalStackInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final String PROPERTY_SOURCE = "careflowLocalStack";
  public static final String BEAN_NAME = "careflowLocalStack";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    LocalProperties props =
        Binder.get(env).bindOrCreate("careflow.local", Bindable.of(LocalProperties.class));
    if (!props.enabled() || env.getPropertySources().contains(PROPERTY_SOURCE)) {
      return;
    }
    LocalStack stack = LocalStack.start(props.zeebePort(), props.kafkaPort(), props.engineState());

    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("camunda.client.mode", "self-managed");
    overrides.put("camunda.client.grpc-address", stack.zeebeGrpcAddress());
    // the in-memory engine speaks gRPC only; its REST address must not be our own HTTP port
    overrides.put("camunda.client.prefer-rest-over-grpc", "false");
    overrides.put(
        "camunda.client.rest-address", stack.zeebeGrpcAddress().replaceFirst(":\\d+$", ":1"));
    overrides.put("spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
    env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, overrides));

    // registered first, so destroyed last: after the workers and listeners that use it
    var beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
    beanFactory.registerSingleton(BEAN_NAME, stack);
    beanFactory.registerDisposableBean(BEAN_NAME, stack::close);
  }
}
