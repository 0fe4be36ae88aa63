/**
 * The deterministic RISC-V machine and, later, the replica roles. The engine knows no transport:
 * everything that crosses its boundary goes through small port interfaces.
 */
package io.tandem.engine;
