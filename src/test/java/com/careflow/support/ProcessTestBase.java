package com.careflow.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the process tests: a fresh in-memory engine per test with the project's real models
 * deployed. Workers are not running; a test works each job by hand ({@code engine.completeJob}), so
 * it decides every outcome and nothing happens behind its back.
 */
public abstract class ProcessTestBase {

  protected ProcessTestEngine engine;

  @BeforeEach
  void startEngine() {
    engine = ProcessTestEngine.start();
    engine.deployProjectModels();
  }

  @AfterEach
  void stopEngine() {
    engine.close();
  }
}
