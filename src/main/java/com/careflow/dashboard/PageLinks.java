package com.careflow.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Bookmarkable links between the pages: the current filters (period or preset, journey, version,
 * step, language) carried over, one changed at a time; {@code version} is the journey page's {@code
 * ?version=} as asked (a deployed version number or {@code unknown}; null for the newest version
 * with sends in the period), kept while the journey stays the same; {@code lang} is the request's
 * parameter (null when the language came from the browser or the cookie), {@code pageLanguage} the
 * page's language ({@code zh-CN} or {@code en}), which its CSV downloads are written in.
 */
public record PageLinks(
    Period period, String journey, String version, String step, String lang, String pageLanguage) {

  /** The links of a page without a journey version (every page but the journey page). */
  public PageLinks(Period period, String journey, String step, String lang, String pageLanguage) {
    this(period, journey, null, step, lang, pageLanguage);
  }

  private Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    if (period.preset() != null && !period.preset().equals(Period.LAST_7_DAYS)) {
      p.put("preset", period.preset());
    } else {
      p.put("from", period.from().toString());
      p.put("to", period.to().toString());
    }
    if (journey != null) {
      p.put("journey", journey);
    }
    if (version != null) {
      p.put("version", version);
    }
    if (step != null) {
      p.put("step", step);
    }
    if (lang != null) {
      p.put("lang", lang);
    }
    return p;
  }

  private static String build(String path, Map<String, String> params) {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
    params.forEach(b::queryParam);
    return b.encode().build().toUriString();
  }

  /** Another page with the same period and language. */
  public String page(String path) {
    Map<String, String> p = params();
    p.remove("step");
    p.remove("version");
    if (!path.startsWith("/journeys")) {
      p.remove("journey");
    }
    return build(path, p);
  }

  /** The same page in another language. */
  public String lang(String path, String language) {
    Map<String, String> p = params();
    p.put("lang", language);
    return build(path, p);
  }

  /** The same page for a preset period. */
  public String preset(String path, String preset) {
    Map<String, String> p = params();
    p.remove("from");
    p.remove("to");
    p.put("preset", preset);
    return build(path, p);
  }

  /**
   * The journey page of a journey (no step chosen); the version chosen stays for the same journey,
   * another journey opens at its newest version with sends.
   */
  public String journey(String processId) {
    Map<String, String> p = params();
    if (!processId.equals(journey)) {
      p.remove("version");
    }
    p.put("journey", processId);
    p.remove("step");
    return build("/journeys", p);
  }

  /**
   * The journey page of another version of the same journey ({@code 5} or {@code unknown}), every
   * other filter (period or preset, step, language) kept.
   */
  public String withVersion(String processVersion) {
    Map<String, String> p = new LinkedHashMap<>();
    params()
        .forEach(
            (k, v) -> {
              if (!k.equals("version")) {
                p.put(k, v);
              }
              if (k.equals("journey")) {
                p.put("version", processVersion);
              }
            });
    p.putIfAbsent("version", processVersion);
    return build("/journeys", p);
  }

  /** The journey page with a step's detail. */
  public String step(String stepId) {
    Map<String, String> p = params();
    p.put("step", stepId);
    return build("/journeys", p);
  }

  /**
   * A table of a step's detail as the API's CSV ({@code /api/analytics/step.csv}), of the journey
   * version the page shows ({@code processVersion}: a number or {@code unknown}; all versions when
   * null).
   */
  public String stepCsv(String processId, String stepId, String processVersion, String table) {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath("/api/analytics/step.csv");
    b.queryParam("processId", processId);
    b.queryParam("stepId", stepId);
    if (processVersion != null) {
      b.queryParam("processVersion", processVersion);
    }
    b.queryParam("table", table);
    b.queryParam("from", period.from().toString());
    b.queryParam("to", period.to().toString());
    b.queryParam("lang", pageLanguage);
    return b.encode().build().toUriString();
  }

  /** An API CSV of the period: {@code /api/analytics/{report}.csv?from&to[&extra]}. */
  public String csv(String report, String extra) {
    return "/api/analytics/"
        + report
        + ".csv?from="
        + period.from()
        + "&to="
        + period.to()
        + (extra == null || extra.isEmpty() ? "" : "&" + extra)
        + "&lang="
        + pageLanguage;
  }

  /**
   * The campaign test runs of the period as the API's CSV ({@code /api/campaigns/test-runs}), in
   * the page's language.
   */
  public String testRunsCsv() {
    return "/api/campaigns/test-runs.csv?from="
        + period.from()
        + "&to="
        + period.to()
        + "&lang="
        + pageLanguage;
  }
}
