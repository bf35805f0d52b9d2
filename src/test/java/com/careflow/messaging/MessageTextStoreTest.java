package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.messagestatus.MessageStatus;
import com.careflow.support.RepositoryTestBase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** The texts' tables (V12) on PostgreSQL or H2: seeding, versions, draft and published pointers. */
@Import({MessageTextStore.class, MessageLog.class})
class MessageTextStoreTest extends RepositoryTestBase {

  @Autowired MessageTextStore store;
  @Autowired MessageLog messageLog;

  private final String key = "test-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void seedingWritesVersionOnePublishedAndNeverOverwritesWhatOperationsChanged() {
    assertThat(store.seed(key, "en", "Order {orderId} shipped.", "careflow")).isTrue();
    int draft = store.saveDraft(key, "en", "Order {orderId} is on its way.", "ops-lead");
    store.publish(key, "en", draft, "ops-lead");

    assertThat(store.seed(key, "en", "Order {orderId} shipped (new file).", "careflow"))
        .as("a second start with another file text")
        .isFalse();

    assertThat(store.published(key, List.of("en")))
        .singleElement()
        .returns(2, MessageTextStore.Version::version)
        .returns("Order {orderId} is on its way.", MessageTextStore.Version::body)
        .returns("ops-lead", MessageTextStore.Version::publishedBy);
    assertThat(store.versions(key, "en"))
        .extracting(MessageTextStore.Version::version, MessageTextStore.Version::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, MessageTextStore.EDITED),
            org.assertj.core.groups.Tuple.tuple(1, MessageTextStore.SEEDED));
  }

  @Test
  void everySaveIsANewVersionAndTheDraftLeavesTheSendsOnThePublishedOne() {
    store.seed(key, "zh-CN", "订单 {orderId} 已发货。", "careflow");
    int v2 = store.saveDraft(key, "zh-CN", "订单 {orderId} 已出库。", "ops-lead");
    int v3 = store.saveDraft(key, "zh-CN", "订单 {orderId} 已交快递。", "ops-lead");

    assertThat(List.of(v2, v3)).containsExactly(2, 3);
    assertThat(store.text(key, "zh-CN"))
        .get()
        .returns(1, MessageTextStore.Text::publishedVersion)
        .returns(3, MessageTextStore.Text::draftVersion);
    assertThat(store.published(key, List.of("zh-CN", "zh")))
        .singleElement()
        .returns("订单 {orderId} 已发货。", MessageTextStore.Version::body);
    assertThat(store.version(key, "zh-CN", 2))
        .get()
        .returns("ops-lead", MessageTextStore.Version::createdBy);
  }

  @Test
  void publishingTheDraftClearsItAndRollingBackKeepsIt() {
    store.seed(key, "en", "v1 {orderId}", "careflow");
    int v2 = store.saveDraft(key, "en", "v2 {orderId}", "ops");
    store.publish(key, "en", v2, "ops");
    assertThat(store.text(key, "en")).get().returns(null, MessageTextStore.Text::draftVersion);

    int v3 = store.saveDraft(key, "en", "v3 {orderId}", "ops");
    store.publish(key, "en", 1, "ops"); // a roll-back to the seeded text
    assertThat(store.text(key, "en"))
        .get()
        .returns(1, MessageTextStore.Text::publishedVersion)
        .returns(v3, MessageTextStore.Text::draftVersion);
  }

  @Test
  void aNewLocaleStartsAsAnUnpublishedDraft() {
    store.seed(key, "en", "Hello {orderId}", "careflow");
    store.saveDraft(key, "en-GB", "Hello there {orderId}", "ops");

    assertThat(store.text(key, "en-GB"))
        .get()
        .returns(null, MessageTextStore.Text::publishedVersion)
        .returns(1, MessageTextStore.Text::draftVersion);
    assertThat(store.published(key, List.of("en-GB"))).isEmpty();
  }

  @Test
  void theMessageLogRecordsWhichTextVersionASendUsed() {
    String sendKey = "1/" + key + "/1";
    messageLog.recordAttempt(
        new MessageLog.Attempt(
            sendKey,
            "c-texts",
            "o-1",
            1L,
            "Activity_Send",
            key,
            MessageCategory.TRANSACTIONAL,
            Channel.SMS,
            "Hello o-1",
            "en",
            4));

    assertThat(messageLog.findBySendKey(sendKey))
        .get()
        .returns("en", MessageLog.Entry::textLocale)
        .returns(4, MessageLog.Entry::textVersion);
  }

  @Test
  void aTextProblemIsAnErrorRowThatARetryAfterTheFixOverwrites() {
    String sendKey = "2/" + key + "/1";
    MessageLog.Attempt attempt =
        new MessageLog.Attempt(
            sendKey,
            "c-texts",
            "o-2",
            2L,
            "Activity_Send",
            key,
            MessageCategory.TRANSACTIONAL,
            Channel.SMS,
            null,
            "en",
            3);
    messageLog.recordTextProblem(attempt, "Text x (en, version 3) needs 'carrier'");
    assertThat(messageLog.findBySendKey(sendKey))
        .get()
        .returns(MessageStatus.ERROR, MessageLog.Entry::status)
        .returns("Text x (en, version 3) needs 'carrier'", MessageLog.Entry::errorMessage)
        .returns(3, MessageLog.Entry::textVersion);

    messageLog.recordTextProblem(attempt, "Text x (en, version 3) needs 'trackingNumber'");
    assertThat(messageLog.findBySendKey(sendKey))
        .get()
        .returns("Text x (en, version 3) needs 'trackingNumber'", MessageLog.Entry::errorMessage);
  }
}
