package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The walk-through's zh journey page read "旅程 | : | 订单旅程" and "步骤明细 | :": the heading's colon stood
 * between the label's element and the name's, a lone item to a screen reader or a text copy, and an
 * ASCII colon in Chinese. The kind: no heading in any page template leaves a separator outside its
 * label; the label carries it from the bundle ({@code label.separator}, ": " in English, "：" in
 * Chinese).
 */
class DashboardHeadingsTest {

  /** An element closed, then a bare colon before the next element: a lone separator. */
  static final Pattern LONE_SEPARATOR = Pattern.compile("</(span|strong|em|b)>\\s*[:：]\\s*<");

  static java.util.stream.Stream<Path> pages() throws IOException {
    return DashboardPageAssetsTest.pages();
  }

  @ParameterizedTest
  @MethodSource("pages")
  void noHeadingHasALoneSeparator(Path page) {
    String html = DashboardPageAssetsTest.read(page);
    for (String heading :
        Pattern.compile("(?s)<h[1-6][^>]*>.*?</h[1-6]>")
            .matcher(html)
            .results()
            .map(r -> r.group())
            .toList()) {
      assertThat(LONE_SEPARATOR.matcher(heading).find())
          .as("%s: a heading with a lone separator: %s", page, heading)
          .isFalse();
    }
  }
}
