package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.analytics.AnalyticsFacts;
import com.careflow.customers.Customer;
import com.careflow.customers.CustomerProfiles;
import com.careflow.support.RepositoryTestBase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Issue #20, one source per default: a buyer whose profile has no locale or time zone is stored
 * without them, and every reader in messaging resolves the missing one from the configured default
 * when it uses it. Changing the setting therefore changes the effective locale and zone of every
 * such buyer, and of no buyer who sent their own.
 */
@Import({CustomerProfiles.class, MessageLog.class})
class BuyerDefaultsTest extends RepositoryTestBase {

  /** 03:00 in Shanghai, 14:00 in New York, 20:00 in Berlin. */
  static final Instant NOW = Instant.parse("2026-11-10T19:00:00Z");

  static final String DEFAULT_ZONE = "careflow.messaging.quiet-hours.default-time-zone";
  static final String DEFAULT_LOCALE = "careflow.messaging.default-locale";

  @Autowired CustomerProfiles profiles;
  @Autowired MessageLog messageLog;

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @BeforeEach
  void buyers() {
    profiles.upsertProfile(
        new Customer("c-sent-none", "Li Lei", "+8613800138000", null, null, null, true, 0));
    profiles.upsertProfile(
        new Customer("c-sent-own", "Anna", "+4915112345678", "de", "Europe/Berlin", null, true, 0));
  }

  @Test
  void r4_theConfiguredDefaultZoneDecidesTheQuietHoursOfABuyerWhoSentNone() {
    var shanghai = planner(Map.of()); // the default setting: Asia/Shanghai
    var newYork = planner(Map.of(DEFAULT_ZONE, "America/New_York"));

    // 03:00 in Shanghai: held until 09:00 there; 14:00 in New York: now
    assertThat(sendAt(shanghai, "c-sent-none")).isEqualTo(Instant.parse("2026-11-11T01:00:00Z"));
    assertThat(sendAt(newYork, "c-sent-none")).isEqualTo(NOW);
    // a buyer's own zone wins under either setting (20:00 in Berlin)
    assertThat(sendAt(shanghai, "c-sent-own")).isEqualTo(NOW);
    assertThat(sendAt(newYork, "c-sent-own")).isEqualTo(NOW);
  }

  @Test
  void theConfiguredDefaultLocaleIsTheLocaleOfABuyerWhoSentNone() {
    var zh = MessagingTestSupport.messaging(Map.of()); // the default setting: zh-CN
    var en = MessagingTestSupport.messaging(Map.of(DEFAULT_LOCALE, "en"));

    // the message text's language (MessageService) and the locale analytics and experiments count
    assertThat(zh.localeOf(profiles.find("c-sent-none").orElseThrow().locale())).isEqualTo("zh-CN");
    assertThat(en.localeOf(profiles.find("c-sent-none").orElseThrow().locale())).isEqualTo("en");
    assertThat(facts(zh).locale("c-sent-none")).isEqualTo("zh-CN");
    assertThat(facts(en).locale("c-sent-none")).isEqualTo("en");
    assertThat(facts(en).locale("c-sent-own")).isEqualTo("de");
    assertThat(facts(en).locale("c-unknown")).isNull();

    // a skip another module records (campaigns) is counted with the same locale
    assertThat(skipFactLocale(zh, "zh")).isEqualTo("zh-CN");
    assertThat(skipFactLocale(en, "en")).isEqualTo("en");
  }

  private PlanSendTimeWorker planner(Map<String, String> settings) {
    return new PlanSendTimeWorker(profiles, MessagingTestSupport.quietHours(settings), clock);
  }

  private static Instant sendAt(PlanSendTimeWorker planner, String customerId) {
    return Instant.parse(
        (String) planner.planSendTime(new PlanSendTimeWorker.Input(customerId)).get("sendAt"));
  }

  private SendFacts facts(MessagingProperties props) {
    return new SendFacts(messageLog, profiles, props, event -> {}, clock);
  }

  private String skipFactLocale(MessagingProperties props, String run) {
    List<Object> published = new ArrayList<>();
    new SkipRecorder(messageLog, profiles, props, published::add, clock)
        .record(
            new SkipRecorder.Skip(
                "campaign/DEFAULTS/" + run,
                "c-sent-none",
                "campaign-offer",
                "Activity_SendOffer",
                "Send offer",
                "DEFAULTS",
                null,
                "campaign-offer",
                MessageCategory.MARKETING,
                Channel.SMS,
                SkipReason.NO_CONSENT));
    return published.stream()
        .filter(AnalyticsFacts.SendFact.class::isInstance)
        .map(AnalyticsFacts.SendFact.class::cast)
        .findFirst()
        .orElseThrow()
        .locale();
  }
}
