package com.careflow.dashboard;

import com.careflow.platform.DeployedProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The journeys' BPMN models as the app deploys them ({@code classpath:bpmn/*.bpmn}), and their
 * steps with figures: the elements applied with the {@code com.careflow.send-message} element
 * template (send steps) or the {@code com.careflow.issue-coupon} one (coupon steps), in document
 * order. A journey's earlier deployed version comes from the cluster ({@link DeployedProcesses}),
 * when it can give it (issue #16).
 */
final class JourneyDiagrams {

  static final String SEND_TEMPLATE = "com.careflow.send-message";
  static final String COUPON_TEMPLATE = "com.careflow.issue-coupon";
  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";

  /** What a step with figures does: sends a message, or issues a coupon (R9, R13, R17). */
  public enum StepKind {
    SEND,
    COUPON
  }

  /**
   * A step of a journey that the analytics give figures for: its BPMN element id, name and kind.
   */
  public record Step(String id, String name, StepKind kind) {
    /** Whether the step issues a coupon (it sends no message: no templates of its own). */
    public boolean coupon() {
      return kind == StepKind.COUPON;
    }
  }

  /**
   * A journey's model: process id, its name, the XML, its steps with figures (send and coupon
   * steps), and the name of every named element by id (a step the analytics record that is neither
   * is named by it when its facts carry no name).
   */
  public record Journey(
      String processId,
      String name,
      String xml,
      List<Step> steps,
      Map<String, String> elementNames) {

    /** The step of this model with that element id, if it is one. */
    public Optional<Step> step(String id) {
      return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The model's name of an element, or null when it has none. */
    public String elementName(String id) {
      String n = elementNames.get(id);
      return n == null || n.isBlank() ? null : n;
    }
  }

  private final Map<String, Journey> journeys = new TreeMap<>();
  private final DeployedProcesses deployed;

  /** The bundled models only (no cluster to ask for another version). */
  JourneyDiagrams() {
    this(null);
  }

  /**
   * @param deployed the cluster's models per version; null: the bundled models only
   */
  JourneyDiagrams(DeployedProcesses deployed) {
    this.deployed = deployed;
    try {
      for (Resource r :
          new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/*.bpmn")) {
        try (InputStream in = r.getInputStream()) {
          Journey j = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          journeys.put(j.processId(), j);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the BPMN models from classpath:bpmn/", e);
    }
  }

  List<Journey> all() {
    return List.copyOf(journeys.values());
  }

  Optional<Journey> find(String processId) {
    return Optional.ofNullable(processId).map(journeys::get);
  }

  /**
   * One deployed version of a bundled journey as the cluster keeps it; empty when the journey is
   * not one of the app's, or the cluster cannot give that version (then only the bundled model can
   * be shown, whose version {@link #bundledVersion} says when it is known).
   *
   * @param version the engine's version number
   */
  Optional<Journey> find(String processId, int version) {
    if (deployed == null || find(processId).isEmpty()) {
      return Optional.empty();
    }
    return deployed
        .xml(processId, version)
        .flatMap(
            xml -> {
              try {
                return Optional.of(parse(xml));
              } catch (IllegalArgumentException e) {
                // not readable here: the bundled model is shown, and the page says so
                return Optional.empty();
              }
            });
  }

  /**
   * The engine's version number of the model this release bundles of a journey (the one {@link
   * #find(String)} gives): the version the service's start-up deployment answered for it, else the
   * cluster's version whose XML it is ({@link DeployedProcesses#versionOf}). Empty when not known:
   * no cluster to ask, or the start-up kept the cluster's versions and the REST API cannot say.
   */
  OptionalInt bundledVersion(String processId) {
    if (deployed == null) {
      return OptionalInt.empty();
    }
    return find(processId)
        .map(j -> deployed.versionOf(processId, j.xml()))
        .orElse(OptionalInt.empty());
  }

  /**
   * Whether the engine has this version of a bundled journey deployed ({@link
   * DeployedProcesses#isDeployed}); empty when it cannot tell (no cluster to ask, or away).
   */
  Optional<Boolean> isDeployed(String processId, int version) {
    if (deployed == null || find(processId).isEmpty()) {
      return Optional.empty();
    }
    return deployed.isDeployed(processId, version);
  }

  /** Reads a model's first executable process and its steps with figures. */
  static Journey parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var document =
          factory
              .newDocumentBuilder()
              .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Element process = (Element) document.getElementsByTagNameNS(BPMN, "process").item(0);
      if (process == null) {
        throw new IllegalArgumentException("no bpmn:process in the model");
      }
      List<Step> steps = new ArrayList<>();
      Map<String, String> names = new java.util.LinkedHashMap<>();
      NodeList all = document.getElementsByTagNameNS(BPMN, "*");
      for (int i = 0; i < all.getLength(); i++) {
        Element e = (Element) all.item(i);
        String template = e.getAttributeNS(ZEEBE, "modelerTemplate");
        if (SEND_TEMPLATE.equals(template)) {
          steps.add(new Step(e.getAttribute("id"), e.getAttribute("name"), StepKind.SEND));
        } else if (COUPON_TEMPLATE.equals(template)) {
          steps.add(new Step(e.getAttribute("id"), e.getAttribute("name"), StepKind.COUPON));
        }
        if (!e.getAttribute("id").isEmpty() && !e.getAttribute("name").isBlank()) {
          names.putIfAbsent(e.getAttribute("id"), e.getAttribute("name"));
        }
      }
      String name = process.getAttribute("name");
      return new Journey(
          process.getAttribute("id"),
          name.isBlank() ? process.getAttribute("id") : name,
          xml,
          List.copyOf(steps),
          java.util.Collections.unmodifiableMap(names));
    } catch (javax.xml.parsers.ParserConfigurationException
        | org.xml.sax.SAXException
        | IOException e) {
      throw new IllegalArgumentException("not a readable BPMN model: " + e.getMessage(), e);
    }
  }
}
