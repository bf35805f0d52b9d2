package com.careflow.customers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Logs mask phones (issue #20): the country code and last 4 digits stay, for any country. */
class PhoneNumbersMaskTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "+14155552671, +1******2671", // 1-digit country code (US)
    "+8613800138000, +86*******8000", // 2 digits (CN)
    "+447911123456, +44******3456", // 2 digits (GB)
    "+353851234567, +353*****4567", // 3 digits (IE)
    "+85291234567, +852****4567", // 3 digits (HK)
    "'+1 415-555-2671', +1******2671", // as written, separators dropped
    "13800138000, *******8000", // national format: no country code to keep
    "12345, ****",
  })
  void masksAllButTheCountryCodeAndTheLastFourDigits(String phone, String masked) {
    assertThat(PhoneNumbers.mask(phone)).isEqualTo(masked);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "The 'To' number +1 415 555 2671 is not valid | The 'To' number +1******2671 is not valid",
        "To +353 85 123 4567 failed | To +353*****4567 failed",
        "To +86 138 0013 8000 failed | To +86*******8000 failed",
        "Number 138-0013-8000 is unreachable | Number *******8000 is unreachable",
        "Call (415) 555-2671 back | Call ******2671 back",
        "Error 21211 at 12:30 | Error 21211 at 12:30",
      })
  void masksNumbersInLogTextInternationalOrNational(String text, String masked) {
    assertThat(PhoneNumbers.maskAll(text)).isEqualTo(masked);
  }
}
