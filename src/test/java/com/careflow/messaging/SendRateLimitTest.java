package com.careflow.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.support.TwilioStub;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends are throttled to the sender's messages per second, so a backlog drains without 429s. */
class SendRateLimitTest {

  private static final Logger log = LoggerFactory.getLogger(SendRateLimitTest.class);
  private final WireMockServer twilio =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());

  @BeforeEach
  void start() {
    twilio.start();
    TwilioStub.acceptMessages(twilio, "SM-burst");
  }

  @AfterEach
  void stop() {
    twilio.stop();
  }

  @Test
  void aBurstDrainsAtTheLimit() throws Exception {
    int perSecond = 5;
    int messages = 20;
    var sender =
        new TwilioMessageSender(
            MessagingTestSupport.twilio(twilio.baseUrl(), Map.of()),
            MessagingTestSupport.localLimit(perSecond, Duration.ofMinutes(1)));
    sender.awaitSendPermit();
    sender.send(
        new OutboundMessage("+8613900000999", "warm-up", Channel.SMS)); // connection, classes
    twilio.resetRequests();
    ExecutorService pool = Executors.newFixedThreadPool(8); // a backlog: 8 workers at once
    List<Future<SendReceipt>> sent = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      OutboundMessage m =
          new OutboundMessage("+8613900000" + String.format("%03d", i), "burst " + i, Channel.SMS);
      sent.add(
          pool.submit(
              () -> {
                sender.awaitSendPermit(m); // what MessageService does right before each send
                return sender.send(m);
              }));
    }
    for (Future<SendReceipt> f : sent) {
      f.get();
    }
    pool.shutdown();

    List<Long> times =
        twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioStub.MESSAGES_PATH))).stream()
            .map(r -> r.getLoggedDate().getTime())
            .sorted()
            .toList();
    int busiestSecond = 0;
    for (int i = 0; i < times.size(); i++) {
      int inWindow = 0;
      for (int j = i; j < times.size() && times.get(j) < times.get(i) + 1000; j++) {
        inWindow++;
      }
      busiestSecond = Math.max(busiestSecond, inWindow);
    }
    long spanMillis = times.getLast() - times.getFirst();
    log.info(
        "Rate limit {}/s: {} requests over {} ms, busiest 1-second window held {}",
        perSecond,
        times.size(),
        spanMillis,
        busiestSecond);
    System.out.printf(
        "MEASURED rate limit %d/s: %d requests over %d ms, busiest 1-second window %d%n",
        perSecond, times.size(), spanMillis, busiestSecond);

    assertThat(times).hasSize(messages);
    // permits are spaced 1/rate apart; what the stub sees adds each request's own latency jitter,
    // hence the generous slack: a broken limiter lets all 20 through within a second or two
    assertThat(busiestSecond).isLessThanOrEqualTo(2 * perSecond);
    assertThat(spanMillis)
        .isGreaterThanOrEqualTo((long) ((messages - 1) * 1000.0 / perSecond * 0.8));
  }

  @Test
  void aPermitIsSpentPerSendAndNoneIsLeftForAnImmediateSecond() {
    var limiter = MessagingTestSupport.localLimit(0.01, Duration.ZERO); // one permit per 100 s
    assertThat(limiter.availableSegments()).isEqualTo(1);

    limiter.acquire(1);

    assertThat(limiter.availableSegments()).isZero();
    assertThatThrownBy(() -> limiter.acquire(1))
        .isInstanceOf(SendFailedException.class)
        .hasMessageContaining("nothing sent")
        .satisfies(
            e ->
                assertThat(((SendFailedException) e).kind())
                    .isEqualTo(SendFailedException.Kind.RETRYABLE));
  }
}
