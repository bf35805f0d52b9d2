package com.careflow.experiments;

import java.util.List;
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

  /** The journey step of the shipped payment reminder (order-journey.bpmn). */
  public static final String PAYMENT_REMINDER_STEP = "Activity_SendPaymentReminder";

  /**
   * The holdout share (%) the shipped order journey sets on "Send payment reminder" (its {@code
   * holdoutShare} input, {@code =10}; ElementTemplatesTest ties the two).
   */
  public static final int PAYMENT_REMINDER_CONFIGURED_PERCENT = 10;

  /** The setting that switches the payment reminder's holdout on. */
  public static final String PAYMENT_REMINDER_SETTING =
      "careflow.experiments.payment-reminder-holdout.enabled";

  /**
   * A holdout as configured on a step and as applied.
   *
   * @param experimentId the step's experiment id
   * @param stepId the journey step
   * @param configuredPercent the share (%) set on the step in the model
   * @param effectivePercent the share (%) actually held out (0 while the setting is off)
   * @param setting the setting that switches it on
   * @param enabled the setting's value
   * @param reason why the effective share differs from the configured one, English, or null when
   *     applied
   * @param reasonKey the message key of {@code reason} ({@code experiments.holdout.reason.*}), for
   *     pages and CSVs that write it in their language; null when applied
   * @param reasonArguments the key's arguments (the setting's name); empty when applied
   */
  public record HoldoutStatus(
      String experimentId,
      String stepId,
      int configuredPercent,
      int effectivePercent,
      String setting,
      boolean enabled,
      String reason,
      String reasonKey,
      List<String> reasonArguments) {

    /** The reason key of a setting that is off: "{0} is false". */
    public static final String SETTING_OFF = "experiments.holdout.reason.settingOff";

    public HoldoutStatus {
      reasonArguments = reasonArguments == null ? List.of() : List.copyOf(reasonArguments);
    }

    /** One line for logs and the start-up summary. */
    public String summary() {
      return "Payment reminder holdout: configured "
          + configuredPercent
          + " %, "
          + (reason == null ? "applied (" + setting + "=true)" : "not applied: " + reason);
    }
  }

  /** The payment reminder's holdout: configured 10 %, applied only when the setting is true. */
  public HoldoutStatus paymentReminderStatus() {
    boolean on = paymentReminderHoldout.enabled();
    return new HoldoutStatus(
        PAYMENT_REMINDER_EXPERIMENT,
        PAYMENT_REMINDER_STEP,
        PAYMENT_REMINDER_CONFIGURED_PERCENT,
        on ? PAYMENT_REMINDER_CONFIGURED_PERCENT : 0,
        PAYMENT_REMINDER_SETTING,
        on,
        on ? null : PAYMENT_REMINDER_SETTING + " is false",
        on ? null : HoldoutStatus.SETTING_OFF,
        on ? List.of() : List.of(PAYMENT_REMINDER_SETTING));
  }

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
