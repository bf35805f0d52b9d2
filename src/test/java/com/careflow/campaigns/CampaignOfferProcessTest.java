package com.careflow.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.messaging.MessagingJobTypes;
import com.careflow.segments.SegmentJobTypes;
import com.careflow.support.ProcessTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * bpmn/campaign-offer.bpmn: one customer of a campaign (rules R15, R16, R17, R19). The discount
 * table is a test fixture deployed as its latest version: a WIN_BACK coupon for C_SLEEPING and
 * D_LOST, none for HOLIDAY care.
 */
class CampaignOfferProcessTest extends ProcessTestBase {

  @BeforeEach
  void discountFixture() {
    engine.deploy(List.of(Path.of("src/test/resources/dmn-fixtures/discount-fixture.dmn")));
  }

  private static final Map<String, Object> LOYAL =
      Map.of(
          "recencyDays",
          10,
          "frequency",
          6,
          "monetary",
          900,
          "lifetimeOrders",
          8,
          "largestOrderAmount",
          300,
          "largestOrderUnits",
          3);
  private static final Map<String, Object> LOST =
      Map.of(
          "recencyDays",
          400,
          "frequency",
          0,
          "monetary",
          0,
          "lifetimeOrders",
          2,
          "largestOrderAmount",
          100,
          "largestOrderUnits",
          1);
  private static final Map<String, Object> LOYAL_WHOLESALE =
      Map.of(
          "recencyDays",
          10,
          "frequency",
          6,
          "monetary",
          90000,
          "lifetimeOrders",
          8,
          "largestOrderAmount",
          30000,
          "largestOrderUnits",
          200);

  private static final Map<String, Object> REACHABLE = Map.of("buyerReachable", true);

  private long offer(String customerId, List<String> segments, boolean excludeLargeBuyers) {
    Occasion occasion =
        new Occasion("DOUBLE_12", "Double 12", "双十二", "ALL", segments, excludeLargeBuyers);
    long key =
        engine
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId(CampaignJobTypes.CAMPAIGN_OFFER)
            .latestVersion()
            .variables(
                Map.of(
                    "customerId",
                    customerId,
                    "campaignId",
                    "DOUBLE_12-2026",
                    "campaignOccasion",
                    occasion))
            .send()
            .join()
            .getProcessInstanceKey();
    engine.waitForIdle();
    return key;
  }

  @Test
  @DisplayName(
      "R15/R19: a customer whose segment the occasion does not address gets no message and one"
          + " SEGMENT_NOT_ADDRESSED skip recorded; an addressed segment gets the occasion message")
  void r15_theOccasionReachesItsSegmentsOnly_othersAreRecordedAsSkipped() {
    long lost = offer("c-lost", List.of("A_LOYAL", "B_ACTIVE"), false);
    engine.completeJob(SegmentJobTypes.COMPUTE_SEGMENT_INPUTS, LOST);
    var skip = engine.completeJob(CampaignJobTypes.RECORD_OFFER_NOT_MADE, Map.of());

    assertThat(skip.getVariablesAsMap())
        .containsEntry("skipReason", "SEGMENT_NOT_ADDRESSED")
        .containsEntry("customerId", "c-lost")
        .containsEntry("campaignId", "DOUBLE_12-2026")
        .containsEntry("segment", "D_LOST");
    var records = engine.records();
    assertThat(records.variable(lost, "segment")).contains("\"D_LOST\"");
    assertThat(records.completedElements(lost))
        .containsSubsequence("Activity_RecordSegmentNotAddressed", "EndEvent_SegmentNotAddressed")
        .doesNotContain("Activity_DecideOffer");
    assertThat(records.instancesOf("message-delivery")).isEmpty();

    long loyal = offer("c-loyal", List.of("A_LOYAL", "B_ACTIVE"), false);
    engine.completeJob(SegmentJobTypes.COMPUTE_SEGMENT_INPUTS, LOYAL);
    engine.completeJob(CampaignJobTypes.CHECK_OFFER_REACHABLE, REACHABLE);
    engine.completeJob(MessagingJobTypes.PLAN_SEND_TIME, Map.of("sendAt", "2000-01-01T00:00:00Z"));

    var message = engine.nextJob(MessagingJobTypes.SEND_MESSAGE).getVariablesAsMap();
    assertThat(message)
        .containsEntry("customerId", "c-loyal")
        .containsEntry("category", "MARKETING")
        .containsEntry("templateKey", "holiday-greeting");
    assertThat(engine.records().variable(loyal, "segment")).contains("\"A_LOYAL\"");
    assertThat(engine.records().completedElements(loyal))
        .doesNotContain("Activity_RecordSegmentNotAddressed", "Activity_RecordLargeBuyerLeftOut");
  }

  @Test
  @DisplayName("R23 (issue #16): the offer is sent under the campaign offer's deployed version")
  void journeyVersion_reachesTheDeliveryAsCallingProcessVersion() {
    long loyal = offer("c-loyal", List.of("A_LOYAL", "B_ACTIVE"), false);
    engine.completeJob(SegmentJobTypes.COMPUTE_SEGMENT_INPUTS, LOYAL);
    engine.completeJob(CampaignJobTypes.CHECK_OFFER_REACHABLE, REACHABLE);
    engine.completeJob(MessagingJobTypes.PLAN_SEND_TIME, Map.of("sendAt", "2000-01-01T00:00:00Z"));

    var message = engine.nextJob(MessagingJobTypes.SEND_MESSAGE).getVariablesAsMap();

    assertThat(message)
        .containsEntry("callingProcessId", "campaign-offer")
        .containsEntry("callingProcessVersion", engine.records().processVersion(loyal));
  }

  @Test
  void r17_lostCustomersGetAWinBackCoupon() {
    long lost = offer("c-lost", List.of("C_SLEEPING", "D_LOST"), false);
    engine.completeJob(SegmentJobTypes.COMPUTE_SEGMENT_INPUTS, LOST);
    engine.completeJob(CampaignJobTypes.CHECK_OFFER_REACHABLE, REACHABLE);
    var coupon = engine.completeJob("issue-coupon", Map.of("couponCode", "BACK-15"));
    engine.completeJob(MessagingJobTypes.PLAN_SEND_TIME, Map.of("sendAt", "2000-01-01T00:00:00Z"));
    var send = engine.nextJob(MessagingJobTypes.SEND_MESSAGE);

    assertThat(coupon.getVariablesAsMap()).containsEntry("occasion", "WIN_BACK");
    assertThat((Map<String, Object>) coupon.getVariablesAsMap().get("discount"))
        .containsEntry("couponKind", "PERCENT")
        .containsEntry("value", 15);
    assertThat(send.getVariablesAsMap()).containsEntry("templateKey", "holiday-offer");
    assertThat(send.getVariablesAsMap().get("templateVariables"))
        .isEqualTo(
            Map.of("occasionName", "Double 12", "occasionNameZh", "双十二", "couponCode", "BACK-15"));
    engine
        .client()
        .newCompleteCommand(send.getKey())
        .variables(Map.of("lastMessageStatus", "SENT"))
        .send()
        .join();

    assertThat(engine.records().completedElements(lost)).endsWith("EndEvent_OfferSent");
  }

  @Test
  @DisplayName(
      "R16: a large buyer the occasion leaves out gets no message and one LARGE_BUYER_LEFT_OUT skip"
          + " recorded; when the occasion keeps large buyers, they get the message")
  void r16_largeBuyersLeftOutByTheOccasionAreRecordedAsSkipped() {
    long excluded = offer("c-big", List.of("A_LOYAL"), true);
    engine.completeJob(SegmentJobTypes.COMPUTE_SEGMENT_INPUTS, LOYAL_WHOLESALE);
    var skip = engine.completeJob(CampaignJobTypes.RECORD_OFFER_NOT_MADE, Map.of());

    assertThat(skip.getVariablesAsMap())
        .containsEntry("skipReason", "LARGE_BUYER_LEFT_OUT")
        .containsEntry("customerId", "c-big")
        .containsEntry("segment", "A_LOYAL");
    assertThat(engine.records().variable(excluded, "largeBuyer")).contains("true");
    assertThat(engine.records().completedElements(excluded))
        .containsSubsequence("Activity_RecordLargeBuyerLeftOut", "EndEvent_LargeBuyerLeftOut")
        .doesNotContain("Activity_RecordSegmentNotAddressed", "Activity_DecideOffer");
    assertThat(engine.records().instancesOf("message-delivery")).isEmpty();

    offer("c-big", List.of("A_LOYAL"), false);
    engine.completeJob(SegmentJobTypes.COMPUTE_SEGMENT_INPUTS, LOYAL_WHOLESALE);
    engine.completeJob(CampaignJobTypes.CHECK_OFFER_REACHABLE, REACHABLE);
    assertThat(engine.nextJob(MessagingJobTypes.PLAN_SEND_TIME).getVariablesAsMap())
        .containsEntry("customerId", "c-big");
  }

  @Test
  @DisplayName(
      "R15 before R16: a large buyer outside the occasion's segments is recorded once, as"
          + " SEGMENT_NOT_ADDRESSED")
  void r15_aLargeBuyerOutsideTheSegmentsIsRecordedOnceForItsSegment() {
    long big = offer("c-big", List.of("C_SLEEPING", "D_LOST"), true);
    engine.completeJob(SegmentJobTypes.COMPUTE_SEGMENT_INPUTS, LOYAL_WHOLESALE);
    var skip = engine.completeJob(CampaignJobTypes.RECORD_OFFER_NOT_MADE, Map.of());

    assertThat(skip.getVariablesAsMap()).containsEntry("skipReason", "SEGMENT_NOT_ADDRESSED");
    assertThat(engine.records().completedElements(big))
        .endsWith("EndEvent_SegmentNotAddressed")
        .doesNotContain("Activity_RecordLargeBuyerLeftOut");
  }

  @Test
  @DisplayName(
      "R20/R22: a buyer with consent who cannot be messaged (opted out, flagged or missing number,"
          + " over the frequency cap) gets no coupon; the skip is recorded once, before the coupon"
          + " step")
  void r22_aBuyerWhoCannotBeMessagedGetsNoCoupon_theSkipIsRecordedOnce() {
    var skips = new RecordingSkippedOffers();
    var check =
        new CheckOfferReachableWorker(
            new OfferReachability(
                (customerId, category) ->
                    java.util.Optional.of(com.careflow.messaging.SkipReason.OPTED_OUT),
                skips));
    long lost = offer("c-lost", List.of("C_SLEEPING", "D_LOST"), false);
    engine.completeJob(SegmentJobTypes.COMPUTE_SEGMENT_INPUTS, LOST);
    var job = engine.nextJob(CampaignJobTypes.CHECK_OFFER_REACHABLE);
    var result =
        check.checkOfferReachable(
            job.getVariablesAsType(CheckOfferReachableWorker.Input.class), job);
    engine.client().newCompleteCommand(job.getKey()).variables(result).send().join();
    engine.waitForIdle();

    assertThat(result).containsEntry("buyerReachable", false);
    assertThat(skips.notReachable)
        .containsExactly("DOUBLE_12-2026|DOUBLE_12|c-lost|D_LOST|OPTED_OUT|" + lost);
    var records = engine.records();
    assertThat(records.completedElements(lost))
        .containsSubsequence(
            "Activity_CheckBuyerReachable", "Gateway_BuyerReachable", "EndEvent_BuyerNotReachable")
        .doesNotContain("Activity_DecideOffer", "Activity_IssueCoupon");
    assertThat(records.jobsCreated(lost))
        .extracting(j -> j.getType())
        .as("no coupon issued, no send")
        .doesNotContain("issue-coupon", MessagingJobTypes.PLAN_SEND_TIME);
    assertThat(records.instancesOf("message-delivery")).isEmpty();
  }

  @Test
  @DisplayName(
      "R22: the reachability check comes before the coupon: a reachable buyer's coupon is issued"
          + " only after the check said yes")
  void r22_theCouponIsIssuedOnlyAfterTheBuyerWasFoundReachable() {
    long lost = offer("c-lost", List.of("C_SLEEPING", "D_LOST"), false);
    engine.completeJob(SegmentJobTypes.COMPUTE_SEGMENT_INPUTS, LOST);
    engine.completeJob(CampaignJobTypes.CHECK_OFFER_REACHABLE, REACHABLE);
    engine.completeJob("issue-coupon", Map.of("couponCode", "BACK-15"));

    assertThat(engine.records().completedElements(lost))
        .containsSubsequence(
            "Activity_DecideAudience",
            "Activity_CheckBuyerReachable",
            "Activity_DecideOffer",
            "Activity_IssueCoupon");
  }
}
