package com.careflow;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each top-level package is a feature module. Modules use each other only through the public types
 * of a module's base package (sub-packages are internal), and never in a cycle.
 */
class ModularityTest {

  private final ApplicationModules modules = ApplicationModules.of(CareflowApplication.class);

  @Test
  void moduleBoundariesHold() {
    modules.verify();
  }

  @Test
  void writesModuleDocumentation() {
    new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
  }
}
