package com.careflow.messaging;

import com.careflow.messagestatus.MessageStatus;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

/** Sends through Twilio's Messages API with the official Java SDK. */
class TwilioMessageSender implements MessageSender {

  private static final Logger log = LoggerFactory.getLogger(TwilioMessageSender.class);

  /** Where Twilio posts delivery reports ({@link TwilioWebhookController}). */
  static final String STATUS_CALLBACK_PATH = "/api/twilio/status";

  private final TwilioProperties props;
  private final TwilioRestClient client;
  private final SegmentRateLimiter rateLimiter;

  TwilioMessageSender(TwilioProperties props, SegmentRateLimiter rateLimiter) {
    this.props = props;
    this.rateLimiter = rateLimiter;
    this.client =
        new TwilioRestClient.Builder(props.accountSid(), props.authToken())
            .httpClient(httpClient(props))
            .build();
  }

  @Override
  public void awaitSendPermit() {
    rateLimiter.acquire(1);
  }

  /** Waits for as many tokens as the message has SMS segments (1 for WhatsApp). */
  @Override
  public void awaitSendPermit(OutboundMessage message) {
    rateLimiter.acquire(SegmentRateLimiter.segments(message));
  }

  /** Transactional messages reserve their slot, marketing ones take only unreserved tokens. */
  @Override
  public void awaitSendPermit(OutboundMessage message, MessageCategory category) {
    rateLimiter.acquire(SegmentRateLimiter.segments(message), category);
  }

  @Override
  public Optional<Duration> marketingDeferral() {
    return rateLimiter.marketingDeferral();
  }

  /**
   * One request, repeated only after a 429 (Twilio error 20429, too many requests): Twilio created
   * nothing then, so the repeat cannot send twice. Each 429 pauses the shared send limit for every
   * instance ({@link SegmentRateLimiter#pause}), then this send waits its turn again; after {@code
   * careflow.messaging.send-limit.retries-on429} repeats the 429 goes to the job as a retryable
   * failure.
   */
  @Override
  public SendReceipt send(OutboundMessage message) {
    for (int tooMany = 0; ; tooMany++) {
      try {
        return sendOnce(message);
      } catch (SendFailedException e) {
        if (!tooManyRequests(e) || tooMany >= rateLimiter.retriesOn429()) {
          throw e;
        }
        Duration pause = rateLimiter.pause(tooMany);
        log.warn(
            "Twilio answered 429 (too many requests) for {}: all senders pause {}, then repeat"
                + " ({} of {})",
            message,
            pause,
            tooMany + 1,
            rateLimiter.retriesOn429());
        rateLimiter.acquire(SegmentRateLimiter.segments(message));
      }
    }
  }

  static boolean tooManyRequests(SendFailedException e) {
    return e.httpStatus() == 429
        || (e.errorCode() != null && e.errorCode() == TwilioErrors.TOO_MANY_REQUESTS);
  }

  private SendReceipt sendOnce(OutboundMessage message) {
    MessageCreator creator = creator(message);
    try {
      Message sent = creator.create(client);
      log.info("Twilio accepted {} as {} ({})", message, sent.getSid(), sent.getStatus());
      return receipt(sent);
    } catch (ApiException | ApiConnectionException e) {
      throw failure(e);
    }
  }

  /**
   * Twilio's list filtered by recipient, by sender ({@code From}; for a Messaging Service, its SID
   * on each message) and by {@code DateSent} from {@code since}'s day, then narrowed here to
   * messages created from {@code since} less {@link #CLOCK_SKEW}, outbound, with the same text.
   * Twilio's date filter counts whole days; the time and sender checks keep an identical reminder
   * sent earlier, or by another sender, from matching.
   */
  @Override
  public List<SendReceipt> findSent(OutboundMessage message, Instant since) {
    Instant from = since.minus(CLOCK_SKEW);
    boolean viaService =
        StringUtils.hasText(props.messagingServiceSid()) && message.channel() != Channel.WHATSAPP;
    try {
      var reader =
          Message.reader()
              .setTo(new PhoneNumber(to(message)))
              .setDateSentAfter(from.atZone(ZoneOffset.UTC))
              .setPageSize(50L);
      if (!viaService) {
        reader.setFrom(new PhoneNumber(from(message)));
      }
      List<SendReceipt> found = new ArrayList<>();
      List<Message> page = new ArrayList<>(reader.firstPage(client).getRecords());
      page.sort(
          Comparator.comparing(
              m -> m.getDateCreated() == null ? Instant.MAX : m.getDateCreated().toInstant()));
      for (Message m : page) {
        boolean sameText = message.body().equals(m.getBody());
        boolean sameSender =
            viaService
                ? props.messagingServiceSid().equals(m.getMessagingServiceSid())
                : m.getFrom() != null && from(message).equals(m.getFrom().toString());
        boolean inWindow =
            m.getDateCreated() != null && !m.getDateCreated().toInstant().isBefore(from);
        if (sameText && sameSender && inWindow && m.getDirection() != Message.Direction.INBOUND) {
          log.info(
              "Found {} already accepted by Twilio as {}: not sending again", message, m.getSid());
          found.add(receipt(m));
        }
      }
      return found;
    } catch (ApiException | ApiConnectionException e) {
      throw failure(e);
    }
  }

  /** Twilio's {@code date_created} of a message (an inbound reply), fetched by its SID. */
  @Override
  public Optional<Instant> createdAt(String messageSid) {
    try {
      Message m = Message.fetcher(messageSid).fetch(client);
      return Optional.ofNullable(m.getDateCreated()).map(d -> d.toInstant());
    } catch (TwilioException e) {
      log.warn("Cannot fetch message {} from Twilio: {}", messageSid, e.getMessage());
      return Optional.empty();
    }
  }

  /** How far Twilio's clock may be behind ours when a message's creation time is compared. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private static SendReceipt receipt(Message m) {
    Integer segments = null;
    if (StringUtils.hasText(m.getNumSegments())) {
      segments = Integer.valueOf(m.getNumSegments());
    }
    BigDecimal price =
        StringUtils.hasText(m.getPrice()) ? new BigDecimal(m.getPrice()).abs() : null;
    String unit = m.getPriceUnit() == null ? null : m.getPriceUnit().getCurrencyCode();
    return new SendReceipt(m.getSid(), status(m), segments, price, unit);
  }

  /**
   * The status Twilio answered with; a value {@link MessageStatus} does not know (one Twilio added
   * since) is logged and recorded as {@code ACCEPTED}, the earliest state, so the message, which
   * Twilio did create, is kept and its status callbacks move it on.
   */
  static MessageStatus status(Message m) {
    String value = m.getStatus() == null ? null : m.getStatus().toString();
    return MessageStatus.fromTwilio(value)
        .orElseGet(
            () -> {
              log.warn(
                  "Twilio answered message {} with status '{}', which Careflow does not know;"
                      + " recorded as ACCEPTED until a status callback moves it",
                  m.getSid(),
                  value);
              return MessageStatus.ACCEPTED;
            });
  }

  /** Sorts Twilio's failures into rejected, retryable (nothing sent) and unknown outcome. */
  static SendFailedException failure(TwilioException e) {
    if (!(e instanceof ApiException api) || api.getStatusCode() == null) {
      boolean notSent =
          hasCause(e, ConnectException.class)
              || hasCause(e, ConnectTimeoutException.class)
              || hasCause(e, UnknownHostException.class)
              || hasCause(e, NoRouteToHostException.class);
      return new SendFailedException(
          (notSent
                  ? "Twilio could not be reached: "
                  : "No answer from Twilio, the message may have gone out: ")
              + PhoneNumbers.maskAll(e.getMessage()),
          null,
          0,
          notSent ? SendFailedException.Kind.RETRYABLE : SendFailedException.Kind.UNKNOWN,
          e);
    }
    int status = api.getStatusCode();
    SendFailedException.Kind kind =
        status == 429
            ? SendFailedException.Kind.RETRYABLE
            : status >= 500
                ? SendFailedException.Kind.UNKNOWN // a gateway error may follow a created message
                : SendFailedException.Kind.REJECTED;
    return new SendFailedException(
        "Twilio error "
            + api.getCode()
            + " (HTTP "
            + status
            + "): "
            + PhoneNumbers.maskAll(e.getMessage()),
        api.getCode(),
        status,
        kind,
        e);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private String to(OutboundMessage message) {
    return message.channel() == Channel.WHATSAPP ? "whatsapp:" + message.to() : message.to();
  }

  private String from(OutboundMessage message) {
    return message.channel() == Channel.WHATSAPP
        ? "whatsapp:" + props.whatsappFrom()
        : props.from();
  }

  private MessageCreator creator(OutboundMessage message) {
    boolean whatsapp = message.channel() == Channel.WHATSAPP;
    PhoneNumber to = new PhoneNumber(to(message));
    MessageCreator creator;
    if (StringUtils.hasText(props.messagingServiceSid()) && !whatsapp) {
      creator = Message.creator(to, props.messagingServiceSid(), message.body());
    } else {
      creator = Message.creator(to, new PhoneNumber(from(message)), message.body());
    }
    if (props.webhookBaseUrl() != null) {
      creator.setStatusCallback(URI.create(props.webhookUrl(STATUS_CALLBACK_PATH)));
    }
    return creator;
  }

  @Override
  public String mode() {
    return "twilio";
  }

  /**
   * One HTTP request per send. The SDK's own {@code reliableRequest} repeats any 5xx up to three
   * times 100 ms apart (RETRY_CODES = 5xx, RETRIES = 3) and never 429; a repeated POST may send
   * twice and hides the attempts from Operate. Retries belong to the job instead: counted, backed
   * off exponentially, and preceded by a look-up when the outcome is unknown.
   */
  static final class SingleAttemptHttpClient extends NetworkHttpClient {

    SingleAttemptHttpClient(HttpClientBuilder builder) {
      super(builder);
    }

    @Override
    public Response reliableRequest(Request request) {
      return makeRequest(request);
    }
  }

  /**
   * The SDK always builds {@code https://api.twilio.com/...} URLs; a non-default base URL (a local
   * stub in tests, a proxy) is honoured by routing every request to that host instead.
   */
  static HttpClient httpClient(TwilioProperties props) {
    var connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(props.connectTimeout()))
                    .setSocketTimeout(Timeout.of(props.readTimeout()))
                    .build())
            .setDefaultSocketConfig(
                SocketConfig.custom().setSoTimeout(Timeout.of(props.readTimeout())).build())
            .setMaxConnTotal(20)
            .setMaxConnPerRoute(20)
            .build();
    HttpClientBuilder builder =
        HttpClientBuilder.create()
            .useSystemProperties()
            .setConnectionManager(connections)
            .disableAutomaticRetries()
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.of(props.readTimeout())).build());
    if (!TwilioProperties.DEFAULT_BASE_URL.equals(props.baseUrl())) {
      HttpHost target = HttpHost.create(props.baseUrl());
      builder.setRoutePlanner((host, context) -> new HttpRoute(target));
    }
    return new SingleAttemptHttpClient(builder);
  }
}
