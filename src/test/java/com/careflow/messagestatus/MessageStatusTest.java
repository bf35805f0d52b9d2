package com.careflow.messagestatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
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
  void storedValueIsTheEnumNameOrTheUnknownValueUpperCased() {
    assertThat(MessageStatus.storedValue("queued")).isEqualTo("QUEUED");
    assertThat(MessageStatus.storedValue("DRY_RUN")).isEqualTo("DRY_RUN");
    assertThat(MessageStatus.storedValue("brand_new")).isEqualTo("BRAND_NEW");
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

  @Test
  void onlyReadFollowsAFinalStatus() {
    for (MessageStatus last : MessageStatus.values()) {
      if (!last.isFinal()) {
        continue;
      }
      assertThat(
              Arrays.stream(MessageStatus.values())
                  .filter(next -> next.canFollow(last))
                  .filter(next -> next != MessageStatus.READ))
          .as("after %s", last)
          .isEmpty();
    }
    assertThat(MessageStatus.QUEUED.isFinal()).isFalse();
    assertThat(MessageStatus.DELIVERED.isFinal()).isTrue();
    assertThat(MessageStatus.SKIPPED.isFinal()).isTrue();
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
