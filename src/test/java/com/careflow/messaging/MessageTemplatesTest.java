package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Templates are checked when they load (rules R12, R14, R21), by the key naming convention. */
class MessageTemplatesTest {

  @TempDir Path dir;

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(Config.class);

  @EnableConfigurationProperties(MessagingProperties.class)
  static class Config {
    @org.springframework.context.annotation.Bean
    MessageTemplates messageTemplates(MessagingProperties props) {
      return new MessageTemplates(props);
    }
  }

  private void write(String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
  }

  private String extraLocation() {
    return "careflow.messaging.template-locations=classpath*:templates/," + dir.toUri();
  }

  @Test
  void theShippedTemplatesPassTheCheck() {
    context.run(
        ctx ->
            assertThat(ctx)
                .hasNotFailed()
                .getBean(MessageTemplates.class)
                .satisfies(
                    t ->
                        assertThat(t.available())
                            .contains("payment-reminder-new.en", "payment-reminder-new.zh-CN")));
  }

  @Test
  void r12_aForbiddenPhraseInAReviewTemplateStopsStartUp() throws IOException {
    write("review-invite.zh-CN.txt", "亲，您的订单 {orderId} 已签收，好评返现5元哦！");

    context
        .withPropertyValues(extraLocation())
        .run(
            ctx ->
                assertThat(ctx)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("review-invite.zh-CN.txt")
                    .hasMessageContaining("'好评返现'")
                    .hasMessageContaining("R12"));
  }

  @Test
  void r12_theForbiddenPhrasesAreAShopSetting() throws IOException {
    write("review-invite.en.txt", "Tell us about order {orderId} - five stars get a free gift!");

    context.withPropertyValues(extraLocation()).run(ctx -> assertThat(ctx).hasNotFailed());
    context
        .withPropertyValues(
            extraLocation(), "careflow.messaging.review-forbidden-phrases=free gift")
        .run(
            ctx ->
                assertThat(ctx)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("'free gift'"));
  }

  @Test
  void r14_r21_thankYouAndApologyTemplatesCarryNoPromotion() throws IOException {
    write("review-thanks.en.txt", "Thank you for your review! Our big sale starts tomorrow.");
    write("logistics-apology.zh-CN.txt", "抱歉，订单 {orderId} 物流延误。限时秒杀进行中！");

    context
        .withPropertyValues(extraLocation())
        .run(
            ctx ->
                assertThat(ctx)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("review-thanks.en.txt")
                    .hasMessageContaining("'sale'")
                    .hasMessageContaining("logistics-apology.zh-CN.txt")
                    .hasMessageContaining("'限时'"));
  }

  @Test
  void theConventionDecidesNotAListOfKeys() {
    MessagingProperties props = MessagingTestSupport.messaging(Map.of());
    // a promotion is fine in a marketing template, a compensation coupon in an apology (R9, R13)
    assertThat(
            MessageTemplates.violations(
                "templates/holiday-greeting.en.txt", "Big sale this weekend!", props))
        .isEmpty();
    assertThat(
            MessageTemplates.violations(
                "templates/out-of-stock-apology.en.txt",
                "Sorry, {title} is out of stock. Here is a coupon {couponCode} for your trouble.",
                props))
        .isEmpty();
    assertThat(
            MessageTemplates.violations(
                "templates/wholesale-thanks.en.txt", "Thanks for your wholesale order", props))
        .as("'sale' only as a word")
        .isEmpty();
    assertThat(
            MessageTemplates.violations("templates/review-anything-new.zh-CN.txt", "晒图有礼", props))
        .hasSize(1);
    assertThat(MessageTemplates.violations("templates/care-thanks.en.txt", "Shop now!", props))
        .hasSize(1);
  }

  @Test
  void operationsOverrideAShippedTemplateWithoutAJavaChange() throws IOException {
    write("payment-reminder-new.en.txt", "Order {orderId}: still waiting for you.");

    context
        .withPropertyValues(extraLocation())
        .run(
            ctx ->
                assertThat(
                        ctx.getBean(MessageTemplates.class)
                            .render("payment-reminder-new", "en", Map.of("orderId", "o-5")))
                    .isEqualTo("Order o-5: still waiting for you."));
  }

  @Test
  void aBadlyNamedFileStopsStartUp() throws IOException {
    write("shipment notice.txt", "Shipped");

    context
        .withPropertyValues(extraLocation())
        .run(
            ctx ->
                assertThat(ctx)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("<template-key>.<locale>.txt"));
  }

  /**
   * Fault 3 (issue #15): the buyer's locale falls back by the standard candidate list ({@link
   * java.util.ResourceBundle.Control#getCandidateLocales}), then the shop default's; the kind, as a
   * table over region, script, case and separator variants.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "fault 3: locale {0} renders the {1} text")
  @org.junit.jupiter.params.provider.CsvSource({
    "en, en",
    "en-US, en",
    "en-GB, en",
    "en_US, en",
    "EN-us, en",
    "en-Latn-US, en",
    "zh-CN, zh-CN",
    "zh-Hans-CN, zh-CN",
    "zh_CN, zh-CN",
    "zh-TW, zh-CN",
    "fr-FR, zh-CN",
    "'', zh-CN",
    "not a locale!, zh-CN"
  })
  void fault3_theLocaleFallsBackByTheStandardLookup(String buyerLocale, String expected) {
    MessageTemplates templates = new MessageTemplates(MessagingTestSupport.messaging(Map.of()));
    String english = templates.render("payment-reminder-new", "en", Map.of("orderId", "o-1"));
    String chinese = templates.render("payment-reminder-new", "zh-CN", Map.of("orderId", "o-1"));
    assertThat(english).isNotEqualTo(chinese);

    assertThat(templates.render("payment-reminder-new", buyerLocale, Map.of("orderId", "o-1")))
        .isEqualTo(expected.equals("en") ? english : chinese);
  }

  @Test
  void fault3_aMoreSpecificTemplateWinsOverItsLanguage() throws IOException {
    write("payment-reminder-new.en-GB.txt", "Order {orderId}: do settle up, old chap.");

    context
        .withPropertyValues(extraLocation())
        .run(
            ctx -> {
              MessageTemplates t = ctx.getBean(MessageTemplates.class);
              assertThat(t.render("payment-reminder-new", "en-GB", Map.of("orderId", "o-5")))
                  .isEqualTo("Order o-5: do settle up, old chap.");
              assertThat(t.render("payment-reminder-new", "en-US", Map.of("orderId", "o-5")))
                  .startsWith("Your order o-5");
            });
  }

  @Test
  void fault3_aScriptTagFindsTheRegionTemplateNotTheShopDefault() {
    MessageTemplates templates =
        new MessageTemplates(
            MessagingTestSupport.messaging(Map.of("careflow.messaging.default-locale", "en")));
    assertThat(templates.candidates("zh-Hans-CN"))
        .containsExactly("zh-Hans-CN", "zh-Hans", "zh-CN", "zh", "en");
    assertThat(templates.candidates("en-US")).containsExactly("en-US", "en");
    assertThat(templates.render("payment-reminder-new", "zh-Hans-CN", Map.of("orderId", "o-1")))
        .startsWith("【小店】");
  }

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(
      org.springframework.boot.test.system.OutputCaptureExtension.class)
  void aTemplateWhoseLongestRenderingTakesTooManySegmentsIsWarnedAtStartUp(
      org.springframework.boot.test.system.CapturedOutput output) throws IOException {
    // 3 × 67 UCS-2 units fit 3 segments; this one with a 20-character order id needs 4
    write("care-message.zh-TW.txt", "您的訂單 {orderId} 已送達。".repeat(12));

    context
        .withPropertyValues(extraLocation())
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              var counts = ctx.getBean(MessageTemplates.class).longestSegments();
              assertThat(counts.get("templates/care-message.zh-TW.txt").segments()).isEqualTo(6);
              assertThat(counts.get("templates/payment-reminder-new.en.txt").segments())
                  .isEqualTo(1);
            });
    assertThat(output)
        .contains("Template templates/care-message.zh-TW.txt takes up to 6 SMS segments")
        .doesNotContain("payment-reminder-new.en.txt takes");
  }
}
