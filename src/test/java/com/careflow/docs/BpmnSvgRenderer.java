package com.careflow.docs;

import static com.careflow.docs.Svg.FALLBACK_FONT_ALLOWANCE;
import static com.careflow.docs.Svg.FONT_FAMILY;
import static com.careflow.docs.Svg.LINE_SPACING;
import static com.careflow.docs.Svg.escape;
import static com.careflow.docs.Svg.num;
import static com.careflow.docs.Svg.textWidth;
import static com.careflow.docs.Svg.wrap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Draws a BPMN model's diagram (its BPMN DI) as a standalone SVG in the style of Camunda Modeler,
 * so the README can show each journey without a browser or bpmn-js. The same model always gives
 * byte-identical output, which lets {@link DiagramsTest} tell when a committed picture is stale.
 *
 * <p>Only the first diagram plane is drawn: the Modeler keeps a collapsed sub-process's content in
 * planes of its own. Text is measured and wrapped by {@link Svg}.
 */
public final class BpmnSvgRenderer {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
  private static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
  private static final String DI = "http://www.omg.org/spec/DD/20100524/DI";

  private static final String INK = "#22242a";
  private static final double MARGIN = 20;
  private static final double NAME_FONT = 12;
  private static final double LABEL_FONT = 11;

  /** bpmn-js wraps external labels (of events, gateways and flows) at this width. */
  private static final double LABEL_WIDTH = 90;

  private static final double ARROW_LENGTH = 11;
  private static final double ARROW_HALF_WIDTH = 4;

  /** Drawing order: later layers paint over earlier ones. */
  private enum Layer {
    CONTAINERS,
    EDGES,
    NODES,
    BOUNDARY_EVENTS,
    OVERLAYS,
    LABELS
  }

  private enum Kind {
    PARTICIPANT,
    LANE,
    SUB_PROCESS,
    TASK,
    EVENT,
    GATEWAY,
    TEXT_ANNOTATION,
    GROUP,
    OTHER
  }

  record Point(double x, double y) {
    Point plus(Point other) {
      return new Point(x + other.x, y + other.y);
    }

    Point times(double factor) {
      return new Point(x * factor, y * factor);
    }

    Point directionTo(Point other) {
      double length = Math.hypot(other.x - x, other.y - y);
      return length == 0
          ? new Point(1, 0)
          : new Point((other.x - x) / length, (other.y - y) / length);
    }

    Point normal() {
      return new Point(-y, x);
    }
  }

  record Bounds(double x, double y, double width, double height) {
    double maxX() {
      return x + width;
    }

    double maxY() {
      return y + height;
    }

    double centerX() {
      return x + width / 2;
    }

    double centerY() {
      return y + height / 2;
    }
  }

  private final Map<String, Element> elementsById;
  private final Element plane;
  private final Map<Layer, StringBuilder> layers = new EnumMap<>(Layer.class);
  private double minX = Double.POSITIVE_INFINITY;
  private double minY = Double.POSITIVE_INFINITY;
  private double maxX = Double.NEGATIVE_INFINITY;
  private double maxY = Double.NEGATIVE_INFINITY;

  private BpmnSvgRenderer(Document model) {
    this.elementsById = indexById(model);
    this.plane = firstPlane(model);
    for (Layer layer : Layer.values()) {
      layers.put(layer, new StringBuilder());
    }
  }

  public static String render(Path bpmnFile) throws IOException {
    return render(new InputSource(new ByteArrayInputStream(Files.readAllBytes(bpmnFile))));
  }

  public static String render(String bpmnXml) {
    return render(new InputSource(new StringReader(bpmnXml)));
  }

  private static String render(InputSource bpmn) {
    return new BpmnSvgRenderer(parse(bpmn)).draw();
  }

  private String draw() {
    for (Element shape : children(plane, BPMNDI, "BPMNShape")) {
      drawShape(shape);
    }
    for (Element edge : children(plane, BPMNDI, "BPMNEdge")) {
      drawEdge(edge);
    }
    return document();
  }

  // ---- shapes

  private void drawShape(Element shapeDi) {
    Element element = elementsById.get(shapeDi.getAttribute("bpmnElement"));
    Bounds bounds = bounds(shapeDi);
    if (element == null || bounds == null) {
      return; // DI pointing at nothing has nothing to show
    }
    Bounds label = labelBounds(shapeDi);
    extend(bounds);
    extend(label);
    String type = element.getLocalName();
    String name = nameOf(element);
    switch (kindOf(type, "true".equals(shapeDi.getAttribute("isExpanded")))) {
      case PARTICIPANT -> add(Layer.CONTAINERS, type, element, participant(element, bounds, name));
      case LANE -> add(Layer.CONTAINERS, type, element, lane(bounds, name));
      case SUB_PROCESS -> add(Layer.CONTAINERS, type, element, subProcess(element, bounds, name));
      case TASK -> add(Layer.NODES, type, element, task(type, bounds, name));
      case EVENT -> {
        add(
            type.equals("boundaryEvent") ? Layer.BOUNDARY_EVENTS : Layer.NODES,
            type,
            element,
            event(element, bounds));
        addLabel(element, name, label, lines -> below(bounds));
      }
      case GATEWAY -> {
        add(Layer.NODES, type, element, gateway(type, bounds));
        addLabel(element, name, label, lines -> below(bounds));
      }
      case TEXT_ANNOTATION -> add(Layer.NODES, type, element, textAnnotation(bounds, name));
      case GROUP -> {
        add(
            Layer.OVERLAYS,
            type,
            element,
            rect(bounds, 10, dashed(paint("none", 1.5), "10,6,1,6")));
        addLabel(
            element,
            name,
            label,
            lines -> new Bounds(bounds.x(), bounds.y() + 5, bounds.width(), 0));
      }
      case OTHER ->
          add(
              Layer.NODES,
              type,
              element,
              rect(bounds, 0, paint("white", 1.5)) + centredName(name, bounds));
    }
  }

  private static Kind kindOf(String type, boolean expanded) {
    if (type.endsWith("Event")) {
      return Kind.EVENT;
    }
    if (type.endsWith("Gateway")) {
      return Kind.GATEWAY;
    }
    if (isSubProcess(type)) {
      return expanded ? Kind.SUB_PROCESS : Kind.TASK;
    }
    if (type.equals("task") || type.endsWith("Task") || type.equals("callActivity")) {
      return Kind.TASK;
    }
    return switch (type) {
      case "participant" -> Kind.PARTICIPANT;
      case "lane" -> Kind.LANE;
      case "textAnnotation" -> Kind.TEXT_ANNOTATION;
      case "group" -> Kind.GROUP;
      default -> Kind.OTHER; // data objects and stores: a plain box keeps them visible
    };
  }

  private static boolean isSubProcess(String type) {
    return type.equals("subProcess")
        || type.equals("transaction")
        || type.equals("adHocSubProcess");
  }

  private static String participant(Element participant, Bounds bounds, String name) {
    if (!participant.hasAttribute("processRef")) {
      // A collapsed ("black box") pool has no band: its name sits in the middle.
      return rect(bounds, 0, paint("white", 1.5)) + centredName(name, bounds);
    }
    Bounds band = new Bounds(bounds.x(), bounds.y(), 30, bounds.height());
    return rect(bounds, 0, paint("white", 1.5))
        + line(
            new Point(band.maxX(), band.y()),
            new Point(band.maxX(), band.maxY()),
            paint("none", 1.5))
        + verticalName(name, band);
  }

  private static String lane(Bounds bounds, String name) {
    return rect(bounds, 0, paint("none", 1.5))
        + verticalName(name, new Bounds(bounds.x(), bounds.y(), 30, bounds.height()));
  }

  /** Pool and lane names run bottom-to-top in their band, as in the Modeler. */
  private static String verticalName(String name, Bounds band) {
    Bounds turned =
        new Bounds(
            band.centerX() - band.height() / 2,
            band.centerY() - band.width() / 2,
            band.height(),
            band.width());
    return "<g transform=\"rotate(-90 "
        + num(band.centerX())
        + " "
        + num(band.centerY())
        + ")\">"
        + centredName(name, turned)
        + "</g>";
  }

  private static String subProcess(Element subProcess, Bounds bounds, String name) {
    String paint = paint("white", 2);
    if ("true".equals(subProcess.getAttribute("triggeredByEvent"))) {
      paint = dashed(paint, "8,4");
    }
    return rect(bounds, 10, paint)
        + text(
            wrapInside(name, bounds.width() - 20),
            bounds.x() + 10,
            bounds.y() + 5,
            NAME_FONT,
            "start");
  }

  private static String task(String type, Bounds bounds, String name) {
    boolean callActivity = type.equals("callActivity");
    String marker =
        callActivity || isSubProcess(type) ? expandMarker(bounds) : taskMarker(type, bounds);
    return rect(bounds, 10, paint("white", callActivity ? 4 : 2))
        + marker
        + centredName(name, bounds);
  }

  private static String taskMarker(String type, Bounds task) {
    Point centre = new Point(task.x() + 15, task.y() + 15);
    return switch (type) {
      case "serviceTask" -> gear(centre);
      case "sendTask" -> envelope(centre, 16, 11, true);
      case "receiveTask" -> envelope(centre, 16, 11, false);
      case "userTask" -> person(centre);
      case "businessRuleTask" -> table(centre);
      default -> "";
    };
  }

  /** Eight teeth around a hole, standing in for the Modeler's cog. */
  private static String gear(Point centre) {
    List<Point> outline = new ArrayList<>();
    for (int tooth = 0; tooth < 8; tooth++) {
      double angle = tooth * 45;
      outline.add(polar(centre, 5, angle - 17));
      outline.add(polar(centre, 7.5, angle - 9));
      outline.add(polar(centre, 7.5, angle + 9));
      outline.add(polar(centre, 5, angle + 17));
    }
    return polygon(outline, paint("white", 1)) + circle(centre, 2.2, paint("white", 1));
  }

  private static String person(Point centre) {
    double x = centre.x();
    double y = centre.y();
    String shoulders = pathData("M", x - 7, y + 8, "C", x - 7, y, x + 7, y, x + 7, y + 8, "Z");
    return path(shoulders, paint("white", 1.2))
        + circle(new Point(x, y - 3.5), 3.5, paint("white", 1.2));
  }

  private static String table(Point centre) {
    Bounds table = new Bounds(centre.x() - 8, centre.y() - 6, 16, 12);
    double headerY = table.y() + 3.5;
    double rowY = table.y() + 7.75;
    double columnX = table.x() + 5;
    return rect(table, 0, paint("white", 1))
        + rect(new Bounds(table.x(), table.y(), table.width(), 3.5), 0, paint("#c8cad0", 1))
        + line(new Point(table.x(), rowY), new Point(table.maxX(), rowY), paint("none", 1))
        + line(new Point(columnX, headerY), new Point(columnX, table.maxY()), paint("none", 1));
  }

  private static String envelope(Point centre, double width, double height, boolean filled) {
    Bounds box = new Bounds(centre.x() - width / 2, centre.y() - height / 2, width, height);
    List<Point> flap =
        List.of(
            new Point(box.x(), box.y()),
            new Point(box.centerX(), box.centerY() + 1),
            new Point(box.maxX(), box.y()));
    return rect(box, 0, paint(filled ? INK : "white", 1))
        + polyline(flap, paint("none", filled ? "white" : INK, 1));
  }

  /** The "+" that marks a call activity or collapsed sub-process. */
  private static String expandMarker(Bounds activity) {
    double x = activity.centerX();
    double top = activity.maxY() - 18;
    String stroke = paint("none", 1.5);
    return rect(new Bounds(x - 7, top, 14, 14), 0, paint("white", 1.5))
        + line(new Point(x, top + 3), new Point(x, top + 11), stroke)
        + line(new Point(x - 4, top + 7), new Point(x + 4, top + 7), stroke);
  }

  private static String event(Element event, Bounds bounds) {
    String type = event.getLocalName();
    Point centre = new Point(bounds.centerX(), bounds.centerY());
    double radius = bounds.width() / 2;
    String ring = isNonInterrupting(event) ? " stroke-dasharray=\"5.5,3\"" : "";
    String circles =
        switch (type) {
          case "startEvent" -> circle(centre, radius, paint("white", 2) + ring);
          case "endEvent" -> circle(centre, radius, paint("white", 4));
          default ->
              circle(centre, radius, paint("white", 1.5) + ring)
                  + circle(centre, radius - 3, paint("white", 1.5) + ring);
        };
    boolean throwing = type.equals("endEvent") || type.equals("intermediateThrowEvent");
    return circles + eventMarker(eventDefinition(event), centre, throwing);
  }

  private static boolean isNonInterrupting(Element event) {
    return "false".equals(event.getAttribute("cancelActivity"))
        || "false".equals(event.getAttribute("isInterrupting"));
  }

  private static String eventDefinition(Element event) {
    for (Element child : children(event, BPMN, "*")) {
      if (child.getLocalName().endsWith("EventDefinition")) {
        return child.getLocalName();
      }
    }
    return "";
  }

  /** Throwing events show a filled marker, catching ones an outlined marker. */
  private static String eventMarker(String definition, Point c, boolean throwing) {
    String paint = paint(throwing ? INK : "white", 1.5);
    return switch (definition) {
      case "messageEventDefinition" -> envelope(c, 18, 12, throwing);
      case "timerEventDefinition" -> clock(c);
      case "errorEventDefinition" ->
          polygon(around(c, -7.5, 8, -3, -6.5, 2, 1.5, 7.5, -8, 3.5, 6.5, -1.5, -1.5), paint);
      case "signalEventDefinition" -> polygon(around(c, 0, -9.5, 8.5, 5, -8.5, 5), paint);
      case "escalationEventDefinition" -> polygon(around(c, 0, -9, 7, 8, 0, 2, -7, 8), paint);
      case "terminateEventDefinition" -> circle(c, 11, paint(INK, 0));
      default -> "";
    };
  }

  private static String clock(Point centre) {
    StringBuilder clock = new StringBuilder(circle(centre, 10, paint("white", 2)));
    for (int hour = 0; hour < 12; hour++) {
      double innerRadius = hour % 3 == 0 ? 6 : 7;
      clock.append(
          line(
              polar(centre, innerRadius, hour * 30),
              polar(centre, 8.5, hour * 30),
              paint("none", 1)));
    }
    return clock
        .append(line(centre, polar(centre, 6.5, -90), paint("none", 1.5)))
        .append(line(centre, polar(centre, 5, -30), paint("none", 1.5)))
        .toString();
  }

  private static String gateway(String type, Bounds bounds) {
    Point c = new Point(bounds.centerX(), bounds.centerY());
    String diamond =
        polygon(
            List.of(
                new Point(c.x(), bounds.y()),
                new Point(bounds.maxX(), c.y()),
                new Point(c.x(), bounds.maxY()),
                new Point(bounds.x(), c.y())),
            paint("white", 2));
    String bold = paint("none", 3.5);
    return diamond
        + switch (type) {
          case "exclusiveGateway" ->
              line(around(c, -7, -7, 7, 7), bold) + line(around(c, -7, 7, 7, -7), bold);
          case "parallelGateway" ->
              line(around(c, 0, -11, 0, 11), bold) + line(around(c, -11, 0, 11, 0), bold);
          case "inclusiveGateway" -> circle(c, 11, paint("none", 2.5));
          case "eventBasedGateway" ->
              circle(c, 13, paint("none", 1))
                  + circle(c, 10, paint("none", 1))
                  + polygon(pentagon(c, 6), paint("none", 1.5));
          default -> "";
        };
  }

  private static List<Point> pentagon(Point centre, double radius) {
    List<Point> corners = new ArrayList<>();
    for (int corner = 0; corner < 5; corner++) {
      corners.add(polar(centre, radius, -90 + corner * 72));
    }
    return corners;
  }

  private static String textAnnotation(Bounds bounds, String text) {
    String bracket =
        pathData(
            "M",
            bounds.x() + 10,
            bounds.y(),
            "H",
            bounds.x(),
            "V",
            bounds.maxY(),
            "H",
            bounds.x() + 10);
    return path(bracket, paint("none", 1.5))
        + text(
            wrapInside(text, bounds.width() - 10),
            bounds.x() + 5,
            bounds.y() + 5,
            NAME_FONT,
            "start");
  }

  /** Where bpmn-js puts an event's or gateway's label when the model does not say. */
  private static Bounds below(Bounds shape) {
    return new Bounds(shape.x(), shape.maxY() + 5, shape.width(), 0);
  }

  // ---- edges

  private void drawEdge(Element edgeDi) {
    Element flow = elementsById.get(edgeDi.getAttribute("bpmnElement"));
    List<Point> points = waypoints(edgeDi);
    if (flow == null || points.size() < 2) {
      return;
    }
    Bounds label = labelBounds(edgeDi);
    points.forEach(this::extend);
    extend(label);
    add(Layer.EDGES, flow.getLocalName(), flow, edge(flow, points));
    addLabel(flow, nameOf(flow), label, lines -> besideFirstSegment(points, lines));
  }

  private String edge(Element flow, List<Point> points) {
    String solid = paint("none", 1.5);
    String dotted = dashed(solid, "1,4") + " stroke-linecap=\"round\"";
    return switch (flow.getLocalName()) {
      case "sequenceFlow" ->
          withArrow(points, solid, INK) + (isDefaultFlow(flow) ? defaultMarker(points) : "");
      case "messageFlow" ->
          withArrow(points, dashed(solid, "10,6"), "white")
              + circle(
                  points.get(0).plus(points.get(0).directionTo(points.get(1)).times(4)),
                  3.5,
                  paint("white", 1.5));
      case "association" -> polyline(points, dotted);
      default -> withArrow(points, dotted, "white"); // data input and output associations
    };
  }

  /** The line stops at the arrowhead's base so it does not poke through the tip. */
  private static String withArrow(List<Point> points, String linePaint, String arrowFill) {
    Point tip = points.getLast();
    Point from = points.get(points.size() - 2);
    Point back = tip.directionTo(from);
    Point base = tip.plus(back.times(ARROW_LENGTH));
    Point side = back.normal().times(ARROW_HALF_WIDTH);
    List<Point> line = new ArrayList<>(points);
    if (Math.hypot(tip.x() - from.x(), tip.y() - from.y()) > ARROW_LENGTH) {
      line.set(line.size() - 1, base);
    }
    return polyline(line, linePaint)
        + polygon(List.of(tip, base.plus(side), base.plus(side.times(-1))), paint(arrowFill, 1));
  }

  private boolean isDefaultFlow(Element flow) {
    Element source = elementsById.get(flow.getAttribute("sourceRef"));
    return source != null && flow.getAttribute("id").equals(source.getAttribute("default"));
  }

  /** The slash across a default flow, near its source. */
  private static String defaultMarker(List<Point> points) {
    Point direction = points.get(0).directionTo(points.get(1));
    Point centre = points.get(0).plus(direction.times(10));
    Point half = direction.times(3).plus(direction.normal().times(-5));
    return line(centre.plus(half.times(-1)), centre.plus(half), paint("none", 1.5));
  }

  /** Unplaced flow names go above a horizontal first segment, or to the right of a vertical one. */
  private static Bounds besideFirstSegment(List<Point> points, List<String> lines) {
    Point a = points.get(0);
    Point b = points.get(1);
    Point middle = new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    double width = lines.stream().mapToDouble(line -> textWidth(line, LABEL_FONT)).max().orElse(0);
    double height = lines.size() * LABEL_FONT * LINE_SPACING;
    boolean horizontal = Math.abs(b.x() - a.x()) >= Math.abs(b.y() - a.y());
    return horizontal
        ? new Bounds(middle.x() - width / 2, middle.y() - 5 - height, width, height)
        : new Bounds(middle.x() + 5, middle.y() - height / 2, width, height);
  }

  // ---- text

  /** External labels go on top of everything so lines never hide them. */
  private void addLabel(
      Element element, String name, Bounds diLabel, Function<List<String>, Bounds> fallback) {
    if (name.isBlank()) {
      return;
    }
    List<String> lines =
        wrap(
            name,
            diLabel == null ? LABEL_WIDTH : Math.max(diLabel.width(), LABEL_WIDTH),
            LABEL_FONT);
    Bounds box = diLabel != null ? diLabel : fallback.apply(lines);
    add(Layer.LABELS, "label", element, centredText(lines, box, LABEL_FONT));
  }

  private static String centredName(String name, Bounds box) {
    return centredText(wrapInside(name, box.width() - 10), box, NAME_FONT);
  }

  private static List<String> wrapInside(String name, double width) {
    return wrap(name, width / FALLBACK_FONT_ALLOWANCE, NAME_FONT);
  }

  /**
   * Centred in the box; a box too small (or of no height) for the lines holds them from its top.
   */
  private static String centredText(List<String> lines, Bounds box, double fontSize) {
    double height = lines.size() * fontSize * LINE_SPACING;
    return text(
        lines,
        box.centerX(),
        box.y() + Math.max(0, (box.height() - height) / 2),
        fontSize,
        "middle");
  }

  private static String text(
      List<String> lines, double x, double top, double fontSize, String anchor) {
    if (lines.isEmpty()) {
      return "";
    }
    double lineHeight = fontSize * LINE_SPACING;
    StringBuilder text =
        new StringBuilder(
            "<text font-size=\""
                + num(fontSize)
                + "\" fill=\""
                + INK
                + "\" text-anchor=\""
                + anchor
                + "\">");
    for (int i = 0; i < lines.size(); i++) {
      // Baselines sit so that the x-height is centred in each line's slot.
      double baseline = top + i * lineHeight + lineHeight / 2 + fontSize * 0.35;
      text.append("<tspan x=\"")
          .append(num(x))
          .append("\" y=\"")
          .append(num(baseline))
          .append("\">")
          .append(escape(lines.get(i)))
          .append("</tspan>");
    }
    return text.append("</text>").toString();
  }

  private String nameOf(Element element) {
    return switch (element.getLocalName()) {
      case "textAnnotation" ->
          children(element, BPMN, "text").stream().findFirst().map(Node::getTextContent).orElse("");
      case "group" -> {
        Element category = elementsById.get(element.getAttribute("categoryValueRef"));
        yield category == null ? "" : category.getAttribute("value");
      }
      default -> element.getAttribute("name");
    };
  }

  // ---- SVG primitives

  private void add(Layer layer, String cssClass, Element element, String content) {
    layers
        .get(layer)
        .append("<g class=\"")
        .append(cssClass)
        .append("\" data-element-id=\"")
        .append(escape(element.getAttribute("id")))
        .append("\">")
        .append(content)
        .append("</g>\n");
  }

  private String document() {
    if (minX > maxX) {
      throw new IllegalArgumentException("The model's diagram has no shapes or edges to draw");
    }
    Bounds view =
        new Bounds(
            minX - MARGIN, minY - MARGIN, maxX - minX + 2 * MARGIN, maxY - minY + 2 * MARGIN);
    StringBuilder svg =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append(
                "<!-- Drawn from the BPMN model by com.careflow.docs.BpmnSvgRenderer; do not edit. Regenerate with: ")
            .append(DiagramsTest.REGENERATE_COMMAND)
            .append(" -->\n")
            .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
            .append(num(view.width()))
            .append("\" height=\"")
            .append(num(view.height()))
            .append("\" viewBox=\"")
            .append(num(view.x()))
            .append(' ')
            .append(num(view.y()))
            .append(' ')
            .append(num(view.width()))
            .append(' ')
            .append(num(view.height()))
            .append("\" font-family=\"")
            .append(FONT_FAMILY)
            .append("\" stroke-linejoin=\"round\">\n")
            .append(rect(view, 0, " fill=\"white\""))
            .append('\n');
    layers.values().forEach(svg::append);
    return svg.append("</svg>\n").toString();
  }

  private static String paint(String fill, double strokeWidth) {
    return paint(fill, INK, strokeWidth);
  }

  private static String paint(String fill, String stroke, double strokeWidth) {
    return " fill=\""
        + fill
        + "\" stroke=\""
        + stroke
        + "\" stroke-width=\""
        + num(strokeWidth)
        + "\"";
  }

  private static String dashed(String paint, String dashArray) {
    return paint + " stroke-dasharray=\"" + dashArray + "\"";
  }

  private static String rect(Bounds b, double radius, String paint) {
    return element(
        "rect",
        paint,
        "x",
        b.x(),
        "y",
        b.y(),
        "width",
        b.width(),
        "height",
        b.height(),
        "rx",
        radius);
  }

  private static String circle(Point centre, double radius, String paint) {
    return element("circle", paint, "cx", centre.x(), "cy", centre.y(), "r", radius);
  }

  private static String line(Point from, Point to, String paint) {
    return element("line", paint, "x1", from.x(), "y1", from.y(), "x2", to.x(), "y2", to.y());
  }

  private static String line(List<Point> ends, String paint) {
    return line(ends.get(0), ends.get(1), paint);
  }

  private static String polyline(List<Point> points, String paint) {
    return element("polyline", paint, "points", points(points));
  }

  private static String polygon(List<Point> points, String paint) {
    return element("polygon", paint, "points", points(points));
  }

  private static String path(String data, String paint) {
    return element("path", paint, "d", data);
  }

  /**
   * An empty element: attributes as name/value pairs, then the (already formatted) paint
   * attributes.
   */
  private static String element(String name, String paint, Object... attributes) {
    StringBuilder element = new StringBuilder("<").append(name);
    for (int i = 0; i < attributes.length; i += 2) {
      Object value = attributes[i + 1];
      String text =
          value instanceof Number number ? num(number.doubleValue()) : escape(value.toString());
      element.append(' ').append(attributes[i]).append("=\"").append(text).append('"');
    }
    return element.append(paint).append("/>").toString();
  }

  private static String points(List<Point> points) {
    StringBuilder text = new StringBuilder();
    for (Point point : points) {
      text.append(text.isEmpty() ? "" : " ")
          .append(num(point.x()))
          .append(',')
          .append(num(point.y()));
    }
    return text.toString();
  }

  /** Path data from commands and numbers, numbers formatted like everywhere else. */
  private static String pathData(Object... parts) {
    StringBuilder data = new StringBuilder();
    for (Object part : parts) {
      data.append(data.isEmpty() ? "" : " ")
          .append(part instanceof Number number ? num(number.doubleValue()) : part);
    }
    return data.toString();
  }

  /** Points given as x, y offsets from a centre. */
  private static List<Point> around(Point centre, double... offsets) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < offsets.length; i += 2) {
      points.add(new Point(centre.x() + offsets[i], centre.y() + offsets[i + 1]));
    }
    return points;
  }

  /** StrictMath gives the same digits on every JVM, which keeps the output byte-identical. */
  private static Point polar(Point centre, double radius, double degrees) {
    double radians = StrictMath.toRadians(degrees);
    return new Point(
        centre.x() + radius * StrictMath.cos(radians),
        centre.y() + radius * StrictMath.sin(radians));
  }

  // ---- reading the model

  private static Document parse(InputSource bpmn) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(
          "http://apache.org/xml/features/disallow-doctype-decl", true); // no entity tricks
      return factory.newDocumentBuilder().parse(bpmn);
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException("Not a readable BPMN file: " + e.getMessage(), e);
    }
  }

  private static Map<String, Element> indexById(Document model) {
    Map<String, Element> byId = new HashMap<>();
    NodeList elements = model.getElementsByTagNameNS(BPMN, "*");
    for (int i = 0; i < elements.getLength(); i++) {
      Element element = (Element) elements.item(i);
      if (element.hasAttribute("id")) {
        byId.put(element.getAttribute("id"), element);
      }
    }
    return byId;
  }

  private static Element firstPlane(Document model) {
    Node plane = model.getElementsByTagNameNS(BPMNDI, "BPMNPlane").item(0);
    if (plane == null) {
      throw new IllegalArgumentException("The model has no diagram (BPMN DI) to draw");
    }
    return (Element) plane;
  }

  private static Bounds bounds(Element diElement) {
    return children(diElement, DC, "Bounds").stream()
        .findFirst()
        .map(BpmnSvgRenderer::toBounds)
        .orElse(null);
  }

  private static Bounds labelBounds(Element diElement) {
    return children(diElement, BPMNDI, "BPMNLabel").stream()
        .findFirst()
        .map(BpmnSvgRenderer::bounds)
        .orElse(null);
  }

  private static Bounds toBounds(Element bounds) {
    return new Bounds(
        number(bounds, "x"),
        number(bounds, "y"),
        number(bounds, "width"),
        number(bounds, "height"));
  }

  private static List<Point> waypoints(Element edgeDi) {
    return children(edgeDi, DI, "waypoint").stream()
        .map(point -> new Point(number(point, "x"), number(point, "y")))
        .toList();
  }

  private static double number(Element element, String attribute) {
    return Double.parseDouble(element.getAttribute(attribute));
  }

  /** Child elements with the given namespace and local name ("*" for any). */
  private static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> children = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element
          && namespace.equals(element.getNamespaceURI())
          && (localName.equals("*") || localName.equals(element.getLocalName()))) {
        children.add(element);
      }
    }
    return children;
  }

  private void extend(Bounds bounds) {
    if (bounds != null) {
      extend(new Point(bounds.x(), bounds.y()));
      extend(new Point(bounds.maxX(), bounds.maxY()));
    }
  }

  private void extend(Point point) {
    minX = Math.min(minX, point.x());
    minY = Math.min(minY, point.y());
    maxX = Math.max(maxX, point.x());
    maxY = Math.max(maxY, point.y());
  }
}
