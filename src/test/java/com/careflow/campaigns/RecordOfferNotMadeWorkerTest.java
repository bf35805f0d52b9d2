package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.JobError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The thin worker behind "Record offer not made" (rules R15, R16): the step's reason, the segment
 * decided and the offer's instance reach {@link SkippedOffers}; a reason the step may not record is
 * an incident.
 */
class RecordOfferNotMadeWorkerTest {

  private static final Occasion CHRISTMAS =
      new Occasion("CHRISTMAS", "Christmas", "圣诞节", "ALL", List.of("A_LOYAL"), true);

  private final RecordingSkippedOffers offers = new RecordingSkippedOffers();
  private final List<String> recorded = offers.notAddressed;

  private static ActivatedJob job() {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getProcessInstanceKey()).thenReturn(2251799813685249L);
    return job;
  }

  @Test
  @DisplayName("R15/R16: the step's reason, the segment and the offer's instance are recorded")
  void theStepsReasonIsRecorded() {
    var worker = new RecordOfferNotMadeWorker(offers);

    Map<String, Object> out =
        worker.recordOfferNotMade(
            new RecordOfferNotMadeWorker.Input(
                "CHRISTMAS-2026", CHRISTMAS, "c-1", "NEW", "SEGMENT_NOT_ADDRESSED"),
            job());
    worker.recordOfferNotMade(
        new RecordOfferNotMadeWorker.Input(
            "CHRISTMAS-2026", CHRISTMAS, "c-2", "A_LOYAL", "LARGE_BUYER_LEFT_OUT"),
        job());

    assertThat(out).isEmpty();
    assertThat(recorded)
        .containsExactly(
            "CHRISTMAS-2026|CHRISTMAS|c-1|NEW|SEGMENT_NOT_ADDRESSED|2251799813685249",
            "CHRISTMAS-2026|CHRISTMAS|c-2|A_LOYAL|LARGE_BUYER_LEFT_OUT|2251799813685249");
  }

  @Test
  @DisplayName(
      "A step whose reason is not an audience reason (a typo, or NO_CONSENT) is an incident naming"
          + " the valid codes; nothing is recorded")
  void anUnknownReasonIsAnIncident() {
    var worker = new RecordOfferNotMadeWorker(offers);
    for (String code : new String[] {"SEGMENT_NOT_ADRESSED", "NO_CONSENT", null}) {
      JobError incident =
          catchThrowableOfType(
              JobError.class,
              () ->
                  worker.recordOfferNotMade(
                      new RecordOfferNotMadeWorker.Input(
                          "CHRISTMAS-2026", CHRISTMAS, "c-1", "NEW", code),
                      job()));
      assertThat(incident.getRetries()).as(code).isZero();
      assertThat(incident.getErrorMessage())
          .as(code)
          .contains("[LARGE_BUYER_LEFT_OUT, SEGMENT_NOT_ADDRESSED]");
    }
    assertThat(recorded).isEmpty();
  }
}
