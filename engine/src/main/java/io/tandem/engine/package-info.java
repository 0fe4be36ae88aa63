/**
 * The deterministic RISC-V machine and the replica roles (solo, primary = recorder, backup =
 * replayer; {@code engine.replica}). The engine knows no transport: everything that crosses its
 * boundary goes through small port interfaces, which the transport implements and the node
 * module composes.
 */
package io.tandem.engine;
