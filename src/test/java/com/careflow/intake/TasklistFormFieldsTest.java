package com.careflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Fault 9 of issue #14 ("staff notes become engine variables") and its companion ("form fields that
 * are always empty"), for every Tasklist form under {@code bpmn/forms}.
 *
 * <p>Whatever a form field holds when the task is completed becomes a process variable (in the
 * task's local scope, which Operate still shows and exports, with or without an output mapping), so
 * a form may not collect free text: outcomes are structured fields only, notes are written in
 * Careflow. And a read-only field can only show an engine variable: one bound to anything else is
 * always empty.
 */
class TasklistFormFieldsTest {

  static final Path FORMS = Path.of("bpmn/forms");

  /** Components whose value is typed freely by a person and submitted as a variable. */
  static final Set<String> FREE_TEXT_TYPES = Set.of("textfield", "textarea");

  /**
   * Keys a text field may show because their values are ids, codes or enums, never a person's
   * words: each an engine variable (or a worker's output, like the coupon code).
   */
  static final Set<String> NOT_FREE_TEXT =
      Set.of(
          "orderId",
          "customerId",
          "currency",
          "carrier",
          "trackingNumber",
          "logisticsStatus",
          "couponCode");

  /** Variables the journeys' workers add (not from a shop event) that a form may show. */
  static final Set<String> WORKER_OUTPUTS = Set.of("couponCode");

  record Field(String form, String id, String type, String key, boolean readonly) {}

  static List<Field> fields(Path form) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readString(form));
    List<Field> out = new ArrayList<>();
    collect(root.path("id").asText(form.getFileName().toString()), root.path("components"), out);
    return out;
  }

  private static void collect(String form, JsonNode components, List<Field> out) {
    for (JsonNode c : components) {
      if (c.hasNonNull("key")) {
        out.add(
            new Field(
                form,
                c.path("id").asText(),
                c.path("type").asText(),
                c.get("key").asText(),
                c.path("readonly").asBoolean(false) || c.path("disabled").asBoolean(false)));
      }
      collect(form, c.path("components"), out); // groups and dynamic lists nest components
    }
  }

  static List<Field> allFields() throws IOException {
    List<Path> forms;
    try (Stream<Path> files = Files.list(FORMS)) {
      forms = files.filter(p -> p.toString().endsWith(".form")).sorted().toList();
    }
    assertThat(forms).as("forms under " + FORMS).isNotEmpty();
    List<Field> all = new ArrayList<>();
    for (Path form : forms) {
      all.addAll(fields(form));
    }
    return all;
  }

  @Test
  @DisplayName(
      "fault 9 (staff notes become engine variables): no form collects free text; text fields show"
          + " ids, codes and enums only")
  void noFormCollectsFreeText() throws IOException {
    List<String> freeText =
        allFields().stream()
            .filter(f -> FREE_TEXT_TYPES.contains(f.type()) && !NOT_FREE_TEXT.contains(f.key()))
            .map(f -> f.form() + ": " + f.type() + " '" + f.key() + "' (" + f.id() + ")")
            .toList();
    assertThat(freeText)
        .as(
            "form fields whose free text would become a process variable (use a select, radio,"
                + " checkbox, number or date; notes go to Careflow)")
        .isEmpty();
  }

  @Test
  @DisplayName(
      "fault 9, read-only fields: each shows an engine variable or a worker's output, never one the"
          + " journeys no longer receive (always empty)")
  void readOnlyFieldsShowVariablesTheJourneysHave() throws IOException {
    List<String> alwaysEmpty =
        allFields().stream()
            .filter(Field::readonly)
            .filter(
                f ->
                    !EngineVariables.ENGINE_VARIABLES.contains(f.key())
                        && !WORKER_OUTPUTS.contains(f.key()))
            .map(f -> f.form() + ": '" + f.key() + "' (" + f.id() + ")")
            .toList();
    assertThat(alwaysEmpty).as("read-only form fields bound to no engine variable").isEmpty();
  }

  @Test
  @DisplayName(
      "fault 9: every form links to the order's Careflow page (stored facts and notes live there)")
  void everyFormLinksToTheOrderPage() throws IOException {
    try (Stream<Path> files = Files.list(FORMS)) {
      for (Path form : files.filter(p -> p.toString().endsWith(".form")).toList()) {
        assertThat(Files.readString(form)).as(form.toString()).contains("](/orders/{{orderId}})");
      }
    }
  }
}
