/**
 * A pair's two channels over Aeron: the log (primary to backup) and the acknowledgements (backup
 * to primary), over IPC in one process or UDP between hosts, with an embedded media driver.
 */
package io.tandem.transport.aeron;
