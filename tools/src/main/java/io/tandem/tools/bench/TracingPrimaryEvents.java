package io.tandem.tools.bench;

import io.tandem.engine.replica.PrimaryEvents;

/**
 * The primary's moments on a request's way out, timestamped in a {@link HandOffLog}: entries
 * sent to the backup, outputs held and released, acknowledgements taken, frames sent. For
 * {@link HandOffTrace} only.
 */
final class TracingPrimaryEvents implements PrimaryEvents
{
    private final HandOffLog log;

    TracingPrimaryEvents(final HandOffLog log)
    {
        this.log = log;
    }

    @Override
    public void entrySent(final int type)
    {
        log.entrySent(HandOffLog.Party.PRIMARY, type);
    }

    @Override
    public void outputHeld(final long tag)
    {
        log.record(HandOffLog.Party.PRIMARY, HandOffLog.Kind.OUTPUT_HELD, HandOffLog.Party.PRIMARY);
    }

    @Override
    public void ackTaken(final long sequence)
    {
        log.record(HandOffLog.Party.PRIMARY, HandOffLog.Kind.ACK_TAKEN, HandOffLog.Party.BACKUP);
    }

    @Override
    public void outputsReleased(final int count)
    {
        log.record(HandOffLog.Party.PRIMARY, HandOffLog.Kind.RELEASED, HandOffLog.Party.PRIMARY);
    }

    @Override
    public void frameSent()
    {
        log.record(HandOffLog.Party.PRIMARY, HandOffLog.Kind.FRAME_SENT, HandOffLog.Party.PRIMARY);
    }
}
