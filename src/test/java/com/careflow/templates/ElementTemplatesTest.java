package com.careflow.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.ModelConsistency;
import com.careflow.support.ProcessTestEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Modeler element templates in {@code bpmn/.camunda/element-templates/}: valid against
 * Camunda's schema, one per job type with exactly the fields its worker reads, a "Send message"
 * template whose template-key choices are the templates that exist, and used by the shipped models.
 */
class ElementTemplatesTest {

  static final Path TEMPLATES = ProcessTestEngine.BPMN_DIR.resolve(".camunda/element-templates");
  static final Path MESSAGE_TEMPLATES = Path.of("src/main/resources/templates");
  static final String MODELER_NS = "http://camunda.org/schema/zeebe/1.0";

  private final ObjectMapper json = new ObjectMapper();
  private final List<JsonNode> templates = readTemplates();
  private final Map<String, JsonNode> templatesById =
      templates.stream()
          .collect(java.util.stream.Collectors.toMap(t -> t.path("id").asText(), t -> t));

  private JsonSchema schema() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/element-templates-schema/schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  @Test
  void theSchemaRejectsABrokenTemplate() throws IOException {
    JsonNode broken =
        json.readTree(
            """
        {"name":"Broken","id":"broken","appliesTo":["bpmn:Task"],
         "properties":[{"type":"Hidden","value":"x","binding":{"type":"zeebe:noSuchBinding","name":"x"}}]}
        """);
    assertThat(schema().validate(broken)).isNotEmpty();
  }

  @Test
  void everyTemplateIsValidAgainstCamundasSchema() throws IOException {
    JsonSchema schema = schema();
    assertThat(templates).isNotEmpty();
    for (JsonNode template : templates) {
      Set<ValidationMessage> errors = schema.validate(template);
      assertThat(errors).as("schema errors in template " + template.path("id").asText()).isEmpty();
    }
  }

  @Test
  void everyJobTypeHasExactlyOneTemplateWithTheFieldsItsWorkerReads() {
    Map<String, Set<String>> workers =
        new java.util.TreeMap<>(ModelConsistency.workerFetchVariables("com.careflow"));
    // a process-level execution listener (journey-version) belongs to the process, not to an
    // element an operator draws from a template
    workers
        .keySet()
        .removeAll(ModelConsistency.executionListenerTypes(ProcessTestEngine.modelFiles()));
    workers.forEach(
        (type, fetched) -> {
          List<JsonNode> forType =
              templates.stream().filter(t -> jobType(t).filter(type::equals).isPresent()).toList();
          assertThat(forType).as("templates for job type " + type).hasSize(1);
          assertThat(inputTargets(forType.getFirst()))
              .as("inputs of the " + type + " template")
              .isEqualTo(fetched);
        });
    assertThat(templates.stream().flatMap(t -> jobType(t).stream()).toList())
        .as("every job-type template has a worker")
        .allMatch(workers::containsKey);
  }

  @Test
  void theSendMessageTemplateOffersTheTemplatesThatExist() throws IOException {
    JsonNode send =
        templates.stream()
            .filter(t -> calledProcess(t).filter("message-delivery"::equals).isPresent())
            .findFirst()
            .orElseThrow(() -> new AssertionError("no template calls message-delivery"));
    Set<String> offered = new TreeSet<>();
    property(send, "templateKey")
        .path("choices")
        .forEach(c -> offered.add(c.path("value").asText()));

    Set<String> existing = new TreeSet<>();
    try (Stream<Path> files = Files.list(MESSAGE_TEMPLATES)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".txt"))
          .forEach(n -> existing.add(n.substring(0, n.indexOf('.'))));
    }
    assertThat(offered).isEqualTo(existing);
    assertThat(inputTargets(send))
        .contains("templateKey", "category", "channel", "templateVariables", "customerId");
  }

  @Test
  void theSendMessageTemplateOffersTheExperimentFieldsAndThePaymentReminderShipsItsHoldout() {
    JsonNode send = templatesById.get("com.careflow.send-message");
    assertThat(inputTargets(send))
        .contains("experimentId", "holdoutShare", "variantTemplateKeys", "variantShares");
    for (String field :
        List.of("experimentId", "holdoutShare", "variantTemplateKeys", "variantShares")) {
      JsonNode p = property(send, field);
      assertThat(p.path("group").asText()).as(field).isEqualTo("experiment");
      assertThat(p.path("label").asText()).as(field).isNotBlank();
      assertThat(p.path("description").asText()).as(field).isNotBlank();
    }
    // the order journey's payment reminder: experiment payment-reminder, 10 % holdout (switched
    // on only by careflow.experiments.payment-reminder-holdout.enabled)
    var model =
        Bpmn.readModelFromFile(ProcessTestEngine.BPMN_DIR.resolve("order-journey.bpmn").toFile());
    BaseElement reminder = model.getModelElementById("Activity_SendPaymentReminder");
    Map<String, String> inputs = new java.util.HashMap<>();
    reminder
        .getChildElementsByType(io.camunda.zeebe.model.bpmn.instance.ExtensionElements.class)
        .forEach(
            ext ->
                ext.getChildElementsByType(ZeebeIoMapping.class)
                    .forEach(
                        io ->
                            io.getInputs().forEach(i -> inputs.put(i.getTarget(), i.getSource()))));
    assertThat(inputs)
        .containsEntry(
            "experimentId",
            com.careflow.experiments.ExperimentProperties.PAYMENT_REMINDER_EXPERIMENT)
        .containsEntry(
            "holdoutShare",
            "="
                + com.careflow.experiments.ExperimentProperties
                    .PAYMENT_REMINDER_CONFIGURED_PERCENT);
    // #18: the field says that the reminder's share applies only when the setting is on
    assertThat(property(send, "holdoutShare").path("description").asText())
        .contains(
            com.careflow.experiments.ExperimentProperties.PAYMENT_REMINDER_SETTING + "=true",
            "default false",
            "not applied");
  }

  @Test
  void theShippedJourneysUseTheTemplates() {
    List<String> problems = new ArrayList<>();
    for (Path file : ProcessTestEngine.modelFiles()) {
      if (!file.toString().endsWith(".bpmn")) {
        continue;
      }
      var model = Bpmn.readModelFromFile(file.toFile());
      model
          .getModelElementsByType(ZeebeTaskDefinition.class)
          .forEach(
              definition -> {
                BaseElement task = (BaseElement) definition.getParentElement().getParentElement();
                expectTemplate(
                    file,
                    task,
                    templates.stream()
                        .filter(t -> jobType(t).filter(definition.getType()::equals).isPresent()),
                    problems);
              });
      model
          .getModelElementsByType(CallActivity.class)
          .forEach(
              call -> {
                String called =
                    call.getSingleExtensionElement(ZeebeCalledElement.class).getProcessId();
                expectTemplate(
                    file,
                    call,
                    templates.stream()
                        .filter(t -> calledProcess(t).filter(called::equals).isPresent()),
                    problems);
              });
    }
    assertThat(problems).isEmpty();
  }

  private void expectTemplate(
      Path file, BaseElement element, Stream<JsonNode> candidates, List<String> problems) {
    String applied = element.getAttributeValueNs(MODELER_NS, "modelerTemplate");
    List<String> ids = candidates.map(t -> t.path("id").asText()).toList();
    if (ids.isEmpty()) {
      return; // no template for this kind of element (e.g. a call to a sub-journey)
    }
    if (applied == null || !ids.contains(applied)) {
      problems.add(
          file.getFileName()
              + ": "
              + element.getId()
              + " should use template "
              + ids
              + " but uses "
              + applied);
      return;
    }
    // applied means applied: the element carries every input the template defines
    Set<String> inputs = new TreeSet<>();
    element
        .getChildElementsByType(io.camunda.zeebe.model.bpmn.instance.ExtensionElements.class)
        .forEach(
            ext ->
                ext.getChildElementsByType(ZeebeIoMapping.class)
                    .forEach(io -> io.getInputs().forEach(input -> inputs.add(input.getTarget()))));
    Set<String> expected = inputTargets(templatesById.get(applied));
    if (!inputs.containsAll(expected)) {
      problems.add(
          file.getFileName()
              + ": "
              + element.getId()
              + " lacks inputs of template "
              + applied
              + ": "
              + expected.stream().filter(e -> !inputs.contains(e)).toList());
    }
  }

  private static Optional<String> jobType(JsonNode template) {
    for (JsonNode p : template.path("properties")) {
      JsonNode b = p.path("binding");
      if (b.path("type").asText().equals("zeebe:taskDefinition")
          && b.path("property").asText().equals("type")) {
        return Optional.of(p.path("value").asText());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> calledProcess(JsonNode template) {
    for (JsonNode p : template.path("properties")) {
      JsonNode b = p.path("binding");
      if (b.path("type").asText().equals("zeebe:calledElement")
          && b.path("property").asText().equals("processId")) {
        return Optional.of(p.path("value").asText());
      }
    }
    return Optional.empty();
  }

  private static Set<String> inputTargets(JsonNode template) {
    Set<String> targets = new TreeSet<>();
    for (JsonNode p : template.path("properties")) {
      if (p.path("binding").path("type").asText().equals("zeebe:input")) {
        targets.add(p.path("binding").path("name").asText());
      }
    }
    return targets;
  }

  private static JsonNode property(JsonNode template, String inputName) {
    for (JsonNode p : template.path("properties")) {
      if (p.path("binding").path("type").asText().equals("zeebe:input")
          && p.path("binding").path("name").asText().equals(inputName)) {
        return p;
      }
    }
    throw new AssertionError(
        "template " + template.path("id").asText() + " has no input " + inputName);
  }

  private List<JsonNode> readTemplates() {
    List<JsonNode> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode node = json.readTree(file.toFile());
        if (node.isArray()) {
          node.forEach(all::add);
        } else {
          all.add(node);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read element templates in " + TEMPLATES, e);
    }
    return all;
  }
}
