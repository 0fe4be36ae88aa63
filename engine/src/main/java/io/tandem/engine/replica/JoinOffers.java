package io.tandem.engine.replica;

import io.tandem.engine.snapshot.PreCopySender;

import java.util.function.Supplier;

/**
 * How new backups come to a primary running alone: a transfer offered from another thread of
 * this process (taken by the replica's thread at its next duty cycle), or made on request for a
 * backup that asks on the acknowledgement channel; and why the last offer came to nothing, for
 * the thread that made it.
 */
final class JoinOffers
{
    /** Written by the offering thread, taken (and cleared) by the replica's: the hand-over point. */
    private volatile PreCopySender offered;
    private volatile Runnable offeredAtCut;
    private volatile String failure;
    private String reportedAbort;
    private Supplier<PreCopySender> onRequest;
    private Runnable onRequestAtCut;

    /** Any thread: offers a transfer, forgetting the last failure. */
    void offer(final PreCopySender sender, final Runnable atCut)
    {
        failure = null;
        offeredAtCut = atCut;
        offered = sender; // last: the replica's thread reads it first, then the work at the cut
    }

    /** Replica's thread: the offered transfer, taken, or null. */
    PreCopySender take()
    {
        final PreCopySender sender = offered;
        if (sender != null)
        {
            offered = null;
        }
        return sender;
    }

    /** Replica's thread: the work at the cut of the transfer just taken. */
    Runnable offeredAtCut()
    {
        return offeredAtCut;
    }

    /** Replica's thread: the offer was refused, or a transfer stopped (a reason not yet reported). */
    void failed(final String reason)
    {
        failure = reason;
    }

    /** Replica's thread: reports a transfer's abort once. */
    void noteAbort(final String abortReason)
    {
        if (abortReason != null && abortReason != reportedAbort)
        {
            reportedAbort = abortReason;
            failure = abortReason;
        }
    }

    /** Any thread: why the last offer came to nothing, or null. */
    String failure()
    {
        return failure;
    }

    void onRequest(final Supplier<PreCopySender> senders, final Runnable atCut)
    {
        onRequest = senders;
        onRequestAtCut = atCut;
    }

    /** @return a transfer for a backup that asked, or null when this primary takes none on request. */
    PreCopySender requested()
    {
        return onRequest == null ? null : onRequest.get();
    }

    boolean takesRequests()
    {
        return onRequest != null;
    }

    Runnable requestedAtCut()
    {
        return onRequestAtCut;
    }
}
