package com.careflow.campaigns;

import java.time.LocalDate;

/** The campaign tables: which campaigns ran, and what happened to each customer they considered. */
interface CampaignStore {

  String STARTED = "STARTED";
  String PENDING = "PENDING";

  /**
   * A test run in {@code DRY_RUN} mode: the customer would have got an offer; nothing was started
   * or sent.
   */
  String DRY_RUN = "DRY_RUN";

  /** The customer did not consent to marketing messages (rule R22): no offer was started. */
  String SKIPPED_NO_CONSENT = "SKIPPED_NO_CONSENT";

  /** A test run's seed id the customer store does not know: no offer was started. */
  String SKIPPED_UNKNOWN_CUSTOMER = "SKIPPED_UNKNOWN_CUSTOMER";

  /** What every skipped recipient's status starts with; the reason follows. */
  String SKIPPED_PREFIX = "SKIPPED_";

  /**
   * A dry run's customer who would not get the message, by the offer's reason: {@code
   * SKIPPED_SEGMENT_NOT_ADDRESSED} (R15), {@code SKIPPED_LARGE_BUYER_LEFT_OUT} (R16), {@code
   * SKIPPED_OPTED_OUT}, {@code SKIPPED_FREQUENCY_CAP}, … (at most 30 characters, the column's
   * width); {@link #SKIPPED_NO_CONSENT} for consent, as in the real run.
   */
  static String skipped(com.careflow.messaging.SkipReason reason) {
    return SKIPPED_PREFIX + reason.name();
  }

  /**
   * Opens the campaign; false when it has already reached its whole audience (a second calendar
   * day).
   */
  boolean open(String campaignId, String occasionId, LocalDate day);

  /**
   * Opens a test run of a campaign under its own id, recorded with its mode so it never counts as
   * the real run; false when that test run has already finished.
   */
  boolean openTestRun(String campaignId, String occasionId, LocalDate day, TestRun.Mode mode);

  /** Marks the campaign as having reached its whole audience. */
  void finish(String campaignId);

  /**
   * Records that the customer was skipped and why; a second call for the same customer changes
   * nothing.
   */
  void recordSkipped(String campaignId, String customerId, String reason);

  /**
   * Claims the customer for an offer: true when no offer has been started for them in this campaign
   * (first time, or a retried batch that failed before starting it).
   */
  boolean claim(String campaignId, String customerId);

  void markStarted(String campaignId, String customerId, long processInstanceKey);
}
