package com.careflow.local;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Time travel for the embedded mode: a person sees a 2-hour reminder fire without waiting two
 * hours. Exists only when {@code careflow.local.enabled=true}.
 */
@RestController
@RequestMapping("/local/clock")
@ConditionalOnProperty(name = "careflow.local.enabled", havingValue = "true", matchIfMissing = true)
class LocalClockController {

  private final LocalStack stack;

  LocalClockController(LocalStack stack) {
    this.stack = stack;
  }

  /**
   * How far to move the clock: by {@code duration} (ISO-8601, e.g. {@code PT2H}) or to {@code
   * until} (an ISO-8601 time with its offset, e.g. {@code 2027-11-26T10:00:00+08:00}); one of the
   * two.
   */
  record Advance(Duration duration, OffsetDateTime until) {}

  record Now(Instant now) {}

  @GetMapping
  Now now() {
    return new Now(stack.clock().instant());
  }

  @PostMapping("/advance")
  ResponseEntity<?> advance(@RequestBody Advance request) {
    if ((request.duration() == null) == (request.until() == null)) {
      return ResponseEntity.badRequest()
          .body(
              new Error(
                  "give either duration (a positive ISO-8601 duration such as PT2H) or until (a"
                      + " later time such as 2027-11-26T10:00:00+08:00)"));
    }
    Duration step =
        request.duration() != null
            ? request.duration()
            : Duration.between(stack.clock().instant(), request.until().toInstant());
    if (step.isNegative() || step.isZero()) {
      return ResponseEntity.badRequest()
          .body(
              new Error(
                  request.duration() != null
                      ? "duration must be a positive ISO-8601 duration such as PT2H"
                      : "until must lie after the clock's time "
                          + stack.clock().instant()
                          + " (the clock only moves forward)"));
    }
    return ResponseEntity.ok(new Now(stack.advanceClock(step)));
  }

  record Error(String error) {}
}
