package io.tandem.codec;

/**
 * Log entry types: one per source of non-determinism, plus the entries that frame a run and
 * those the pair exchanges. A reader refuses any number not listed here. Numbers are stable:
 * new types are added after the last one.
 * <p>
 * Interrupt lines that a device raises because of a logged input are not logged again: a virtio
 * device's PLIC line follows from the {@link #NET_FRAME} or {@link #DISK_COMPLETION} it applies,
 * the UART's from the {@link #CONSOLE_INPUT} byte, so the replaying device raises the same line at
 * the same instruction. {@link #EXTERNAL_INTERRUPT} is for a line the world drives without data.
 */
public final class EntryType
{
    /** First entry of a recording: which guest, on what machine. Payload: {@link RunStart}. */
    public static final int RUN_START = 1;
    /** A read of mtime (time CSR or CLINT). Payload: u64 mtime ticks from the clock. */
    public static final int CLOCK_READ = 2;
    /** A read of the seed CSR. Payload: u32, sixteen bits of entropy. */
    public static final int ENTROPY_READ = 3;
    /** A read of the host identity CSR. Payload: u32 identity. */
    public static final int HOST_ID_READ = 4;
    /** The timer reached mtimecmp: MTIP rises at this icount. Payload: u64 mtime when it fired. */
    public static final int TIMER_INTERRUPT = 5;
    /** A byte typed at the console entered the UART. Payload: u32 byte. */
    public static final int CONSOLE_INPUT = 6;
    /** A network frame was taken for the guest's card at this icount. Payload: the frame. */
    public static final int NET_FRAME = 7;
    /** Nothing non-deterministic happened up to this icount; doubles as a heartbeat. No payload. */
    public static final int EPOCH = 8;
    /** Backup to primary: entries up to a sequence are journaled. Payload: u64 sequence. */
    public static final int ACK = 9;
    /** Liveness when there is nothing else to say. Payload: u64 sender's monotonic time, ns. */
    public static final int HEARTBEAT = 10;
    /**
     * The machine's state at this icount, for a replica to compare: a full state hash (u64 hash, u32
     * pc) or an incremental check, {@link StateCheck}.
     */
    public static final int STATE_HASH = 11;
    /** Last entry of a recording. Payload: u64 state hash, u32 pc, u32 halt reason, u32 exit code. */
    public static final int RUN_END = 12;

    /**
     * A disk request finished and its completion (used ring, read data, status byte, interrupt)
     * entered the guest at this icount; completions come in request order. Payload:
     * {@link DiskCompletion}, with the data of a read when the disk is shared.
     */
    public static final int DISK_COMPLETION = 13;
    /**
     * A PLIC source driven from outside the machine changed level at this icount. Payload:
     * {@link ExternalInterrupt}.
     */
    public static final int EXTERNAL_INTERRUPT = 14;

    /** Highest type number. */
    public static final int MAX = EXTERNAL_INTERRUPT;

    private static final String[] NAMES = {
        "?", "RUN_START", "CLOCK_READ", "ENTROPY_READ", "HOST_ID_READ", "TIMER_INTERRUPT", "CONSOLE_INPUT",
        "NET_FRAME", "EPOCH", "ACK", "HEARTBEAT", "STATE_HASH", "RUN_END", "DISK_COMPLETION", "EXTERNAL_INTERRUPT"};

    private EntryType()
    {
    }

    /** @return true for a type this version of the codec knows. */
    public static boolean known(final int type)
    {
        return type >= 1 && type <= MAX;
    }

    /** @return the type's name, or "UNKNOWN(n)". */
    public static String name(final int type)
    {
        return known(type) ? NAMES[type] : "UNKNOWN(" + type + ")";
    }
}
