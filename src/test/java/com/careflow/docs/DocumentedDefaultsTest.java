package com.careflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
