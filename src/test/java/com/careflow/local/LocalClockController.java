package com.careflow.local;

import java.time.Duration;
import java.time.Instant;
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

  record Advance(Duration duration) {}

  record Now(Instant now) {}

  @GetMapping
  Now now() {
    return new Now(stack.clock().instant());
  }

  @PostMapping("/advance")
  ResponseEntity<?> advance(@RequestBody Advance request) {
    if (request.duration() == null
        || request.duration().isNegative()
        || request.duration().isZero()) {
      return ResponseEntity.badRequest()
          .body(new Error("duration must be a positive ISO-8601 duration such as PT2H"));
    }
    return ResponseEntity.ok(new Now(stack.advanceClock(request.duration())));
  }

  record Error(String error) {}
}
