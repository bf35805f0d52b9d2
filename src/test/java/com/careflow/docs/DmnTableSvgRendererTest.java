package com.careflow.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class DmnTableSvgRendererTest {

  /**
   * Two inputs, two outputs, three rules (one input entry left empty); then a second, collecting
   * decision.
   */
  private static final String DMN =
      """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions" name="Test" namespace="test">
              <decision id="shipping" name="Shipping fee">
                <decisionTable id="shipping-table" hitPolicy="FIRST">
                  <input id="in-amount" label="Order amount">
                    <inputExpression id="in-amount-expr" typeRef="number"><text>amount</text></inputExpression>
                  </input>
                  <input id="in-region" label="Region">
                    <inputExpression id="in-region-expr" typeRef="string"><text>region</text></inputExpression>
                  </input>
                  <output id="out-fee" label="Fee" name="fee" typeRef="number"/>
                  <output id="out-carrier" label="Carrier" name="carrier" typeRef="string"/>
                  <rule id="rule-small">
                    <description>Small orders pay</description>
                    <inputEntry id="e1"><text>&lt; 1000</text></inputEntry>
                    <inputEntry id="e2"><text>"north"</text></inputEntry>
                    <outputEntry id="e3"><text>12</text></outputEntry>
                    <outputEntry id="e4"><text>"post"</text></outputEntry>
                  </rule>
                  <rule id="rule-large">
                    <description>Free shipping &amp; a courier</description>
                    <inputEntry id="e5"><text>&gt;= 1000</text></inputEntry>
                    <inputEntry id="e6"><text></text></inputEntry>
                    <outputEntry id="e7"><text>0</text></outputEntry>
                    <outputEntry id="e8"><text>"courier"</text></outputEntry>
                  </rule>
                  <rule id="rule-rest">
                    <inputEntry id="e9"><text>-</text></inputEntry>
                    <inputEntry id="e10"><text>-</text></inputEntry>
                    <outputEntry id="e11"><text>20</text></outputEntry>
                    <outputEntry id="e12"><text>"post"</text></outputEntry>
                  </rule>
                </decisionTable>
              </decision>
              <decision id="surcharges" name="Surcharges">
                <decisionTable id="surcharges-table" hitPolicy="COLLECT" aggregation="SUM">
                  <input id="in-weight" label="Weight"><inputExpression id="in-weight-expr" typeRef="number"><text>kg</text></inputExpression></input>
                  <output id="out-surcharge" name="surcharge" typeRef="number"/>
                  <rule id="rule-heavy"><inputEntry id="e13"><text>&gt; 20</text></inputEntry><outputEntry id="e14"><text>5</text></outputEntry></rule>
                </decisionTable>
              </decision>
              <decision id="literal" name="Not a table"><literalExpression id="le"><text>1</text></literalExpression></decision>
            </definitions>
            """;

  private static final String SHIPPING = "//g[@class='decision' and @data-element-id='shipping']";
  private static final XPath XPATH = XPathFactory.newInstance().newXPath();
  private static String svg;
  private static Document drawing;

  @BeforeAll
  static void render() throws Exception {
    svg = DmnTableSvgRenderer.render(DMN);
    drawing =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(svg)));
  }

  @Test
  void everyDecisionTableIsATableOfItsOwnStackedInFileOrder() {
    assertThat(texts("//g[@class='decision']/@data-element-id"))
        .containsExactly("shipping", "surcharges");
    assertThat(texts("//g[@class='decision']/text[@class='name']"))
        .containsExactly("Shipping fee", "Surcharges");
    double shippingName = number("(//text[@class='name'])[1]/tspan/@y");
    double surchargesName = number("(//text[@class='name'])[2]/tspan/@y");
    assertThat(surchargesName)
        .as("the second table sits below the first")
        .isGreaterThan(shippingName + 150);
  }

  @Test
  void headerShowsTheHitPolicyAsTheModelerNamesIt() {
    assertThat(texts("//text[@class='hit-policy']"))
        .containsExactly("Hit policy: First", "Hit policy: Collect (Sum)");
  }

  @Test
  void inputsAreUnderWhenAndOutputsUnderThen() {
    assertThat(texts(SHIPPING + "/text[@class='group']")).containsExactly("When", "Then");
    assertThat(texts(SHIPPING + "//g[@class='clause input']/text[@class='label']"))
        .containsExactly("Order amount", "Region");
    assertThat(texts(SHIPPING + "//g[@class='clause input']/text[@class='detail']"))
        .containsExactly("amount (number)", "region (string)");
    assertThat(texts(SHIPPING + "//g[@class='clause output']/text[@class='label']"))
        .containsExactly("Fee", "Carrier");
    assertThat(texts(SHIPPING + "//g[@class='clause output']/text[@class='detail']"))
        .containsExactly("fee (number)", "carrier (string)");
    assertThat(texts(SHIPPING + "/text[@class='clause annotations']"))
        .containsExactly("Annotations");
    // An output without a label is headed by its name, as in the Modeler.
    assertThat(texts("//g[@data-element-id='surcharges']//g[@class='clause output']/text"))
        .containsExactly("surcharge", "surcharge (number)");
  }

  @Test
  void eachRuleIsARowWithItsNumberEntriesAndAnnotation() {
    assertThat(texts(SHIPPING + "/g[@class='rule']/@data-element-id"))
        .containsExactly("rule-small", "rule-large", "rule-rest");
    assertThat(texts(SHIPPING + "//g[@class='rule']/text[@class='index']"))
        .containsExactly("1", "2", "3");
    assertThat(row("rule-small", "input")).containsExactly("< 1000", "\"north\"");
    assertThat(row("rule-small", "output")).containsExactly("12", "\"post\"");
    assertThat(row("rule-small", "annotation")).containsExactly("Small orders pay");
    assertThat(row("rule-large", "input"))
        .as("the empty entry shows as -")
        .containsExactly(">= 1000", "-");
    assertThat(row("rule-large", "output")).containsExactly("0", "\"courier\"");
    assertThat(row("rule-large", "annotation")).containsExactly("Free shipping & a courier");
    assertThat(row("rule-rest", "input")).containsExactly("-", "-");
    assertThat(row("rule-rest", "output")).containsExactly("20", "\"post\"");
    assertThat(row("rule-rest", "annotation")).as("no description, no annotation").isEmpty();
  }

  @Test
  void feelComparisonsAreEscaped() {
    assertThat(svg)
        .contains(
            ">&lt; 1000</tspan>", ">&gt;= 1000</tspan>", ">Free shipping &amp; a courier</tspan>")
        .doesNotContain("< 1000", ">= 1000<");
  }

  @Test
  void inputsAndOutputsAreSeparatedByADoubleLine() {
    // Two parallel vertical lines 4 apart, from below the title bar to the bottom of the table.
    double left =
        number("(" + SHIPPING + "//g[@class='clause output'])[1]/text[@class='label']/tspan/@x");
    assertThat(count(SHIPPING + "/line[@x1=@x2 and @stroke='#22242a']")).isEqualTo(2);
    double first = number("(" + SHIPPING + "/line[@x1=@x2 and @stroke='#22242a'])[1]/@x1");
    double second = number("(" + SHIPPING + "/line[@x1=@x2 and @stroke='#22242a'])[2]/@x1");
    assertThat(second - first).isEqualTo(4);
    assertThat(first).as("left of the first output").isLessThan(left);
  }

  @Test
  void longTextWrapsInsideItsColumn() {
    String wordy =
        DMN.replace(
            "Small orders pay",
            "Small orders pay the standard fee because the carrier charges us per parcel, whatever it weighs");
    Document wrapped = parse(DmnTableSvgRenderer.render(wordy));
    assertThat(count(wrapped, "//g[@data-element-id='rule-small']/text[@class='annotation']/tspan"))
        .isGreaterThan(1);
  }

  @Test
  void sameModelGivesTheSameBytes() {
    assertThat(DmnTableSvgRenderer.render(DMN)).isEqualTo(svg);
  }

  @Test
  void aFileWithoutDecisionTablesIsRefused() {
    String literalOnly =
        DMN.replaceAll(
            "(?s)<decision id=\"shipping\".*?<decision id=\"literal\"", "<decision id=\"literal\"");
    assertThatThrownBy(() -> DmnTableSvgRenderer.render(literalOnly))
        .hasMessageContaining("no decision table");
  }

  private static List<String> row(String ruleId, String cssClass) {
    return texts(
        "//g[@class='rule' and @data-element-id='" + ruleId + "']/text[@class='" + cssClass + "']");
  }

  private static List<String> texts(String expression) {
    try {
      NodeList nodes = (NodeList) XPATH.evaluate(expression, drawing, XPathConstants.NODESET);
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        texts.add(nodes.item(i).getTextContent());
      }
      return texts;
    } catch (Exception e) {
      throw new IllegalArgumentException(expression, e);
    }
  }

  private static double number(String expression) {
    try {
      return Double.parseDouble(XPATH.evaluate(expression, drawing));
    } catch (Exception e) {
      throw new IllegalArgumentException(expression, e);
    }
  }

  private static int count(String expression) {
    return count(drawing, expression);
  }

  private static int count(Document document, String expression) {
    try {
      return ((Double) XPATH.evaluate("count(" + expression + ")", document, XPathConstants.NUMBER))
          .intValue();
    } catch (Exception e) {
      throw new IllegalArgumentException(expression, e);
    }
  }

  private static Document parse(String svg) {
    try {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(new InputSource(new StringReader(svg)));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
