package com.careflow.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sender's rate limit, counted in SMS segments as Twilio counts its throughput (a long code
 * sends 1 segment per second, toll-free 3, a short code 30; a 2-segment reminder takes two).
 *
 * @param segmentsPerSecond segments per second all Careflow instances together may hand to the
 *     sender; leave a few per cent below the sender's own limit, since Twilio counts a message when
 *     it arrives and network jitter bunches requests (the benchmark uses 95 % of it)
 * @param shared {@code true}: one token bucket for every instance, kept in the database's {@code
 *     send_rate_bucket} table through Bucket4j's PostgreSQL proxy manager (row lock per
 *     consumption); {@code false}: each instance counts for itself (give each its share)
 * @param bucketId the bucket's row: instances sending through the same Twilio sender share it; give
 *     a second sender (another number, another Messaging Service) its own id
 * @param burstSegments segments the bucket holds when idle; 1 spaces sends evenly at {@code
 *     1/segmentsPerSecond}, a message of more segments takes them one after another
 * @param backoffOn429 how long every instance pauses after Twilio answered 429 (error 20429, too
 *     many requests), doubling for each further 429 of the same message
 * @param retriesOn429 how often one send is repeated after a 429 before its job is failed with a
 *     backoff (Twilio creates no message on a 429, so a repeat cannot send twice)
 * @param marketingWaiting marketing sends one instance lets wait for the limit at once; they take
 *     only tokens no transactional send reserved, one after another; a further marketing send is
 *     deferred (its job goes back to the engine, retries untouched) so it holds no job-worker slot
 *     the transactional jobs behind it need (issue #19, target 4)
 * @param marketingYieldBackoff about how long a deferred marketing send's job stays away (spread
 *     over ½–1½ of it so deferred jobs come back apart); with a backlog of B marketing jobs they
 *     come back at about B / backoff per second, which should stay above the limit for marketing to
 *     drain at full rate
 */
@ConfigurationProperties("careflow.messaging.send-limit")
record SendLimitProperties(
    @DefaultValue("1") double segmentsPerSecond,
    @DefaultValue("true") boolean shared,
    @DefaultValue("1") long bucketId,
    @DefaultValue("1") int burstSegments,
    @DefaultValue("PT1S") Duration backoffOn429,
    @DefaultValue("3") int retriesOn429,
    @DefaultValue("4") int marketingWaiting,
    @DefaultValue("PT10S") Duration marketingYieldBackoff) {

  public SendLimitProperties {
    if (!(segmentsPerSecond > 0)) {
      throw new IllegalArgumentException(
          "careflow.messaging.send-limit.segments-per-second must be positive, was "
              + segmentsPerSecond);
    }
    if (burstSegments < 1) {
      throw new IllegalArgumentException(
          "careflow.messaging.send-limit.burst-segments must be at least 1, was " + burstSegments);
    }
    if (marketingWaiting < 1 || !marketingYieldBackoff.isPositive()) {
      throw new IllegalArgumentException(
          "careflow.messaging.send-limit: marketing-waiting must be at least 1 and"
              + " marketing-yield-backoff positive");
    }
    if (retriesOn429 < 0 || backoffOn429.isNegative()) {
      throw new IllegalArgumentException(
          "careflow.messaging.send-limit: retries-on429 and backoff-on429 must not be negative");
    }
  }
}
