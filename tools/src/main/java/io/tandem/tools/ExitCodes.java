package io.tandem.tools;

/**
 * Exit codes of the {@code tandem} command that are not the guest's own. A guest that ends
 * through the test finisher exits with its code (0 on pass).
 */
public final class ExitCodes
{
    /** Bad input: usage error, unreadable or malformed ELF, a segment that does not fit. */
    public static final int BAD_INPUT = 2;
    /** A replay stopped: a damaged journal, or a machine that no longer follows its log. */
    public static final int REPLAY_FAILED = 4;
    /** The guest locked up: a trap whose handler could not run (no handler, or one that faults). */
    public static final int GUEST_LOCKED_UP = 125;
    /** The guest waits for an interrupt that nothing can raise. */
    public static final int GUEST_WAITS_FOREVER = 124;

    private ExitCodes()
    {
    }
}
