package io.tandem.engine.cpu;

/**
 * What the hart asks of the machine around it, on cold paths only: interrupt lines, the timer
 * and entropy. Every answer is a function of the instruction count at which it is asked, which
 * is what lets a recording machine log it and a replaying one reproduce it.
 */
public interface HartPlatform
{
    /**
     * @param icount instructions retired so far.
     * @return mip's hardware bits (MSIP, MTIP, MEIP) as the devices drive them now.
     */
    int pendingInterrupts(long icount);

    /** @return the CLINT's mtime for the {@code time} CSR. */
    long mtime(long icount);

    /** @return sixteen fresh bits of entropy for the {@code seed} CSR. */
    int entropy16(long icount);

    /** @return the host identity for the custom {@code hostid} CSR. */
    int hostId(long icount);
}
