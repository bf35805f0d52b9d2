package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard's labels (issue #17): a key written twice in a bundle silently takes the later
 * value, which once put the publish notice "Published: {0}, version {1}. The next message uses it."
 * into the message-texts table's column header. Each key once, and the same keys in both languages.
 */
class DashboardMessagesTest {

  static List<String> keys(String bundle) throws IOException {
    List<String> keys = new ArrayList<>();
    try (InputStream in = DashboardMessagesTest.class.getResourceAsStream("/" + bundle)) {
      assertThat(in).as(bundle).isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#") || l.startsWith("!")) {
          continue;
        }
        int eq = l.indexOf('=');
        keys.add((eq < 0 ? l : l.substring(0, eq)).strip());
      }
    }
    return keys;
  }

  @ParameterizedTest
  @ValueSource(strings = {"messages.properties", "messages_zh_CN.properties"})
  @DisplayName("#17 labels: no key is defined twice in a language's bundle")
  void noKeyTwice(String bundle) throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    Set<String> twice = new TreeSet<>();
    for (String key : keys(bundle)) {
      if (!seen.add(key)) {
        twice.add(key);
      }
    }
    assertThat(twice).as("keys defined twice in %s", bundle).isEmpty();
  }

  @Test
  @DisplayName("#17 labels: English and Chinese define the same keys")
  void sameKeysInBothLanguages() throws IOException {
    assertThat(new TreeSet<>(keys("messages_zh_CN.properties")))
        .isEqualTo(new TreeSet<>(keys("messages.properties")));
  }
}
