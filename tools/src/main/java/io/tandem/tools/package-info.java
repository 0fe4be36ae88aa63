/**
 * The {@code tandem} command line: one picocli subcommand per job (run, and later pair, primary,
 * backup, client, replay, inspect, bench, report).
 */
package io.tandem.tools;
