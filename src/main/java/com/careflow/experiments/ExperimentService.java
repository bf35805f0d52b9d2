package com.careflow.experiments;

import com.careflow.analytics.AnalyticsFacts;
import com.careflow.messagestatus.MessageStatus;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides and records experiment groups on send steps. A held-out buyer's virtual send is written
 * to {@code experiment_exposure} and told to analytics as a send with status {@code HOLDOUT} (which
 * earns no attribution credit, R23); a treated buyer's exposure is written too, so both groups are
 * measured by the same rule. The first decision for a send key is final: a retry or redelivery
 * reads it back, even if the step's settings changed meanwhile.
 */
@Service
public class ExperimentService implements SendStepExperiments {

  /**
   * The status of a virtual send in analytics and the worker's {@code lastMessageStatus}: {@link
   * MessageStatus#HOLDOUT}'s stored name.
   */
  public static final String HOLDOUT = MessageStatus.HOLDOUT.name();

  private static final Logger log = LoggerFactory.getLogger(ExperimentService.class);

  private final JdbcClient jdbc;
  private final AnalyticsFacts analytics;
  private final ExperimentProperties properties;
  private final Clock clock;

  ExperimentService(
      JdbcClient jdbc, AnalyticsFacts analytics, ExperimentProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.analytics = analytics;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  @Transactional
  public Optional<Assignment> decide(SendStep step) {
    if (step.experimentId() == null || step.experimentId().isBlank()) {
      return Optional.empty();
    }
    Optional<Assignment> earlier = recorded(step.sendKey());
    if (earlier.isPresent()) {
      return earlier;
    }
    ExperimentDesign design =
        ExperimentDesign.parse(
            step.experimentId(),
            effectiveHoldout(step.experimentId(), step.holdoutShare()),
            step.variantTemplateKeys(),
            step.variantShares());
    if (design.holdoutBuckets() == 0 && design.variantTemplateKeys().isEmpty()) {
      return Optional.empty();
    }
    Assignment assignment =
        ExperimentAssigner.assign(design, step.customerId(), step.templateKey());
    Instant now = clock.instant();
    try {
      jdbc.sql(
              """
              INSERT INTO experiment_exposure (send_key, experiment_id, customer_id, order_id,
                  bucket, group_name, template_key, holdout_percent, process_instance_key,
                  element_id, exposed_at, variant_key)
              VALUES (:sendKey, :experimentId, :customerId, :orderId, :bucket, :group,
                  :templateKey, :holdout, :pik, :elementId, :at, :variantKey)
              """)
          .param("sendKey", step.sendKey())
          .param("experimentId", design.experimentId())
          .param("customerId", step.customerId())
          .param("orderId", step.orderId() == null ? "" : step.orderId())
          .param("bucket", assignment.bucket())
          .param("group", assignment.group().name())
          .param("templateKey", assignment.templateKey())
          .param("holdout", BigDecimal.valueOf(design.holdoutPercent()))
          .param("pik", step.processInstanceKey())
          .param("elementId", step.step().stepId() == null ? "" : step.step().stepId())
          .param("at", Timestamp.from(now))
          // the A/B variant, only when the step lists variant templates (V15)
          .param(
              "variantKey",
              assignment.heldOut() || design.variantTemplateKeys().isEmpty()
                  ? null
                  : assignment.templateKey(),
              java.sql.Types.VARCHAR)
          .update();
    } catch (DuplicateKeyException raced) {
      return recorded(step.sendKey());
    }
    if (assignment.heldOut()) {
      // the virtual send, under the calling journey step, as the real send would have been
      SendStepExperiments.CallingStep at = step.step();
      analytics.recordSend(
          new AnalyticsFacts.SendFact(
              step.sendKey(),
              null,
              step.customerId(),
              step.orderId(),
              at.processId(),
              at.processVersion(),
              at.stepId(),
              at.stepName(),
              at.campaign(),
              at.occasion(),
              at.segment(),
              step.category(),
              step.channel(),
              assignment.templateKey(),
              step.locale(),
              HOLDOUT,
              0,
              null,
              null,
              HOLDOUT,
              now));
      log.info(
          "Experiment {}: buyer held out at send {} (virtual send)",
          design.experimentId(),
          step.sendKey());
    }
    return Optional.of(assignment);
  }

  /**
   * One line at start-up saying whether the payment reminder's holdout is applied: INFO when it is,
   * WARN when the step's configured share is not applied because the setting is off.
   */
  @org.springframework.context.event.EventListener(
      org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void logHoldoutStatus() {
    ExperimentProperties.HoldoutStatus status = properties.paymentReminderStatus();
    if (status.reason() == null) {
      log.info(status.summary());
    } else {
      log.warn(status.summary());
    }
  }

  private Number effectiveHoldout(String experimentId, Number share) {
    if (ExperimentProperties.PAYMENT_REMINDER_EXPERIMENT.equals(experimentId)
        && !properties.paymentReminderHoldout().enabled()) {
      return 0;
    }
    return share;
  }

  private Optional<Assignment> recorded(String sendKey) {
    return jdbc.sql(
            "SELECT experiment_id, bucket, group_name, template_key FROM experiment_exposure"
                + " WHERE send_key = :k")
        .param("k", sendKey)
        .query(
            (rs, i) ->
                new Assignment(
                    rs.getString(1),
                    rs.getInt(2),
                    Assignment.Group.valueOf(rs.getString(3)),
                    rs.getString(4)))
        .optional();
  }
}
