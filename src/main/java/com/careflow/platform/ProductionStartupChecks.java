package com.careflow.platform;

import com.careflow.messaging.MessagingProperties;
import com.careflow.messaging.TwilioProperties;
import com.careflow.security.LoginSettingsCheck;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Refuses to start a production Careflow that would lose data or silently send nothing: runs before
 * any other bean is created (so before the data source and the Camunda client), and throws an
 * {@link UnsafeConfigurationException} naming each setting that is missing; its failure analyzer
 * prints one line per problem instead of a stack trace.
 *
 * <p>Refused, unless the development stack ({@code ./mvnw spring-boot:test-run}, the tests) has
 * registered the {@value #EMBEDDED_STACK_PROPERTY_SOURCE} property source, which the packaged jar
 * cannot do:
 *
 * <ul>
 *   <li>no {@code spring.datasource.url}, or an in-memory / embedded database (H2, HSQLDB, Derby):
 *       opt-outs, send keys and the message log would be gone at restart;
 *   <li>no Twilio credentials ({@code careflow.twilio.account-sid} and {@code auth-token}) and not
 *       {@code careflow.messaging.dry-run=true}: every message would be recorded as sent, never
 *       sent;
 *   <li>Twilio credentials without {@code careflow.twilio.webhook-base-url}: delivery callbacks and
 *       inbound STOP replies could not be signed-checked or requested;
 *   <li>a webhook base URL that is not {@code https} (plain {@code http} only to a loopback host:
 *       {@code localhost}, {@code 127.x.x.x}, {@code ::1}): Twilio's signed requests could be read
 *       and replayed by anyone on the path;
 *   <li>no way to log in (no {@code careflow.security.users} and no JWT issuer), or an operator who
 *       could not log in ({@link LoginSettingsCheck}).
 * </ul>
 *
 * All problems are reported together.
 */
@Component
public class ProductionStartupChecks
    implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

  /**
   * Name of the property source the development stack ({@code com.careflow.local}, test scope only)
   * adds to the environment; while present, these checks do not apply.
   */
  public static final String EMBEDDED_STACK_PROPERTY_SOURCE = "careflowEmbeddedStack";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    if (environment instanceof ConfigurableEnvironment env
        && env.getPropertySources().contains(EMBEDDED_STACK_PROPERTY_SOURCE)) {
      return;
    }
    Binder binder = Binder.get(environment);
    List<String> problems =
        problems(
            binder.bind("spring.datasource.url", String.class).orElse(null),
            binder.bindOrCreate("careflow.twilio", Bindable.of(TwilioProperties.class)),
            binder.bindOrCreate("careflow.messaging", Bindable.of(MessagingProperties.class)));
    List<String> all = new ArrayList<>(problems);
    try {
      all.addAll(LoginSettingsCheck.problems(binder));
    } catch (BindException unreadable) {
      all.add(
          unreadable.getName()
              + " cannot be read: "
              + (unreadable.getCause() == null
                  ? unreadable.getMessage()
                  : unreadable.getCause().getMessage()));
    }
    if (!all.isEmpty()) {
      throw new UnsafeConfigurationException(all);
    }
  }

  /**
   * What makes this configuration unsafe for production, one sentence per problem, each naming the
   * setting and its environment variable; empty when it is safe.
   *
   * @param datasourceUrl {@code spring.datasource.url}, or null when not set
   */
  public static List<String> problems(
      String datasourceUrl, TwilioProperties twilio, MessagingProperties messaging) {
    List<String> problems = new ArrayList<>();
    if (!StringUtils.hasText(datasourceUrl)) {
      problems.add(
          "spring.datasource.url (SPRING_DATASOURCE_URL) is not set: production needs PostgreSQL,"
              + " e.g. jdbc:postgresql://db:5432/careflow");
    } else if (isInMemoryOrEmbedded(datasourceUrl)) {
      problems.add(
          "spring.datasource.url (SPRING_DATASOURCE_URL) is an in-memory or embedded database ("
              + datasourceUrl.split("[;?]", 2)[0]
              + "): opt-outs and the message log would be lost; use PostgreSQL");
    }
    if (!twilio.configured() && !messaging.dryRun()) {
      problems.add(
          "no message sender: set careflow.twilio.account-sid and careflow.twilio.auth-token"
              + " (CAREFLOW_TWILIO_ACCOUNTSID, CAREFLOW_TWILIO_AUTHTOKEN), or"
              + " careflow.messaging.dry-run=true (CAREFLOW_MESSAGING_DRYRUN) to record messages"
              + " without sending them");
    }
    if (twilio.configured() && twilio.webhookBaseUrl() == null) {
      problems.add(
          "careflow.twilio.webhook-base-url (CAREFLOW_TWILIO_WEBHOOKBASEURL) is not set while"
              + " Twilio is configured: delivery callbacks and STOP replies need Careflow's public"
              + " URL, e.g. https://careflow.example.com");
    } else if (twilio.configured() && !httpsOrLoopback(twilio.webhookBaseUrl())) {
      problems.add(
          "careflow.twilio.webhook-base-url (CAREFLOW_TWILIO_WEBHOOKBASEURL) is "
              + twilio.webhookBaseUrl()
              + ": Twilio's webhooks need https (a signed request sent over plain http can be"
              + " read and replayed by anyone on the path); http only for a loopback host"
              + " (localhost, 127.0.0.1, ::1)");
    }
    return List.copyOf(problems);
  }

  /**
   * An absolute {@code https} URL with a host, or {@code http} to a loopback host (a tunnel or
   * proxy on the same machine that terminates TLS). The host is not resolved.
   */
  static boolean httpsOrLoopback(URI url) {
    if (url.getScheme() == null || url.getHost() == null) {
      return false;
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return true;
    }
    if (!scheme.equals("http")) {
      return false;
    }
    String host = url.getHost().toLowerCase(Locale.ROOT);
    return host.equals("localhost")
        || host.endsWith(".localhost")
        || host.matches("127(\\.\\d{1,3}){3}")
        || host.equals("[::1]")
        || host.equals("[0:0:0:0:0:0:0:1]");
  }

  /** H2, HSQLDB, Derby and SQLite live inside the process or in a local file, never shared. */
  static boolean isInMemoryOrEmbedded(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    return url.startsWith("jdbc:h2:")
        || url.startsWith("jdbc:hsqldb:")
        || url.startsWith("jdbc:derby:")
        || url.startsWith("jdbc:sqlite:");
  }
}
