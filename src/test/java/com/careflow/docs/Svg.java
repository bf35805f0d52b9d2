package com.careflow.docs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the hand-drawn SVG pictures ({@link BpmnSvgRenderer}, {@link DmnTableSvgRenderer}) share:
 * the font family, text measured with Helvetica's published metrics (Arial and Liberation Sans
 * share them) rather than AWT fonts, which differ between machines, word wrapping, XML escaping and
 * number formatting. All of it is deterministic, so the same model always gives byte-identical
 * pictures.
 */
final class Svg {

  static final String FONT_FAMILY = "Helvetica, Arial, 'Noto Sans CJK SC', sans-serif";
  static final double LINE_SPACING = 1.2;

  /**
   * Text that must stay inside a box is measured as if 10% wider than Helvetica, so it still fits
   * when a viewer lacks Helvetica and Arial and falls back to a wider font such as DejaVu Sans.
   */
  static final double FALLBACK_FONT_ALLOWANCE = 1.1;

  /** Helvetica advance widths in 1/1000 em for ASCII 32..126. */
  private static final short[] HELVETICA = {
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584
  };

  /** Helvetica-Bold advance widths in 1/1000 em for ASCII 32..126. */
  private static final short[] HELVETICA_BOLD = {
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584
  };

  /** Full-width scripts: one em per character, and a line may break between any two of them. */
  private static final String WIDE =
      "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}\\u3000-\\u303F\\uFF00-\\uFF60";

  private static final Pattern WIDE_CHARACTER = Pattern.compile("[" + WIDE + "]");

  /** A word or a single wide character, with the white space before it. */
  private static final Pattern TOKEN =
      Pattern.compile("\\s*(?:[" + WIDE + "]|[^\\s" + WIDE + "]+)");

  private Svg() {}

  /**
   * Greedy word wrap; explicit line breaks in a name are kept, and words wider than the line stay
   * whole.
   */
  static List<String> wrap(String text, double maxWidth, double fontSize) {
    return wrap(text, maxWidth, fontSize, false);
  }

  static List<String> wrap(String text, double maxWidth, double fontSize, boolean bold) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.strip().split("\\R")) {
      StringBuilder line = new StringBuilder();
      Matcher token = TOKEN.matcher(paragraph);
      while (token.find()) {
        String word = token.group().replaceFirst("^\\s+", " ");
        if (!line.isEmpty() && textWidth(line + word, fontSize, bold) > maxWidth) {
          lines.add(line.toString());
          line.setLength(0);
        }
        line.append(line.isEmpty() ? word.stripLeading() : word);
      }
      if (!line.isEmpty()) {
        lines.add(line.toString());
      }
    }
    return lines;
  }

  static double textWidth(String text, double fontSize) {
    return textWidth(text, fontSize, false);
  }

  static double textWidth(String text, double fontSize, boolean bold) {
    short[] widths = bold ? HELVETICA_BOLD : HELVETICA;
    return text.codePoints().map(codePoint -> advance(codePoint, widths)).sum() * fontSize / 1000;
  }

  private static int advance(int codePoint, short[] widths) {
    if (codePoint >= 32 && codePoint <= 126) {
      return widths[codePoint - 32];
    }
    return WIDE_CHARACTER.matcher(Character.toString(codePoint)).matches() ? 1000 : 556;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }

  /** At most two decimals, no trailing zeros, never "-0". */
  static String num(double value) {
    long hundredths = Math.round(value * 100);
    return BigDecimal.valueOf(hundredths, 2).stripTrailingZeros().toPlainString();
  }
}
