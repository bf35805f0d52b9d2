package com.careflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A module reads and writes only its own tables (issue #20). The tables are those the Flyway
 * migrations create; each module declares the ones it owns once, in its {@code package-info.java}
 * ("Owns the table(s) {@code name} …", a trailing {@code *} for a prefix); SQL is what the main
 * sources hold in string literals and text blocks.
 */
public final class TableOwnership {

  private TableOwnership() {}

  private static final Pattern CREATE_TABLE =
      Pattern.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");
  private static final Pattern OWNS = Pattern.compile("Owns the tables? ([^.;]*)");
  private static final Pattern CODE = Pattern.compile("\\{@code\\s+([\\w*]+)\\s*}");
  private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  private static final Pattern TABLE_USE =
      Pattern.compile("(?i)\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+(?:\\w+\\.)?(\\w+)");

  /**
   * A comma join after an explicit join: {@code JOIN t [alias] ON <condition>, next} (a condition
   * without parentheses or commas, so a function's arguments are not taken for tables).
   */
  private static final Pattern JOIN_THEN_COMMA =
      Pattern.compile("(?i)\\bON\\s+[^,();]*?,\\s*(?:\\w+\\.)?(\\w+)");

  /**
   * The rest of a FROM list after its first table: {@code , next [AS] alias} as often as it comes
   * (a comma join names every table of the list).
   */
  private static final Pattern FROM_LIST =
      Pattern.compile(
          "(?i)\\bFROM\\s+\\w+(?:\\s+(?:AS\\s+)?(?!WHERE\\b|JOIN\\b|ON\\b)\\w+)?"
              + "((?:\\s*,\\s*\\w+(?:\\s+(?:AS\\s+)?(?!WHERE\\b|JOIN\\b|ON\\b)\\w+)?)+)");

  private static final Pattern LIST_ITEM = Pattern.compile(",\\s*(\\w+)");

  /** The tables the migrations create. */
  public static Set<String> tables(Path migrations) {
    Set<String> tables = new TreeSet<>();
    for (Path sql : files(migrations, ".sql")) {
      Matcher m = CREATE_TABLE.matcher(read(sql));
      while (m.find()) {
        tables.add(m.group(1).toLowerCase());
      }
    }
    return tables;
  }

  /** Table → owning module, from each module's {@code package-info.java}. */
  public static Map<String, String> owners(Path basePackageDir, Set<String> tables) {
    Map<String, String> owners = new TreeMap<>();
    for (Path info : files(basePackageDir, "package-info.java")) {
      String module = basePackageDir.relativize(info.getParent()).toString();
      Matcher owns = OWNS.matcher(read(info).replaceAll("\\s*\\n\\s*\\*\\s*", " "));
      while (owns.find()) {
        Matcher code = CODE.matcher(owns.group(1));
        while (code.find()) {
          String name = code.group(1);
          for (String table : tables) {
            boolean match =
                name.endsWith("*")
                    ? table.startsWith(name.substring(0, name.length() - 1))
                    : table.equals(name);
            if (match) {
              owners.put(table, module);
            }
          }
        }
      }
    }
    return owners;
  }

  /**
   * The known tables a Java source names in its SQL (string literals and text blocks only): the
   * table after each FROM/JOIN/INTO/UPDATE/TABLE, every table of a comma-joined FROM list, and a
   * literal that is a table name standing alone where SQL is built from it: a constant's value
   * ({@code CUSTOMER_TABLE = "customer"}, then {@code "SELECT phone FROM " + CUSTOMER_TABLE}) or a
   * part of a concatenation. A name passed as an argument ({@code .param("customer", id)}, a
   * grouping {@code List.of("campaign", …)}) is no table use.
   */
  public static Set<String> tablesNamedIn(String javaSource, Set<String> tables) {
    Set<String> named = new TreeSet<>();
    List<String> literals = new ArrayList<>();
    List<String> standalone = new ArrayList<>();
    Matcher block = TEXT_BLOCK.matcher(javaSource);
    while (block.find()) {
      literals.add(block.group(1));
    }
    String code = TEXT_BLOCK.matcher(javaSource).replaceAll("\"\"");
    Matcher string = STRING.matcher(code);
    while (string.find()) {
      literals.add(string.group(1));
      char before = neighbour(code, string.start() - 1, -1);
      char after = neighbour(code, string.end(), 1);
      boolean buildsSql = before == '=' || before == '+' || after == '+';
      if (buildsSql && string.group(1).strip().matches("\\w+")) {
        standalone.add(string.group(1).strip());
      }
    }
    for (String literal : literals) {
      List<String> candidates = new ArrayList<>();
      Matcher use = TABLE_USE.matcher(literal);
      while (use.find()) {
        candidates.add(use.group(1));
      }
      Matcher afterJoin = JOIN_THEN_COMMA.matcher(literal);
      while (afterJoin.find()) {
        candidates.add(afterJoin.group(1));
      }
      Matcher list = FROM_LIST.matcher(literal);
      while (list.find()) {
        Matcher item = LIST_ITEM.matcher(list.group(1));
        while (item.find()) {
          candidates.add(item.group(1));
        }
      }
      for (String candidate : candidates) {
        String table = candidate.toLowerCase();
        if (tables.contains(table)) {
          named.add(table);
        }
      }
    }
    for (String name : standalone) {
      if (tables.contains(name.toLowerCase())) {
        named.add(name.toLowerCase());
      }
    }
    return named;
  }

  /** The first character from {@code at} in direction {@code step} that is not white space. */
  private static char neighbour(String text, int at, int step) {
    for (int i = at; i >= 0 && i < text.length(); i += step) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return text.charAt(i);
      }
    }
    return ' ';
  }

  /**
   * Every problem as a sentence: a table no module owns, and each source that names a table of
   * another module.
   *
   * @param basePackageDir e.g. {@code src/main/java/com/careflow}; its sub-directories are modules
   */
  public static List<String> problems(Path basePackageDir, Path migrations) {
    Set<String> tables = tables(migrations);
    Map<String, String> owners = owners(basePackageDir, tables);
    List<String> problems = new ArrayList<>();
    for (String table : tables) {
      if (!owners.containsKey(table)) {
        problems.add("table " + table + " is owned by no module (say so in its package-info.java)");
      }
    }
    for (Path source : files(basePackageDir, ".java")) {
      Path relative = basePackageDir.relativize(source);
      if (relative.getNameCount() < 2) {
        continue;
      }
      String module = relative.getName(0).toString();
      for (String table : tablesNamedIn(read(source), tables)) {
        String owner = owners.get(table);
        if (owner != null && !owner.equals(module)) {
          problems.add(
              relative
                  + " (module "
                  + module
                  + ") reads table "
                  + table
                  + " of module "
                  + owner
                  + ": ask "
                  + owner
                  + " through its port");
        }
      }
    }
    return problems;
  }

  private static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
