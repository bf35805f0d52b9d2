package com.careflow.dashboard;

import com.careflow.journeys.JourneysProperties;
import com.careflow.messaging.MessageTexts;
import com.careflow.security.CurrentOperator;
import com.careflow.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The "Message texts" pages (issue #21): every text with the placeholders its journey steps fill, a
 * key's texts per locale with their sample-value preview, checks, SMS segments, cost per send and
 * versions, and — for admins — forms to save a draft and publish it. The pages are views of {@link
 * MessageTexts}, the service behind {@code /api/message-texts}; the forms post to {@code
 * /message-texts/{key}/{locale}/draft} and {@code .../publish} (ADMIN, with the session's CSRF
 * token) and come back to the page with the outcome, a refusal listing every problem. The checks'
 * problems and warnings ({@link MessageTexts.Finding}) read in the page's language: their bundle
 * key with its arguments ({@code texts.check.*}), the English sentence as the item's title.
 */
@Controller
class MessageTextsPage {

  private final MessageTexts texts;
  private final MessageSource messages;
  private final ZoneId shopZone;
  private final Clock clock;

  MessageTextsPage(
      MessageTexts texts, MessageSource messages, JourneysProperties journeys, Clock clock) {
    this.texts = texts;
    this.messages = messages;
    this.shopZone = journeys.shopTimeZone();
    this.clock = clock;
  }

  /** One locale of a key on the detail page. */
  public record LocaleView(
      String locale,
      MessageTexts.TextDetail detail,
      String editText,
      String previewPublished,
      String previewDraft) {}

  /** Text helpers for the templates: placeholder lists and the cost line. */
  public static final class Texts {
    /** {@code {a} {b}}, or — for none. */
    public String placeholders(java.util.Collection<String> names) {
      return names == null || names.isEmpty()
          ? "—"
          : String.join(" ", names.stream().map(n -> "{" + n + "}").toList());
    }

    /** The steps that send a key: {@code order-journey · Send care message; …}. */
    public String steps(List<MessageTexts.StepRef> steps) {
      return String.join(
          "; ", steps.stream().map(s -> s.processId() + " · " + s.elementName()).toList());
    }

    /** Cost per send by destination: {@code 0.05 USD (default), 0.0125 USD (+86)}. */
    public String cost(MessageTexts.Check check) {
      return String.join(
          ", ",
          check.costPerSend().entrySet().stream()
              .map(
                  e ->
                      e.getValue().toPlainString()
                          + " "
                          + check.costCurrency()
                          + " ("
                          + e.getKey()
                          + ")")
              .toList());
    }
  }

  private static final Texts TEXTS = new Texts();

  @GetMapping("/message-texts")
  String list(@RequestParam(required = false) String lang, Locale locale, Model model) {
    common(model, "/message-texts", locale, lang);
    model.addAttribute("keys", texts.list());
    return "dashboard/message-texts";
  }

  @GetMapping("/message-texts/{key}")
  String key(
      @PathVariable String key,
      @RequestParam(required = false) String lang,
      Locale locale,
      Model model) {
    common(model, "/message-texts/" + key, locale, lang);
    MessageTexts.KeySummary summary =
        texts.list().stream()
            .filter(k -> k.key().equals(key))
            .findFirst()
            .orElseThrow(() -> new MessageTexts.NotFoundException("No message text '" + key + "'"));
    MessageTexts.Preview preview = texts.preview(key);
    List<LocaleView> locales = new ArrayList<>();
    for (MessageTexts.LocaleSummary l : summary.locales()) {
      MessageTexts.TextDetail detail = texts.detail(key, l.locale());
      String edit =
          detail.versions().stream()
              .filter(v -> v.draft())
              .findFirst()
              .or(() -> detail.versions().stream().filter(v -> v.published()).findFirst())
              .map(MessageTexts.VersionView::text)
              .orElse("");
      locales.add(
          new LocaleView(
              l.locale(),
              detail,
              edit,
              preview.published().get(l.locale()),
              preview.draft().get(l.locale())));
    }
    model.addAttribute("summary", summary);
    model.addAttribute("locales", locales);
    return "dashboard/message-text";
  }

  @PostMapping("/message-texts/{key}/{locale}/draft")
  String saveDraft(
      @PathVariable String key,
      @PathVariable String locale,
      @RequestParam String text,
      @RequestParam(required = false) String lang,
      Locale uiLocale,
      RedirectAttributes redirect) {
    MessageTexts.Saved saved = texts.saveDraft(key, locale, text);
    redirect.addFlashAttribute(
        "notice", msg("texts.saved", uiLocale, saved.locale(), saved.version()));
    redirect.addFlashAttribute("problems", saved.check().problemDetails());
    redirect.addFlashAttribute("warnings", saved.check().warningDetails());
    return "redirect:" + back(key, saved.locale(), lang);
  }

  @PostMapping("/message-texts/{key}/{locale}/publish")
  String publish(
      @PathVariable String key,
      @PathVariable String locale,
      @RequestParam(required = false) Integer version,
      @RequestParam(required = false, defaultValue = "false") boolean acceptSegments,
      @RequestParam(required = false) String lang,
      Locale uiLocale,
      RedirectAttributes redirect) {
    try {
      MessageTexts.Published published = texts.publish(key, locale, version, acceptSegments);
      redirect.addFlashAttribute(
          "notice",
          msg("texts.publishedNotice", uiLocale, published.locale(), published.version()));
      redirect.addFlashAttribute("warnings", published.check().warningDetails());
    } catch (MessageTexts.RefusedException refused) {
      redirect.addFlashAttribute("refused", msg("texts.refused", uiLocale, locale));
      redirect.addFlashAttribute("problems", refused.details());
    }
    return "redirect:" + back(key, locale, lang);
  }

  @ExceptionHandler(MessageTexts.NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(RuntimeException e, HttpServletRequest request, Model model) {
    model.addAttribute("error", e.getMessage());
    model.addAttribute("back", "/message-texts");
    return "dashboard/error";
  }

  /**
   * A request the message texts service refuses (a malformed key or locale, an empty or overlong
   * text): 400, the reason framed in the page's language ({@link BadParameter#text}).
   */
  @ExceptionHandler(IllegalArgumentException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  String badRequest(IllegalArgumentException e, Locale locale, Model model) {
    model.addAttribute("error", BadParameter.text(e, messages, locale));
    model.addAttribute("back", "/message-texts");
    model.addAttribute("lang", locale.getLanguage().equals("zh") ? "zh-CN" : "en");
    return "dashboard/error";
  }

  private static String back(String key, String locale, String lang) {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath("/message-texts/{key}");
    if (lang != null && !lang.isBlank()) {
      b.queryParam("lang", lang);
    }
    return b.fragment("text-" + locale).buildAndExpand(key).encode().toUriString();
  }

  private void common(Model model, String path, Locale locale, String lang) {
    Period period = Period.of(null, null, null, LocalDate.now(clock.withZone(shopZone)), Map.of());
    String language = locale.getLanguage().equals("zh") ? "zh-CN" : "en";
    model.addAttribute("active", "texts");
    model.addAttribute("period", period);
    model.addAttribute("links", new PageLinks(period, null, null, lang, language));
    model.addAttribute("path", path);
    model.addAttribute("lang", language);
    model.addAttribute("canEdit", CurrentOperator.roles().contains(Role.ADMIN));
    model.addAttribute("tx", TEXTS);
    model.addAttribute("context", msg("texts.context", locale));
  }

  private String msg(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
