package com.careflow.messagestatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageStatusTest {

  @Test
  void parsesTwilioLowercaseValuesAndNotCareflowsOwn() {
    assertThat(MessageStatus.fromTwilio("delivered")).contains(MessageStatus.DELIVERED);
    assertThat(MessageStatus.fromTwilio("partially_delivered"))
        .contains(MessageStatus.PARTIALLY_DELIVERED);
    assertThat(MessageStatus.fromTwilio("Queued")).contains(MessageStatus.QUEUED);
    assertThat(MessageStatus.fromTwilio("exploded")).isEmpty();
    assertThat(MessageStatus.fromTwilio("skipped")).isEmpty();
    assertThat(MessageStatus.fromTwilio(null)).isEmpty();
    assertThat(MessageStatus.DELIVERED.twilioValue()).contains("delivered");
    assertThat(MessageStatus.PENDING.twilioValue()).isEmpty();
  }

  @Test
  void aStoredValueIsTheEnumNameAndNothingElse() {
    assertThat(MessageStatus.fromStored("QUEUED")).contains(MessageStatus.QUEUED);
    assertThat(MessageStatus.fromStored("DRY_RUN")).contains(MessageStatus.DRY_RUN);
    assertThat(MessageStatus.fromStored("queued")).isEmpty();
    assertThat(MessageStatus.fromStored("BRAND_NEW")).isEmpty();
    assertThat(MessageStatus.fromStored(null)).isEmpty();
  }

  @Test
  void aReportOnlyMovesAMessageForward() {
    assertThat(MessageStatus.SENT.canFollow(MessageStatus.QUEUED)).isTrue();
    assertThat(MessageStatus.DELIVERED.canFollow(MessageStatus.SENT)).isTrue();
    assertThat(MessageStatus.READ.canFollow(MessageStatus.DELIVERED)).isTrue();
    assertThat(MessageStatus.QUEUED.canFollow(MessageStatus.PENDING)).isTrue();
    assertThat(MessageStatus.ACCEPTED.canFollow(null)).isTrue();
    // duplicates and late, out-of-order reports
    assertThat(MessageStatus.DELIVERED.canFollow(MessageStatus.DELIVERED)).isFalse();
    assertThat(MessageStatus.SENT.canFollow(MessageStatus.DELIVERED)).isFalse();
    assertThat(MessageStatus.UNDELIVERED.canFollow(MessageStatus.FAILED)).isFalse();
    assertThat(MessageStatus.QUEUED.canFollow(MessageStatus.SENDING)).isFalse();
    // untracked and Careflow's own states are never reports
    assertThat(MessageStatus.RECEIVED.canFollow(MessageStatus.PENDING)).isFalse();
    assertThat(MessageStatus.SKIPPED.canFollow(MessageStatus.PENDING)).isFalse();
  }

  /**
   * The rule of the class comment written out as a table, independently of the ranks: which reports
   * may follow each status. Every other (previous, next) pair must be refused.
   */
  static final Map<MessageStatus, Set<MessageStatus>> MAY_FOLLOW =
      new EnumMap<>(MessageStatus.class);

  static {
    Set<MessageStatus> outcomes =
        EnumSet.of(
            MessageStatus.DELIVERED,
            MessageStatus.UNDELIVERED,
            MessageStatus.FAILED,
            MessageStatus.READ);
    Set<MessageStatus> fromSent = EnumSet.copyOf(outcomes);
    Set<MessageStatus> fromSending = union(fromSent, MessageStatus.SENT);
    Set<MessageStatus> fromQueued = union(fromSending, MessageStatus.SENDING);
    Set<MessageStatus> fromAccepted = union(fromQueued, MessageStatus.QUEUED);
    Set<MessageStatus> anyReport =
        union(fromAccepted, MessageStatus.ACCEPTED, MessageStatus.SCHEDULED);
    for (MessageStatus s : MessageStatus.values()) {
      MAY_FOLLOW.put(s, EnumSet.noneOf(MessageStatus.class));
    }
    // before the provider's answer, and inbound/multi-part statuses that are no outcome
    for (MessageStatus s :
        List.of(
            MessageStatus.PENDING,
            MessageStatus.UNKNOWN,
            MessageStatus.ERROR,
            MessageStatus.RECEIVING,
            MessageStatus.PARTIALLY_DELIVERED)) {
      MAY_FOLLOW.put(s, anyReport);
    }
    MAY_FOLLOW.put(MessageStatus.ACCEPTED, fromAccepted);
    MAY_FOLLOW.put(MessageStatus.SCHEDULED, fromAccepted);
    MAY_FOLLOW.put(MessageStatus.QUEUED, fromQueued);
    MAY_FOLLOW.put(MessageStatus.SENDING, fromSending);
    MAY_FOLLOW.put(MessageStatus.SENT, fromSent);
    MAY_FOLLOW.put(MessageStatus.DELIVERED, EnumSet.of(MessageStatus.READ));
    // FAILED, UNDELIVERED, READ, SKIPPED, HOLDOUT, DRY_RUN, RECEIVED, CANCELED: final, nothing
  }

  private static Set<MessageStatus> union(Set<MessageStatus> base, MessageStatus... more) {
    Set<MessageStatus> s = EnumSet.copyOf(base);
    s.addAll(List.of(more));
    return s;
  }

  @Test
  void everyPreviousAndNextPairFollowsTheOneRule() {
    for (MessageStatus previous : MessageStatus.values()) {
      for (MessageStatus next : MessageStatus.values()) {
        assertThat(next.canFollow(previous))
            .as("%s after %s", next, previous)
            .isEqualTo(MAY_FOLLOW.get(previous).contains(next));
      }
    }
    for (MessageStatus next : MessageStatus.values()) {
      assertThat(next.canFollow(null)).as("%s first", next).isEqualTo(next.isTrackedReport());
    }
  }

  @Test
  void aFinalOutcomeIsNeverUndoneAndOnlyReadFollowsDelivered() {
    for (MessageStatus last : MessageStatus.values()) {
      if (!last.isFinal()) {
        continue;
      }
      assertThat(Arrays.stream(MessageStatus.values()).filter(next -> next.canFollow(last)))
          .as("after %s", last)
          .containsExactlyElementsOf(
              last == MessageStatus.DELIVERED ? List.of(MessageStatus.READ) : List.of());
    }
    assertThat(MessageStatus.FAILED.canFollow(MessageStatus.DELIVERED)).isFalse();
    assertThat(MessageStatus.UNDELIVERED.canFollow(MessageStatus.DELIVERED)).isFalse();
    assertThat(MessageStatus.DELIVERED.canFollow(MessageStatus.FAILED)).isFalse();
    assertThat(MessageStatus.READ.canFollow(MessageStatus.UNDELIVERED)).isFalse();
    assertThat(MessageStatus.QUEUED.isFinal()).isFalse();
    assertThat(MessageStatus.DELIVERED.isFinal()).isTrue();
    assertThat(MessageStatus.SKIPPED.isFinal()).isTrue();
  }

  @Test
  void r23_alongTheRuleAStatusNeverLosesOrGainsCreditItsLogDoesNot() {
    // analytics' status_rank is a function of the status; from PENDING or any status Twilio
    // reports, a move the rule allows never lowers it, and a failure never earns credit
    for (MessageStatus previous : MessageStatus.values()) {
      boolean hasReports = previous == MessageStatus.PENDING || previous.isTrackedReport();
      for (MessageStatus next : MessageStatus.values()) {
        if (hasReports && next.canFollow(previous)) {
          assertThat(next.creditRank())
              .as("%s after %s", next, previous)
              .isGreaterThanOrEqualTo(previous.creditRank());
        }
      }
    }
  }

  @Test
  void r23_analyticsCreditRankComesFromTheSameTypeAndFailuresEarnNoCredit() {
    // the values analytics stores as status_rank (unchanged from its former switch)
    assertThat(MessageStatus.SKIPPED.creditRank()).isZero();
    assertThat(MessageStatus.HOLDOUT.creditRank()).isZero();
    assertThat(MessageStatus.PENDING.creditRank()).isEqualTo(1);
    assertThat(MessageStatus.QUEUED.creditRank()).isEqualTo(1);
    assertThat(MessageStatus.SENDING.creditRank()).isEqualTo(1);
    assertThat(MessageStatus.SENT.creditRank()).isEqualTo(2);
    assertThat(MessageStatus.DRY_RUN.creditRank()).isEqualTo(2);
    assertThat(MessageStatus.DELIVERED.creditRank()).isEqualTo(3);
    assertThat(MessageStatus.READ.creditRank()).isEqualTo(3);
    for (MessageStatus failed :
        new MessageStatus[] {
          MessageStatus.FAILED,
          MessageStatus.UNDELIVERED,
          MessageStatus.CANCELED,
          MessageStatus.ERROR
        }) {
      assertThat(failed.creditRank()).as(failed.name()).isEqualTo(9);
    }
    // a status analytics does not record is refused, not ranked
    assertThatThrownBy(MessageStatus.UNKNOWN::creditRank)
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(MessageStatus.RECEIVING::creditRank)
        .isInstanceOf(IllegalArgumentException.class);
  }
}
