package com.careflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class BpmnSvgRendererTest {

  /**
   * Start → task → gateway → (yes) user task / (no, default) → end; the no-branch runs below
   * everything.
   */
  private static final String MODEL =
      """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Definitions" targetNamespace="test">
              <process id="Process" isExecutable="true">
                <startEvent id="Start" name="Order placed"><messageEventDefinition id="StartMessage"/></startEvent>
                <serviceTask id="Check" name="Check stock"/>
                <exclusiveGateway id="InStock" name="In stock?" default="No"/>
                <userTask id="Ship" name="发货 &amp; &lt;notify&gt;"/>
                <endEvent id="End" name="Done"/>
                <sequenceFlow id="F1" sourceRef="Start" targetRef="Check"/>
                <sequenceFlow id="F2" sourceRef="Check" targetRef="InStock"/>
                <sequenceFlow id="Yes" name="yes" sourceRef="InStock" targetRef="Ship"/>
                <sequenceFlow id="No" name="no" sourceRef="InStock" targetRef="End"/>
                <sequenceFlow id="F3" sourceRef="Ship" targetRef="End"/>
              </process>
              <bpmndi:BPMNDiagram id="Diagram">
                <bpmndi:BPMNPlane id="Plane" bpmnElement="Process">
                  <bpmndi:BPMNShape id="Start_di" bpmnElement="Start">
                    <dc:Bounds x="100" y="100" width="36" height="36"/>
                    <bpmndi:BPMNLabel><dc:Bounds x="90" y="143" width="56" height="14"/></bpmndi:BPMNLabel>
                  </bpmndi:BPMNShape>
                  <bpmndi:BPMNShape id="Check_di" bpmnElement="Check"><dc:Bounds x="180" y="78" width="100" height="80"/></bpmndi:BPMNShape>
                  <bpmndi:BPMNShape id="InStock_di" bpmnElement="InStock"><dc:Bounds x="330" y="93" width="50" height="50"/></bpmndi:BPMNShape>
                  <bpmndi:BPMNShape id="Ship_di" bpmnElement="Ship"><dc:Bounds x="430" y="78" width="100" height="80"/></bpmndi:BPMNShape>
                  <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="582" y="100" width="36" height="36"/></bpmndi:BPMNShape>
                  <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="136" y="118"/><di:waypoint x="180" y="118"/></bpmndi:BPMNEdge>
                  <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="280" y="118"/><di:waypoint x="330" y="118"/></bpmndi:BPMNEdge>
                  <bpmndi:BPMNEdge id="Yes_di" bpmnElement="Yes">
                    <di:waypoint x="380" y="118"/><di:waypoint x="430" y="118"/>
                    <bpmndi:BPMNLabel><dc:Bounds x="396" y="100" width="18" height="14"/></bpmndi:BPMNLabel>
                  </bpmndi:BPMNEdge>
                  <bpmndi:BPMNEdge id="No_di" bpmnElement="No">
                    <di:waypoint x="355" y="143"/><di:waypoint x="355" y="220"/><di:waypoint x="600" y="220"/><di:waypoint x="600" y="136"/>
                  </bpmndi:BPMNEdge>
                  <bpmndi:BPMNEdge id="F3_di" bpmnElement="F3"><di:waypoint x="530" y="118"/><di:waypoint x="582" y="118"/></bpmndi:BPMNEdge>
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </definitions>
            """;

  private static String svg;
  private static Document drawing;
  private static final XPath XPATH = XPathFactory.newInstance().newXPath();

  @BeforeAll
  static void render() throws Exception {
    svg = BpmnSvgRenderer.render(MODEL);
    drawing =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(svg)));
  }

  @Test
  void viewBoxSpansAllShapesLabelsAndWaypointsWithAMargin() {
    // x from the start event's label (90) to the end event (618), y from the tasks (78) to the
    // no-branch (220)
    assertThat(xpath("/svg/@viewBox")).isEqualTo("70 58 568 182");
    assertThat(xpath("/svg/@width")).isEqualTo("568");
    assertThat(xpath("/svg/@height")).isEqualTo("182");
  }

  @Test
  void tasksAreRoundedRectanglesWithTheirNameInside() {
    assertThat(count("//g[@class='serviceTask' or @class='userTask']/rect[@rx='10']")).isEqualTo(2);
    String check = "//g[@class='serviceTask' and @data-element-id='Check']";
    assertThat(xpath(check + "/rect[@rx='10']/@x") + "," + xpath(check + "/rect[@rx='10']/@y"))
        .isEqualTo("180,78");
    assertThat(
            xpath(check + "/rect[@rx='10']/@width")
                + "x"
                + xpath(check + "/rect[@rx='10']/@height"))
        .isEqualTo("100x80");
    assertThat(xpath(check + "/text")).isEqualTo("Check stock");
    assertThat(xpath(check + "/text/tspan/@x")).as("centred").isEqualTo("230");
    assertThat(xpath("//g[@data-element-id='Ship']/text")).isEqualTo("发货 & <notify>");
    assertThat(svg).contains(">发货 &amp; &lt;notify&gt;</tspan>");
  }

  @Test
  void eventsAreCirclesWithTheirLabelBelow() {
    assertThat(count("//g[@class='startEvent' or @class='endEvent']/circle")).isEqualTo(2);
    assertThat(
            xpath("//g[@data-element-id='Start']/circle/@cx")
                + ","
                + xpath("//g[@data-element-id='Start']/circle/@cy"))
        .isEqualTo("118,118");
    assertThat(xpath("//g[@data-element-id='Start']/circle/@r")).isEqualTo("18");
    assertThat(xpath("//g[@data-element-id='End']/circle/@stroke-width"))
        .as("end events are bold")
        .isEqualTo("4");
    assertThat(count("//g[@data-element-id='Start']/rect")).as("message marker").isEqualTo(1);

    assertThat(xpath("//g[@class='label' and @data-element-id='Start']/text"))
        .isEqualTo("Order placed");
    assertThat(number("//g[@class='label' and @data-element-id='Start']/text/tspan/@y"))
        .as("inside its DI label")
        .isBetween(143.0, 157.0);
    assertThat(xpath("//g[@class='label' and @data-element-id='End']/text/tspan/@x"))
        .as("centred under the event")
        .isEqualTo("600");
    assertThat(number("//g[@class='label' and @data-element-id='End']/text/tspan/@y"))
        .as("below the event")
        .isGreaterThan(136);
  }

  @Test
  void gatewaysAreDiamondsWithTheirMarker() {
    assertThat(xpath("//g[@class='exclusiveGateway']/polygon/@points"))
        .isEqualTo("355,93 380,118 355,143 330,118");
    assertThat(count("//g[@class='exclusiveGateway']/line")).as("the X").isEqualTo(2);
    assertThat(xpath("//g[@class='label' and @data-element-id='InStock']/text"))
        .isEqualTo("In stock?");
  }

  @Test
  void flowsAreLinesEndingInAnArrowhead() {
    assertThat(count("//g[@class='sequenceFlow']")).isEqualTo(5);
    assertThat(count("//g[@class='sequenceFlow']/polyline")).isEqualTo(5);
    // The line stops at the arrowhead's base; the arrowhead's tip is the last waypoint.
    assertThat(xpath("//g[@data-element-id='F1']/polyline/@points")).isEqualTo("136,118 169,118");
    assertThat(xpath("//g[@data-element-id='F1']/polygon/@points"))
        .isEqualTo("180,118 169,114 169,122");
    assertThat(xpath("//g[@data-element-id='No']/polyline/@points"))
        .isEqualTo("355,143 355,220 600,220 600,147");
    assertThat(count("//g[@data-element-id='No']/line")).as("default flow slash").isEqualTo(1);
    assertThat(count("//g[@data-element-id='Yes']/line")).isZero();
  }

  @Test
  void flowNamesSitAtTheirLabelOrBesideTheFirstSegment() {
    assertThat(xpath("//g[@class='label' and @data-element-id='Yes']/text")).isEqualTo("yes");
    assertThat(xpath("//g[@class='label' and @data-element-id='Yes']/text/tspan/@x"))
        .isEqualTo("405");
    assertThat(xpath("//g[@class='label' and @data-element-id='No']/text")).isEqualTo("no");
    assertThat(number("//g[@class='label' and @data-element-id='No']/text/tspan/@x"))
        .as("right of the vertical segment")
        .isGreaterThan(355);
    assertThat(number("//g[@class='label' and @data-element-id='No']/text/tspan/@y"))
        .isBetween(143.0, 220.0);
  }

  @Test
  void sameModelGivesTheSameBytes() {
    assertThat(BpmnSvgRenderer.render(MODEL)).isEqualTo(svg);
  }

  @Test
  void wrapsWordsAndBreaksChineseBetweenCharacters() {
    assertThat(Svg.wrap("Decide reminder policy", 90, 12))
        .containsExactly("Decide reminder", "policy");
    assertThat(Svg.wrap("提醒买家尽快付款以免订单关闭", 90, 12)).containsExactly("提醒买家尽快付", "款以免订单关闭");
    assertThat(Svg.wrap("Order\npaid", 90, 12)).containsExactly("Order", "paid");
  }

  private static String xpath(String expression) {
    try {
      return XPATH.evaluate(expression, drawing);
    } catch (Exception e) {
      throw new IllegalArgumentException(expression, e);
    }
  }

  private static double number(String expression) {
    return Double.parseDouble(xpath(expression));
  }

  private static int count(String expression) {
    try {
      return ((Double) XPATH.evaluate("count(" + expression + ")", drawing, XPathConstants.NUMBER))
          .intValue();
    } catch (Exception e) {
      throw new IllegalArgumentException(expression, e);
    }
  }
}
