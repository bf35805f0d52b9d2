package com.careflow.segments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;

/** Turns a customer's order history into the inputs of the segment tables (rules R15, R16). */
@Service
class SegmentInputs implements SegmentInputsQuery {

  private final RfmInputsSource source;
  private final SegmentProperties properties;
  private final Clock clock;

  public SegmentInputs(RfmInputsSource source, SegmentProperties properties, Clock clock) {
    this.source = source;
    this.properties = properties;
    this.clock = clock;
  }

  // rule R15: recency, frequency and monetary value over the shop's period; rule R16: order sizes
  @Override
  public Values compute(String customerId) {
    Instant now = clock.instant();
    Instant periodStart = now.atOffset(ZoneOffset.UTC).minus(properties.period()).toInstant();
    OrderHistory history = source.history(customerId, periodStart);
    Long recency =
        history.lastPaidAt() == null
            ? null
            : Math.max(0, Duration.between(history.lastPaidAt(), now).toDays());
    return new Values(
        recency,
        history.periodPaidOrders(),
        history.periodPaidAmount(),
        history.lifetimePaidOrders(),
        history.largestPaidAmount(),
        history.largestPaidUnits());
  }
}
