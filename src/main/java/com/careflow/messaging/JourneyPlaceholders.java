package com.careflow.messaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Which placeholders the journeys fill, per template key, read from the models Careflow deploys
 * ({@code careflow.deployment.resources}: the shipped BPMN and DMN, or a mounted folder).
 *
 * <p>A send step is any element with a {@code templateKey} input mapping (the "Send message to
 * buyer" element template's "Message template" field), except a service task that names the send
 * step it stands in front of ({@code callingStepId}, "Check buyer can be messaged"): it sends
 * nothing. Its template keys are the input's value, the string literals of its FEEL expression
 * ({@code =if couponCode = null then "cart-recovery" else "cart-recovery-offer"}), or, for a path
 * such as {@code =reminderPolicy.templateKey}, the literals of the decision tables' output column
 * of that name; its A/B variants ({@code variantTemplateKeys}) count too. What it fills: the keys
 * of its {@code templateVariables} FEEL context (the element template's "Template fields", e.g.
 * {@code ={orderId: orderId, carrier: carrier}}), and {@code orderId} when the step passes an order
 * id (the sender adds it).
 *
 * <p>Read once at start-up; a model deployed from Modeler that Careflow does not bundle is not seen
 * (the send-time check still names any placeholder it leaves empty).
 */
@Component
class JourneyPlaceholders {

  private static final Logger log = LoggerFactory.getLogger(JourneyPlaceholders.class);
  private static final String ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0";
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern PATH = Pattern.compile("=\\s*[A-Za-z_][\\w.]*\\s*");
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /**
   * One journey step that sends a text.
   *
   * @param file the model file, e.g. {@code order-journey.bpmn}
   * @param processId the BPMN process id
   * @param elementId the step's element id
   * @param elementName the step's name as Modeler shows it (the id when it has none)
   * @param provides the placeholders it fills, sorted
   */
  public record Step(
      String file, String processId, String elementId, String elementName, Set<String> provides) {}

  private final Map<String, List<Step>> stepsByKey;

  @Autowired
  public JourneyPlaceholders(DeployedModels deployment) {
    this(deployment.resources(), new PathMatchingResourcePatternResolver());
  }

  JourneyPlaceholders(Collection<String> patterns, ResourcePatternResolver resolver) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String pattern : patterns) {
      try {
        for (Resource r : resolver.getResources(pattern)) {
          String name = r.getFilename();
          if (name != null && (name.endsWith(".bpmn") || name.endsWith(".dmn"))) {
            try (var in = r.getInputStream()) {
              files.put(name, in.readAllBytes());
            }
          }
        }
      } catch (IOException e) {
        log.warn("Cannot read models at {} for the texts' placeholders: {}", pattern, e.toString());
      }
    }
    this.stepsByKey = read(files);
    log.info(
        "Message texts sent by the journeys' steps: {}",
        stepsByKey.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue().size()).toList());
  }

  /** The models' steps, for tests: file name to content. */
  static JourneyPlaceholders of(Map<String, byte[]> files) {
    return new JourneyPlaceholders(files);
  }

  private JourneyPlaceholders(Map<String, byte[]> files) {
    this.stepsByKey = read(files);
  }

  /** The steps that send {@code templateKey}; empty when no model sends it. */
  public List<Step> stepsSending(String templateKey) {
    return stepsByKey.getOrDefault(templateKey, List.of());
  }

  /**
   * The placeholders every step sending {@code templateKey} fills (a text may use only these);
   * empty when no model sends it.
   */
  public Set<String> provided(String templateKey) {
    List<Step> steps = stepsSending(templateKey);
    if (steps.isEmpty()) {
      return Set.of();
    }
    Set<String> common = new TreeSet<>(steps.getFirst().provides());
    steps.forEach(s -> common.retainAll(s.provides()));
    return common;
  }

  /** Every template key some step sends. */
  public Set<String> keys() {
    return new TreeSet<>(stepsByKey.keySet());
  }

  // ------------------------------------------------------------------ reading the models

  private static Map<String, List<Step>> read(Map<String, byte[]> files) {
    Map<String, Set<String>> outputs = new LinkedHashMap<>();
    files.forEach(
        (name, content) -> {
          if (name.endsWith(".dmn")) {
            Element root = parse(name, content);
            if (root != null) {
              decisionOutputs(root, outputs);
            }
          }
        });
    Map<String, List<Step>> steps = new java.util.TreeMap<>();
    files.forEach(
        (name, content) -> {
          if (name.endsWith(".bpmn")) {
            Element root = parse(name, content);
            if (root != null) {
              sendSteps(name, root, outputs, steps);
            }
          }
        });
    steps.replaceAll((k, v) -> List.copyOf(v));
    return steps;
  }

  private static void sendSteps(
      String file, Element root, Map<String, Set<String>> outputs, Map<String, List<Step>> steps) {
    NodeList ioMappings = root.getElementsByTagNameNS(ZEEBE_NS, "ioMapping");
    for (int i = 0; i < ioMappings.getLength(); i++) {
      Element io = (Element) ioMappings.item(i);
      Map<String, String> inputs = new LinkedHashMap<>();
      NodeList ins = io.getElementsByTagNameNS(ZEEBE_NS, "input");
      for (int j = 0; j < ins.getLength(); j++) {
        Element in = (Element) ins.item(j);
        inputs.put(in.getAttribute("target"), in.getAttribute("source"));
      }
      String keySource = inputs.get("templateKey");
      if (keySource == null || keySource.replace(" ", "").equals("=templateKey")) {
        continue; // no send step, or the delivery sub-process passing its caller's key on
      }
      Element element = (Element) io.getParentNode().getParentNode();
      if (inputs.containsKey("callingStepId") && "serviceTask".equals(element.getLocalName())) {
        // a job that names the send step it stands in front of ("Check buyer can be messaged")
        // records under that step and sends nothing; send steps call the delivery sub-process
        continue;
      }
      Set<String> keys = new LinkedHashSet<>(templateKeys(keySource, outputs));
      String variants = inputs.get("variantTemplateKeys");
      if (variants != null) {
        for (String literal : literals(variants)) {
          for (String k : literal.split(",")) {
            if (KEY.matcher(k.strip()).matches()) {
              keys.add(k.strip());
            }
          }
        }
      }
      Set<String> provides = new TreeSet<>(contextKeys(inputs.get("templateVariables")));
      String orderId = inputs.get("orderId");
      if (orderId != null && !orderId.replace(" ", "").equals("=null") && !orderId.isBlank()) {
        provides.add("orderId");
      }
      String name =
          element.getAttribute("name").isBlank()
              ? element.getAttribute("id")
              : element.getAttribute("name");
      Step step =
          new Step(
              file,
              processId(element),
              element.getAttribute("id"),
              name,
              java.util.Collections.unmodifiableSet(provides));
      keys.forEach(k -> steps.computeIfAbsent(k, x -> new ArrayList<>()).add(step));
    }
  }

  private static Set<String> templateKeys(String source, Map<String, Set<String>> outputs) {
    Set<String> keys = new LinkedHashSet<>();
    String s = source.strip();
    if (!s.startsWith("=")) {
      if (KEY.matcher(s).matches()) {
        keys.add(s); // a static value
      }
      return keys;
    }
    for (String literal : literals(s)) {
      if (KEY.matcher(literal).matches()) {
        keys.add(literal);
      }
    }
    if (keys.isEmpty() && PATH.matcher(s).matches()) {
      String path = s.substring(1).strip();
      String column = path.substring(path.lastIndexOf('.') + 1);
      outputs.getOrDefault(column, Set.of()).stream()
          .filter(k -> KEY.matcher(k).matches())
          .forEach(keys::add);
    }
    return keys;
  }

  /** The string literals of a FEEL expression, or the value itself when it is no expression. */
  private static List<String> literals(String source) {
    String s = source.strip();
    if (!s.startsWith("=")) {
      return s.isEmpty() ? List.of() : List.of(s);
    }
    List<String> found = new ArrayList<>();
    Matcher m = STRING.matcher(s);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** The top-level keys of a FEEL context literal ({@code ={a: x, "b": y}}); empty otherwise. */
  static Set<String> contextKeys(String source) {
    Set<String> keys = new LinkedHashSet<>();
    if (source == null) {
      return keys;
    }
    String s = source.strip();
    if (s.startsWith("=")) {
      s = s.substring(1).strip();
    }
    if (!s.startsWith("{") || !s.endsWith("}")) {
      return keys;
    }
    String inner = s.substring(1, s.length() - 1);
    int depth = 0;
    boolean inString = false;
    StringBuilder entry = new StringBuilder();
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (inString) {
        if (c == '\\' && i + 1 < inner.length()) {
          entry.append(c).append(inner.charAt(++i));
          continue;
        }
        if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[' || c == '(') {
        depth++;
      } else if (c == '}' || c == ']' || c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        entries.add(entry.toString());
        entry.setLength(0);
        continue;
      }
      entry.append(c);
    }
    entries.add(entry.toString());
    for (String e : entries) {
      int colon = topLevelColon(e);
      if (colon > 0) {
        String key = e.substring(0, colon).strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
          key = key.substring(1, key.length() - 1);
        }
        if (!key.isEmpty()) {
          keys.add(key);
        }
      }
    }
    return keys;
  }

  private static int topLevelColon(String entry) {
    boolean inString = false;
    for (int i = 0; i < entry.length(); i++) {
      char c = entry.charAt(i);
      if (c == '"') {
        inString = !inString;
      } else if (c == ':' && !inString) {
        return i;
      }
    }
    return -1;
  }

  /** Output column name to the string literals of its cells, over every decision table. */
  private static void decisionOutputs(Element root, Map<String, Set<String>> outputs) {
    NodeList tables = root.getElementsByTagNameNS(root.getNamespaceURI(), "decisionTable");
    for (int t = 0; t < tables.getLength(); t++) {
      Element table = (Element) tables.item(t);
      List<String> names = new ArrayList<>();
      for (Node c = table.getFirstChild(); c != null; c = c.getNextSibling()) {
        if (c instanceof Element out && "output".equals(out.getLocalName())) {
          names.add(out.getAttribute("name"));
        }
      }
      for (Node r = table.getFirstChild(); r != null; r = r.getNextSibling()) {
        if (!(r instanceof Element rule) || !"rule".equals(rule.getLocalName())) {
          continue;
        }
        int column = 0;
        for (Node c = rule.getFirstChild(); c != null; c = c.getNextSibling()) {
          if (c instanceof Element cell && "outputEntry".equals(cell.getLocalName())) {
            if (column < names.size()) {
              Matcher m = STRING.matcher(cell.getTextContent());
              while (m.find()) {
                outputs.computeIfAbsent(names.get(column), x -> new TreeSet<>()).add(m.group(1));
              }
            }
            column++;
          }
        }
      }
    }
  }

  private static String processId(Element element) {
    for (Node n = element; n != null; n = n.getParentNode()) {
      if (n instanceof Element e && "process".equals(e.getLocalName())) {
        return e.getAttribute("id");
      }
    }
    return "";
  }

  private static Element parse(String name, byte[] content) {
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
      log.warn("Cannot read {} for the texts' placeholders: {}", name, e.toString());
      return null;
    }
  }
}
