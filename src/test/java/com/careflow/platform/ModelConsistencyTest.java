package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.campaigns.CampaignJourney;
import com.careflow.journeys.JobTypes;
import com.careflow.orders.ShopEventType;
import com.careflow.segments.SegmentJobTypes;
import com.careflow.support.ModelConsistency;
import com.careflow.support.ProcessTestEngine;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The structural test: code and the models in bpmn/ and dmn/ must agree. */
class ModelConsistencyTest {

  @Test
  void projectModelsAndCodeAgree() {
    var refs = ModelConsistency.read(ProcessTestEngine.modelFiles());

    assertThat(refs.jobTypes()).as("the models use job types").isNotEmpty();
    assertThat(
            ModelConsistency.problems(
                refs,
                ModelConsistency.workerTypes("com.careflow"),
                ShopEventType.publishedMessageNames()))
        .isEmpty();
  }

  @Test
  void jobTypeConstantsMatchTheWorkers() {
    assertThat(ModelConsistency.workerTypes("com.careflow"))
        .containsExactlyInAnyOrder(
            JobTypes.LOOKUP_BUYER,
            JobTypes.PLAN_SEND_TIME,
            JobTypes.SEND_MESSAGE,
            JobTypes.PLAN_CALL_TIME,
            JobTypes.ISSUE_COUPON,
            SegmentJobTypes.COMPUTE_SEGMENT_INPUTS,
            CampaignJourney.CHECK_CART_ABANDONED,
            CampaignJourney.PLAN_CAMPAIGN,
            CampaignJourney.START_CAMPAIGN_BATCH);
  }

  @Test
  void aJobTypeWithoutWorkerIsReported(@TempDir Path dir) throws Exception {
    Path bpmn = dir.resolve("broken.bpmn");
    Bpmn.writeModelToFile(
        bpmn.toFile(),
        Bpmn.createExecutableProcess("broken")
            .startEvent()
            .serviceTask("Activity_Unknown")
            .zeebeJobType("no-such-worker")
            .endEvent()
            .done());

    var refs = ModelConsistency.read(List.of(bpmn));

    assertThat(ModelConsistency.problems(refs, Set.of(JobTypes.SEND_MESSAGE), Set.of()))
        .contains(
            "Job type 'no-such-worker' used in [broken.bpmn] has no @JobWorker",
            "@JobWorker type 'send-message' is used by no BPMN in bpmn/");
  }

  @Test
  void aMissingDecisionAndAnUnpublishedMessageAreReported(@TempDir Path dir) throws Exception {
    Path bpmn = dir.resolve("broken.bpmn");
    Bpmn.writeModelToFile(
        bpmn.toFile(),
        Bpmn.createExecutableProcess("broken")
            .startEvent()
            .businessRuleTask("Activity_Decide")
            .zeebeCalledDecisionId("no-such-table")
            .zeebeResultVariable("r")
            .intermediateCatchEvent("Event_Wait")
            .message(m -> m.name("ParcelTeleported").zeebeCorrelationKeyExpression("orderId"))
            .endEvent()
            .done());

    var problems =
        ModelConsistency.problems(
            ModelConsistency.read(List.of(bpmn)), Set.of(), ShopEventType.publishedMessageNames());

    assertThat(problems)
        .contains(
            "Decision 'no-such-table' called in [broken.bpmn] is not defined in dmn/",
            "Message 'ParcelTeleported' in [broken.bpmn] is never published by the event intake");
  }

  /**
   * R23–R26: the analytics credit each message to the journey step that asked for it, so every call
   * of {@code message-delivery} names itself: its process id, its own element id and name.
   */
  @Test
  void everySendStepNamesItselfForTheAnalyticsR23toR26() {
    List<String> problems = new java.util.ArrayList<>();
    int steps = 0;
    for (Path file : ProcessTestEngine.modelFiles()) {
      if (!file.toString().endsWith(".bpmn")) {
        continue;
      }
      var model = Bpmn.readModelFromFile(file.toFile());
      for (var call : model.getModelElementsByType(CallActivity.class)) {
        var called = call.getSingleExtensionElement(ZeebeCalledElement.class);
        if (called == null || !"message-delivery".equals(called.getProcessId())) {
          continue;
        }
        steps++;
        var inputs = new java.util.HashMap<String, String>();
        var io = call.getSingleExtensionElement(ZeebeIoMapping.class);
        if (io != null) {
          io.getInputs().forEach(in -> inputs.put(in.getTarget(), in.getSource()));
        }
        var process = (Process) parentProcess(call);
        expect(problems, call.getId(), "callingProcessId", process.getId(), inputs);
        expect(problems, call.getId(), "callingStepId", call.getId(), inputs);
        expect(problems, call.getId(), "callingStepName", call.getName(), inputs);
        for (String target : List.of("campaign", "occasion", "segmentAtSend")) {
          if (!inputs.containsKey(target)) {
            problems.add(call.getId() + " does not pass " + target);
          }
        }
      }
    }
    assertThat(steps).as("send steps in the journeys").isGreaterThan(5);
    assertThat(problems).isEmpty();
  }

  private static void expect(
      List<String> problems,
      String element,
      String target,
      String expected,
      java.util.Map<String, String> inputs) {
    if (!expected.equals(inputs.get(target))) {
      problems.add(
          element + " passes " + target + "=" + inputs.get(target) + ", expected " + expected);
    }
  }

  private static ModelElementInstance parentProcess(ModelElementInstance element) {
    ModelElementInstance e = element;
    while (e != null && !(e instanceof Process)) {
      e = e.getParentElement();
    }
    return e;
  }
}
