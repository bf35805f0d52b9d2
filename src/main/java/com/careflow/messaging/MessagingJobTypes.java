package com.careflow.messaging;

/**
 * The job types this module's {@code @JobWorker}s serve, named as the BPMN models name them. {@code
 * ModelConsistencyTest} keeps every module's job types in step with the models and the workers.
 */
public final class MessagingJobTypes {

  private MessagingJobTypes() {}

  /**
   * Computes when a message may go out, outside the buyer's quiet hours ({@code
   * PlanSendTimeWorker}, R4).
   */
  public static final String PLAN_SEND_TIME = "plan-send-time";

  /**
   * Whether a buyer can be messaged in a category now, before a journey issues a coupon for the
   * message ({@code CheckBuyerReachableWorker}, R20, R22).
   */
  public static final String CHECK_BUYER_REACHABLE = "check-buyer-reachable";

  /** Renders and sends one message to a buyer ({@code SendMessageWorker}). */
  public static final String SEND_MESSAGE = "send-message";

  /**
   * Sets {@code journeyVersion}, the deployed version of the journey's own process, from its
   * process-level start execution listener ({@code JourneyVersionWorker}, issue #16).
   */
  public static final String JOURNEY_VERSION = "journey-version";
}
