package com.careflow.campaigns;

import java.util.List;

/**
 * A campaign test run, started by hand with the process variable {@code testRun}: operations see
 * what a campaign would do before the real run. A test run has its own campaign id ({@code
 * <occasion>-<year>-TEST-<instance key>}) and is recorded as a test, so it never counts as the real
 * run of that occasion and year: the real campaign still runs on its day.
 *
 * @param mode {@code SEED_LIST}: the offers go, through the real offer journey (segment, coupon,
 *     consent R22, frequency cap R20, quiet hours R4), only to the customers in {@code
 *     seedCustomerIds} (e.g. the shop's own staff) — whatever the occasion's audience; {@code
 *     DRY_RUN}: the real audience is read and each customer decided as the real offer decides
 *     (segment R15, large buyer R16, messaging's send check R20/R22: {@link OfferDecisions}); who
 *     would get the message is recorded as {@code DRY_RUN} in the campaign's recipients, who would
 *     be skipped as {@code SKIPPED_<reason>}, and nothing is started or sent
 * @param seedCustomerIds customer ids of Careflow's customer store; only for {@code SEED_LIST}
 */
record TestRun(Mode mode, List<String> seedCustomerIds) {

  /** What a test run does. */
  public enum Mode {
    SEED_LIST,
    DRY_RUN
  }

  public TestRun {
    if (mode == null) {
      throw new IllegalArgumentException("testRun.mode is missing: SEED_LIST or DRY_RUN");
    }
    seedCustomerIds = seedCustomerIds == null ? List.of() : List.copyOf(seedCustomerIds);
    if (mode == Mode.SEED_LIST && seedCustomerIds.isEmpty()) {
      throw new IllegalArgumentException(
          "testRun.seedCustomerIds is empty: a SEED_LIST test run needs the customer ids to message");
    }
  }
}
