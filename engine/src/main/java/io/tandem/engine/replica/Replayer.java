package io.tandem.engine.replica;

import io.tandem.codec.DiskCompletion;
import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.codec.LogFormatException;
import io.tandem.codec.RunStart;
import io.tandem.codec.StateCheck;
import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.DiskRequests;
import io.tandem.engine.machine.MachineInputs;
import io.tandem.engine.machine.StateCheckSource;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A replaying machine's inputs: every answer comes from the log, and the machine's own clock,
 * entropy, console and network are never asked (the backup's side of the log).
 * <p>
 * It tells the machine how far it may run ({@link #horizon}): up to the next logged event that
 * enters at a check point, or just past the instruction that makes the next logged read. An
 * entry the machine does not take where the log says it was taken — a read of another kind, or
 * a check point passed — is a divergence: the replayer stops with a report naming the sequence
 * number and instruction counts, and the machine halts. A damaged log (bad checksum, length,
 * version or type, a gap in sequence numbers) stops it the same way, reporting the last good
 * instruction count. Nothing is ever skipped silently.
 */
public final class Replayer implements MachineInputs
{
    private final LogReader reader;
    private final UnsafeBuffer staging = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
    private final LogEntry current = new LogEntry().wrapForRead(staging, 0);
    private final LogStatistics statistics = new LogStatistics();
    private boolean hasCurrent;
    private boolean ended;
    private long nextSequence = 1;
    private long lastGoodIcount;
    private long checkedHashIcount = -1;
    private long checkedHash;
    private long bytesRead;
    private long lastClockTicks;
    private String failure;
    private boolean pastBoundForTesting;
    private LongSupplier stateHash;
    private StateCheckSource checkSource;
    private final UnsafeBuffer ownCheck = new UnsafeBuffer(ByteBuffer.allocateDirect(StateCheck.LENGTH));

    /** @param reader the log. */
    public Replayer(final LogReader reader)
    {
        this.reader = reader;
    }

    /**
     * Reads the log's first entry and checks that it was recorded for this guest and machine.
     *
     * @throws ReplayMismatchException when the log is not a recording of this guest on this machine.
     */
    public void start(final byte[] elfSha256, final int ramBytes, final int checkInterval)
    {
        if (!fetch() || current.type() != EntryType.RUN_START)
        {
            throw new ReplayMismatchException(failure != null ? failure :
                ended || !hasCurrent ? "the log is empty: no RUN_START entry" :
                "the log does not begin with RUN_START (sequence " + current.sequence() + " is " +
                    EntryType.name(current.type()) + ")");
        }
        final byte[] recorded = new byte[32];
        staging.getBytes(current.payloadOffset() + RunStart.ELF_SHA256_OFFSET, recorded);
        if (!Arrays.equals(recorded, elfSha256))
        {
            throw new ReplayMismatchException("the log was recorded from another guest ELF (SHA-256 " +
                hex(recorded) + ", this ELF is " + hex(elfSha256) + ")");
        }
        final int recordedRam = current.payloadInt(RunStart.RAM_BYTES_OFFSET);
        if (recordedRam != ramBytes)
        {
            throw new ReplayMismatchException("the log was recorded with " + (recordedRam >> 20) +
                " MiB of RAM, this machine has " + (ramBytes >> 20) + " MiB");
        }
        final int recordedCheck = current.payloadInt(RunStart.CHECK_INTERVAL_OFFSET);
        if (recordedCheck != checkInterval)
        {
            throw new ReplayMismatchException("the log was recorded with an interrupt check every " + recordedCheck +
                " instructions, this machine checks every " + checkInterval);
        }
        consume();
    }

    /**
     * For a machine loaded from a snapshot: takes, checking each, every entry up to and including
     * {@code lastSequence}, the last one the snapshot's state already contains; the replay goes
     * on from the entry after it. Call after {@link #start}.
     *
     * @throws ReplayMismatchException when the log ends or is damaged before that entry.
     */
    public void skipThrough(final long lastSequence)
    {
        while (nextSequence <= lastSequence)
        {
            if (!fetch())
            {
                throw new ReplayMismatchException(failure != null ? failure :
                    "the log ends at sequence " + (nextSequence - 1) + ", before sequence " + lastSequence +
                    " that the snapshot follows");
            }
            if (current.type() == EntryType.CLOCK_READ)
            {
                lastClockTicks = current.payloadLong(0);
            }
            consume();
        }
    }

    /**
     * For a machine built by a state transfer whose log begins after the transfer's cut (no
     * RUN_START: the transfer checked guest and machine): the replay takes the entry after
     * {@code lastSequence} first.
     *
     * @param lastSequence the last entry the transferred state contains.
     * @param icount       the transferred machine's instruction count.
     * @param clockTicks   the guest's time at the cut, the floor of a later takeover's clock.
     */
    public void startAfter(final long lastSequence, final long icount, final long clockTicks)
    {
        nextSequence = lastSequence + 1;
        lastGoodIcount = icount;
        lastClockTicks = clockTicks;
    }

    private static String hex(final byte[] bytes)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < 6; i++)
        {
            text.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return text.append("...").toString();
    }

    /**
     * @param stateHash computes the replaying machine's state hash, compared with every
     *                  STATE_HASH entry of the log.
     */
    public void stateHashSource(final LongSupplier stateHash)
    {
        this.stateHash = stateHash;
    }

    /**
     * @param source the replaying machine, compared with every incremental state check of the log
     *               ({@link StateCheck}) at the instruction count where it was logged.
     */
    public void stateCheckSource(final StateCheckSource source)
    {
        this.checkSource = source;
    }

    /** @return entries and bytes replayed, by type. */
    public LogStatistics statistics()
    {
        return statistics;
    }

    /** @return where the last full state hash of the log was compared and matched, or -1. */
    public long checkedHashIcount()
    {
        return checkedHashIcount;
    }

    /** @return the last full state hash of the log that the replay matched (at {@link #checkedHashIcount()}). */
    public long checkedHash()
    {
        return checkedHash;
    }

    /** @return the icount of the last entry taken, the point up to which the replay is known good. */
    public long lastGoodIcount()
    {
        return lastGoodIcount;
    }

    /** @return the mtime of the last clock read replayed: the latest time the guest has seen. */
    public long lastClockTicks()
    {
        return lastClockTicks;
    }

    /** @return the sequence number of the last entry taken. */
    public long lastSequence()
    {
        return nextSequence - 1;
    }

    /** @return bytes of log read. */
    public long bytesRead()
    {
        return bytesRead;
    }

    /** @return true once the log's RUN_END entry is the next one. */
    public boolean atRunEnd()
    {
        return fetch() && current.type() == EntryType.RUN_END;
    }

    /** @return the recorded run's final instruction count, once {@link #atRunEnd()}; else -1. */
    public long runEndIcount()
    {
        return atRunEnd() ? current.icount() : -1;
    }

    /** @return the recorded final state hash, once {@link #atRunEnd()}. */
    public long runEndStateHash()
    {
        return current.payloadLong(0);
    }

    /** @return the recorded final pc, once {@link #atRunEnd()}. */
    public int runEndPc()
    {
        return current.payloadInt(8);
    }

    /** @return the recorded halt reason ordinal, once {@link #atRunEnd()}. */
    public int runEndHaltReason()
    {
        return current.payloadInt(12);
    }

    /** @return the recorded exit code, once {@link #atRunEnd()}. */
    public int runEndExitCode()
    {
        return current.payloadInt(16);
    }

    /** @return true when a finished log has no more entries. */
    public boolean ended()
    {
        return !fetch() && ended;
    }

    /** @return true when an entry is waiting to be taken. */
    public boolean hasNext()
    {
        return fetch();
    }

    /** @return the waiting entry (valid while {@link #hasNext()}). */
    public LogEntry next()
    {
        return current;
    }

    @Override
    public String failure()
    {
        return failure;
    }

    /** Records why the replay cannot go on, keeping the first reason. */
    public void fail(final String reason)
    {
        if (failure == null)
        {
            failure = reason;
        }
    }

    private boolean fetch()
    {
        if (hasCurrent)
        {
            return true;
        }
        if (failure != null || ended)
        {
            return false;
        }
        final int length;
        try
        {
            length = reader.poll(staging);
        }
        catch (final RuntimeException ex)
        {
            fail("the log cannot be read after sequence " + (nextSequence - 1) + ": " + ex.getMessage() +
                "; last good instruction count " + lastGoodIcount);
            return false;
        }
        if (length == LogReader.END)
        {
            ended = true;
            return false;
        }
        if (length == LogReader.NOT_YET)
        {
            return false;
        }
        try
        {
            final int entryLength = current.validate(length, bytesRead);
            if (entryLength != length)
            {
                fail("damaged log: " + (length - entryLength) + " stray bytes after entry sequence " +
                    current.sequence() + " at byte offset " + bytesRead + "; last good instruction count " + lastGoodIcount);
                return false;
            }
        }
        catch (final LogFormatException ex)
        {
            // A flipped bit can hit the sequence field itself; then say which entry was due.
            final String expected = ex.sequence() == nextSequence ? "" : " where sequence " + nextSequence + " was expected";
            fail("damaged log: " + ex.getMessage() + expected + "; last good instruction count " + lastGoodIcount);
            return false;
        }
        if (current.sequence() != nextSequence)
        {
            fail("damaged log: expected sequence " + nextSequence + " but found " + current.sequence() +
                " at byte offset " + bytesRead + "; last good instruction count " + lastGoodIcount);
            return false;
        }
        if (current.icount() < lastGoodIcount)
        {
            fail("damaged log: sequence " + current.sequence() + " goes back in time to instruction " +
                current.icount() + " from " + lastGoodIcount);
            return false;
        }
        bytesRead += length;
        hasCurrent = true;
        return true;
    }

    private void consume()
    {
        statistics.count(current.type(), current.length());
        lastGoodIcount = current.icount();
        nextSequence++;
        hasCurrent = false;
    }

    private static boolean synchronous(final int type)
    {
        return type == EntryType.CLOCK_READ || type == EntryType.ENTROPY_READ || type == EntryType.HOST_ID_READ;
    }

    /**
     * Breaks the backup's bound on purpose: with nothing more in the log, the machine runs on
     * instead of waiting, past check points whose entries have not arrived. Only for showing that
     * the simulation catches a backup that runs ahead of what its primary has logged.
     *
     * @param runPast true to break the bound.
     * @return this.
     */
    public Replayer runPastBoundForTesting(final boolean runPast)
    {
        pastBoundForTesting = runPast;
        return this;
    }

    @Override
    public long horizon(final long now)
    {
        if (!fetch())
        {
            // Nothing more is known: wait for the log, or the replay is at its end.
            return pastBoundForTesting ? Long.MAX_VALUE : now;
        }
        final long at = current.icount();
        return synchronous(current.type()) ? at + 1 : at;
    }

    /** Takes the next entry if it is a synchronous read of {@code type} at {@code icount}. */
    private boolean expect(final int type, final long icount)
    {
        if (!fetch())
        {
            fail("the guest read " + EntryType.name(type) + " at instruction " + icount +
                " but the log has no more entries (last good instruction count " + lastGoodIcount + ")");
            return false;
        }
        if (current.type() != type || current.icount() != icount)
        {
            fail("replay diverged at instruction " + icount + ": the guest read " + EntryType.name(type) +
                " but the log has " + EntryType.name(current.type()) + " at instruction " + current.icount() +
                " (sequence " + current.sequence() + ")");
            return false;
        }
        return true;
    }

    /** Takes the next entry if it is an asynchronous event of {@code type} at {@code icount}. */
    private boolean take(final int type, final long icount)
    {
        if (fetch() && current.type() == type && current.icount() == icount)
        {
            return true;
        }
        return false;
    }

    @Override
    public long mtime(final long icount)
    {
        if (!expect(EntryType.CLOCK_READ, icount))
        {
            return 0;
        }
        final long value = current.payloadLong(0);
        lastClockTicks = value;
        consume();
        return value;
    }

    @Override
    public boolean timerDue(final long icount, final long deadlineTicks)
    {
        if (take(EntryType.TIMER_INTERRUPT, icount))
        {
            consume();
            return true;
        }
        return false;
    }

    @Override
    public boolean skipTo(final long icount, final long deadlineTicks)
    {
        return false; // time moves only as the log says
    }

    @Override
    public boolean timeIsVirtual()
    {
        return false;
    }

    @Override
    public int entropy16(final long icount)
    {
        if (!expect(EntryType.ENTROPY_READ, icount))
        {
            return 0;
        }
        final int value = current.payloadInt(0);
        consume();
        return value;
    }

    @Override
    public int hostId(final long icount)
    {
        if (!expect(EntryType.HOST_ID_READ, icount))
        {
            return 0;
        }
        final int value = current.payloadInt(0);
        consume();
        return value;
    }

    @Override
    public int consoleInput(final long icount)
    {
        if (take(EntryType.CONSOLE_INPUT, icount))
        {
            final int b = current.payloadInt(0) & 0xFF;
            consume();
            return b;
        }
        return -1;
    }

    @Override
    public int networkFrame(final long icount, final MutableDirectBuffer buffer)
    {
        if (take(EntryType.NET_FRAME, icount))
        {
            final int length = current.payloadLength();
            current.getPayloadBytes(0, buffer, 0, length);
            consume();
            return length;
        }
        return -1;
    }

    @Override
    public void diskRequested(final long icount, final DiskRequests disk)
    {
        // No I/O now: a private image is read or written when the log says the request completed,
        // a shared one is never touched while replaying.
    }

    @Override
    public int diskCompletion(final long icount, final DiskRequests disk)
    {
        if (!take(EntryType.DISK_COMPLETION, icount))
        {
            return DiskRequests.NOT_DONE;
        }
        final long sequence = current.sequence();
        final long id = current.payloadLong(DiskCompletion.REQUEST_ID_OFFSET);
        final int head = current.payloadU16(DiskCompletion.HEAD_OFFSET);
        final int status = current.payloadU8(DiskCompletion.STATUS_OFFSET);
        final boolean withData = (current.payloadU8(DiskCompletion.FLAGS_OFFSET) & DiskCompletion.FLAG_DATA) != 0;
        final int dataLength = current.payloadInt(DiskCompletion.DATA_LENGTH_OFFSET);
        if (id != disk.oldestId() || head != disk.oldestHead())
        {
            fail("replay diverged at instruction " + icount + ": the log completes disk request " + id + " (head " +
                head + ", sequence " + sequence + ") but the oldest the guest made is " + disk.oldestId() + " (head " +
                disk.oldestHead() + ")");
            return DiskRequests.NOT_DONE;
        }
        if (disk.mode() == DiskMode.SHARED)
        {
            final boolean dataDue = disk.oldestIsRead() && status == 0;
            if (withData != dataDue || (withData && dataLength != disk.oldestDataLength()) ||
                dataLength != current.payloadLength() - DiskCompletion.DATA_OFFSET)
            {
                fail("replay diverged at instruction " + icount + ": disk completion sequence " + sequence + " carries " +
                    (withData ? dataLength + " bytes of read data" : "no read data") + " but request " + id +
                    (dataDue ? " reads " + disk.oldestDataLength() + " bytes from a shared disk" : " needs none") +
                    (!withData && dataDue ? " (was it recorded on a private disk?)" : ""));
                return DiskRequests.NOT_DONE;
            }
            if (withData)
            {
                current.getPayloadBytes(DiskCompletion.DATA_OFFSET, disk.staging(), disk.oldestDataOffset(), dataLength);
            }
            consume();
            return status;
        }
        if (withData)
        {
            fail("replay diverged at instruction " + icount + ": disk completion sequence " + sequence +
                " carries read data, a shared disk's, but this machine's disk is private");
            return DiskRequests.NOT_DONE;
        }
        final int own = disk.performOldest();
        if (own != status)
        {
            fail("replay diverged at instruction " + icount + ": disk request " + id + " (sequence " + sequence +
                ") completed with status " + status + " when recorded but this machine's own image answers " + own +
                ": the private images differ");
            return DiskRequests.NOT_DONE;
        }
        consume();
        return status;
    }

    @Override
    public boolean checkpointReady(final long icount)
    {
        // Entries at this icount may still be on their way (a primary's check point read half):
        // only an entry beyond it, or the log's end, says they are all here.
        // The entry waiting to be applied lies beyond: no need to ask the reader.
        return (hasCurrent && current.icount() > icount) || reader.receivedIcount() > icount || ended ||
            failure != null || pastBoundForTesting && !fetch();
    }

    /** Compares the waiting STATE_HASH entry with the machine; on a mismatch fails with a report. */
    private boolean stateMatches(final long icount)
    {
        final boolean incremental = current.payloadLength() >= StateCheck.LENGTH &&
            current.payloadInt(StateCheck.KIND_OFFSET) == StateCheck.KIND_INCREMENTAL;
        if (incremental ? checkSource == null : stateHash == null)
        {
            fail("the log has a STATE_HASH entry (sequence " + current.sequence() +
                ") but this replay cannot compute state " + (incremental ? "checks" : "hashes"));
            return false;
        }
        if (incremental)
        {
            checkSource.stateCheck(ownCheck, 0);
            if (ownCheck.getLong(StateCheck.HASH_OFFSET, ByteOrder.LITTLE_ENDIAN) != current.payloadLong(StateCheck.HASH_OFFSET))
            {
                fail(checkSource.describeDifference(current.buffer(), current.payloadOffset(),
                    ownCheck, 0) + " (sequence " + current.sequence() + ")");
                return false;
            }
            return true;
        }
        final long recorded = current.payloadLong(0);
        final long replayed = stateHash.getAsLong();
        if (replayed != recorded)
        {
            fail(String.format("replay diverged: state hash at instruction %d is %016x, the log has %016x " +
                "(sequence %d, recorded pc 0x%08x)", icount, replayed, recorded, current.sequence(),
                current.payloadInt(8)));
            return false;
        }
        checkedHashIcount = icount;
        checkedHash = recorded;
        return true;
    }

    @Override
    public void checkpoint(final long icount)
    {
        while (fetch() && current.icount() == icount &&
            (current.type() == EntryType.EPOCH || current.type() == EntryType.STATE_HASH))
        {
            if (current.type() == EntryType.STATE_HASH && !stateMatches(icount))
            {
                return;
            }
            consume();
        }
        if (fetch() && current.icount() < icount)
        {
            fail("replay diverged: the log has " + EntryType.name(current.type()) + " at instruction " +
                current.icount() + " (sequence " + current.sequence() + ") but the machine passed it, at " + icount);
        }
    }
}
