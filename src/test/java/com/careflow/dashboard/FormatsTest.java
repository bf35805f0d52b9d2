package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.experiments.ExperimentProperties;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** #18: the experiment figures as the page writes them (units, intervals, ROI, holdout switch). */
class FormatsTest {

  private static final Formats EN = new Formats(Locale.ENGLISH, "CNY");
  private static final Formats ZH = new Formats(Locale.SIMPLIFIED_CHINESE, "CNY");

  @Test
  @DisplayName("#18 an absolute lift is written in percentage points, not per cent")
  void absoluteLiftIsInPercentagePoints() {
    assertThat(EN.pointsInterval(0.2178, 0.0903, 0.3348)).isEqualTo("21.78 pp [9.03 pp, 33.48 pp]");
    assertThat(ZH.points(0.2178)).isEqualTo("21.78 个百分点");
    assertThat(EN.points(-0.015)).isEqualTo("-1.50 pp");
    assertThat(EN.pointsInterval(null, null, null)).isEqualTo("—");
    assertThat(EN.pointsInterval(0.1, null, null)).isEqualTo("10.00 pp");
  }

  @Test
  @DisplayName("#18 a relative lift is a signed percentage with its interval")
  void relativeLiftIsSigned() {
    assertThat(EN.signedPercentInterval(0.5412, 0.1404, 1.0797)).isEqualTo("+54% [+14%, +108%]");
    assertThat(EN.signedPercent(-0.12)).isEqualTo("-12%");
    assertThat(EN.signedPercent(null)).isEqualTo("—");
  }

  @Test
  @DisplayName("#18 incremental GMV carries its interval")
  void incrementalGmvCarriesItsInterval() {
    assertThat(EN.moneyInterval(1234.5, -120.0, 2600.0))
        .isEqualTo("CN¥1,234.50 [-CN¥120.00, CN¥2,600.00]");
    assertThat(EN.moneyInterval(1234.5, null, null)).isEqualTo("CN¥1,234.50");
  }

  @Test
  @DisplayName("#18 incremental ROI is written as shops write ROI (R24): x : 1")
  void incrementalRoiAsRatio() {
    assertThat(EN.roiRatio(200.0)).isEqualTo("200.0 : 1");
    assertThat(EN.roiRatio(18.44)).isEqualTo("18.4 : 1");
    assertThat(EN.roiRatio(null)).isEqualTo("—");
    // #17: the number of an ROI written for the locale, as the API's R24 ROI on tiles and tables
    assertThat(EN.roiRatio(2800.04)).isEqualTo("2,800.0 : 1");
    assertThat(EN.roi("2800.0 : 1")).isEqualTo("2,800.0 : 1");
    assertThat(ZH.roi("1846.7 : 1")).isEqualTo("1,846.7 : 1");
    assertThat(EN.roi("40.8 : 1")).isEqualTo("40.8 : 1");
    assertThat(EN.roi(null)).isEqualTo("—");
  }

  @Test
  @DisplayName(
      "#17 the attribution window reads as hours (\"72 h\"), ISO only when not whole hours")
  void attributionWindowAsHours() {
    assertThat(EN.window("PT72H")).isEqualTo("72 h");
    assertThat(ZH.window("PT72H")).isEqualTo("72 h");
    assertThat(EN.window("PT168H")).isEqualTo("168 h");
    assertThat(EN.window("P3D")).isEqualTo("72 h");
    assertThat(EN.window("PT90M")).isEqualTo("PT90M");
    assertThat(EN.window("PT72H30S")).isEqualTo("PT72H30S");
    assertThat(EN.window(null)).isEqualTo("—");
  }

  @Test
  @DisplayName("#18 the page says the configured holdout is not applied while the setting is off")
  void holdoutStatusSaysWhyNotApplied() {
    var off =
        new ExperimentProperties(new ExperimentProperties.PaymentReminderHoldout(false))
            .paymentReminderStatus();
    var texts = new org.springframework.context.support.ResourceBundleMessageSource();
    texts.setBasename("messages");
    texts.setDefaultEncoding("UTF-8");
    texts.setFallbackToSystemLocale(false);
    assertThat(off.reasonKey()).isEqualTo(ExperimentProperties.HoldoutStatus.SETTING_OFF);
    assertThat(EN.holdoutStatus(off, null))
        .isEqualTo(
            "configured 10 %, not applied:"
                + " careflow.experiments.payment-reminder-holdout.enabled is false");
    // z16: in Chinese a Chinese sentence that still names the setting, not "… 为 false"
    String zh =
        ZH.holdoutStatus(
            off,
            texts.getMessage(
                off.reasonKey(), off.reasonArguments().toArray(), Locale.SIMPLIFIED_CHINESE));
    assertThat(zh)
        .isEqualTo(
            "已配置 10 %，未生效：设置项 careflow.experiments.payment-reminder-holdout.enabled"
                + " 未开启（值为 false）");
    var on =
        new ExperimentProperties(new ExperimentProperties.PaymentReminderHoldout(true))
            .paymentReminderStatus();
    assertThat(EN.holdoutStatus(on, null))
        .isEqualTo("configured 10 %, applied (10 % of buyers held out)");
  }
}
