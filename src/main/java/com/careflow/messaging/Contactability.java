package com.careflow.messaging;

import java.util.Optional;

/**
 * Messaging's port for "can this buyer be messaged now?": the checks of the send gate ({@link
 * MessageService}) without sending, claiming or recording anything, so a journey can ask before it
 * spends on the message (a coupon issued for a message that is then skipped costs without a
 * message). The gate itself decides with the same {@link SendChecks}, so the answer here and the
 * gate's verdict agree for the same state of the store; the gate checks again at the send (the
 * state may change between the two, e.g. another marketing message taking the last place under the
 * cap).
 */
public interface Contactability {

  /**
   * Why a message of this category to the customer would be skipped now, or empty when it would go
   * out (possibly held until the buyer's allowed hours, R4, which is no skip).
   *
   * @param customerId Careflow's customer id
   * @param category MARKETING checks consent (R22) and the frequency cap (R20) as well; every
   *     category checks a known phone number, the invalid-number flag and the opt-out (R22)
   * @return {@link SkipReason#NO_PHONE}, {@link SkipReason#NUMBER_FLAGGED_INVALID}, {@link
   *     SkipReason#OPTED_OUT}, {@link SkipReason#NO_CONSENT} or {@link SkipReason#FREQUENCY_CAP}
   */
  Optional<SkipReason> whyNot(String customerId, MessageCategory category);
}
