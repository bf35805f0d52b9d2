package com.careflow.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.analytics.AnalyticsFacts;
import com.careflow.analytics.AnalyticsProperties;
import com.careflow.analytics.AnalyticsRecorder;
import com.careflow.analytics.AttributionRules;
import com.careflow.analytics.JdbcAnalyticsQueries;
import com.careflow.local.ReminderEffect;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Proof of the arithmetic (#18): a simulated Double 11 night whose reminder has a known effect
 * ({@link ReminderEffect}: pay with p = 0.30 unreminded, p + Δ reminded). The shipped payment
 * reminder's 10 % holdout is switched on; every buyer passes the real decision ({@link
 * ExperimentService}), the analytics module records the orders, sends and payments ({@link
 * AnalyticsRecorder}), and {@link ExperimentReports} measures the lift — all in-process on H2.
 */
class ReminderHoldoutSimulationTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Instant NIGHT = Instant.parse("2026-11-10T16:00:00Z"); // 00:00 on 11-11
  private static final Duration WINDOW = Duration.ofHours(72);
  private static final int BUYERS = 10_000;

  /** A clock the simulation moves. */
  static final class NightClock extends Clock {
    Instant now = NIGHT;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static ExperimentReports.Row night(ReminderEffect effect) {
    var ds =
        new SingleConnectionDataSource(
            "jdbc:h2:mem:experiment_sim_"
                + DATABASES.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "sa",
            "",
            true);
    try {
      Flyway.configure().dataSource(ds).load().migrate();
      var jdbc = new JdbcTemplate(ds);
      var clock = new NightClock();
      var analytics =
          new AnalyticsRecorder(
              jdbc,
              new DataSourceTransactionManager(ds),
              new AttributionRules(jdbc, WINDOW, clock),
              new AnalyticsProperties(
                  WINDOW, "CNY", null, null, Duration.ofDays(365), "payment-reminder"),
              SHANGHAI,
              clock);
      var experiments =
          new ExperimentService(
              JdbcClient.create(ds),
              analytics,
              new ExperimentProperties(new ExperimentProperties.PaymentReminderHoldout(true)),
              clock);
      SplittableRandom random = effect.random();
      for (int i = 0; i < BUYERS; i++) {
        String customer = "sim-c" + i;
        String order = "sim-o" + i;
        Instant placed = NIGHT.plusSeconds(i * 6L); // orders over the night's first 17 hours
        BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(201)); // 100-300 CNY
        analytics.recordOrderPlaced(
            new AnalyticsFacts.OrderPlacedFact(order, customer, amount, "CNY", placed, 0));
        Instant reminderAt = placed.plus(Duration.ofHours(2));
        clock.now = reminderAt;
        String sendKey = "sim-pi" + i + "/Activity_SendMessage/" + i;
        Assignment a =
            experiments
                .decide(
                    new SendStepExperiments.SendStep(
                        sendKey,
                        customer,
                        order,
                        i,
                        ExperimentServiceTest.REMINDER_STEP,
                        "payment-reminder-new",
                        "TRANSACTIONAL",
                        "SMS",
                        "zh-CN",
                        ExperimentProperties.PAYMENT_REMINDER_EXPERIMENT,
                        10,
                        null,
                        null))
                .orElseThrow();
        if (!a.heldOut()) {
          // the real send, as messaging records it
          analytics.recordSend(
              new AnalyticsFacts.SendFact(
                  sendKey,
                  "SM" + i,
                  customer,
                  order,
                  "order-journey",
                  1,
                  "Activity_SendPaymentReminder",
                  "Send payment reminder",
                  null,
                  null,
                  "NEW",
                  "TRANSACTIONAL",
                  "SMS",
                  "payment-reminder-new",
                  "zh-CN",
                  "DRY_RUN",
                  1,
                  new BigDecimal("0.05"),
                  "CNY",
                  null,
                  reminderAt));
        }
        if (effect.pays(!a.heldOut(), random)) {
          Instant paidAt = reminderAt.plus(Duration.ofMinutes(1 + random.nextInt(48 * 60)));
          analytics.recordPayment(
              new AnalyticsFacts.PaymentFact(
                  order, customer, amount, "CNY", paidAt, 1, null, null));
        }
      }
      var reports =
          new ExperimentReports(
              JdbcClient.create(ds),
              new JdbcAnalyticsQueries(JdbcClient.create(ds)),
              WINDOW,
              SHANGHAI,
              "CNY",
              new ExperimentProperties(new ExperimentProperties.PaymentReminderHoldout(true)));
      var report = reports.report(LocalDate.parse("2026-11-11"), LocalDate.parse("2026-11-11"));
      assertThat(report.rows()).hasSize(1);
      return report.rows().getFirst();
    } finally {
      ds.destroy();
    }
  }

  @Test
  @DisplayName(
      "R23 holdout: a reminder that adds 8 points is measured with a 95 % interval containing 0.08")
  void theMeasuredIntervalContainsTheTrueEffect() {
    double delta = 0.08;
    var row = night(new ReminderEffect(0.30, delta, 20261111L));
    var lift = row.lift();
    System.out.printf(
        "Simulated night, delta %.2f: treatment %d/%d (%.4f), holdout %d/%d (%.4f), lift %.4f"
            + " [%.4f, %.4f], relative %.3f [%.3f, %.3f], incremental orders %.1f, GMV %.2f"
            + " [%.2f, %.2f], cost %.2f, incremental ROI %.1f%n",
        delta,
        lift.treatmentConverted(),
        lift.treatmentBuyers(),
        lift.treatmentConversion(),
        lift.holdoutConverted(),
        lift.holdoutBuyers(),
        lift.holdoutConversion(),
        lift.absoluteLift(),
        lift.absoluteInterval().low(),
        lift.absoluteInterval().high(),
        lift.relativeLift(),
        lift.relativeInterval().low(),
        lift.relativeInterval().high(),
        lift.incrementalOrders(),
        lift.incrementalGmv(),
        lift.incrementalGmvInterval().low(),
        lift.incrementalGmvInterval().high(),
        lift.cost(),
        lift.incrementalRoi());
    assertThat(row.experimentId()).isEqualTo("payment-reminder");
    assertThat(lift.treatmentBuyers() + lift.holdoutBuyers()).isEqualTo(BUYERS);
    // 10 % holdout: Binomial(10 000, 0.1), sd 30
    assertThat(lift.holdoutBuyers()).isBetween(1_000 - 120, 1_000 + 120);
    assertThat(lift.absoluteInterval().low()).isLessThan(delta);
    assertThat(lift.absoluteInterval().high()).isGreaterThan(delta);
    assertThat(lift.significant()).isTrue();
    assertThat(lift.warning()).isNull();
    // true incremental GMV: delta x mean amount (200) x treated buyers
    double trueIncrementalGmv = delta * 200 * lift.treatmentBuyers();
    assertThat(lift.incrementalGmvInterval().low()).isLessThan(trueIncrementalGmv);
    assertThat(lift.incrementalGmvInterval().high()).isGreaterThan(trueIncrementalGmv);
    assertThat(lift.cost())
        .isCloseTo(0.05 * lift.treatmentBuyers(), org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  @DisplayName("R23 holdout: a reminder without effect (delta 0) is reported not significant")
  void noEffectIsNotSignificant() {
    var lift = night(new ReminderEffect(0.30, 0.0, 20261111L)).lift();
    System.out.printf(
        "Simulated night, delta 0: lift %.4f [%.4f, %.4f]%n",
        lift.absoluteLift(), lift.absoluteInterval().low(), lift.absoluteInterval().high());
    assertThat(lift.absoluteInterval().containsZero()).isTrue();
    assertThat(lift.significant()).isFalse();
  }
}
