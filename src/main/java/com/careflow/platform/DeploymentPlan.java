package com.careflow.platform;

import com.careflow.platform.ClusterModels.Deployed;
import com.careflow.platform.ModelFile.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which bundled model files to deploy under a {@link DeploymentPolicy}, and why, decided file by
 * file from what the cluster already holds. Forms go with the journeys that link them: they are
 * deployed when at least one process file is.
 */
final class DeploymentPlan {

  /**
   * What start-up does with one file.
   *
   * @param file the bundled file
   * @param deploy whether it goes into this start-up's deployment
   * @param reason why, in words for the log
   */
  record Step(ModelFile file, boolean deploy, String reason) {}

  private DeploymentPlan() {}

  static List<Step> plan(
      List<ModelFile> files, DeploymentPolicy policy, Function<Model, Optional<Deployed>> cluster) {
    List<Step> steps = new ArrayList<>();
    for (ModelFile file : files) {
      if (!file.isForm()) {
        steps.add(step(file, policy, cluster));
      }
    }
    boolean anyProcessDeployed =
        steps.stream()
            .anyMatch(s -> s.deploy() && s.file().fileName().toLowerCase().endsWith(".bpmn"));
    for (ModelFile file : files) {
      if (file.isForm()) {
        steps.add(
            policy == DeploymentPolicy.ALWAYS
                ? new Step(file, true, "policy always")
                : anyProcessDeployed
                    ? new Step(file, true, "deployed with the journeys that link it")
                    : new Step(file, false, "no journey is deployed at this start, so neither is"));
      }
    }
    return steps;
  }

  private static Step step(
      ModelFile file, DeploymentPolicy policy, Function<Model, Optional<Deployed>> cluster) {
    if (policy == DeploymentPolicy.ALWAYS) {
      return new Step(file, true, "policy always");
    }
    if (file.models().isEmpty()) {
      return new Step(file, false, "defines no executable process or decision");
    }
    List<String> present = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> newer = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (Model model : file.models()) {
      Optional<Deployed> deployed = cluster.apply(model);
      if (deployed.isEmpty()) {
        missing.add(model.kind() + " " + model.id());
        continue;
      }
      Deployed d = deployed.get();
      present.add(model.kind() + " " + model.id() + " " + d);
      if (policy == DeploymentPolicy.IF_NEWER) {
        if (model.versionTag().isEmpty()) {
          kept.add(model.id() + ": the bundled copy has no versionTag");
        } else if (!d.versionTagKnown()) {
          kept.add(model.id() + ": the deployed versionTag cannot be read (no REST API)");
        } else if (d.versionTag().isEmpty()) {
          kept.add(model.id() + ": the deployed version has no versionTag");
        } else if (VersionTags.compare(model.versionTag().get(), d.versionTag().get()) > 0) {
          newer.add(
              model.id()
                  + ": bundled versionTag "
                  + model.versionTag().get()
                  + " is newer than deployed "
                  + d.versionTag().get());
        } else {
          kept.add(
              model.id()
                  + ": bundled versionTag "
                  + model.versionTag().get()
                  + " is not newer than deployed "
                  + d.versionTag().get());
        }
      }
    }
    if (present.isEmpty()) {
      return new Step(file, true, "not in the cluster yet (" + String.join(", ", missing) + ")");
    }
    if (!newer.isEmpty()) {
      return new Step(file, true, "policy if-newer: " + String.join("; ", newer));
    }
    String policyName = policy == DeploymentPolicy.IF_NEWER ? "if-newer" : "if-missing";
    StringBuilder reason =
        new StringBuilder("kept: the cluster has ")
            .append(String.join(", ", present))
            .append("; policy ")
            .append(policyName)
            .append(" does not deploy over it");
    if (!kept.isEmpty()) {
      reason.append(" (").append(String.join("; ", kept)).append(")");
    }
    if (!missing.isEmpty()) {
      reason
          .append(". Also bundled but not in the cluster: ")
          .append(String.join(", ", missing))
          .append(" — deploy the file from Modeler or restart once with policy always");
    }
    return new Step(file, false, reason.toString());
  }

  /** Orders version tags as people write them: 1.9 before 1.10, 2 after 1.10, v3 after v2. */
  static final class VersionTags {
    private VersionTags() {}

    static int compare(String a, String b) {
      String[] pa = a.trim().replaceFirst("^[vV]", "").split("[^0-9A-Za-z]+");
      String[] pb = b.trim().replaceFirst("^[vV]", "").split("[^0-9A-Za-z]+");
      for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
        String x = i < pa.length ? pa[i] : "0";
        String y = i < pb.length ? pb[i] : "0";
        int c;
        if (x.matches("\\d+") && y.matches("\\d+")) {
          c = new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y));
        } else {
          c = x.compareTo(y);
        }
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }
  }
}
