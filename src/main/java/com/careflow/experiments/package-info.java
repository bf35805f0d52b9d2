/**
 * Holdout groups and A/B variants on any send step (issue #18), and their measured lift.
 *
 * <p>{@link com.careflow.experiments.ExperimentDesign} is what operations set on a send step
 * (experiment id, holdout share 0–50 %, variant templates and their shares); {@link
 * com.careflow.experiments.ExperimentAssigner} puts a buyer into a group by a hash of experiment id
 * and customer id (never a random call), so a replayed event or a retried job never switches the
 * group; {@link com.careflow.experiments.ExperimentService} is the send path's hook (a held-out
 * buyer gets a recorded "virtual send" instead of a message); {@link
 * com.careflow.experiments.LiftCalculator} turns exposures and payments into conversion, lift with
 * 95 % intervals, incremental orders, GMV and ROI, served under {@code /api/analytics/experiments}.
 * Owns the table {@code experiment_exposure} (V11; its {@code variant_key}, V15); reads paid orders
 * and send costs through {@link com.careflow.analytics.AnalyticsQueries}.
 *
 * <p>Exposes to messaging's send step {@link com.careflow.experiments.SendStepExperiments} (the
 * experiment of a send step) and {@link com.careflow.experiments.Assignment} (a buyer's group in
 * it), and to the dashboard {@link com.careflow.experiments.ExperimentReports} (the lift reports)
 * and {@link com.careflow.experiments.ExperimentProperties} (their settings), besides the types
 * above.
 */
@ApplicationModule(allowedDependencies = {"analytics", "journeys", "messagestatus"})
package com.careflow.experiments;

import org.springframework.modulith.ApplicationModule;
