package io.tandem.engine.replica;

import io.tandem.codec.DiskCompletion;
import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.codec.RunStart;
import io.tandem.codec.StateCheck;
import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.DiskRequests;
import io.tandem.engine.machine.MachineInputs;
import io.tandem.engine.machine.StateCheckSource;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A recording machine's inputs: answers from live ports and logs every answer as an entry at
 * its instruction count (the primary's side of the log). Synchronous reads (clock, entropy, host
 * identity) are logged during the reading instruction; asynchronous events (timer, console,
 * network, disk completions) at the check point where they enter; an epoch mark when nothing was logged for
 * {@link #epochInstructions()} instructions. Encoding goes through one reused off-heap buffer.
 */
public final class Recorder implements MachineInputs
{
    /** Default distance in instructions after which a check point logs an epoch mark. */
    public static final long DEFAULT_EPOCH_INSTRUCTIONS = 1_000_000L;
    /**
     * Default distance in instructions between state checks: a few per second at full speed,
     * each costing a hash of the registers, CSRs, devices and the pages written since the last.
     */
    public static final long DEFAULT_STATE_CHECK_INSTRUCTIONS = 10_000_000L;

    private final MachineInputs live;
    private final LogWriter writer;
    private final long epochInstructions;
    private final UnsafeBuffer staging = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
    private final LogEntry entry = new LogEntry();
    private final LogStatistics statistics = new LogStatistics();
    private long sequence;
    private long lastEntryIcount;
    private StateCheckSource checkSource;
    private long checkEveryInstructions;
    private long nextCheckIcount = Long.MAX_VALUE;
    private boolean outputPending;

    /**
     * @param live              the ports answering for real.
     * @param writer            where entries go.
     * @param epochInstructions instructions without an entry after which an epoch mark is logged.
     */
    public Recorder(final MachineInputs live, final LogWriter writer, final long epochInstructions)
    {
        this.live = live;
        this.writer = writer;
        this.epochInstructions = epochInstructions;
    }

    /** @return the distance between epoch marks when nothing else is logged. */
    public long epochInstructions()
    {
        return epochInstructions;
    }

    /**
     * Logs an incremental state check ({@link StateCheck}) at the first check point at least
     * {@code everyInstructions} after the previous one, for a replay to compare.
     *
     * @param source          the recording machine.
     * @param everyInstructions the distance between checks; 0 for none.
     * @return this.
     */
    public Recorder stateChecks(final StateCheckSource source, final long everyInstructions)
    {
        if (everyInstructions < 0)
        {
            throw new IllegalArgumentException("state check interval must not be negative: " + everyInstructions);
        }
        this.checkSource = everyInstructions == 0 ? null : source;
        this.checkEveryInstructions = everyInstructions;
        this.nextCheckIcount = everyInstructions == 0 ? Long.MAX_VALUE : lastEntryIcount + everyInstructions;
        return this;
    }

    /** @return entries and bytes logged, by type. */
    public LogStatistics statistics()
    {
        return statistics;
    }

    /**
     * The tag of an output the guest produces now: the sequence number of the next entry, which
     * is logged at the next check point at the latest (an epoch mark if nothing else comes). An
     * output released once that entry is acknowledged is one the backup will reproduce, because
     * the backup's replay reaches the entry and so passes the output's instruction.
     *
     * @return the sequence the output waits for.
     */
    public long outputTag()
    {
        outputPending = true;
        return sequence + 1;
    }

    /** @return the sequence number of the last entry logged. */
    public long lastSequence()
    {
        return sequence;
    }

    /**
     * Logs the first entry: which guest on which machine, so that a replay can refuse a log that
     * belongs to another.
     */
    public void start(final byte[] elfSha256, final int ramBytes, final int checkInterval)
    {
        start(elfSha256, ramBytes, checkInterval, 0);
    }

    /**
     * Logs the first entry with the machine's devices, {@link RunStart#deviceFlags}: a replay then
     * knows which it needs.
     */
    public void start(final byte[] elfSha256, final int ramBytes, final int checkInterval, final int deviceFlags)
    {
        final LogEntry e = begin(EntryType.RUN_START, 0);
        staging.putBytes(e.payloadOffset() + RunStart.ELF_SHA256_OFFSET, elfSha256, 0, 32);
        e.payloadInt(RunStart.RAM_BYTES_OFFSET, ramBytes)
            .payloadInt(RunStart.CHECK_INTERVAL_OFFSET, checkInterval)
            .payloadInt(RunStart.FLAGS_OFFSET, deviceFlags);
        commit(RunStart.LENGTH);
    }

    /** Logs the last entry: where and in what state the recorded run ended. */
    public void finish(final long icount, final long stateHash, final int pc, final int haltReason, final int exitCode)
    {
        begin(EntryType.RUN_END, icount).payloadLong(0, stateHash).payloadInt(8, pc)
            .payloadInt(12, haltReason).payloadInt(16, exitCode);
        commit(20);
        writer.flush();
    }

    /** Logs a state hash at an instruction count (divergence checks). */
    public void stateHash(final long icount, final long stateHash, final int pc)
    {
        begin(EntryType.STATE_HASH, icount).payloadLong(0, stateHash).payloadInt(8, pc);
        commit(12);
    }

    private LogEntry begin(final int type, final long icount)
    {
        return entry.wrap(staging, 0).type(type).sequence(sequence + 1).icount(icount);
    }

    private void commit(final int payloadLength)
    {
        final int length = entry.seal(payloadLength);
        writer.append(staging, 0, length);
        sequence++;
        lastEntryIcount = entry.icount();
        outputPending = false;
        statistics.count(entry.type(), length);
    }

    @Override
    public long mtime(final long icount)
    {
        final long value = live.mtime(icount);
        begin(EntryType.CLOCK_READ, icount).payloadLong(0, value);
        commit(8);
        return value;
    }

    @Override
    public boolean timerDue(final long icount, final long deadlineTicks)
    {
        final boolean due = live.timerDue(icount, deadlineTicks);
        if (due)
        {
            begin(EntryType.TIMER_INTERRUPT, icount).payloadLong(0, deadlineTicks);
            commit(8);
        }
        return due;
    }

    @Override
    public boolean skipTo(final long icount, final long deadlineTicks)
    {
        return live.skipTo(icount, deadlineTicks);
    }

    @Override
    public boolean timeIsVirtual()
    {
        return live.timeIsVirtual();
    }

    @Override
    public int entropy16(final long icount)
    {
        final int value = live.entropy16(icount);
        begin(EntryType.ENTROPY_READ, icount).payloadInt(0, value);
        commit(4);
        return value;
    }

    @Override
    public int hostId(final long icount)
    {
        final int value = live.hostId(icount);
        begin(EntryType.HOST_ID_READ, icount).payloadInt(0, value);
        commit(4);
        return value;
    }

    @Override
    public int consoleInput(final long icount)
    {
        final int b = live.consoleInput(icount);
        if (b >= 0)
        {
            begin(EntryType.CONSOLE_INPUT, icount).payloadInt(0, b);
            commit(4);
        }
        return b;
    }

    @Override
    public int networkFrame(final long icount, final MutableDirectBuffer buffer)
    {
        final int length = live.networkFrame(icount, buffer);
        if (length >= 0)
        {
            if (length > LogEntry.MAX_PAYLOAD_LENGTH)
            {
                throw new IllegalStateException("frame of " + length + " bytes exceeds a log entry");
            }
            begin(EntryType.NET_FRAME, icount).payloadBytes(0, buffer, 0, length);
            commit(length);
        }
        return length;
    }

    @Override
    public void diskRequested(final long icount, final DiskRequests disk)
    {
        live.diskRequested(icount, disk); // the guest's notification is deterministic: nothing to log
    }

    @Override
    public int diskCompletion(final long icount, final DiskRequests disk)
    {
        final int status = live.diskCompletion(icount, disk);
        if (status >= 0)
        {
            // Only a shared image's reads need their data: a private one is read again by the replay.
            final boolean withData = disk.mode() == DiskMode.SHARED && disk.oldestIsRead() && status == 0;
            final int dataLength = withData ? disk.oldestDataLength() : 0;
            final LogEntry e = begin(EntryType.DISK_COMPLETION, icount)
                .payloadLong(DiskCompletion.REQUEST_ID_OFFSET, disk.oldestId())
                .payloadU16(DiskCompletion.HEAD_OFFSET, disk.oldestHead())
                .payloadU8(DiskCompletion.STATUS_OFFSET, status)
                .payloadU8(DiskCompletion.FLAGS_OFFSET, withData ? DiskCompletion.FLAG_DATA : 0)
                .payloadInt(DiskCompletion.DATA_LENGTH_OFFSET, dataLength);
            if (withData)
            {
                e.payloadBytes(DiskCompletion.DATA_OFFSET, disk.staging(), disk.oldestDataOffset(), dataLength);
            }
            commit(DiskCompletion.DATA_OFFSET + dataLength);
        }
        return status;
    }

    @Override
    public void checkpoint(final long icount)
    {
        if (icount >= nextCheckIcount)
        {
            // First: an output waiting for the next entry is covered by this one.
            final LogEntry e = begin(EntryType.STATE_HASH, icount);
            checkSource.stateCheck(staging, e.payloadOffset());
            commit(StateCheck.LENGTH);
            nextCheckIcount = icount + checkEveryInstructions;
        }
        if (outputPending || icount - lastEntryIcount >= epochInstructions)
        {
            begin(EntryType.EPOCH, icount);
            commit(0);
        }
    }

    @Override
    public void saveState(final StateWriter out)
    {
        live.saveState(out);
    }

    @Override
    public void loadState(final StateReader in)
    {
        live.loadState(in);
    }
}
