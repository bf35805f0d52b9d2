package com.careflow.bench;

import com.careflow.support.TwilioStub;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twilio's Messages API as a sender with a real per-second limit: more than {@code limit} requests
 * within any one second get Twilio's 429 (error 20429), as a long code or short code would answer.
 * Remembers when each accepted message arrived, for the throughput and lateness figures.
 */
final class RateLimitedTwilioStub implements ResponseDefinitionTransformerV2 {

  private final int limitPerSecond;
  private final Deque<Long> lastSecond = new ArrayDeque<>();
  private final List<Long> acceptedAtNanos = new ArrayList<>();
  private final AtomicLong tooManyRequests = new AtomicLong();
  private final AtomicLong sids = new AtomicLong();

  RateLimitedTwilioStub(int limitPerSecond) {
    this.limitPerSecond = limitPerSecond;
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
    long now = System.nanoTime();
    while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() >= 1_000_000_000L) {
      lastSecond.pollFirst();
    }
    if (lastSecond.size() >= limitPerSecond) {
      tooManyRequests.incrementAndGet();
      return TwilioStub.error(429, 20429, "Too Many Requests").build();
    }
    lastSecond.addLast(now);
    acceptedAtNanos.add(now);
    return TwilioStub.accepted("SM%032x".formatted(sids.incrementAndGet())).build();
  }

  @Override
  public String getName() {
    return "rate-limited-twilio";
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  synchronized List<Long> acceptedAtNanos() {
    return List.copyOf(acceptedAtNanos);
  }

  synchronized void reset() {
    acceptedAtNanos.clear();
    lastSecond.clear();
    tooManyRequests.set(0);
  }

  long tooManyRequests() {
    return tooManyRequests.get();
  }
}
