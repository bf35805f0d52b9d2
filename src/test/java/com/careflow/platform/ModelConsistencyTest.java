package com.careflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.campaigns.CampaignJobTypes;
import com.careflow.coupons.CouponJobTypes;
import com.careflow.customers.CustomerJobTypes;
import com.careflow.intake.JourneyMessages;
import com.careflow.journeys.JourneyJobTypes;
import com.careflow.messaging.MessagingJobTypes;
import com.careflow.segments.SegmentJobTypes;
import com.careflow.support.ModelConsistency;
import com.careflow.support.ProcessTestEngine;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                refs, ModelConsistency.workerTypes("com.careflow"), JourneyMessages.published()))
        .isEmpty();
  }

  @Test
  void jobTypeConstantsMatchTheWorkers() {
    assertThat(ModelConsistency.workerTypes("com.careflow"))
        .containsExactlyInAnyOrder(
            CustomerJobTypes.LOOKUP_BUYER,
            MessagingJobTypes.PLAN_SEND_TIME,
            MessagingJobTypes.SEND_MESSAGE,
            MessagingJobTypes.CHECK_BUYER_REACHABLE,
            MessagingJobTypes.JOURNEY_VERSION,
            JourneyJobTypes.PLAN_CALL_TIME,
            CouponJobTypes.ISSUE_COUPON,
            SegmentJobTypes.COMPUTE_SEGMENT_INPUTS,
            CampaignJobTypes.CHECK_CART_ABANDONED,
            CampaignJobTypes.PLAN_CAMPAIGN,
            CampaignJobTypes.START_CAMPAIGN_BATCH,
            CampaignJobTypes.RECORD_OFFER_NOT_MADE,
            CampaignJobTypes.CHECK_OFFER_REACHABLE);
  }

  /**
   * Each job type is named in the module whose worker serves it (issue #20): a worker that takes
   * its type from another module's constants makes that module depend on the implementer's name.
   */
  @Test
  void everyWorkerNamesItsJobTypeWithAConstantOfItsOwnModule() throws Exception {
    Pattern workerType = Pattern.compile("@JobWorker\\(\\s*type\\s*=\\s*(\\w+)\\.\\w+");
    List<String> problems = new ArrayList<>();
    int workers = 0;
    try (var files = Files.walk(Path.of("src/main/java/com/careflow"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = workerType.matcher(Files.readString(file));
        while (m.find()) {
          workers++;
          if (!Files.exists(file.resolveSibling(m.group(1) + ".java"))) {
            problems.add(file + " names its job type with " + m.group(1) + " of another package");
          }
        }
      }
    }
    assertThat(workers).as("@JobWorker methods naming their type by a constant").isEqualTo(13);
    assertThat(problems).isEmpty();
  }

  /** The process and decision ids the modules declare exist in bpmn/ and dmn/. */
  @Test
  void processAndDecisionIdConstantsExistInTheModels() {
    var refs = ModelConsistency.read(ProcessTestEngine.modelFiles());
    assertThat(refs.decisionIds())
        .contains(
            JourneyJobTypes.Decisions.REMINDER_POLICY,
            JourneyJobTypes.Decisions.ORDER_TIMINGS,
            JourneyJobTypes.Decisions.DISCOUNT,
            SegmentJobTypes.SEGMENT_DECISION,
            SegmentJobTypes.LARGE_BUYER_DECISION,
            CampaignJobTypes.OCCASION_CALENDAR,
            CampaignJobTypes.OFFER_AUDIENCE);
    assertThat(refs.processIds())
        .contains(
            JourneyJobTypes.PROCESS_ID,
            JourneyJobTypes.MESSAGE_DELIVERY_PROCESS_ID,
            CampaignJobTypes.CART_RECOVERY,
            CampaignJobTypes.HOLIDAY_REENGAGEMENT,
            CampaignJobTypes.CAMPAIGN_OFFER);
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

    assertThat(ModelConsistency.problems(refs, Set.of(MessagingJobTypes.SEND_MESSAGE), Set.of()))
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
            ModelConsistency.read(List.of(bpmn)), Set.of(), JourneyMessages.published());

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
    for (var model : bpmnModels()) {
      for (var call : model.getModelElementsByType(CallActivity.class)) {
        var called = call.getSingleExtensionElement(ZeebeCalledElement.class);
        if (called == null || !"message-delivery".equals(called.getProcessId())) {
          continue;
        }
        steps++;
        var inputs = inputs(call);
        var process = (Process) parentProcess(call);
        expect(problems, call.getId(), "callingProcessId", process.getId(), inputs);
        expect(problems, call.getId(), "callingStepId", call.getId(), inputs);
        expect(problems, call.getId(), "callingStepName", call.getName(), inputs);
        // the journey's deployed version (issue #16): set once by the process's start listener
        expect(problems, call.getId(), "callingProcessVersion", "=journeyVersion", inputs);
        var listeners = process.getSingleExtensionElement(ZeebeExecutionListeners.class);
        boolean listens =
            listeners != null
                && listeners.getExecutionListeners().stream()
                    .anyMatch(
                        l ->
                            l.getEventType() == ZeebeExecutionListenerEventType.start
                                && MessagingJobTypes.JOURNEY_VERSION.equals(l.getType()));
        if (!listens) {
          problems.add(
              process.getId()
                  + " has no start execution listener "
                  + MessagingJobTypes.JOURNEY_VERSION
                  + " to set journeyVersion for "
                  + call.getId());
        }
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

  /**
   * R24: a coupon's cost is its issuing step's, so every task made from the "Issue coupon" element
   * template names itself as a send step does ({@code callingStepName} = its own name): the Journey
   * page names the coupon's step (#16 review: coupon steps were recorded without a name).
   */
  @Test
  void everyCouponStepNamesItselfForTheAnalyticsR24() {
    List<String> problems = new java.util.ArrayList<>();
    int steps = 0;
    for (var model : bpmnModels()) {
      for (var task :
          model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.ServiceTask.class)) {
        var definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
        if (definition == null || !CouponJobTypes.ISSUE_COUPON.equals(definition.getType())) {
          continue;
        }
        steps++;
        var inputs = inputs(task);
        if (task.getName() == null || task.getName().isBlank()) {
          problems.add(task.getId() + " has no name");
          continue;
        }
        expect(problems, task.getId(), "callingStepName", task.getName(), inputs);
      }
    }
    assertThat(steps).as("coupon steps in the journeys").isGreaterThanOrEqualTo(4);
    assertThat(problems).isEmpty();
  }

  /**
   * #16 follow-up: the Journey page and the CSVs name a step by its element's name, so within one
   * model no two tasks that carry figures (send steps, coupon steps R9 R13 R17) or that decide them
   * (business rule tasks) share a name: two rows "Issue coupon" tell a business reader nothing.
   */
  @Test
  void noTwoStepsOfAModelShareANameR9R13() {
    List<String> problems = new java.util.ArrayList<>();
    int named = 0;
    for (var model : bpmnModels()) {
      java.util.Map<String, String> byName = new java.util.HashMap<>();
      for (var task :
          model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Activity.class)) {
        boolean figures =
            task instanceof io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask
                || java.util.Arrays.asList("com.careflow.send-message", "com.careflow.issue-coupon")
                    .contains(
                        task.getAttributeValueNs(
                            "http://camunda.org/schema/zeebe/1.0", "modelerTemplate"));
        if (!figures || task.getName() == null) {
          continue;
        }
        named++;
        String other = byName.putIfAbsent(task.getName().strip(), task.getId());
        if (other != null) {
          problems.add(other + " and " + task.getId() + " are both named '" + task.getName() + "'");
        }
      }
    }
    assertThat(named).as("named steps and decisions").isGreaterThan(10);
    assertThat(problems).isEmpty();
  }

  /** The shipped BPMN models. */
  private static List<io.camunda.zeebe.model.bpmn.BpmnModelInstance> bpmnModels() {
    return ProcessTestEngine.modelFiles().stream()
        .filter(file -> file.toString().endsWith(".bpmn"))
        .map(file -> Bpmn.readModelFromFile(file.toFile()))
        .toList();
  }

  /** An element's input mappings: target → source. */
  private static java.util.Map<String, String> inputs(
      io.camunda.zeebe.model.bpmn.instance.BaseElement element) {
    var inputs = new java.util.HashMap<String, String>();
    var io = element.getSingleExtensionElement(ZeebeIoMapping.class);
    if (io != null) {
      io.getInputs().forEach(in -> inputs.put(in.getTarget(), in.getSource()));
    }
    return inputs;
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
