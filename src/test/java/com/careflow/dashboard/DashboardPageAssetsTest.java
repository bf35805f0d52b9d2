package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The walk-through's order page linked {@code /dashboard.css} (a 404) and had no navigation bar.
 * The kind: every dashboard page template links only stylesheets and scripts the app serves (its
 * own static files under {@code static/}, or the browser bundles the frontend build copies to
 * {@code /vendor/}, named in {@code src/main/frontend/copy-vendor.mjs}), and every page behind the
 * login has the shared top bar ({@code dashboard/layout :: topbar}). The order page's rendered HTML
 * is checked the same way in {@link OrderPageControllerTest}.
 */
class DashboardPageAssetsTest {

  static final Path TEMPLATES = Path.of("src/main/resources/templates/dashboard");

  /** Pages with no navigation: the login page (before sign-in) and the error page. */
  static final List<String> WITHOUT_NAVIGATION = List.of("login.html", "error.html");

  static final Pattern ASSET =
      Pattern.compile(
          "<(?:link|script)\\b[^>]*?\\s(?:th:)?(?:href|src)=\"(?:@\\{)?([^\"}(]+)[^\"]*\"");

  /** The page templates ({@code layout.html} holds the shared fragments, checked through them). */
  static Stream<Path> pages() throws IOException {
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      return files
          .filter(f -> f.toString().endsWith(".html"))
          .filter(f -> read(f).contains("<head"))
          .filter(f -> !f.getFileName().toString().equals("layout.html"))
          .sorted()
          .toList()
          .stream();
    }
  }

  static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The stylesheet and script URLs a template or rendered page links (data: URLs left out). */
  static List<String> assets(String html) {
    List<String> urls = new ArrayList<>();
    Matcher m = ASSET.matcher(html);
    while (m.find()) {
      if (!m.group(1).startsWith("data:")) {
        urls.add(m.group(1));
      }
    }
    return urls;
  }

  /** Whether the app serves this URL: a static file, or a bundle the frontend build copies. */
  static boolean served(String url) throws IOException {
    if (url.startsWith("/vendor/")) {
      return Files.readString(Path.of("src/main/frontend/copy-vendor.mjs"))
          .contains("'" + url.substring("/vendor/".length()) + "'");
    }
    return url.startsWith("/") && Files.isRegularFile(Path.of("src/main/resources/static" + url));
  }

  static void assertServed(String page, List<String> urls) throws IOException {
    for (String url : urls) {
      assertThat(served(url)).as("%s links %s, which the app does not serve", page, url).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("pages")
  @DisplayName("every dashboard page links only stylesheets and scripts the app serves")
  void linksOnlyServedAssets(Path page) throws IOException {
    String html = read(page);
    assertServed("layout.html", assets(read(TEMPLATES.resolve("layout.html"))));
    assertServed(page.toString(), assets(html));
    if (!html.contains("dashboard/layout :: head")) {
      assertThat(assets(html)).as(page.toString()).contains("/dashboard/dashboard.css");
    }
  }

  @ParameterizedTest
  @MethodSource("pages")
  @DisplayName("every dashboard page behind the login has the shared head and navigation bar")
  void hasTheNavigation(Path page) {
    if (WITHOUT_NAVIGATION.contains(page.getFileName().toString())) {
      return;
    }
    assertThat(read(page)).contains("dashboard/layout :: head", "dashboard/layout :: topbar");
  }
}
