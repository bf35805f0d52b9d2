package com.careflow.messaging;

/**
 * Counts SMS segments as Twilio and the carriers do (3GPP TS 23.038 / 23.040). A text made only of
 * GSM-7 characters is sent in GSM-7: 160 septets in a single message, 153 per part once it is split
 * (the rest carries the concatenation header); characters of the extension table ({@code ^ { } \ [
 * ~ ] | €} and form feed) take two septets, and an escape pair is never split between parts. Any
 * other character (Chinese, emoji, curly quotes) sends the whole text in UCS-2: 70 UTF-16 code
 * units in a single message, 67 per part, and a surrogate pair is never split.
 */
final class SmsSegments {

  private SmsSegments() {}

  enum Encoding {
    GSM7,
    UCS2
  }

  /**
   * @param segments parts the text is sent in (1 for an empty text)
   * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
   */
  record Count(Encoding encoding, int segments, int units) {}

  /** GSM 03.38 basic character set. */
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** GSM 03.38 extension table: an escape plus one septet each. */
  private static final String EXTENSION = "^{}\\[~]|€\f";

  static Count count(String text) {
    boolean gsm = text.chars().allMatch(c -> BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0);
    return gsm ? gsm7(text) : ucs2(text);
  }

  private static Count gsm7(String text) {
    int total = 0;
    for (int i = 0; i < text.length(); i++) {
      total += EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
    }
    if (total <= 160) {
      return new Count(Encoding.GSM7, 1, total);
    }
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); i++) {
      int width = EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
      if (used + width > 153) {
        segments++;
        used = 0;
      }
      used += width;
    }
    return new Count(Encoding.GSM7, segments, total);
  }

  private static Count ucs2(String text) {
    int total = text.length();
    if (total <= 70) {
      return new Count(Encoding.UCS2, 1, total);
    }
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int width = Character.charCount(text.codePointAt(i));
      if (used + width > 67) {
        segments++;
        used = 0;
      }
      used += width;
      i += width;
    }
    return new Count(Encoding.UCS2, segments, total);
  }
}
