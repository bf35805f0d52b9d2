package com.careflow.local;

import com.careflow.campaigns.TestRunStarter;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A campaign test run in the development stack without a developer or Modeler: {@code POST
 * /local/campaigns/test-run?day=2026-12-17&mode=DRY_RUN} (or {@code mode=SEED_LIST&seeds=c-1,c-2}).
 * It calls campaigns' {@link TestRunStarter}, which starts the hand-started holiday re-engagement
 * with {@code campaignDate} and {@code testRun} exactly as the ops guide's production way (Modeler
 * or the REST API, section 2b) does; the engine, the workers and the campaign service then do the
 * rest. Answers 202 with the instance key (the test runs are {@code <campaign id>-TEST-<key>}) and
 * where to see them; 400 with {@code {"error": "…"}} for a bad day, mode or seed list, and nothing
 * is started then. Exists only when {@code careflow.local.enabled=true}.
 */
@RestController
@RequestMapping("/local/campaigns")
@ConditionalOnProperty(name = "careflow.local.enabled", havingValue = "true", matchIfMissing = true)
class LocalCampaignsController {

  private final TestRunStarter testRuns;

  LocalCampaignsController(TestRunStarter testRuns) {
    this.testRuns = testRuns;
  }

  record Started(
      long processInstanceKey,
      LocalDate campaignDate,
      String mode,
      List<String> seedCustomerIds,
      String testRunIds,
      String dashboard,
      String api) {}

  @PostMapping(path = "/test-run", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Started> testRun(
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
      @RequestParam String mode,
      @RequestParam(required = false) String seeds) {
    List<String> seedIds =
        seeds == null
            ? List.of()
            : Arrays.stream(seeds.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    TestRunStarter.Started s = testRuns.start(day, mode, seedIds);
    return ResponseEntity.accepted()
        .body(
            new Started(
                s.processInstanceKey(),
                s.campaignDate(),
                s.mode(),
                s.seedCustomerIds(),
                "<OCCASION>-<year>-TEST-" + s.processInstanceKey(),
                "/campaigns",
                "/api/campaigns/test-runs"));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("error", String.valueOf(e.getMessage())));
  }
}
