package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.security.AuditLog;
import com.careflow.support.RepositoryTestBase;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Publishing a text runs the start-up checks of the template files ({@link MessageTextChecks}):
 * rules R12, R14, R21, the placeholders the journeys fill and the SMS segments; sends read the
 * published version. On the test database (PostgreSQL or H2), each test rolled back.
 */
@Import({MessageTextStore.class, AuditLog.class})
class MessageTextsTest extends RepositoryTestBase {

  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired AuditLog audit;
  @Autowired Clock clock;

  MessagingProperties props = MessagingTestSupport.messaging(Map.of());
  MessageTexts texts;

  @BeforeEach
  void seed() {
    texts = MessagingTestSupport.texts(jdbc, props, transactions, clock);
  }

  private MessageTexts.RefusedException refusal(String key, String locale, String body) {
    texts.saveDraft(key, locale, body);
    try {
      texts.publish(key, locale, null, false);
    } catch (MessageTexts.RefusedException e) {
      return e;
    }
    throw new AssertionError("publication of " + key + " (" + locale + ") was not refused");
  }

  @Test
  @DisplayName(
      "R12: publishing a review text with a forbidden phrase is refused, by the start-up check itself")
  void r12_aForbiddenReviewPhraseIsRefusedByTheSameCheckAsAtStartUp() {
    String body = "Tell us about order {orderId} - a gift for a good review awaits!";
    MessageTexts.RefusedException refused = refusal("review-invite", "en", body);

    assertThat(refused.problems())
        .singleElement()
        .asString()
        .contains("text review-invite (en)", "'gift for a good review'", "rule R12");
    // the same sentence the start-up check writes for a template file with this text
    assertThat(MessageTemplates.violations("templates/review-invite.en.txt", body, props))
        .singleElement()
        .isEqualTo(
            refused
                .problems()
                .getFirst()
                .replace("text review-invite (en)", "templates/review-invite.en.txt"));
  }

  @Test
  @DisplayName("R14, R21: publishing a thank-you or apology text that promotes is refused")
  void r14_r21_promotionInThanksAndApologiesIsRefused() {
    assertThat(refusal("review-thanks", "zh-CN", "感谢您对订单 {orderId} 的好评！双11大促马上开始。").problems())
        .singleElement()
        .asString()
        .contains("text review-thanks (zh-CN)", "'大促'", "R14/R21");
    assertThat(
            refusal(
                    "service-recovery-apology",
                    "en",
                    "Sorry about order {orderId}. Here is {couponCode} ({couponValue}, until"
                        + " {couponExpiresOn}). Shop now for new arrivals!")
                .problems())
        .hasSize(2)
        .allMatch(p -> p.contains("service-recovery-apology (en)") && p.contains("R14/R21"));
  }

  @Test
  @DisplayName(
      "R5: urgency hooks are allowed in reminder copy; the same words in an apology are refused"
          + " (R21)")
  void r5_urgencyHooksAreAllowedInReminderCopy() {
    String urgent =
        "Order {orderId} will close soon and stock is running out - the promotion ends soon!";
    String urgentZh = "【小店】订单 {orderId} 即将关闭，库存有限，限时促销马上结束，请尽快付款。";

    texts.saveDraft("payment-reminder-new", "en", urgent);
    assertThat(texts.publish("payment-reminder-new", "en", null, false).check().problems())
        .isEmpty();
    texts.saveDraft("payment-reminder-returning", "zh-CN", urgentZh);
    assertThat(texts.publish("payment-reminder-returning", "zh-CN", null, false).check().problems())
        .isEmpty();
    // not because the check lets anything through: an apology with the same hook is refused
    assertThat(texts.check("service-recovery-apology", "en", urgent + " {couponCode}").problems())
        .anyMatch(p -> p.contains("R14/R21"));
  }

  @Test
  void aPlaceholderNoJourneyStepFillsIsRefusedNamingTheStepAndWhatItFills() {
    MessageTexts.RefusedException refused =
        refusal("shipment-notice", "en", "Order {orderId} ships with {carrier} on {shipDate}.");

    assertThat(refused.problems())
        .singleElement()
        .asString()
        .contains(
            "text shipment-notice (en)",
            "{shipDate}",
            "never filled",
            "order-journey",
            "{carrier}, {orderId}, {trackingNumber}");
    assertThat(texts.check("shipment-notice", "en", "x").placeholdersProvided())
        .containsExactlyInAnyOrder("carrier", "orderId", "trackingNumber");
  }

  @Test
  void aStrayBraceOrAnEmptyTextIsRefused() {
    assertThat(refusal("care-message", "en", "Order { orderId } arrived.").problems())
        .singleElement()
        .asString()
        .contains("brace that is not a placeholder");
    assertThat(texts.check("care-message", "en", " ").problems())
        .anyMatch(p -> p.contains("empty"));
  }

  @Test
  void moreSegmentsThanTheLimitAreRefusedUntilTheOperatorAcceptsTheCost() {
    String longText = "您的订单 {orderId} 已送达，感谢您的信任，如有任何问题请随时联系我们的售后客服。".repeat(5);
    MessageTexts.RefusedException refused = refusal("care-message", "zh-CN", longText);
    assertThat(refused.problems())
        .singleElement()
        .asString()
        .contains("SMS segments", "max-segments-warning=3", "acceptSegments=true", "USD");

    MessageTexts.Published published = texts.publish("care-message", "zh-CN", null, true);
    assertThat(published.check().segments()).isGreaterThan(3);
    assertThat(published.check().costPerSend()).containsKey("default");
    assertThat(published.check().costPerSend().get("default"))
        .isEqualByComparingTo(
            props
                .costPerSegment()
                .multiply(java.math.BigDecimal.valueOf(published.check().segments())));
  }

  @Test
  void thePublishedVersionIsWhatTheNextRenderUsesAndASecondStartKeepsIt() {
    MessageTexts.Rendered before = texts.render("care-message", "en-US", Map.of("orderId", "o-1"));
    assertThat(before.locale()).isEqualTo("en");

    MessageTexts.Saved saved = texts.saveDraft("care-message", "en", "Order {orderId} is home.");
    assertThat(texts.render("care-message", "en", Map.of("orderId", "o-1")).body())
        .as("a draft changes no send")
        .isEqualTo(before.body());
    texts.publish("care-message", "en", saved.version(), false);

    assertThat(texts.render("care-message", "en-GB", Map.of("orderId", "o-2")))
        .returns("Order o-2 is home.", MessageTexts.Rendered::body)
        .returns(saved.version(), MessageTexts.Rendered::version);

    assertThat(texts.seed()).as("a restart seeds nothing over it").isZero();
    assertThat(texts.render("care-message", "en", Map.of("orderId", "o-3")).body())
        .isEqualTo("Order o-3 is home.");
  }

  @Test
  void everyDraftPublicationAndRefusalIsAudited() {
    MessageTexts.Saved ok = texts.saveDraft("care-message", "en", "Order {orderId} arrived!");
    texts.publish("care-message", "en", null, false);
    MessageTexts.Saved bad = texts.saveDraft("review-thanks", "en", "Thanks! Big sale tomorrow.");
    assertThatThrownBy(() -> texts.publish("review-thanks", "en", null, false))
        .isInstanceOf(MessageTexts.RefusedException.class);

    assertThat(audit.findBySubject(MessageTexts.subject("care-message", "en", ok.version())))
        .extracting(AuditLog.Entry::action)
        .containsExactly(MessageTexts.AUDIT_SAVE_DRAFT, MessageTexts.AUDIT_PUBLISH);
    assertThat(audit.findBySubject(MessageTexts.subject("review-thanks", "en", bad.version())))
        .extracting(AuditLog.Entry::action)
        .containsExactly(MessageTexts.AUDIT_SAVE_DRAFT, MessageTexts.AUDIT_REFUSED);
    assertThat(texts.detail("review-thanks", "en").publishedVersion()).isEqualTo(1);
  }

  @Test
  void aMissingValueAtSendTimeNamesTemplateLocaleVersionAndPlaceholder() {
    assertThatThrownBy(() -> texts.render("shipment-notice", "zh-CN", Map.of("orderId", "o-9")))
        .isInstanceOf(MessageTemplates.TemplateException.class)
        .hasMessageContaining("shipment-notice (zh-CN, version 1)")
        .hasMessageContaining("'carrier'")
        .hasMessageContaining("'trackingNumber'")
        .satisfies(
            e -> {
              var t = (MessageTemplates.TemplateException) e;
              assertThat(t.textVersion()).isEqualTo(1);
              assertThat(t.textLocale()).isEqualTo("zh-CN");
            });
  }

  @Test
  @DisplayName("R12: a published text that a later phrase setting forbids is not sent")
  void r12_aPublishedTextThatALaterSettingForbidsIsNotSent() {
    texts.publish(
        "review-invite",
        "en",
        texts.saveDraft("review-invite", "en", "Order {orderId}: a free gift inside!").version(),
        false);
    MessageTexts stricter =
        MessagingTestSupport.texts(
            jdbc,
            MessagingTestSupport.messaging(
                Map.of("careflow.messaging.review-forbidden-phrases", "free gift")),
            transactions,
            clock);

    assertThatThrownBy(() -> stricter.render("review-invite", "en", Map.of("orderId", "o-1")))
        .isInstanceOf(MessageTemplates.TemplateException.class)
        .hasMessageContaining("'free gift'")
        .hasMessageContaining("R12");
  }

  @Test
  void thePreviewRendersEveryLocaleWithSampleValues() {
    MessageTexts.Preview preview = texts.preview("shipment-notice");
    assertThat(preview.published()).containsKeys("en", "zh-CN");
    assertThat(preview.published().get("en"))
        .contains("SF Express", "SF1234567890")
        .doesNotContain("{");
    assertThat(preview.published().get("zh-CN")).contains("顺丰速运");
  }

  @Test
  void badInputIsAClearError() {
    assertThatThrownBy(() -> texts.saveDraft("care-message", "not a locale!", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a language tag");
    assertThatThrownBy(() -> texts.saveDraft("Care Message", "en", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> texts.saveDraft("no-such-text", "en", "x"))
        .isInstanceOf(MessageTexts.NotFoundException.class);
    assertThatThrownBy(() -> texts.publish("care-message", "en", null, false))
        .as("no draft")
        .isInstanceOf(MessageTexts.NotFoundException.class);
  }
}
