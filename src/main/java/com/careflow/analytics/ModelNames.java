package com.careflow.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The names the dashboard's pages and its CSV downloads ({@link CsvLabels}) give journeys, their
 * steps, occasions and customer segments, in the page's language. The models are written in
 * English: a journey is named by {@code model.journey.<process id>} and a step by {@code
 * model.step.<process id>.<element id>} of the page's bundle (the Chinese bundle names them; the
 * English one has no such keys), else by the model's own name. An occasion (R19) is named by the
 * occasion calendar ({@code dmn/occasion-calendar.dmn}, its outputs {@code occasionNameZh} and
 * {@code occasionName}, the names operations write there for the messages), a big sale ({@code
 * DOUBLE_11}, {@code SALE_618}) by {@code occasion.<code>} of the bundles, any other code by
 * itself. A segment (R15: {@code A_LOYAL}, {@code B_ACTIVE}, {@code C_SLEEPING}, {@code D_LOST},
 * {@code NEW}) by {@code segment.<code>}, any other by itself.
 */
public final class ModelNames {

  static final String CALENDAR = "dmn/occasion-calendar.dmn";
  private static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";

  /** An occasion's names in the calendar: its English copy and its Chinese copy. */
  public record OccasionNames(String english, String chinese) {}

  /** The shipped calendar, read once (it is part of the release, like the bundles). */
  private static final class Shipped {
    static final Map<String, OccasionNames> CALENDAR_NAMES = readCalendar();
  }

  private final MessageSource messages;
  private final Map<String, OccasionNames> occasions;

  /** Names from these bundles and the shipped occasion calendar. */
  public ModelNames(MessageSource messages) {
    this(messages, Shipped.CALENDAR_NAMES);
  }

  ModelNames(MessageSource messages, Map<String, OccasionNames> occasions) {
    this.messages = messages;
    this.occasions = Map.copyOf(occasions);
  }

  /** The journey's name in the language, else the model's {@code modelName}. */
  public String journey(String processId, String modelName, Locale locale) {
    return messages.getMessage("model.journey." + processId, null, modelName, locale);
  }

  /** The send step's name in the language, else the model's {@code modelName} (or its id). */
  public String step(String processId, String stepId, String modelName, Locale locale) {
    String fallback = modelName == null || modelName.isBlank() ? stepId : modelName;
    return messages.getMessage("model.step." + processId + "." + stepId, null, fallback, locale);
  }

  /** The occasion's name in the language; the code itself when nothing names it. */
  public String occasion(String code, Locale locale) {
    if (code == null || code.isBlank()) {
      return code;
    }
    OccasionNames names = occasions.get(code);
    if (names != null) {
      return locale.getLanguage().equals("zh") ? names.chinese() : title(names.english());
    }
    return messages.getMessage("occasion." + code, null, code, locale);
  }

  /** The customer segment's name in the language (R15); the code itself when nothing names it. */
  public String segment(String code, Locale locale) {
    if (code == null || code.isBlank()) {
      return code;
    }
    return messages.getMessage("segment." + code, null, code, locale);
  }

  /** The occasions the calendar names, by code. */
  public Map<String, OccasionNames> occasions() {
    return occasions;
  }

  /**
   * The calendar's English copy as a label: "the New Year" → "New Year", "our after-sales care
   * week" → "After-sales care week" (the copy is written to follow "for" in a message).
   */
  static String title(String copy) {
    String s = copy.strip();
    for (String article : List.of("the ", "our ", "your ")) {
      if (s.regionMatches(true, 0, article, 0, article.length())) {
        s = s.substring(article.length());
        break;
      }
    }
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * The occasion calendar's names by occasion id, in rule order (the first rule of an id names it).
   *
   * @throws IllegalStateException when the shipped calendar cannot be read
   */
  static Map<String, OccasionNames> readCalendar() {
    try (InputStream in = new ClassPathResource(CALENDAR).getInputStream()) {
      return parseCalendar(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + CALENDAR, e);
    }
  }

  static Map<String, OccasionNames> parseCalendar(InputStream in) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var document = factory.newDocumentBuilder().parse(in);
      Map<String, OccasionNames> names = new LinkedHashMap<>();
      NodeList decisions = document.getElementsByTagNameNS(DMN, "decision");
      for (int d = 0; d < decisions.getLength(); d++) {
        Element decision = (Element) decisions.item(d);
        if (!"occasion-calendar".equals(decision.getAttribute("id"))) {
          continue;
        }
        List<String> outputs = new java.util.ArrayList<>();
        NodeList outs = decision.getElementsByTagNameNS(DMN, "output");
        for (int i = 0; i < outs.getLength(); i++) {
          outputs.add(((Element) outs.item(i)).getAttribute("name"));
        }
        int id = outputs.indexOf("occasionId");
        int en = outputs.indexOf("occasionName");
        int zh = outputs.indexOf("occasionNameZh");
        NodeList rules = decision.getElementsByTagNameNS(DMN, "rule");
        for (int r = 0; r < rules.getLength(); r++) {
          NodeList entries = ((Element) rules.item(r)).getElementsByTagNameNS(DMN, "outputEntry");
          names.putIfAbsent(
              literal(entries, id), new OccasionNames(literal(entries, en), literal(entries, zh)));
        }
      }
      return names;
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IOException("not a readable DMN model: " + e.getMessage(), e);
    }
  }

  /** A FEEL string literal's text ({@code "Christmas"} → Christmas). */
  private static String literal(NodeList entries, int index) {
    String text = entries.item(index).getTextContent().strip();
    return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
        ? text.substring(1, text.length() - 1)
        : text;
  }
}
