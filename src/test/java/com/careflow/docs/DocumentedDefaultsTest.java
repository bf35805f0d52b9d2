package com.careflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * One source per default (issue #20): every {@code careflow.*} default in the README's
 * configuration tables is the effective one. Each typed {@code @ConfigurationProperties} class is
 * bound twice with the packaged jar's {@code application.yaml} and no other configuration: once as
 * is, once with only the documented value set; the two must be equal, and the documented setting
 * must exist (an unknown name fails the binding).
 */
class DocumentedDefaultsTest {

  private static final Pattern ROW =
      Pattern.compile(
          "^\\| `(careflow\\.[\\w.-]+)` \\| [^|]* \\| `([^`]*)` \\|", Pattern.MULTILINE);

  @Test
  void theReadmesDefaultsAreTheEffectiveOnes() throws Exception {
    Map<String, Class<?>> prefixes = propertiesClasses();
    List<ConfigurationPropertySource> packaged = new ArrayList<>();
    new YamlPropertySourceLoader()
        .load("application.yaml", new FileSystemResource("src/main/resources/application.yaml"))
        .forEach(s -> ConfigurationPropertySources.from(s).forEach(packaged::add));

    Matcher row = ROW.matcher(Files.readString(Path.of("README.md")));
    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    while (row.find()) {
      String setting = row.group(1);
      String documented = row.group(2);
      String prefix =
          prefixes.keySet().stream()
              .filter(p -> setting.startsWith(p + "."))
              .max(Comparator.comparingInt(String::length))
              .orElse(null);
      softly
          .assertThat(prefix)
          .as(setting + " is bound by a @ConfigurationProperties class")
          .isNotNull();
      if (prefix == null) {
        continue;
      }
      Bindable<?> target = Bindable.of(prefixes.get(prefix));
      Object effective = new Binder(packaged).bindOrCreate(prefix, target);

      List<ConfigurationPropertySource> withDocumented = new ArrayList<>();
      withDocumented.add(new MapConfigurationPropertySource(asProperties(setting, documented)));
      withDocumented.addAll(packaged);
      Object asDocumented;
      try {
        asDocumented =
            new Binder(withDocumented)
                .bindOrCreate(
                    prefix, target, new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
      } catch (RuntimeException e) {
        softly.fail(setting + " = " + documented + " does not bind: " + e.getMessage());
        continue;
      }
      softly
          .assertThat(asDocumented)
          .as("README: %s defaults to %s", setting, documented)
          .usingRecursiveComparison()
          .isEqualTo(effective);
      checked++;
    }
    softly.assertAll();
    assertThat(checked).as("documented defaults checked").isGreaterThan(40);
  }

  private static final Pattern SETTING_COLUMN =
      Pattern.compile("^\\| `(careflow\\.[^`]+)`", Pattern.MULTILINE);

  /**
   * Every {@code careflow.*} property bound by a {@code @ConfigurationProperties} class (as the
   * configuration processor lists them in {@code META-INF/spring-configuration-metadata.json}) has
   * a row in the README's configuration tables (issue #20).
   */
  @Test
  void everyBoundPropertyIsInTheReadmeTable() throws Exception {
    Set<String> bound = boundProperties();
    assertThat(bound)
        .as("careflow.* properties in the configuration metadata")
        .hasSizeGreaterThan(40);
    assertThat(undocumented(bound, Files.readString(Path.of("README.md")))).isEmpty();
  }

  /** The check fails on a bound property without a row: a fixture table lacking one. */
  @Test
  void aBoundPropertyWithoutARowIsReported() {
    String table =
        """
        | setting | environment | default | meaning |
        |---|---|---|---|
        | `careflow.a.max` | `CAREFLOW_A_MAX` | `3` | a limit |
        | `careflow.a.cost-by-code.<code>` | `CAREFLOW_A_COSTBYCODE_<code>` | none | a map |
        | `careflow.a.users[i].name` / `password` | `CAREFLOW_A_USERS_0_NAME` | none | a list |
        """;
    assertThat(
            undocumented(
                List.of(
                    "careflow.a.max",
                    "careflow.a.cost-by-code",
                    "careflow.a.users",
                    "careflow.a.plan"),
                table))
        .containsExactly("careflow.a.plan");
  }

  /**
   * The properties without a README row; a row of a map or list setting ({@code x.<code>}, {@code
   * x[i].name}) documents {@code x}.
   */
  static List<String> undocumented(Collection<String> properties, String readme) {
    Set<String> rows = new TreeSet<>();
    Matcher row = SETTING_COLUMN.matcher(readme);
    while (row.find()) {
      rows.add(row.group(1));
    }
    return properties.stream()
        .filter(
            p ->
                rows.stream()
                    .noneMatch(r -> r.equals(p) || r.startsWith(p + ".") || r.startsWith(p + "[")))
        .toList();
  }

  private static Set<String> boundProperties() throws Exception {
    Set<String> names = new TreeSet<>();
    var resources =
        DocumentedDefaultsTest.class
            .getClassLoader()
            .getResources("META-INF/spring-configuration-metadata.json");
    ObjectMapper json = new ObjectMapper();
    while (resources.hasMoreElements()) {
      try (var in = resources.nextElement().openStream()) {
        for (var property : json.readTree(in).path("properties")) {
          String name = property.path("name").asText();
          String source = property.path("sourceType").asText();
          if (name.startsWith("careflow.") && source.startsWith("com.careflow.")) {
            names.add(name);
          }
        }
      }
    }
    return names;
  }

  /** {@code USD=7.2} for a map setting becomes {@code setting.USD=7.2}. */
  private static Map<String, String> asProperties(String setting, String value) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (value.matches("[A-Za-z]\\w*=[^,]+(, *[A-Za-z]\\w*=[^,]+)*")) {
      for (String entry : value.split(", *")) {
        String[] kv = entry.split("=", 2);
        properties.put(setting + "." + kv[0], kv[1]);
      }
    } else {
      properties.put(setting, value);
    }
    return properties;
  }

  private static Map<String, Class<?>> propertiesClasses() {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    Map<String, Class<?>> prefixes = new LinkedHashMap<>();
    for (var candidate : scanner.findCandidateComponents("com.careflow")) {
      Class<?> type =
          ClassUtils.resolveClassName(
              candidate.getBeanClassName(), DocumentedDefaultsTest.class.getClassLoader());
      ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
      prefixes.put(annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix(), type);
    }
    return prefixes;
  }
}
