package io.tandem.engine.machine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Port: a machine's incremental state check ({@link io.tandem.codec.StateCheck}), computed by the
 * recording replica and logged, then computed by the replaying one at the same instruction count
 * and compared. Each check starts a new interval: the written pages are forgotten.
 */
public interface StateCheckSource
{
    /** Writes the check's payload at {@code offset} and forgets the pages written so far. */
    void stateCheck(MutableDirectBuffer buffer, int offset);

    /**
     * @param logged    a logged check's payload.
     * @param own       this machine's check at the same instruction count, just written by
     *                  {@link #stateCheck}.
     * @return what differs: pc, which registers, CSRs, devices, which pages.
     */
    String describeDifference(DirectBuffer logged, int loggedOffset, DirectBuffer own, int ownOffset);
}
