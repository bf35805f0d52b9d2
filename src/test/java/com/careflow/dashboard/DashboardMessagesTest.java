package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.analytics.ModelNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

  /**
   * The models' names in Chinese ({@code model.journey.*}, {@code model.step.*}): only the Chinese
   * bundle has them, the English pages show the BPMN models' own (English) names.
   */
  static boolean modelName(String key) {
    return key.startsWith("model.");
  }

  @Test
  @DisplayName("#17 labels: English and Chinese define the same keys (besides the models' names)")
  void sameKeysInBothLanguages() throws IOException {
    assertThat(
            new TreeSet<>(
                keys("messages_zh_CN.properties").stream().filter(k -> !modelName(k)).toList()))
        .isEqualTo(new TreeSet<>(keys("messages.properties")));
    assertThat(keys("messages.properties")).noneMatch(DashboardMessagesTest::modelName);
  }

  @Test
  @DisplayName(
      "#17 names: every shipped journey, each of its send steps and every occasion has a zh-CN name")
  void everyJourneyStepAndOccasionHasAChineseName() {
    var messages = DashboardMvc.messages();
    var names = new ModelNames(messages);
    Locale zh = Locale.SIMPLIFIED_CHINESE;
    var diagrams = new JourneyDiagrams();
    assertThat(diagrams.all())
        .extracting(JourneyDiagrams.Journey::processId)
        .contains("order-journey", "cart-recovery", "campaign-offer");
    List<String> missing = new ArrayList<>();
    int couponSteps = 0;
    for (var journey : diagrams.all()) {
      if (messages.getMessage("model.journey." + journey.processId(), null, null, zh) == null) {
        missing.add("model.journey." + journey.processId() + " (" + journey.name() + ")");
      }
      for (var step : journey.steps()) {
        String key = "model.step." + journey.processId() + "." + step.id();
        if (messages.getMessage(key, null, null, zh) == null) {
          missing.add(key + " (" + step.name() + ")");
        }
      }
      // the coupon steps too: their coupons' cost is shown under them (R24, #16 review)
      var coupons =
          java.util.regex.Pattern.compile(
                  "id=\"([^\"]+)\" name=\"[^\"]*\" zeebe:modelerTemplate=\"com\\.careflow\\.issue-coupon\"")
              .matcher(journey.xml());
      while (coupons.find()) {
        couponSteps++;
        String key = "model.step." + journey.processId() + "." + coupons.group(1);
        if (messages.getMessage(key, null, null, zh) == null) {
          missing.add(key);
        }
      }
    }
    assertThat(couponSteps).as("coupon steps in the journeys").isGreaterThanOrEqualTo(4);
    assertThat(missing).as("send and coupon steps and journeys without a Chinese name").isEmpty();
    // a step the bundle does not name keeps the model's name, in both languages
    assertThat(names.step("order-journey", "Activity_New", "Send something new", zh))
        .isEqualTo("Send something new");
    assertThat(
            names.step(
                "order-journey",
                "Activity_SendPaymentReminder",
                "Send payment reminder",
                Locale.ENGLISH))
        .isEqualTo("Send payment reminder");
    assertThat(names.step("order-journey", "Activity_SendPaymentReminder", "x", zh))
        .isEqualTo("发送催付提醒");

    // every occasion of the calendar (R19) and both big sales
    assertThat(names.occasions()).containsKeys("CHRISTMAS", "DOUBLE_12", "SPRING_FESTIVAL");
    List<String> occasions = new ArrayList<>(names.occasions().keySet());
    occasions.addAll(List.of("DOUBLE_11", "SALE_618"));
    for (String code : occasions) {
      assertThat(names.occasion(code, zh)).as(code).isNotEqualTo(code).isNotBlank();
      assertThat(names.occasion(code, Locale.ENGLISH)).as(code).isNotBlank();
    }
    assertThat(names.occasion("CHRISTMAS", zh)).isEqualTo("圣诞节");
    assertThat(names.occasion("DOUBLE_11", zh)).isEqualTo("双11");
    assertThat(names.occasion("NEW_YEAR", Locale.ENGLISH)).isEqualTo("New Year");
    assertThat(names.occasion("SOMETHING_ELSE", zh)).isEqualTo("SOMETHING_ELSE");
  }
}
