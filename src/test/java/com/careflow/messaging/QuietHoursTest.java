package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Rule R4: never message at night, in the buyer's time zone. */
class QuietHoursTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final QuietHours window = new QuietHours(LocalTime.of(2, 0), LocalTime.of(9, 0));

  @Test
  void r4_aDaytimeMessageGoesOutNow() {
    Instant tenAm = Instant.parse("2026-11-11T02:00:00Z"); // 10:00 in Shanghai
    assertThat(window.nextAllowed(tenAm, SHANGHAI)).isEqualTo(tenAm);
  }

  @Test
  void r4_aMessageDueAtThreeAmWaitsForNineAmBuyerTime() {
    Instant threeAm = Instant.parse("2026-11-10T19:00:00Z"); // 03:00 on 11 Nov in Shanghai
    assertThat(window.nextAllowed(threeAm, SHANGHAI))
        .isEqualTo(Instant.parse("2026-11-11T01:00:00Z"));
  }

  @Test
  void r4_theBuyersZoneDecidesNotTheShops() {
    Instant instant = Instant.parse("2026-11-10T19:00:00Z"); // 03:00 Shanghai, 20:00 Berlin
    assertThat(window.nextAllowed(instant, ZoneId.of("Europe/Berlin"))).isEqualTo(instant);
  }

  @Test
  void r4_aWindowAcrossMidnightHoldsLateEveningMessagesToTheNextMorning() {
    QuietHours overnight = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0));
    Instant elevenPm = Instant.parse("2026-11-11T15:00:00Z"); // 23:00 Shanghai
    assertThat(overnight.nextAllowed(elevenPm, SHANGHAI))
        .isEqualTo(Instant.parse("2026-11-12T00:00:00Z"));
    assertThat(overnight.isQuiet(LocalTime.of(8, 0))).isFalse();
    assertThat(overnight.isQuiet(LocalTime.of(21, 59))).isFalse();
  }

  @Test
  void r4_theWindowEndIsAllowedItsStartIsNot() {
    assertThat(window.isQuiet(LocalTime.of(9, 0))).isFalse();
    assertThat(window.isQuiet(LocalTime.of(2, 0))).isTrue();
    assertThat(window.isQuiet(LocalTime.of(1, 59))).isFalse();
  }
}
