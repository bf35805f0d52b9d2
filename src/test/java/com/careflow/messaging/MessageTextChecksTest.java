package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.messaging.MessageTextChecks.Reason;
import com.careflow.messaging.MessageTexts.Finding;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every result of the message text checks ({@link MessageTextChecks}: rules R12, R14, R21, form,
 * placeholders, SMS segments) carries a bundle key and its arguments beside the English sentence,
 * so the dashboard shows it in the page's language: each reason has a sentence in both bundles,
 * using the same arguments, and the English one is the sentence of the API and the logs.
 */
class MessageTextChecksTest {

  static final MessagingProperties PROPS = MessagingTestSupport.messaging(Map.of());
  static final String WHERE = "text some-key (en)";

  static final JourneyPlaceholders.Step SENDS_ORDER =
      new JourneyPlaceholders.Step(
          "order-journey.bpmn",
          "order-journey",
          "Activity_SendCareMessage",
          "Send care message",
          Set.of("orderId"));
  static final JourneyPlaceholders.Step SENDS_NOTHING =
      new JourneyPlaceholders.Step(
          "order-journey.bpmn", "order-journey", "Activity_Thanks", "Send thanks", Set.of());

  /**
   * One real check producing each reason, from the check functions themselves (a new reason without
   * a row here fails {@link #everyReasonHasASample}).
   */
  static Map<Reason, Finding> samples() {
    Map<Reason, Finding> s = new EnumMap<>(Reason.class);
    s.put(
        Reason.FORBIDDEN_PHRASE,
        MessageTextChecks.compliance(WHERE, "review-invite", "Order {orderId}: 好评返现！", PROPS)
            .getFirst());
    s.put(
        Reason.PROMOTION,
        MessageTextChecks.compliance(WHERE, "review-thanks", "谢谢！双11大促马上开始。", PROPS).getFirst());
    s.put(Reason.EMPTY, MessageTextChecks.form(WHERE, " ").getFirst());
    s.put(
        Reason.STRAY_BRACE, MessageTextChecks.form(WHERE, "Order { orderId } arrived").getFirst());
    s.put(
        Reason.UNFILLED,
        MessageTextChecks.unfilled(
                WHERE, "care-message", "{orderId} via {courierName}", List.of(SENDS_ORDER))
            .getFirst());
    s.put(
        Reason.UNFILLED_NO_VALUES,
        MessageTextChecks.unfilled(WHERE, "review-thanks", "{orderId}", List.of(SENDS_NOTHING))
            .getFirst());
    s.put(Reason.NOT_SENT, MessageTextChecks.notSent(WHERE, "new-key"));
    SmsSegments.Count count = MessageTextChecks.longest("您的订单 {orderId} 已送达。".repeat(20), 20);
    s.put(Reason.SEGMENTS, MessageTextChecks.segments(WHERE, count, PROPS, true));
    s.put(Reason.SEGMENTS_NOT_ACCEPTED, MessageTextChecks.segments(WHERE, count, PROPS, false));
    return s;
  }

  static Stream<Reason> reasons() {
    return Arrays.stream(Reason.values());
  }

  static Properties bundle(String name) throws Exception {
    Properties p = new Properties();
    try (var in =
        new InputStreamReader(
            MessageTextChecksTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  static ResourceBundleMessageSource bundles() {
    var bundles = new ResourceBundleMessageSource();
    bundles.setBasename("messages");
    bundles.setDefaultEncoding("UTF-8");
    bundles.setFallbackToSystemLocale(false);
    return bundles;
  }

  /** The arguments a sentence shows, by index (0–9): formatted with markers, which appear. */
  static Set<Integer> arguments(String pattern) {
    Object[] markers = new Object[10];
    Arrays.setAll(markers, i -> "§" + i + "§");
    String shown = new java.text.MessageFormat(pattern, Locale.ROOT).format(markers);
    Set<Integer> found = new TreeSet<>();
    for (int i = 0; i < markers.length; i++) {
      if (shown.contains((String) markers[i])) {
        found.add(i);
      }
    }
    return found;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Reason.class)
  @DisplayName(
      "Every reason a check can give has a sentence in English and Chinese, with the same arguments")
  void everyReasonIsInBothBundles(Reason reason) throws Exception {
    String en = bundle("messages.properties").getProperty(reason.key());
    String zh = bundle("messages_zh_CN.properties").getProperty(reason.key());
    assertThat(en).as("English sentence of %s", reason).isNotBlank();
    assertThat(zh).as("Chinese sentence of %s", reason).isNotBlank();
    assertThat(arguments(zh)).as("arguments of %s", reason).isEqualTo(arguments(en));
  }

  @Test
  @DisplayName("The bundles' texts.check.* keys are exactly the reasons' keys")
  void noSentenceWithoutAReason() throws Exception {
    Set<String> keys = new TreeSet<>(reasons().map(Reason::key).toList());
    for (String bundle : List.of("messages.properties", "messages_zh_CN.properties")) {
      Set<String> inBundle = new TreeSet<>();
      for (String k : bundle(bundle).stringPropertyNames()) {
        if (k.startsWith("texts.check.")) {
          inBundle.add(k);
        }
      }
      assertThat(inBundle).as(bundle).isEqualTo(keys);
    }
  }

  @Test
  void everyReasonHasASample() {
    assertThat(samples()).containsOnlyKeys(Reason.values());
    samples().forEach((reason, f) -> assertThat(f.key()).as("%s", reason).isEqualTo(reason.key()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reasons")
  @DisplayName(
      "R12/R14/R21, placeholders, braces, empty text, segments: the English sentence names the text"
          + " and reads as the English page does; the Chinese page reads Chinese, names kept")
  void theSentenceInEachLanguage(Reason reason) {
    Finding finding = samples().get(reason);
    var bundles = bundles();
    Object[] args = finding.arguments().toArray();
    String en = bundles.getMessage(finding.key(), args, Locale.ENGLISH);
    String zh = bundles.getMessage(finding.key(), args, Locale.SIMPLIFIED_CHINESE);

    assertThat(finding.text()).isEqualTo(WHERE + ": " + en);
    assertThat(zh).containsPattern("\\p{IsHan}").isNotEqualTo(en);
    // the Chinese sentence has no English words of its own: what is Latin in it are the arguments
    // (names, figures), setting names and rule ids
    String rest = zh;
    for (String a : finding.arguments()) {
      assertThat(zh).as("argument kept as it is").contains(a);
      rest = rest.replace(a, "");
    }
    assertThat(
            rest.replaceAll(
                "careflow\\.messaging\\.max-segments-warning|acceptSegments=true|API|incident|orderId"
                    + "|R\\d+",
                ""))
        .doesNotContainPattern("[A-Za-z]{3,}");
  }

  @Test
  @DisplayName("The arguments are names and figures as they are, e.g. the phrase and the step")
  void theArgumentsAreNames() {
    Map<Reason, Finding> s = samples();
    assertThat(s.get(Reason.FORBIDDEN_PHRASE).arguments()).containsExactly("好评返现");
    assertThat(s.get(Reason.FORBIDDEN_PHRASE).text())
        .isEqualTo(
            "text some-key (en): review-related template contains the forbidden phrase '好评返现'"
                + " (rule R12)");
    assertThat(s.get(Reason.UNFILLED).arguments())
        .as("the placeholders braced, the step's name, process and id, the key, what it fills")
        .containsExactly(
            "{courierName}",
            SENDS_ORDER.elementName(),
            SENDS_ORDER.processId(),
            SENDS_ORDER.elementId(),
            "care-message",
            "{orderId}");
    assertThat(s.get(Reason.STRAY_BRACE).text())
        .contains("placeholders are written {orderId}: a letter first", "'Order { orderId } ");
    assertThat(s.get(Reason.SEGMENTS_NOT_ACCEPTED).arguments())
        .contains("UCS2", "20", "3")
        .last()
        .asString()
        .contains("USD (default)");
  }
}
