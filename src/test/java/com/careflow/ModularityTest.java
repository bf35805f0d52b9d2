package com.careflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.careflow.support.TableOwnership;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

/**
 * Each top-level package is a feature module that declares, in its {@code package-info.java}, what
 * it is for, what it exposes, the modules it may use ({@code @ApplicationModule(allowedDependencies
 * = …)}) and the tables it owns. Modules use each other only through the public types of a module's
 * base package (sub-packages are internal), never in a cycle, and never read another module's
 * tables.
 */
class ModularityTest {

  private static final Path MAIN = Path.of("src/main/java/com/careflow");
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

  private final ApplicationModules modules = ApplicationModules.of(CareflowApplication.class);

  @Test
  void moduleBoundariesHold() {
    modules.verify();
  }

  @Test
  void everyModuleDeclaresItself() {
    assertThat(modules.stream())
        .allSatisfy(
            module ->
                assertThat(
                        MAIN.resolve(module.getIdentifier().toString())
                            .resolve("package-info.java"))
                    .as(module.getIdentifier() + " declares itself in package-info.java")
                    .exists());
  }

  /** The check is real: the fixture's modules break both rules, and verify() names each break. */
  @Test
  void aDependencyOnAnInternalTypeOrAnUndeclaredModuleFails() {
    ImportOption includingTests = location -> true;
    var fixture = ApplicationModules.of("com.careflow.fixtures.modules", includingTests);

    assertThatThrownBy(fixture::verify)
        .isInstanceOf(Violations.class)
        .hasMessageContaining("BetaService")
        .hasMessageContaining("AlphaInternal")
        .hasMessageContaining("GammaService");
  }

  /**
   * Modules have no sub-packages, so Spring Modulith takes every public type of a module as its
   * API; what a module exposes is the list of its own types its package-info links ({@code {@link
   * com.careflow.<module>.Type}}), and another module may use only those (issue #20).
   */
  @Test
  void otherModulesUseOnlyWhatAModuleExposes() throws IOException {
    assertThat(unexposedUses(modules, Path.of("src/main/java"))).isEmpty();
  }

  /** The check is real: the fixture's user module uses a public type its owner does not expose. */
  @Test
  void aUseOfATypeTheOwnerDoesNotExposeFails() throws IOException {
    ImportOption includingTests = location -> true;
    var fixture = ApplicationModules.of("com.careflow.fixtures.exposure", includingTests);

    assertThat(unexposedUses(fixture, Path.of("src/test/java")))
        .containsExactly(
            "com.careflow.fixtures.exposure.user.UserService uses"
                + " com.careflow.fixtures.exposure.owner.OwnerHelper, which owner's package-info"
                + " does not expose");
  }

  private static final Pattern LINK = Pattern.compile("\\{@link(?:plain)?[\\s*]+([\\w.]+)");

  /** Each use of another module's type that the owner's package-info does not link. */
  static List<String> unexposedUses(ApplicationModules modules, Path sourceRoot)
      throws IOException {
    Set<String> problems = new TreeSet<>();
    for (ApplicationModule module : modules) {
      for (var use : module.getDependencies(modules).stream().toList()) {
        ApplicationModule owner = use.getTargetModule();
        String type = use.getTargetType().getName().replaceFirst("\\$.*", "");
        if (!exposed(owner, sourceRoot).contains(type)) {
          problems.add(
              "%s uses %s, which %s's package-info does not expose"
                  .formatted(
                      use.getSourceType().getName().replaceFirst("\\$.*", ""),
                      type,
                      owner.getIdentifier()));
        }
      }
    }
    return List.copyOf(problems);
  }

  /** The module's own types its package-info's Javadoc links, as fully qualified names. */
  private static Set<String> exposed(ApplicationModule module, Path sourceRoot) throws IOException {
    String base = module.getBasePackage().getName();
    Path info = sourceRoot.resolve(base.replace('.', '/')).resolve("package-info.java");
    Set<String> types = new TreeSet<>();
    if (!Files.exists(info)) {
      return types;
    }
    Matcher link = LINK.matcher(Files.readString(info));
    while (link.find()) {
      String target = link.group(1);
      String qualified = target.contains(".") ? target : base + "." + target;
      if (qualified.startsWith(base + ".")
          && qualified.substring(base.length() + 1).matches("[A-Z]\\w*")) {
        types.add(qualified);
      }
    }
    return types;
  }

  @Test
  void everyTableHasOneOwnerAndOnlyItsOwnerQueriesIt() {
    assertThat(TableOwnership.problems(MAIN, MIGRATIONS)).isEmpty();
  }

  /**
   * The check is real: injected reads of the customers module's tables from campaigns fail, whether
   * joined, comma-joined in a FROM list, or named by a constant the query is built from.
   */
  @Test
  void aCrossModuleTableReadFails(@TempDir Path dir) throws IOException {
    Path base = dir.resolve("com/careflow");
    Files.createDirectories(base.resolve("customers"));
    Files.createDirectories(base.resolve("campaigns"));
    Files.writeString(
        base.resolve("customers/package-info.java"),
        "/** Owns the tables {@code customer} (V1) and {@code order_fact} (V2). */\n"
            + "package com.careflow.customers;\n");
    Files.writeString(
        base.resolve("campaigns/package-info.java"),
        "/** Owns the table {@code campaign} (V5). */\npackage com.careflow.campaigns;\n");
    Files.writeString(
        base.resolve("campaigns/Audience.java"),
        "package com.careflow.campaigns;\nclass Audience {\n"
            + "  // a comment that mentions the customer table is no read\n"
            + "  String ok = \"SELECT * FROM campaign\";\n"
            + "  String bad = \"\"\"\n      SELECT c.customer_id FROM campaign x\n"
            + "      JOIN customer c ON c.customer_id = x.customer_id\n      \"\"\";\n}\n");
    Files.writeString(
        base.resolve("campaigns/Revenue.java"),
        "package com.careflow.campaigns;\nclass Revenue {\n"
            + "  String bad = \"SELECT r.id FROM campaign r, order_fact c WHERE r.id = c.id\";\n}\n");
    Files.writeString(
        base.resolve("campaigns/Refunds.java"),
        "package com.careflow.campaigns;\nclass Refunds {\n"
            + "  String bad = \"SELECT 1 FROM campaign c JOIN campaign x ON x.id = c.id, order_fact o\";\n"
            + "  String qualified = \"SELECT phone FROM public.customer\";\n}\n");
    Files.writeString(
        base.resolve("campaigns/Phones.java"),
        "package com.careflow.campaigns;\nclass Phones {\n"
            + "  static final String CUSTOMER_TABLE = \"customer\";\n"
            + "  String bad = \"SELECT phone FROM \" + CUSTOMER_TABLE;\n}\n");
    Path migrations = dir.resolve("migration");
    Files.createDirectories(migrations);
    Files.writeString(
        migrations.resolve("V1__t.sql"),
        "CREATE TABLE customer (id INT);\nCREATE TABLE order_fact (id INT);\n"
            + "CREATE TABLE campaign (id INT);\nCREATE TABLE orphan (id INT);\n");

    assertThat(TableOwnership.problems(base, migrations))
        .containsExactlyInAnyOrder(
            "table orphan is owned by no module (say so in its package-info.java)",
            "campaigns/Audience.java (module campaigns) reads table customer of module customers:"
                + " ask customers through its port",
            "campaigns/Revenue.java (module campaigns) reads table order_fact of module customers:"
                + " ask customers through its port",
            "campaigns/Phones.java (module campaigns) reads table customer of module customers:"
                + " ask customers through its port",
            "campaigns/Refunds.java (module campaigns) reads table customer of module customers:"
                + " ask customers through its port",
            "campaigns/Refunds.java (module campaigns) reads table order_fact of module customers:"
                + " ask customers through its port");
  }

  private static final Path MODULE_MAP = Path.of("docs", "modules.md");

  /**
   * {@code docs/modules.md}, the picture of which module uses which (a Mermaid graph GitHub draws,
   * and the same as a table), is the one the code gives: stale, it fails naming the command that
   * rewrites it ({@code -Dcareflow.modules.update=true}).
   */
  @Test
  void theModuleMapIsCurrent() throws IOException {
    String generated = moduleMap(modules);
    if (Boolean.getBoolean("careflow.modules.update")) {
      Files.writeString(MODULE_MAP, generated);
      return;
    }
    assertThat(Files.exists(MODULE_MAP) ? Files.readString(MODULE_MAP).replace("\r\n", "\n") : "")
        .as(
            "%s is stale: regenerate it with ./mvnw test -Dtest=ModularityTest"
                + " -Dcareflow.modules.update=true",
            MODULE_MAP)
        .isEqualTo(generated);
  }

  /** The Markdown of {@code docs/modules.md}: each module and the modules its code uses. */
  static String moduleMap(ApplicationModules modules) {
    java.util.Map<String, Set<String>> uses = new java.util.TreeMap<>();
    for (ApplicationModule module : modules) {
      Set<String> targets = new TreeSet<>();
      module.getDependencies(modules).stream()
          .forEach(d -> targets.add(d.getTargetModule().getIdentifier().toString()));
      targets.remove(module.getIdentifier().toString());
      uses.put(module.getIdentifier().toString(), targets);
    }
    StringBuilder md =
        new StringBuilder(
            "# Module map\n\n"
                + "Which module's code uses which (arrows point at the module used), as Spring Modulith"
                + " reads the\ncode. Each module's `package-info.java` says what it exposes and which"
                + " modules it may use;\n`ModularityTest` checks both and fails when this file is"
                + " stale. Regenerate with\n`./mvnw test -Dtest=ModularityTest"
                + " -Dcareflow.modules.update=true`.\n\n```mermaid\nflowchart LR\n");
    uses.forEach(
        (module, targets) -> {
          if (targets.isEmpty()) {
            md.append("  ").append(module).append("\n");
          }
          targets.forEach(
              t -> md.append("  ").append(module).append(" --> ").append(t).append("\n"));
        });
    md.append("```\n\n| module | uses |\n|---|---|\n");
    uses.forEach(
        (module, targets) ->
            md.append("| `")
                .append(module)
                .append("` | ")
                .append(
                    targets.isEmpty()
                        ? "—"
                        : String.join(", ", targets.stream().map(t -> "`" + t + "`").toList()))
                .append(" |\n"));
    return md.toString();
  }

  @Test
  void writesModuleDocumentation() {
    new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
  }
}
