package com.careflow.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Node;

/**
 * Keeps the pictures in {@code docs/diagrams/} in step with the models without a browser. The
 * pictures are drawn by {@code tools/diagrams/render.sh}: each journey {@code bpmn/<name>.bpmn} by
 * bpmn-js (the dashboard's viewer) as {@code <name>.svg}, each decision table file {@code
 * dmn/<name>.dmn} by dmn-js as a screenshot {@code <name>.png}. Each picture records the SHA-256 of
 * its model (UTF-8, line endings as LF) and the renderer ({@code tools/diagrams} version and viewer
 * version) in an SVG {@code <metadata>} element or PNG {@code tEXt} chunks; this test fails when
 * either no longer matches, naming the command to run. Maven runs tests from the project root, so
 * the paths are relative to it.
 */
class DiagramsTest {

  static final String REGENERATE_COMMAND = "tools/diagrams/render.sh";

  private static final Path MODELS = Path.of("bpmn");
  private static final Path DECISIONS = Path.of("dmn");
  private static final Path DIAGRAMS = Path.of("docs", "diagrams");
  private static final Path RENDERER = Path.of("tools", "diagrams", "package.json");
  private static final Path DASHBOARD = Path.of("src", "main", "frontend", "package.json");
  private static final Pattern SVG_METADATA =
      Pattern.compile(
          "<careflow:picture [^>]*model=\"([^\"]*)\" sha256=\"([0-9a-f]{64})\""
              + " renderer=\"([^\"]*)\"/>");

  /** What a picture says it was drawn from. */
  record Provenance(String model, String sha256, String renderer) {}

  @TestFactory
  Stream<DynamicTest> everyJourneyHasAnUpToDateDiagram() throws IOException {
    String renderer = renderer("bpmn-js");
    return models(MODELS, ".bpmn").stream()
        .map(model -> dynamicTest(model.toString(), () -> check(model, ".svg", renderer)));
  }

  @TestFactory
  Stream<DynamicTest> everyDecisionTableHasAnUpToDatePicture() throws IOException {
    String renderer = renderer("dmn-js");
    return models(DECISIONS, ".dmn").stream()
        .map(model -> dynamicTest(model.toString(), () -> check(model, ".png", renderer)));
  }

  @Test
  void everyPictureHasAModel() throws IOException {
    List<Path> expected =
        Stream.concat(
                models(MODELS, ".bpmn").stream().map(model -> pictureOf(model, ".svg")),
                models(DECISIONS, ".dmn").stream().map(model -> pictureOf(model, ".png")))
            .toList();
    try (Stream<Path> pictures = Files.list(DIAGRAMS)) {
      assertThat(pictures.toList())
          .as("pictures in %s without a model in bpmn/ or dmn/ (delete them)", DIAGRAMS)
          .isSubsetOf(expected);
    }
  }

  @Test
  void theJourneysAreDrawnByTheDashboardsBpmnJs() throws IOException {
    assertThat(version(RENDERER, "devDependencies", "bpmn-js"))
        .as("bpmn-js in %s, as in the dashboard's %s", RENDERER, DASHBOARD)
        .isEqualTo(version(DASHBOARD, "dependencies", "bpmn-js"));
  }

  @Test
  void aPictureOfAnEditedModelIsStale() throws IOException {
    Path model = MODELS.resolve("order-journey.bpmn");
    String text = Files.readString(model);
    Provenance drawn = provenance(pictureOf(model, ".svg"));
    String renderer = renderer("bpmn-js");

    assertThat(problem(model, text, drawn, renderer)).isEmpty();
    assertThat(problem(model, text.replace("\n", "\r\n"), drawn, renderer))
        .as("a checkout with Windows line endings is not stale")
        .isEmpty();
    assertThat(problem(model, text + "<!-- edited -->", drawn, renderer))
        .hasValueSatisfying(
            message -> assertThat(message).contains("stale", model.toString(), REGENERATE_COMMAND));
    assertThat(problem(model, text, drawn, renderer.replace("bpmn-js ", "bpmn-js 0.")))
        .hasValueSatisfying(message -> assertThat(message).contains("renderer"));
  }

  @Test
  void aDecisionTablePictureRecordsItsModel() throws IOException {
    Path model = DECISIONS.resolve("discount.dmn");
    Provenance drawn = provenance(pictureOf(model, ".png"));
    assertThat(drawn.model()).isEqualTo("dmn/discount.dmn");
    assertThat(problem(model, Files.readString(model) + " ", drawn, renderer("dmn-js")))
        .hasValueSatisfying(message -> assertThat(message).contains(REGENERATE_COMMAND));
  }

  private static void check(Path model, String extension, String renderer) throws IOException {
    Path picture = pictureOf(model, extension);
    if (!Files.exists(picture)) {
      fail("%s is missing. Draw the diagrams with: %s".formatted(picture, REGENERATE_COMMAND));
    }
    problem(model, Files.readString(model), provenance(picture), renderer)
        .ifPresent(message -> fail(message));
  }

  /** Why the picture drawn from {@code drawn} does not show {@code text}, the model's content. */
  static Optional<String> problem(Path model, String text, Provenance drawn, String renderer) {
    String why;
    if (!drawn.model().equals(unixPath(model))) {
      why = "it was drawn from " + drawn.model();
    } else if (!drawn.sha256().equals(sha256(text))) {
      why = "the model has changed since it was drawn";
    } else if (!drawn.renderer().equals(renderer)) {
      why = "it was drawn by " + drawn.renderer() + ", the renderer is now " + renderer;
    } else {
      return Optional.empty();
    }
    return Optional.of(
        "The picture of %s is stale: %s. Redraw the diagrams with: %s"
            .formatted(model, why, REGENERATE_COMMAND));
  }

  /** The model's SHA-256 as render.mjs computes it: UTF-8 with line endings as LF, in hex. */
  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the SVG {@code <careflow:picture>} metadata or the PNG {@code careflow:*} text chunks.
   */
  static Provenance provenance(Path picture) throws IOException {
    if (picture.toString().endsWith(".svg")) {
      Matcher metadata = SVG_METADATA.matcher(Files.readString(picture));
      assertThat(metadata.find()).as("%s has careflow:picture metadata", picture).isTrue();
      return new Provenance(metadata.group(1), metadata.group(2), metadata.group(3));
    }
    Map<String, String> text = pngText(picture);
    assertThat(text)
        .as("%s text chunks", picture)
        .containsKeys("careflow:model", "careflow:sha256", "careflow:renderer");
    return new Provenance(
        text.get("careflow:model"), text.get("careflow:sha256"), text.get("careflow:renderer"));
  }

  private static Map<String, String> pngText(Path picture) throws IOException {
    ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(picture.toFile())) {
      reader.setInput(in);
      Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
      Map<String, String> text = new HashMap<>();
      for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
        if (chunk.getNodeName().equals("tEXt")) {
          for (Node entry = chunk.getFirstChild(); entry != null; entry = entry.getNextSibling()) {
            text.put(attribute(entry, "keyword"), attribute(entry, "value"));
          }
        }
      }
      return text;
    } finally {
      reader.dispose();
    }
  }

  private static String attribute(Node node, String name) {
    return node.getAttributes().getNamedItem(name).getNodeValue();
  }

  /**
   * The renderer string render.mjs writes: {@code tools/diagrams <version>; <viewer> <version>}.
   */
  private static String renderer(String viewer) throws IOException {
    JsonNode pkg = new ObjectMapper().readTree(RENDERER.toFile());
    return "tools/diagrams %s; %s %s"
        .formatted(
            pkg.path("version").asText(), viewer, version(RENDERER, "devDependencies", viewer));
  }

  private static String version(Path packageJson, String section, String name) throws IOException {
    String version =
        new ObjectMapper().readTree(packageJson.toFile()).path(section).path(name).asText();
    assertThat(version).as("%s in %s of %s", name, section, packageJson).isNotEmpty();
    return version;
  }

  private static String unixPath(Path model) {
    return model.toString().replace('\\', '/');
  }

  private static Path pictureOf(Path model, String extension) {
    return DIAGRAMS.resolve(model.getFileName().toString().replaceFirst("\\.[^.]+$", extension));
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
