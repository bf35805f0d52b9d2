package com.careflow.coupons;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A fixed coupon reads in the shop's configured currency, not a symbol written into the code. */
class CouponTextsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"CNY, ¥", "USD, $", "EUR, €", "GBP, £"})
  void theSymbolIsTheConfiguredCurrencys(String currency, String symbol) {
    assertThat(CouponTexts.symbol(currency)).isEqualTo(symbol);
  }
}
