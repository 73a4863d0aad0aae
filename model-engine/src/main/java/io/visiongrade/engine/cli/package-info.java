/**
 * The {@code model-engine} command line: {@link io.visiongrade.engine.cli.EngineCli} parses
 * arguments (picocli) and maps outcomes to exit codes; {@link io.visiongrade.engine.cli.Commands}
 * holds one method per command that returns a result object, so tests and other callers can use the
 * commands without a process.
 */
package io.visiongrade.engine.cli;
