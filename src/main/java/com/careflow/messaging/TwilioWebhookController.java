package com.careflow.messaging;

import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks: delivery reports (StatusCallback) and inbound SMS (STOP / START, rule R22).
 * Every request must carry a valid {@code X-Twilio-Signature} over the public URL ({@code
 * careflow.twilio.webhook-base-url}) and the form parameters; anything else gets 403.
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

  TwilioWebhookController(
      TwilioProperties twilio,
      MessagingProperties messaging,
      MessageLog messageLog,
      ContactStatus contacts) {
    this.twilio = twilio;
    this.messaging = messaging;
    this.messageLog = messageLog;
    this.contacts = contacts;
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
    boolean changed = messageLog.applyStatusReport(sid, status, errorCode);
    log.info(
        "Delivery report {} {}{} ({})",
        sid,
        status,
        errorCode == null ? "" : " error " + errorCode,
        changed ? "recorded" : "no change: duplicate, late or unknown message");
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
    String word = params.getOrDefault("Body", "").strip().toUpperCase(Locale.ROOT);
    if (from != null && matches(word, messaging.stopWords())) {
      contacts.optOut(number(from), "STOP");
      log.info("{} opted out by replying '{}'", PhoneNumbers.mask(number(from)), word);
    } else if (from != null && matches(word, messaging.startWords())) {
      contacts.optIn(number(from));
      log.info("{} opted back in by replying '{}'", PhoneNumbers.mask(number(from)), word);
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
  }

  private static boolean matches(String word, java.util.List<String> words) {
    return words.stream().anyMatch(w -> w.strip().toUpperCase(Locale.ROOT).equals(word));
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

  /** Twilio signs the URL it called: the public one, which differs from ours behind a proxy. */
  private String publicUrl(HttpServletRequest request, String path) {
    URI base = twilio.webhookBaseUrl();
    String url = base == null ? request.getRequestURL().toString() : base.resolve(path).toString();
    return request.getQueryString() == null ? url : url + "?" + request.getQueryString();
  }

  private static Map<String, String> params(HttpServletRequest request) {
    Map<String, String> params = new TreeMap<>();
    request.getParameterMap().forEach((k, v) -> params.put(k, v.length == 0 ? "" : v[0]));
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
