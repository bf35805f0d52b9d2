package com.careflow.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the pictures in {@code docs/diagrams/} in step with the models: each journey in {@code
 * bpmn/} and each decision table file in {@code dmn/} has a {@code <name>.svg}. Fails when a
 * picture no longer matches its model, and redraws them all when run with {@code
 * -Dcareflow.diagrams.update=true}. Maven runs tests from the project root, so the paths are
 * relative to it.
 */
class DiagramsTest {

  static final String REGENERATE_COMMAND =
      "./mvnw test -Dtest=DiagramsTest -Dcareflow.diagrams.update=true";

  private static final Path MODELS = Path.of("bpmn");
  private static final Path DECISIONS = Path.of("dmn");
  private static final Path DIAGRAMS = Path.of("docs", "diagrams");

  private interface Renderer {
    String render(Path model) throws IOException;
  }

  @TestFactory
  Stream<DynamicTest> everyJourneyHasAnUpToDateDiagram() throws IOException {
    return checks(models(MODELS, ".bpmn"), BpmnSvgRenderer::render);
  }

  @TestFactory
  Stream<DynamicTest> everyDecisionTableHasAnUpToDatePicture() throws IOException {
    return checks(models(DECISIONS, ".dmn"), DmnTableSvgRenderer::render);
  }

  @Test
  void noTwoModelsShareAPicture() throws IOException {
    List<Path> pictures =
        Stream.concat(models(MODELS, ".bpmn").stream(), models(DECISIONS, ".dmn").stream())
            .map(DiagramsTest::diagramOf)
            .toList();
    assertThat(pictures).as("pictures drawn from bpmn/ and dmn/").doesNotHaveDuplicates();
  }

  private static Stream<DynamicTest> checks(List<Path> models, Renderer renderer) {
    return models.stream()
        .map(model -> dynamicTest(model.getFileName().toString(), () -> check(model, renderer)));
  }

  private static void check(Path model, Renderer renderer) throws IOException {
    String drawn = renderer.render(model);
    Path diagram = diagramOf(model);
    if (Boolean.getBoolean("careflow.diagrams.update")) {
      Files.createDirectories(DIAGRAMS);
      Files.writeString(diagram, drawn);
      return;
    }
    // Ignore carriage returns so a checkout with Windows line endings does not count as stale.
    String committed =
        Files.exists(diagram) ? Files.readString(diagram).replace("\r\n", "\n") : null;
    if (!drawn.equals(committed)) {
      fail(
          "%s is %s: it does not show the current %s. Regenerate the diagrams with: %s"
              .formatted(
                  diagram, committed == null ? "missing" : "stale", model, REGENERATE_COMMAND));
    }
  }

  private static Path diagramOf(Path model) {
    return DIAGRAMS.resolve(model.getFileName().toString().replaceFirst("\\.[^.]+$", ".svg"));
  }

  private static List<Path> models(Path folder, String extension) throws IOException {
    List<Path> models;
    try (Stream<Path> files = Files.list(folder)) {
      models =
          files.filter(file -> file.getFileName().toString().endsWith(extension)).sorted().toList();
    }
    assertThat(models).as("%s models in %s", extension, folder.toAbsolutePath()).isNotEmpty();
    return models;
  }
}
