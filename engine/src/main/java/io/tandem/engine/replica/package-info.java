/**
 * Replica roles: a recording machine that logs every non-deterministic input at its instruction
 * count, and a replaying machine that takes them from a log and follows the recording exactly.
 * The log is reached through ports ({@link io.tandem.engine.replica.LogWriter},
 * {@link io.tandem.engine.replica.LogReader}); journals and channels implement them elsewhere.
 */
package io.tandem.engine.replica;
