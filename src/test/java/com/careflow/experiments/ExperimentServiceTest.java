package com.careflow.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.careflow.analytics.AnalyticsFacts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The send path's experiment decision on its own H2 database (Flyway schema, V11). */
class ExperimentServiceTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final Instant NOW = Instant.parse("2026-11-10T16:00:00Z");

  private final SingleConnectionDataSource ds =
      new SingleConnectionDataSource(
          "jdbc:h2:mem:experiments_"
              + DATABASES.incrementAndGet()
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
          "sa",
          "",
          true);
  private final JdbcClient jdbc;
  private final AnalyticsFacts analytics = mock(AnalyticsFacts.class);

  ExperimentServiceTest() {
    Flyway.configure().dataSource(ds).load().migrate();
    jdbc = JdbcClient.create(ds);
  }

  @AfterEach
  void close() {
    ds.destroy();
  }

  private ExperimentService service(boolean paymentReminderHoldout) {
    return new ExperimentService(
        jdbc,
        analytics,
        new ExperimentProperties(
            new ExperimentProperties.PaymentReminderHoldout(paymentReminderHoldout)),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(
      org.springframework.boot.test.system.OutputCaptureExtension.class)
  @DisplayName("#18 start-up says in one line whether the reminder's configured holdout is applied")
  void startupLineSaysWhetherTheReminderHoldoutIsApplied(
      org.springframework.boot.test.system.CapturedOutput output) {
    service(false).logHoldoutStatus();
    assertThat(output.getOut() + output.getErr())
        .contains(
            "WARN",
            "Payment reminder holdout: configured 10 %, not applied:"
                + " careflow.experiments.payment-reminder-holdout.enabled is false");
    service(true).logHoldoutStatus();
    assertThat(output.getOut() + output.getErr())
        .contains(
            "Payment reminder holdout: configured 10 %, applied"
                + " (careflow.experiments.payment-reminder-holdout.enabled=true)");
  }

  /** The order journey's reminder step, as the send worker resolves it from the call activity. */
  static final SendStepExperiments.CallingStep REMINDER_STEP =
      new SendStepExperiments.CallingStep(
          "order-journey",
          null,
          "Activity_SendPaymentReminder",
          "Send payment reminder",
          null,
          null,
          "NEW");

  static SendStepExperiments.SendStep step(
      String sendKey, String customer, String experiment, Number holdout, String variants) {
    return new SendStepExperiments.SendStep(
        sendKey,
        customer,
        "o-" + customer,
        1L,
        REMINDER_STEP,
        "payment-reminder-new",
        "TRANSACTIONAL",
        "SMS",
        "zh-CN",
        experiment,
        holdout,
        variants,
        null);
  }

  /** A customer id whose bucket in {@code experiment} is below / above the holdout's buckets. */
  static String customer(String experiment, boolean heldOut, double holdoutPercent) {
    int limit = (int) Math.round(holdoutPercent * 100);
    for (int i = 0; ; i++) {
      if ((ExperimentAssigner.bucket(experiment, "c" + i) < limit) == heldOut) {
        return "c" + i;
      }
    }
  }

  @Test
  @DisplayName(
      "R23 holdout: a held-out buyer's virtual send is recorded once, with the HOLDOUT status,"
          + " under the calling journey step (not the delivery sub-process's Activity_SendMessage)")
  void r23_aHeldOutBuyerGetsAVirtualSendUnderTheCallingStep() {
    var service = service(false);
    String buyer = customer("exp", true, 30);

    var decision = service.decide(step("pi/el/1", buyer, "exp", 30, null)).orElseThrow();

    assertThat(decision.heldOut()).isTrue();
    assertThat(
            jdbc.sql(
                    "SELECT group_name, exposed_at FROM experiment_exposure WHERE send_key = 'pi/el/1'")
                .query((rs, i) -> rs.getString(1) + " " + rs.getTimestamp(2).toInstant())
                .single())
        .isEqualTo("HOLDOUT " + NOW);
    var fact = ArgumentCaptor.forClass(AnalyticsFacts.SendFact.class);
    verify(analytics).recordSend(fact.capture());
    assertThat(fact.getValue().status()).isEqualTo("HOLDOUT");
    assertThat(fact.getValue().sentAt()).isEqualTo(NOW);
    assertThat(fact.getValue().customerId()).isEqualTo(buyer);
    // the same step fields a real send of this step carries (SendFacts), so per-step results
    // and the experiment's comparison never mix steps
    assertThat(fact.getValue().processId()).isEqualTo("order-journey");
    assertThat(fact.getValue().processVersion()).isNull();
    assertThat(fact.getValue().stepId()).isEqualTo("Activity_SendPaymentReminder");
    assertThat(fact.getValue().stepName()).isEqualTo("Send payment reminder");
    assertThat(fact.getValue().segment()).isEqualTo("NEW");
    assertThat(fact.getValue().locale()).isEqualTo("zh-CN");
    assertThat(fact.getValue().templateKey()).isEqualTo("payment-reminder-new");
    assertThat(
            jdbc.sql("SELECT element_id FROM experiment_exposure WHERE send_key = 'pi/el/1'")
                .query(String.class)
                .single())
        .isEqualTo("Activity_SendPaymentReminder");
  }

  @Test
  void aRetriedJobNeverSwitchesGroupEvenWhenTheSettingsChangedMeanwhile() {
    var service = service(false);
    String buyer = customer("exp", true, 30);
    assertThat(service.decide(step("pi/el/2", buyer, "exp", 30, null)).orElseThrow().heldOut())
        .isTrue();

    // the retry (same send key) after operations lowered the holdout to 0 %: still held out,
    // and the virtual send is not recorded twice
    var retry = service.decide(step("pi/el/2", buyer, "exp", 0, null)).orElseThrow();
    assertThat(retry.heldOut()).isTrue();
    verify(analytics, times(1)).recordSend(any());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM experiment_exposure").query(Long.class).single())
        .isEqualTo(1L);
  }

  @Test
  void aTreatedBuyerIsRecordedAndGetsTheVariantTemplate() {
    var service = service(false);
    String buyer = customer("ab", false, 10);
    var decision =
        service
            .decide(step("pi/el/3", buyer, "ab", 10, "care-message,review-invite"))
            .orElseThrow();
    assertThat(decision.heldOut()).isFalse();
    assertThat(decision.templateKey()).isIn("care-message", "review-invite");
    assertThat(decision.templateKey())
        .isEqualTo(
            ExperimentAssigner.assign(
                    ExperimentDesign.parse("ab", 10, "care-message,review-invite", null),
                    buyer,
                    "payment-reminder-new")
                .templateKey());
    verify(analytics, never()).recordSend(any());
    assertThat(
            jdbc.sql("SELECT variant_key FROM experiment_exposure WHERE send_key = 'pi/el/3'")
                .query(String.class)
                .single())
        .isEqualTo(decision.templateKey());
  }

  /**
   * Exposes {@code n} buyers of {@code experiment} with the step's own template {@code template}.
   */
  private void expose(
      ExperimentService service, String experiment, String variants, String template, int n) {
    for (int i = 0; i < n; i++) {
      String buyer = template + "-" + i;
      var step = step("pi/" + buyer, buyer, experiment, 10, variants);
      service.decide(
          new SendStepExperiments.SendStep(
              step.sendKey(),
              step.customerId(),
              step.orderId(),
              step.processInstanceKey(),
              step.step(),
              template,
              step.category(),
              step.channel(),
              step.locale(),
              step.experimentId(),
              step.holdoutShare(),
              step.variantTemplateKeys(),
              step.variantShares()));
    }
  }

  @Test
  @DisplayName(
      "R2 holdout: a step whose own template differs per buyer (new vs returning reminder) is one"
          + " treatment; only A/B variant templates get rows of their own")
  void r2_perBuyerTemplatesAreOneTreatmentAndOnlyAbVariantsGetRows() {
    var service = service(true);
    expose(service, "payment-reminder", null, "payment-reminder-new", 60);
    expose(service, "payment-reminder", null, "payment-reminder-returning", 60);
    expose(service, "ab", "care-message,review-invite", "payment-reminder-new", 80);
    var reports =
        new ExperimentReports(
            jdbc,
            new com.careflow.analytics.JdbcAnalyticsQueries(jdbc),
            java.time.Duration.ofHours(72),
            java.time.ZoneId.of("Asia/Shanghai"),
            "CNY",
            new ExperimentProperties(new ExperimentProperties.PaymentReminderHoldout(true)));
    var rows =
        reports
            .report(java.time.LocalDate.of(2026, 11, 11), java.time.LocalDate.of(2026, 11, 11))
            .rows();
    assertThat(rows)
        .extracting(r -> r.experimentId() + " " + r.stepId() + " " + r.variant())
        .containsExactly(
            "ab Activity_SendPaymentReminder ALL",
            "ab Activity_SendPaymentReminder care-message",
            "ab Activity_SendPaymentReminder review-invite",
            "payment-reminder Activity_SendPaymentReminder ALL");
    var all = rows.getLast().lift();
    assertThat(all.treatmentBuyers() + all.holdoutBuyers()).isEqualTo(120);
  }

  @Test
  void thePaymentReminderHoldoutIsOffUntilItsSettingSwitchesItOn() {
    String buyer = customer("payment-reminder", true, 10);
    assertThat(service(false).decide(step("pi/el/4", buyer, "payment-reminder", 10, null)))
        .isEmpty();
    assertThat(
            service(true)
                .decide(step("pi/el/5", buyer, "payment-reminder", 10, null))
                .orElseThrow()
                .heldOut())
        .isTrue();
  }

  @Test
  void noExperimentIdMeansNoExperimentAndBadSettingsAreRefusedWithTheReason() {
    var service = service(true);
    assertThat(service.decide(step("k1", "c1", null, 30, null))).isEmpty();
    assertThat(service.decide(step("k2", "c1", " ", 30, null))).isEmpty();
    assertThatThrownBy(() -> service.decide(step("k3", "c1", "exp", 80, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 50");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM experiment_exposure").query(Long.class).single())
        .isZero();
  }
}
