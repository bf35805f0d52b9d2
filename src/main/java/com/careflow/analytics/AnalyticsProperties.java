package com.careflow.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Measurement settings (rules R23–R26). The shop's time zone is {@code
 * careflow.journeys.shop-time-zone} (one source for every module).
 *
 * @param attributionWindow how long after a message a payment is credited to it (R23); exactly the
 *     window is outside. Changing it creates a new rule version at the next start; history is
 *     recomputed only by the explicit admin action
 * @param currency the shop's currency (ISO 4217): every amount is reported in it
 * @param exchangeRates shop-currency units per unit of another currency, for message costs billed
 *     in another currency (Twilio bills USD; default USD=7.2); a cost in a currency without a rate
 *     is refused
 * @param historyCompleteFrom the first shop day from which the store holds every paid order; null
 *     when unknown (then a buyer is "new" only when the shop says so, R25)
 * @param newBuyerLookback how far back the history must reach before an order to call its buyer new
 * @param paymentReminderTemplatePrefix template keys of payment reminders (催付) start with it
 */
@ConfigurationProperties("careflow.analytics")
public record AnalyticsProperties(
    @DefaultValue("PT72H") Duration attributionWindow,
    @DefaultValue("CNY") String currency,
    Map<String, BigDecimal> exchangeRates,
    LocalDate historyCompleteFrom,
    @DefaultValue("P365D") Duration newBuyerLookback,
    @DefaultValue("payment-reminder") String paymentReminderTemplatePrefix) {

  public AnalyticsProperties {
    if (attributionWindow == null || attributionWindow.isNegative() || attributionWindow.isZero()) {
      throw new IllegalArgumentException("careflow.analytics.attribution-window must be positive");
    }
    Map<String, BigDecimal> rates = new java.util.HashMap<>();
    (exchangeRates == null ? Map.of("USD", new BigDecimal("7.2")) : exchangeRates)
        .forEach((k, v) -> rates.put(k.toUpperCase(java.util.Locale.ROOT), v));
    exchangeRates = Map.copyOf(rates);
    currency = currency.toUpperCase(java.util.Locale.ROOT);
  }
}
