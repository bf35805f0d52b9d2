package com.careflow.messaging;

/**
 * Why a message was decided not to be sent. Every such decision — in messaging's send gate, a
 * campaign's audience check and a campaign offer's audience gateways ({@link SkipRecorder}) — is a
 * row in the customer's message log with status {@code SKIPPED} and one of these codes in {@code
 * skip_reason}, and a skipped send in the analytics facts (counted per step and campaign by
 * reason). The code is stable: the API, the CSV and the analytics carry its {@link #name()}.
 */
public enum SkipReason {
  /** Marketing to a buyer without marketing consent (rule R22); journeys and campaigns alike. */
  NO_CONSENT("R22", false),
  /**
   * A campaign offer to a customer whose segment (rule R15) is not among the segments the
   * occasion's calendar row addresses: no offer, no message.
   */
  SEGMENT_NOT_ADDRESSED("R15", false),
  /**
   * A campaign offer to a large, wholesale-like buyer (rule R16) when the occasion's calendar row
   * leaves large buyers out: no offer, no message.
   */
  LARGE_BUYER_LEFT_OUT("R16", false),
  /** The number opted out: STOP or a kin word, or Twilio 21610 (rule R22). */
  OPTED_OUT("R22", false),
  /** The marketing frequency cap of the rolling window is reached (rule R20). */
  FREQUENCY_CAP("R20", false),
  /**
   * No phone number is known for the customer (or the customer is unknown): nothing to send to. The
   * journey also takes its "undeliverable" path.
   */
  NO_PHONE("", true),
  /**
   * The number is flagged invalid by an earlier Twilio error (21211 and kin); Twilio is not called.
   * The row keeps that error code; the journey takes its "undeliverable" path.
   */
  NUMBER_FLAGGED_INVALID("", true),
  /** A payment reminder for an order paid meanwhile (rule R1: a paid buyer is never reminded). */
  REASON_EXPIRED_PAID("R1", false),
  /** A message about an order cancelled or closed meanwhile (rule R6). */
  REASON_EXPIRED_CANCELLED("R6", false),
  /**
   * A review invite (R11) or care message (R10) about an order refunded meanwhile; no single rule
   * governs it.
   */
  REASON_EXPIRED_REFUNDED("", false);

  private final String rule;
  private final boolean undeliverable;

  SkipReason(String rule, boolean undeliverable) {
    this.rule = rule;
    this.undeliverable = undeliverable;
  }

  /** The rule of the domain brief that governs the skip ({@code R22}), or "" when none does. */
  public String rule() {
    return rule;
  }

  /**
   * True when the journey must also hear "undeliverable" (BPMN error {@code
   * MESSAGE_UNDELIVERABLE}): the buyer cannot be reached at all, not just not now.
   */
  public boolean undeliverable() {
    return undeliverable;
  }

  /** The reason for a code read back from the log, or null for none or an unknown code. */
  public static SkipReason of(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    for (SkipReason r : values()) {
      if (r.name().equals(code)) {
        return r;
      }
    }
    return null;
  }
}
