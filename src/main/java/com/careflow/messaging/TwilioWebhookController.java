package com.careflow.messaging;

import com.careflow.analytics.AnalyticsFacts;
import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks: delivery reports (StatusCallback) and inbound SMS (STOP / START, rule R22).
 * Every request must carry a valid {@code X-Twilio-Signature} over the full public URL ({@code
 * careflow.twilio.webhook-base-url} with its path prefix, plus the query string) and the POST
 * body's parameters; anything else gets 403. Nothing is lost: a reply counts once per MessageSid
 * and in the order the buyer sent it; a delivery report for a send not recorded yet is kept and
 * applied when it is.
 */
@RestController
class TwilioWebhookController {

  static final String INBOUND_PATH = "/api/twilio/inbound";
  private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);
  private static final String EMPTY_TWIML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

  private final TwilioProperties twilio;
  private final MessagingProperties messaging;
  private final MessageLog messageLog;
  private final ContactStatus contacts;
  private final ReplyKeywords keywords;
  private final MessageSender sender;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  TwilioWebhookController(
      TwilioProperties twilio,
      MessagingProperties messaging,
      MessageLog messageLog,
      ContactStatus contacts,
      MessageSender sender,
      Clock clock,
      ApplicationEventPublisher events) {
    this.events = events;
    this.sender = sender;
    this.clock = clock;
    this.twilio = twilio;
    this.messaging = messaging;
    this.messageLog = messageLog;
    this.contacts = contacts;
    this.keywords = new ReplyKeywords(messaging.stopWords(), messaging.startWords());
  }

  /**
   * Twilio's StatusCallback: queued → sent → delivered / undelivered / failed, in any order, maybe
   * twice.
   */
  @PostMapping(
      path = TwilioMessageSender.STATUS_CALLBACK_PATH,
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<Void> status(HttpServletRequest request) {
    Map<String, String> params = params(request);
    if (!signed(request, TwilioMessageSender.STATUS_CALLBACK_PATH, params)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    String sid = params.get("MessageSid");
    String status = params.get("MessageStatus");
    if (sid == null || status == null) {
      return ResponseEntity.badRequest().build();
    }
    Integer errorCode = parseInt(params.get("ErrorCode"));
    MessageLog.ReportOutcome outcome = messageLog.acceptStatusReport(sid, status, errorCode);
    if (outcome == MessageLog.ReportOutcome.APPLIED) {
      // analytics (R23): a failed or undelivered message loses its credit
      events.publishEvent(new AnalyticsFacts.StatusFact(sid, status, clock.instant(), errorCode));
    }
    log.info(
        "Delivery report {} {}{} ({})",
        sid,
        status,
        errorCode == null ? "" : " error " + errorCode,
        switch (outcome) {
          case APPLIED -> "recorded";
          case NO_CHANGE -> "no change: duplicate or late";
          case STORED -> "kept until the send is recorded";
          case IGNORED -> "status not tracked";
        });
    if (errorCode != null
        && errorCode == MessageService.TWILIO_UNSUBSCRIBED
        && params.get("To") != null) {
      contacts.optOut(number(params.get("To")), "TWILIO_" + MessageService.TWILIO_UNSUBSCRIBED);
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * An SMS from a buyer: STOP words opt the number out of marketing, START words back in (rule
   * R22).
   */
  @PostMapping(
      path = INBOUND_PATH,
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> inbound(HttpServletRequest request) {
    Map<String, String> params = params(request);
    if (!signed(request, INBOUND_PATH, params)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    String from = params.get("From");
    String sid = params.get("MessageSid");
    String body = params.getOrDefault("Body", "");
    ReplyKeywords.Intent intent = intent(body, params.get("OptOutType"));
    if (from == null || intent == ReplyKeywords.Intent.NONE) {
      return twiml();
    }
    String phone = number(from);
    // the reply's own time (Twilio's date_created), so replies that arrive out of order are
    // applied in the order the buyer sent them; the arrival time when Twilio cannot be asked
    Optional<Instant> twilioTime = sid == null ? Optional.empty() : sender.createdAt(sid);
    Instant sentAt = twilioTime.orElse(clock.instant());
    if (sid != null && !contacts.recordReply(sid, phone, intent.name(), sentAt)) {
      log.info("Reply {} from {} seen before: ignored", sid, PhoneNumbers.mask(phone));
      return twiml();
    }
    boolean changed =
        intent == ReplyKeywords.Intent.OPT_OUT
            ? contacts.optOut(phone, "STOP", sentAt)
            : contacts.optIn(phone, sentAt, twilioTime.isPresent());
    log.info(
        "{} replied '{}' ({}, sent {}): {}",
        PhoneNumbers.mask(phone),
        body.strip(),
        intent,
        sentAt,
        changed ? "applied" : "older than the last change, ignored");
    return twiml();
  }

  private static ResponseEntity<String> twiml() {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
  }

  /**
   * The reply's meaning: Careflow's own keyword list (normalized, whole reply), or Twilio's verdict
   * when a Messaging Service with Advanced Opt-Out recognized a keyword of its own ({@code
   * OptOutType} STOP / START).
   */
  private ReplyKeywords.Intent intent(String body, String optOutType) {
    ReplyKeywords.Intent ours = keywords.classify(body);
    if (ours != ReplyKeywords.Intent.NONE || optOutType == null) {
      return ours;
    }
    return switch (optOutType.strip().toUpperCase(Locale.ROOT)) {
      case "STOP" -> ReplyKeywords.Intent.OPT_OUT;
      case "START" -> ReplyKeywords.Intent.OPT_IN;
      default -> ReplyKeywords.Intent.NONE;
    };
  }

  private boolean signed(HttpServletRequest request, String path, Map<String, String> params) {
    String signature = request.getHeader("X-Twilio-Signature");
    if (!twilio.configured() || signature == null) {
      log.warn(
          "Rejected Twilio webhook {}: {}",
          path,
          twilio.configured() ? "no signature" : "no auth token configured");
      return false;
    }
    boolean valid =
        new RequestValidator(twilio.authToken())
            .validate(publicUrl(request, path), params, signature);
    if (!valid) {
      log.warn(
          "Rejected Twilio webhook {}: invalid signature for {}", path, publicUrl(request, path));
    }
    return valid;
  }

  /**
   * Twilio signs the URL it called, query string included: the public one, which differs from ours
   * behind a proxy. With {@code careflow.twilio.webhook-base-url} set, that configured URL (path
   * prefix kept) is the truth; {@code X-Forwarded-*} headers are not consulted, because anyone can
   * send them and only a proxy that overwrites them makes them trustworthy. Without it, the URL
   * this request reached (which reflects forwarded headers only where the operator enabled {@code
   * server.forward-headers-strategy}).
   */
  private String publicUrl(HttpServletRequest request, String path) {
    String url =
        twilio.webhookBaseUrl() == null
            ? request.getRequestURL().toString()
            : twilio.webhookUrl(path);
    return request.getQueryString() == null ? url : url + "?" + request.getQueryString();
  }

  /**
   * The POST body's parameters only, as Twilio signs them. The servlet API merges query and body
   * parameters, query values first (Servlet spec 3.1.1), so each name's values from the query
   * string are removed from the front of its list.
   */
  static Map<String, String> params(HttpServletRequest request) {
    Map<String, Integer> inQuery = new HashMap<>();
    String query = request.getQueryString();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        inQuery.merge(name, 1, Integer::sum);
      }
    }
    Map<String, String> params = new TreeMap<>();
    request
        .getParameterMap()
        .forEach(
            (k, v) -> {
              int skip = inQuery.getOrDefault(k, 0);
              if (v.length > skip) {
                params.put(k, v[skip]);
              }
            });
    return params;
  }

  private static String number(String address) {
    return address.startsWith("whatsapp:") ? address.substring("whatsapp:".length()) : address;
  }

  private static Integer parseInt(String value) {
    try {
      return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
