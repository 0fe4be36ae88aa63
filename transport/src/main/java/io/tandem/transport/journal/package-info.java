/**
 * The log journaled to disk: sealed {@link io.tandem.codec.LogEntry log entries} in a Chronicle
 * Queue, one excerpt per entry, behind the engine's {@link io.tandem.engine.replica.LogWriter}
 * and {@link io.tandem.engine.replica.LogReader} ports.
 * <p>
 * A journal directory holds:
 * <ul>
 *   <li>{@value io.tandem.transport.journal.ChronicleJournal#MARKER_FILE}: a short text file that
 *   says the directory is a Tandem journal, its format version and its roll cycle; a directory
 *   without it is refused;</li>
 *   <li>the queue's files: {@code metadata.cq4t} and one {@code .cq4} file per roll cycle
 *   ({@code yyyyMMdd-HH'LS'.cq4}, hourly);</li>
 *   <li>{@value io.tandem.transport.journal.ChronicleJournal#FINISHED_FILE}, once the writer has
 *   finished: how many entries the journal holds and the index of the last, so that a reader
 *   knows where the end is and can tell a complete journal from a damaged one.</li>
 * </ul>
 * The entries keep their own header and CRC32C: Chronicle adds framing and an index, not
 * integrity, so a reader hands the bytes on unchecked and the replayer validates them.
 */
package io.tandem.transport.journal;
