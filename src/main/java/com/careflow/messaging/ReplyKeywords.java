package com.careflow.messaging;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recognizes opt-out and opt-in replies as buyers write them (rule R22). A reply and each keyword
 * are compared in one normal form: Unicode NFKC (full-width {@code ＴＤ} → {@code TD}), case-folded,
 * inner whitespace collapsed, and whitespace, punctuation and symbols around the word removed
 * ({@code Stop.}, {@code 退订。}, {@code TD！}, {@code “stop”}). Only the whole reply counts, as with
 * Twilio's own keyword filter: {@code STOP PLEASE} or {@code please stop} is not a keyword, and the
 * one-letter {@code T} counts only as the entire reply.
 */
final class ReplyKeywords {

  /** What a reply asks for. */
  enum Intent {
    OPT_OUT,
    OPT_IN,
    NONE
  }

  /** Whitespace, punctuation (incl. CJK 。！，、) and symbols (emoji) at either end. */
  private static final Pattern SURROUNDING =
      Pattern.compile("^[\\p{Z}\\s\\p{P}\\p{S}]+|[\\p{Z}\\s\\p{P}\\p{S}]+$");

  private static final Pattern INNER_SPACE = Pattern.compile("[\\p{Z}\\s]+");

  private final Set<String> stopWords;
  private final Set<String> startWords;

  ReplyKeywords(List<String> stopWords, List<String> startWords) {
    this.stopWords = normalizedSet(stopWords);
    this.startWords = normalizedSet(startWords);
  }

  Intent classify(String reply) {
    String word = normalize(reply);
    if (word.isEmpty()) {
      return Intent.NONE;
    }
    if (stopWords.contains(word)) {
      return Intent.OPT_OUT;
    }
    return startWords.contains(word) ? Intent.OPT_IN : Intent.NONE;
  }

  /** The normal form both replies and keywords are compared in; never null. */
  static String normalize(String text) {
    if (text == null) {
      return "";
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    s = SURROUNDING.matcher(s).replaceAll("");
    s = INNER_SPACE.matcher(s).replaceAll(" ");
    // case folding: upper then lower maps e.g. the long s and Kelvin sign onto their plain letters
    return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  private static Set<String> normalizedSet(List<String> words) {
    return words.stream()
        .map(ReplyKeywords::normalize)
        .filter(w -> !w.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
