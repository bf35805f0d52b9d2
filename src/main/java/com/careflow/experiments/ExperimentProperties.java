package com.careflow.experiments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Experiment settings ({@code careflow.experiments.*}).
 *
 * @param paymentReminderHoldout the payment reminder's shipped holdout (10 %, experiment id {@code
 *     payment-reminder}): switched off until {@code
 *     careflow.experiments.payment-reminder-holdout.enabled=true}
 */
@ConfigurationProperties("careflow.experiments")
public record ExperimentProperties(@DefaultValue PaymentReminderHoldout paymentReminderHoldout) {

  /** The experiment id the shipped order journey's payment reminder carries. */
  public static final String PAYMENT_REMINDER_EXPERIMENT = "payment-reminder";

  /**
   * @param enabled false (default): the payment reminder's 10 % holdout is off, every buyer is
   *     reminded; true: 10 % of buyers (by hash) get no reminder and are measured as the holdout
   */
  public record PaymentReminderHoldout(@DefaultValue("false") boolean enabled) {}

  public ExperimentProperties {
    if (paymentReminderHoldout == null) {
      paymentReminderHoldout = new PaymentReminderHoldout(false);
    }
  }
}
