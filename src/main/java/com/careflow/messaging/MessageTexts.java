package com.careflow.messaging;

import com.careflow.security.AuditLog;
import com.careflow.security.CurrentOperator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Message texts as operations' data (issue #21): the texts sends use live in the database, seeded
 * from the template files at first start ({@link MessageTemplates}; a text already in the database
 * is never overwritten). Operations list them, preview them with sample values, save drafts and
 * publish, through {@code /api/message-texts} and the dashboard's "Message texts" page; a send
 * reads the published version at send time, so a publication needs no restart, and the message log
 * records which version went out.
 *
 * <p>Publishing runs {@link MessageTextChecks} — the start-up checks of the template files (rules
 * R12, R14, R21), the placeholders the journeys fill ({@link JourneyPlaceholders}) and the SMS
 * segments — and refuses with one sentence per problem naming the template, the locale and what is
 * wrong, each with its reason's bundle key and arguments ({@link Finding}) for the dashboard's
 * pages in Chinese. Every saved version, publication and refusal is in the audit log ({@code
 * audit_log}, subject {@code message-text:<key>:<locale>:v<version>}).
 */
@Service
public class MessageTexts implements SmartInitializingSingleton {

  /** Audit actions. */
  public static final String AUDIT_SEED = "SEED_MESSAGE_TEXT";

  public static final String AUDIT_SAVE_DRAFT = "SAVE_MESSAGE_TEXT_DRAFT";
  public static final String AUDIT_PUBLISH = "PUBLISH_MESSAGE_TEXT";
  public static final String AUDIT_REFUSED = "REFUSED_MESSAGE_TEXT_PUBLISH";

  /** The actor of texts seeded from the template files. */
  public static final String SEED_ACTOR = "careflow (template file)";

  private static final Logger log = LoggerFactory.getLogger(MessageTexts.class);
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  private static final int MAX_LENGTH = 2000;

  /** Sample values for the preview, by placeholder name; others show as ‹name›. */
  static final Map<String, Map<String, String>> SAMPLES =
      Map.ofEntries(
          Map.entry("orderId", Map.of("", "o-20261111-0001")),
          Map.entry("carrier", Map.of("", "SF Express", "zh", "顺丰速运")),
          Map.entry("trackingNumber", Map.of("", "SF1234567890")),
          Map.entry("couponCode", Map.of("", "CF8K2M9Q")),
          Map.entry("couponValue", Map.of("", "10")),
          Map.entry("couponExpiresOn", Map.of("", "2026-12-31")),
          Map.entry("cartValue", Map.of("", "199.00")),
          Map.entry("occasionName", Map.of("", "Christmas")),
          Map.entry("occasionNameZh", Map.of("", "圣诞节")),
          Map.entry("title", Map.of("", "Longjing tea 250 g", "zh", "龙井茶 250 克")));

  private final MessageTextStore store;
  private final MessageTemplates files;
  private final JourneyPlaceholders journeys;
  private final MessagingProperties props;
  private final AuditLog audit;
  private final TransactionTemplate tx;

  public MessageTexts(
      MessageTextStore store,
      MessageTemplates files,
      JourneyPlaceholders journeys,
      MessagingProperties props,
      AuditLog audit,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.files = files;
    this.journeys = journeys;
    this.props = props;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
  }

  // ------------------------------------------------------------------ views

  /** A journey step that sends a text (see {@link JourneyPlaceholders.Step}). */
  public record StepRef(String processId, String elementId, String elementName, String file) {}

  /**
   * One text of a key in one locale, as listed.
   *
   * @param placeholdersUsed the placeholders of the published text, in order of use
   */
  public record LocaleSummary(
      String locale,
      Integer publishedVersion,
      Integer draftVersion,
      Instant updatedAt,
      String publishedText,
      Set<String> placeholdersUsed) {}

  /**
   * A template key with its texts.
   *
   * @param placeholders what every step sending the key fills: the placeholders its texts may use
   *     (empty with {@code steps} empty: no shipped journey sends it)
   * @param steps the journey steps that send it
   */
  public record KeySummary(
      String key, Set<String> placeholders, List<StepRef> steps, List<LocaleSummary> locales) {}

  /**
   * One result of a check, refusing a publication or warning about it: the English sentence, and
   * the same reason as a key of the dashboard's bundles with its arguments, for pages in another
   * language.
   *
   * @param key {@code texts.check.<REASON>}, e.g. {@code texts.check.FORBIDDEN_PHRASE} (rule R12)
   * @param arguments the sentence's arguments as they are: names (a phrase, a placeholder, a
   *     template key, a journey step) and figures (segments, limits, cost per send)
   * @param text the English sentence naming the text, e.g. {@code text review-invite (en):
   *     review-related template contains the forbidden phrase '好评返现' (rule R12)}
   */
  public record Finding(String key, List<String> arguments, String text)
      implements java.io.Serializable {
    public Finding {
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * The checks of one text.
   *
   * @param problemDetails what refuses a publication, with key and arguments ({@link Finding})
   * @param warningDetails what does not refuse it (no journey sends the key yet; more SMS segments
   *     than {@code careflow.messaging.max-segments-warning}, refused unless accepted)
   * @param segments SMS segments of the longest rendering (each placeholder {@code
   *     careflow.messaging.template-value-length} characters)
   * @param encoding GSM7 or UCS2
   * @param costPerSend estimated cost of one send by destination ({@code default}, {@code +86}, …)
   *     in {@code costCurrency}
   * @param preview the text with sample values
   */
  public record Check(
      List<Finding> problemDetails,
      List<Finding> warningDetails,
      Set<String> placeholdersUsed,
      Set<String> placeholdersProvided,
      int segments,
      String encoding,
      int units,
      boolean overSegmentLimit,
      Map<String, BigDecimal> costPerSend,
      String costCurrency,
      String preview) {

    /** What refuses a publication, one English sentence each (template, locale, problem). */
    @JsonProperty("problems")
    public List<String> problems() {
      return texts(problemDetails);
    }

    /** What does not refuse it, one English sentence each. */
    @JsonProperty("warnings")
    public List<String> warnings() {
      return texts(warningDetails);
    }

    public boolean passes() {
      return problemDetails.isEmpty();
    }
  }

  private static List<String> texts(List<Finding> findings) {
    return findings.stream().map(Finding::text).toList();
  }

  /** One version of a text, with who wrote and who last published it. */
  public record VersionView(
      int version,
      String text,
      String source,
      String createdBy,
      Instant createdAt,
      String publishedBy,
      Instant publishedAt,
      boolean published,
      boolean draft) {}

  /** A text in full: its versions (newest first) and the checks of the published and draft text. */
  public record TextDetail(
      String key,
      String locale,
      Integer publishedVersion,
      Integer draftVersion,
      Set<String> placeholdersProvided,
      List<StepRef> steps,
      List<VersionView> versions,
      Check published,
      Check draft) {}

  /** A key rendered with sample values in each locale: published and, where there is one, draft. */
  public record Preview(String key, Map<String, String> published, Map<String, String> draft) {}

  /** A saved draft: its version and checks (a draft may fail them; publishing it may not). */
  public record Saved(String key, String locale, int version, Check check) {}

  /** A publication: the version sends use from now on. */
  public record Published(String key, String locale, int version, Check check) {}

  /** A rendered message for a send: its text and the version it came from. */
  public record Rendered(String body, String locale, int version) {}

  /** A publication refused: every problem, one sentence each, with its key and arguments. */
  public static class RefusedException extends RuntimeException {
    private final List<Finding> details;

    public RefusedException(String key, String locale, List<Finding> details) {
      super(
          "Text " + key + " (" + locale + ") not published: " + String.join("; ", texts(details)));
      this.details = List.copyOf(details);
    }

    /** Every problem, one English sentence each. */
    public List<String> problems() {
      return texts(details);
    }

    /** Every problem with its key and arguments. */
    public List<Finding> details() {
      return details;
    }
  }

  /** No such text, version or template key. */
  public static class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
      super(message);
    }
  }

  // ------------------------------------------------------------------ start-up

  /** Seeds the texts the database lacks, then checks the published ones (logged, never fatal). */
  @Override
  public void afterSingletonsInstantiated() {
    seed();
  }

  /**
   * Seeds every template file whose key and locale the database has no text for; logs the files
   * whose text differs from the published one (the database's is used) and every problem of a
   * published text. Safe on several instances at once.
   *
   * @return how many texts were seeded now
   */
  public int seed() {
    int seeded = 0;
    for (MessageTemplates.FileText file : files.files()) {
      Boolean now =
          tx.execute(
              s -> {
                boolean added = store.seed(file.key(), file.locale(), file.text(), SEED_ACTOR);
                if (added) {
                  audit.record(SEED_ACTOR, AUDIT_SEED, subject(file.key(), file.locale(), 1), null);
                }
                return added;
              });
      if (Boolean.TRUE.equals(now)) {
        seeded++;
      } else {
        store.published(file.key(), List.of(file.locale())).stream()
            .filter(v -> !v.body().equals(file.text()))
            .findFirst()
            .ifPresent(
                v ->
                    log.info(
                        "{} differs from the published text {} ({}) version {}: the database's"
                            + " text is used; operations change texts on the Message texts page"
                            + " or at /api/message-texts",
                        file.file(),
                        v.key(),
                        v.locale(),
                        v.version()));
      }
    }
    int problems = 0;
    for (MessageTextStore.Text text : store.texts()) {
      if (text.publishedVersion() == null) {
        continue;
      }
      var published = store.version(text.key(), text.locale(), text.publishedVersion());
      if (published.isEmpty()) {
        continue;
      }
      for (String problem : check(text.key(), text.locale(), published.get().body()).problems()) {
        problems++;
        log.error(
            "Published version {} breaks a check: {} — sends of it fail until a corrected"
                + " version is published (Message texts page or /api/message-texts)",
            text.publishedVersion(),
            problem);
      }
    }
    log.info(
        "Message texts: {} seeded from template files now, {} in the database, {} problem(s)",
        seeded,
        store.texts().size(),
        problems);
    return seeded;
  }

  // ------------------------------------------------------------------ reading

  /** Every template key with its texts and placeholders, keys sent by a journey included. */
  public List<KeySummary> list() {
    Map<String, List<LocaleSummary>> byKey = new TreeMap<>();
    journeys.keys().forEach(k -> byKey.put(k, new ArrayList<>()));
    for (MessageTextStore.Text t : store.texts()) {
      String body =
          t.publishedVersion() == null
              ? null
              : store
                  .version(t.key(), t.locale(), t.publishedVersion())
                  .map(MessageTextStore.Version::body)
                  .orElse(null);
      byKey
          .computeIfAbsent(t.key(), k -> new ArrayList<>())
          .add(
              new LocaleSummary(
                  t.locale(),
                  t.publishedVersion(),
                  t.draftVersion(),
                  t.updatedAt(),
                  body,
                  MessageTextChecks.placeholders(body)));
    }
    List<KeySummary> keys = new ArrayList<>();
    byKey.forEach(
        (key, locales) ->
            keys.add(
                new KeySummary(key, journeys.provided(key), steps(key), List.copyOf(locales))));
    return keys;
  }

  /** One key's texts rendered with sample values in each locale. */
  public Preview preview(String key) {
    requireKey(key);
    Map<String, String> published = new TreeMap<>();
    Map<String, String> draft = new TreeMap<>();
    for (MessageTextStore.Text t : store.texts()) {
      if (!t.key().equals(key)) {
        continue;
      }
      if (t.publishedVersion() != null) {
        store
            .version(key, t.locale(), t.publishedVersion())
            .ifPresent(v -> published.put(t.locale(), sample(v.body(), t.locale())));
      }
      if (t.draftVersion() != null) {
        store
            .version(key, t.locale(), t.draftVersion())
            .ifPresent(v -> draft.put(t.locale(), sample(v.body(), t.locale())));
      }
    }
    if (published.isEmpty() && draft.isEmpty() && !journeys.keys().contains(key)) {
      throw new NotFoundException("No message text '" + key + "'");
    }
    return new Preview(key, published, draft);
  }

  /** One text in full. */
  public TextDetail detail(String key, String locale) {
    String tag = requireLocale(locale);
    requireKey(key);
    MessageTextStore.Text text =
        store
            .text(key, tag)
            .orElseThrow(
                () -> new NotFoundException("No message text '" + key + "' in locale " + tag));
    List<VersionView> versions =
        store.versions(key, tag).stream()
            .map(
                v ->
                    new VersionView(
                        v.version(),
                        v.body(),
                        v.source(),
                        v.createdBy(),
                        v.createdAt(),
                        v.publishedBy(),
                        v.publishedAt(),
                        Integer.valueOf(v.version()).equals(text.publishedVersion()),
                        Integer.valueOf(v.version()).equals(text.draftVersion())))
            .toList();
    Check published = checkOf(key, tag, text.publishedVersion());
    Check draft = checkOf(key, tag, text.draftVersion());
    return new TextDetail(
        key,
        tag,
        text.publishedVersion(),
        text.draftVersion(),
        journeys.provided(key),
        steps(key),
        versions,
        published,
        draft);
  }

  private Check checkOf(String key, String locale, Integer version) {
    if (version == null) {
      return null;
    }
    return store.version(key, locale, version).map(v -> check(key, locale, v.body())).orElse(null);
  }

  /**
   * The checks a publication runs, for any text (nothing is saved).
   *
   * @throws IllegalArgumentException for a key or locale that is not well-formed
   */
  public Check check(String key, String locale, String body) {
    String tag = requireLocale(locale);
    requireKey(key);
    String where = where(key, tag);
    String text = body == null ? "" : body.strip();
    List<Finding> problems = new ArrayList<>(MessageTextChecks.form(where, text));
    problems.addAll(MessageTextChecks.compliance(where, key, text, props));
    List<JourneyPlaceholders.Step> steps = journeys.stepsSending(key);
    problems.addAll(MessageTextChecks.unfilled(where, key, text, steps));
    List<Finding> warnings = new ArrayList<>();
    if (steps.isEmpty()) {
      warnings.add(MessageTextChecks.notSent(where, key));
    }
    SmsSegments.Count count = MessageTextChecks.longest(text, props.templateValueLength());
    boolean over = count.segments() > props.maxSegmentsWarning();
    if (over) {
      warnings.add(MessageTextChecks.segments(where, count, props, true));
    }
    return new Check(
        List.copyOf(problems),
        List.copyOf(warnings),
        MessageTextChecks.placeholders(text),
        journeys.provided(key),
        count.segments(),
        count.encoding().name(),
        count.units(),
        over,
        MessageTextChecks.costPerSend(count.segments(), props),
        props.costCurrency(),
        sample(text, tag));
  }

  // ------------------------------------------------------------------ changing

  /**
   * Saves an edit as the text's next version, the draft; sends keep using the published version. A
   * new locale of a known key may be added this way.
   *
   * @throws IllegalArgumentException an empty or overlong text, a malformed key or locale
   * @throws NotFoundException a key that neither exists nor is sent by any journey step
   */
  public Saved saveDraft(String key, String locale, String body) {
    String tag = requireLocale(locale);
    requireKey(key);
    String text = body == null ? "" : body.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("The text is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "The text has " + text.length() + " characters; at most " + MAX_LENGTH);
    }
    if (!journeys.keys().contains(key)
        && store.texts().stream().noneMatch(t -> t.key().equals(key))) {
      throw new NotFoundException(
          "No template key '"
              + key
              + "': neither a text in the database nor one a journey step sends"
              + " (new keys come with the journey step that sends them)");
    }
    String actor = CurrentOperator.name();
    int version =
        tx.execute(
            s -> {
              int v = store.saveDraft(key, tag, text, actor);
              audit.record(AUDIT_SAVE_DRAFT, subject(key, tag, v));
              return v;
            });
    log.info("{} saved text {} ({}) version {} as a draft", actor, key, tag, version);
    return new Saved(key, tag, version, check(key, tag, text));
  }

  /**
   * Publishes a version (the draft when {@code version} is null; an older one rolls back): sends
   * use it from the next one on. Runs every check first.
   *
   * @param acceptSegments publish although the text takes more SMS segments than {@code
   *     careflow.messaging.max-segments-warning} (the operator saw the cost)
   * @throws RefusedException naming every problem; the audit log records the refusal
   * @throws NotFoundException no such text or version, or no draft to publish
   */
  public Published publish(String key, String locale, Integer version, boolean acceptSegments) {
    String tag = requireLocale(locale);
    requireKey(key);
    MessageTextStore.Text text =
        store
            .text(key, tag)
            .orElseThrow(
                () -> new NotFoundException("No message text '" + key + "' in locale " + tag));
    int v;
    if (version != null) {
      v = version;
    } else if (text.draftVersion() != null) {
      v = text.draftVersion();
    } else {
      throw new NotFoundException(
          "Text " + key + " (" + tag + ") has no draft to publish; save one first");
    }
    MessageTextStore.Version chosen =
        store
            .version(key, tag, v)
            .orElseThrow(
                () -> new NotFoundException("Text " + key + " (" + tag + ") has no version " + v));
    Check check = check(key, tag, chosen.body());
    List<Finding> problems = new ArrayList<>(check.problemDetails());
    if (check.overSegmentLimit() && !acceptSegments) {
      problems.add(
          MessageTextChecks.segments(
              where(key, tag),
              MessageTextChecks.longest(chosen.body().strip(), props.templateValueLength()),
              props,
              false));
    }
    if (!problems.isEmpty()) {
      tx.executeWithoutResult(s -> audit.record(AUDIT_REFUSED, subject(key, tag, v)));
      log.warn("Publication of text {} ({}) version {} refused: {}", key, tag, v, texts(problems));
      throw new RefusedException(key, tag, problems);
    }
    String actor = CurrentOperator.name();
    tx.executeWithoutResult(
        s -> {
          store.publish(key, tag, v, actor);
          audit.record(AUDIT_PUBLISH, subject(key, tag, v));
        });
    log.info(
        "{} published text {} ({}) version {}: used from the next send on", actor, key, tag, v);
    return new Published(key, tag, v, check);
  }

  // ------------------------------------------------------------------ sending

  /**
   * The published text for a buyer's locale (the standard lookup of {@link
   * MessageTemplates#candidates}, then the shop default), with the send's values; read from the
   * database at each send.
   *
   * @throws MessageTemplates.TemplateException no published text for the key in any candidate
   *     locale, a text that breaks rule R12, R14 or R21 (the phrase lists may have changed since it
   *     was published), or a placeholder without a value; the message names key, locale, version
   */
  public Rendered render(String key, String buyerLocale, Map<String, ?> variables) {
    List<String> candidates = files.candidates(buyerLocale);
    Map<String, MessageTextStore.Version> found = new LinkedHashMap<>();
    store.published(key, candidates).forEach(v -> found.put(v.locale(), v));
    MessageTextStore.Version text =
        candidates.stream()
            .map(found::get)
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElseThrow(
                () ->
                    new MessageTemplates.TemplateException(
                        "No published text '"
                            + key
                            + "' for locale "
                            + buyerLocale
                            + " (looked for "
                            + candidates
                            + "); publish one on the Message texts page"));
    String where = "Text " + key + " (" + text.locale() + ", version " + text.version() + ")";
    List<String> violations = texts(MessageTextChecks.compliance(where, key, text.body(), props));
    if (!violations.isEmpty()) {
      throw new MessageTemplates.TemplateException(
          String.join("; ", violations) + "; not sent", text.locale(), text.version());
    }
    Matcher m = MessageTextChecks.PLACEHOLDER.matcher(text.body());
    StringBuilder out = new StringBuilder();
    Set<String> missing = new LinkedHashSet<>();
    while (m.find()) {
      Object value = variables.get(m.group(1));
      if (value == null) {
        missing.add(m.group(1));
        continue;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
    }
    if (!missing.isEmpty()) {
      throw new MessageTemplates.TemplateException(
          where
              + " needs "
              + String.join(", ", missing.stream().map(p -> "'" + p + "'").toList())
              + ", which the journey did not provide (it gave "
              + new TreeSet<>(variables.keySet())
              + "); fix the text on the Message texts page or the step's template fields, then"
              + " retry the incident",
          text.locale(),
          text.version());
    }
    m.appendTail(out);
    return new Rendered(out.toString(), text.locale(), text.version());
  }

  // ------------------------------------------------------------------ helpers

  private List<StepRef> steps(String key) {
    return journeys.stepsSending(key).stream()
        .map(s -> new StepRef(s.processId(), s.elementId(), s.elementName(), s.file()))
        .sorted(Comparator.comparing(StepRef::processId).thenComparing(StepRef::elementId))
        .toList();
  }

  static String sample(String text, String locale) {
    boolean zh = locale != null && locale.toLowerCase(Locale.ROOT).startsWith("zh");
    Matcher m = MessageTextChecks.PLACEHOLDER.matcher(text == null ? "" : text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Map<String, String> values = SAMPLES.get(m.group(1));
      String value =
          values == null
              ? "‹" + m.group(1) + "›"
              : Optional.ofNullable(zh ? values.get("zh") : null).orElse(values.get(""));
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** How a check's sentence names a text: {@code text review-invite (en)}. */
  private static String where(String key, String locale) {
    return "text " + key + " (" + locale + ")";
  }

  static String subject(String key, String locale, int version) {
    return "message-text:" + key + ":" + locale + ":v" + version;
  }

  private static void requireKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "Template key '"
              + key
              + "' is not valid: lower-case letters, digits and -, e.g. shipment-notice");
    }
  }

  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

  /** A well-formed BCP 47 tag (or Java's {@code en_US}) of an ISO 639 language, normalised. */
  private static String requireLocale(String locale) {
    Locale parsed;
    try {
      parsed =
          locale == null
              ? null
              : new Locale.Builder().setLanguageTag(locale.strip().replace('_', '-')).build();
    } catch (java.util.IllformedLocaleException e) {
      parsed = null;
    }
    if (parsed == null
        || !LANGUAGES.contains(parsed.getLanguage())
        || parsed.toLanguageTag().length() > 16) {
      throw new IllegalArgumentException(
          "Locale '" + locale + "' is not a language tag such as zh-CN or en");
    }
    return parsed.toLanguageTag();
  }
}
