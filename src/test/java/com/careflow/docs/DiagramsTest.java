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
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the README's journey pictures ({@code docs/diagrams/*.svg}) in step with the models in {@code bpmn/}:
 * fails when a picture no longer matches its model, and redraws them all when run with
 * {@code -Dcareflow.diagrams.update=true}. Maven runs tests from the project root, so the paths are relative to it.
 */
class DiagramsTest {

    static final String REGENERATE_COMMAND = "./mvnw test -Dtest=DiagramsTest -Dcareflow.diagrams.update=true";

    private static final Path MODELS = Path.of("bpmn");
    private static final Path DIAGRAMS = Path.of("docs", "diagrams");

    @TestFactory
    Stream<DynamicTest> everyJourneyHasAnUpToDateDiagram() throws IOException {
        List<Path> models = models();
        assertThat(models).as("BPMN models in %s", MODELS.toAbsolutePath()).isNotEmpty();
        return models.stream().map(model -> dynamicTest(model.getFileName().toString(), () -> check(model)));
    }

    private static void check(Path model) throws IOException {
        String drawn = BpmnSvgRenderer.render(model);
        Path diagram = DIAGRAMS.resolve(model.getFileName().toString().replaceFirst("\\.bpmn$", ".svg"));
        if (Boolean.getBoolean("careflow.diagrams.update")) {
            Files.createDirectories(DIAGRAMS);
            Files.writeString(diagram, drawn);
            return;
        }
        // Ignore carriage returns so a checkout with Windows line endings does not count as stale.
        String committed = Files.exists(diagram) ? Files.readString(diagram).replace("\r\n", "\n") : null;
        if (!drawn.equals(committed)) {
            fail("%s is %s: it does not show the current %s. Regenerate the diagrams with: %s"
                    .formatted(diagram, committed == null ? "missing" : "stale", model, REGENERATE_COMMAND));
        }
    }

    private static List<Path> models() throws IOException {
        try (Stream<Path> files = Files.list(MODELS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".bpmn")).sorted().toList();
        }
    }
}
