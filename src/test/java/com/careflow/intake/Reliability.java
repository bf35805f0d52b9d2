package com.careflow.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures the fault suite measures (times, never asserted): logged and appended to {@code
 * target/reliability/<file>}, for docs/reliability.md.
 */
final class Reliability {

  private static final Logger log = LoggerFactory.getLogger(Reliability.class);

  private Reliability() {}

  static void record(String file, String line) {
    log.info(line);
    try {
      Path report = Path.of("target", "reliability", file);
      Files.createDirectories(report.getParent());
      Files.writeString(
          report,
          line + System.lineSeparator(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
