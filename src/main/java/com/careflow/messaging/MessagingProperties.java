package com.careflow.messaging;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Careflow sends: templates, compliance, consent words, the frequency cap, the rate limit,
 * retries and cost.
 *
 * @param defaultLocale the shop's language: the locale of every buyer whose profile has none
 *     (resolved when a message is written and counted, never stored with the buyer; see {@link
 *     #localeOf}), and the fallback when a buyer's locale has no template
 * @param templateLocations where templates are read from ({@code <key>.<locale>.txt}); later
 *     locations override earlier ones, so operations can add {@code file:/etc/careflow/templates/}
 * @param reviewForbiddenPhrases phrases no review-related template ({@code review-*}) may contain
 *     (rule R12)
 * @param noPromotionPhrases phrases no thank-you ({@code *-thanks}) or apology ({@code *-apology})
 *     template may contain (rules R14, R21)
 * @param stopWords inbound replies that opt a number out of marketing (rule R22): Twilio's standard
 *     list and the usual Chinese replies; matched as the whole reply after Unicode NFKC, case
 *     folding and trimming surrounding whitespace and punctuation (see {@link ReplyKeywords})
 * @param startWords inbound replies that opt it back in, matched the same way
 * @param frequencyCap marketing messages per customer and rolling window (rule R20)
 * @param rateLimitMaxWait how long a send waits for a permit of the send limit ({@link
 *     SendLimitProperties}) before the job is retried later
 * @param retryBackoff first pause after a retryable Twilio failure; doubles per attempt
 * @param maxRetryBackoff the longest pause between attempts
 * @param costPerSegment cost of one SMS segment when Twilio reports no price (rule R24)
 * @param costCurrency currency of {@code costPerSegment}
 * @param dryRun {@code true} accepts running without Twilio credentials: messages are then
 *     rendered, logged and recorded as {@code DRY_RUN}, never sent, and readiness reports
 *     OUT_OF_SERVICE. Without credentials and without this, production refuses to start. Ignored
 *     when credentials are set.
 * @param costPerSegmentByCallingCode price of one SMS segment by destination country calling code
 *     ({@code 86}: China, {@code 1}: US/Canada, {@code 44}: UK), in {@code costCurrency}; numbers
 *     of other countries use {@code costPerSegment} (rule R24)
 * @param maxSegmentsWarning a warning at start-up names every template whose longest rendering
 *     takes more SMS segments than this
 * @param templateValueLength characters assumed per placeholder value for that longest rendering
 * @param sendLease how long one worker holds a send key while it sends; another activation of the
 *     same send waits until then (longer than the rate-limit wait plus Twilio's read timeout)
 */
@ConfigurationProperties("careflow.messaging")
public record MessagingProperties(
    @DefaultValue("zh-CN") String defaultLocale,
    @DefaultValue("classpath*:templates/") List<String> templateLocations,
    @DefaultValue({
          "好评有礼",
          "返现好评",
          "好评返现",
          "好评送",
          "晒图有礼",
          "晒图返现",
          "gift for a good review",
          "reward for a good review",
          "cashback for a good review"
        })
        List<String> reviewForbiddenPhrases,
    @DefaultValue({
          "促销",
          "限时",
          "抢购",
          "秒杀",
          "上新",
          "满减",
          "大促",
          "特价",
          "sale",
          "promotion",
          "limited time",
          "shop now",
          "buy now",
          "new arrivals"
        })
        List<String> noPromotionPhrases,
    @DefaultValue({
          "STOP",
          "STOPALL",
          "UNSUBSCRIBE",
          "CANCEL",
          "END",
          "QUIT",
          "REVOKE",
          "OPTOUT",
          "退订",
          "TD",
          "T"
        })
        List<String> stopWords,
    @DefaultValue({"START", "YES", "UNSTOP"}) List<String> startWords,
    @DefaultValue FrequencyCap frequencyCap,
    @DefaultValue("PT30S") Duration rateLimitMaxWait,
    @DefaultValue("PT10S") Duration retryBackoff,
    @DefaultValue("PT10M") Duration maxRetryBackoff,
    @DefaultValue("0.05") BigDecimal costPerSegment,
    @DefaultValue("USD") String costCurrency,
    @DefaultValue("false") boolean dryRun,
    @DefaultValue("PT2M") Duration sendLease,
    Map<String, BigDecimal> costPerSegmentByCallingCode,
    @DefaultValue("3") int maxSegmentsWarning,
    @DefaultValue("20") int templateValueLength) {

  public MessagingProperties {
    costPerSegmentByCallingCode =
        costPerSegmentByCallingCode == null ? Map.of() : Map.copyOf(costPerSegmentByCallingCode);
  }

  /**
   * The buyer's locale as sending, the analytics and the experiments use it: the profile's, or
   * {@code defaultLocale} when the shop sent none (the customer store keeps null then, so a changed
   * default applies to every such buyer at once).
   *
   * @param profileLocale the locale stored with the buyer, e.g. {@code en}; null or blank for none
   */
  public String localeOf(String profileLocale) {
    return profileLocale == null || profileLocale.isBlank() ? defaultLocale : profileLocale;
  }

  /**
   * The estimated price of one SMS segment to {@code e164}: the entry of {@code
   * costPerSegmentByCallingCode} whose country calling code is the longest prefix of the number
   * ({@code 86} for {@code +8613800138000}, {@code 1} for the US and Canada), else {@code
   * costPerSegment}.
   */
  public Priced pricePerSegment(String e164) {
    String digits = e164 == null ? "" : e164.replaceAll("\\D", "");
    String best = null;
    for (String key : costPerSegmentByCallingCode.keySet()) {
      String code = key.replaceAll("\\D", "");
      if (!code.isEmpty()
          && digits.startsWith(code)
          && (best == null || code.length() > best.replaceAll("\\D", "").length())) {
        best = key;
      }
    }
    return best == null
        ? new Priced(null, costPerSegment)
        : new Priced(best.replaceAll("\\D", ""), costPerSegmentByCallingCode.get(best));
  }

  /**
   * @param callingCode the country calling code that priced it, null for the default price
   * @param perSegment price of one segment in {@code costCurrency}
   */
  public record Priced(String callingCode, BigDecimal perSegment) {}

  /**
   * @param maxMessages marketing messages one customer may get per window; 0 turns the cap off
   * @param window the rolling window
   */
  public record FrequencyCap(
      @DefaultValue("3") int maxMessages, @DefaultValue("P7D") Duration window) {}
}
