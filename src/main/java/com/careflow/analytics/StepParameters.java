package com.careflow.analytics;

import java.time.LocalDate;

/**
 * The port through which the step's API ({@code /api/analytics/step}, {@code step.csv}) refuses the
 * journey, version and step the dashboard's Journey page refuses, with the same reasons: the
 * dashboard implements it from the journeys' models and the engine's deployed versions, which this
 * module does not read. Without an implementation (no dashboard) the API answers every step.
 */
public interface StepParameters {

  /**
   * Refuses a step the Journey page would refuse.
   *
   * @param processId the journey's BPMN process id ({@code processId})
   * @param stepId the step's element id ({@code stepId})
   * @param processVersion a deployed version number, {@code unknown}, or null for all versions
   *     ({@code processVersion})
   * @param from first shop day of the period, inclusive
   * @param to last shop day of the period, inclusive
   * @throws ParameterRefused naming the parameter: a journey the app has no model of, a version
   *     that is no version or was never deployed (the engine says so), a step the journey has
   *     neither in its models nor in its facts of the period
   */
  void check(String processId, String stepId, String processVersion, LocalDate from, LocalDate to);
}
