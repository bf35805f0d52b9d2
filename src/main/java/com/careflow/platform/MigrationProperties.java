package com.careflow.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one-shot migration command (profile {@code migrate}): migrate running instances of one
 * journey to its newest version, then exit.
 *
 * @param plan the migration plan file; the command runs only when it is set
 * @param dryRun list the instances that would move, migrate none
 */
@ConfigurationProperties("careflow.migration")
record MigrationProperties(Path plan, @DefaultValue("false") boolean dryRun) {}
