package com.careflow.platform;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * One model file as Careflow ships it: its name, its bytes and the executable processes or
 * decisions it defines, each with its {@code zeebe:versionTag} if it has one.
 *
 * @param fileName the resource name the engine records (e.g. {@code reminder-policy.dmn})
 * @param content the file's bytes, deployed unchanged
 * @param models the processes (BPMN) or decisions (DMN) in the file; empty for forms
 */
record ModelFile(String fileName, byte[] content, List<Model> models) {

  static final String ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0";
  private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  /** What a model is to the engine. */
  enum Kind {
    PROCESS,
    DECISION;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A process or decision in a file.
   *
   * @param kind process or decision
   * @param id the BPMN process id or DMN decision id
   * @param versionTag the {@code zeebe:versionTag} of the model, if any
   */
  record Model(Kind kind, String id, Optional<String> versionTag) {
    @Override
    public String toString() {
      return kind + " " + id + versionTag.map(t -> " (versionTag " + t + ")").orElse("");
    }
  }

  boolean isForm() {
    return fileName.endsWith(".form");
  }

  /** Reads the models a BPMN or DMN file defines; a form defines none the policy looks at. */
  static ModelFile parse(String fileName, byte[] content) {
    if (!fileName.endsWith(".bpmn") && !fileName.endsWith(".dmn")) {
      return new ModelFile(fileName, content, List.of());
    }
    Element root = parseXml(fileName, content);
    List<Model> models = new ArrayList<>();
    if (fileName.endsWith(".bpmn")) {
      NodeList processes = root.getElementsByTagNameNS(BPMN_NS, "process");
      for (int i = 0; i < processes.getLength(); i++) {
        Element p = (Element) processes.item(i);
        if (!"false".equals(p.getAttribute("isExecutable"))) {
          models.add(new Model(Kind.PROCESS, p.getAttribute("id"), versionTag(p)));
        }
      }
    } else {
      NodeList decisions = root.getElementsByTagNameNS(root.getNamespaceURI(), "decision");
      for (int i = 0; i < decisions.getLength(); i++) {
        Element d = (Element) decisions.item(i);
        models.add(new Model(Kind.DECISION, d.getAttribute("id"), versionTag(d)));
      }
    }
    return new ModelFile(fileName, content, List.copyOf(models));
  }

  /** The {@code <zeebe:versionTag value="…"/>} in the element's own extension elements. */
  static Optional<String> versionTag(Element element) {
    for (Node c = element.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element ext && "extensionElements".equals(ext.getLocalName())) {
        NodeList tags = ext.getElementsByTagNameNS(ZEEBE_NS, "versionTag");
        if (tags.getLength() > 0) {
          String value = ((Element) tags.item(0)).getAttribute("value").trim();
          return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
      }
    }
    return Optional.empty();
  }

  static Element parseXml(String name, byte[] content) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(content))
          .getDocumentElement();
    } catch (Exception e) {
      throw new IllegalArgumentException(name + " is not a readable model: " + e.getMessage(), e);
    }
  }
}
