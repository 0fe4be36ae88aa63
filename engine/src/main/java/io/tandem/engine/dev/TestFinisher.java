package io.tandem.engine.dev;

import io.tandem.engine.machine.StateHasher;
import io.tandem.engine.mem.MmioDevice;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;

/**
 * The SiFive test finisher of the {@code virt} board: a guest ends the machine by writing
 * 0x5555 (pass), {@code (code << 16) | 0x3333} (fail with an exit code) or 0x7777 (reset).
 */
public final class TestFinisher implements MmioDevice
{
    static final int FINISHER_FAIL = 0x3333;
    static final int FINISHER_PASS = 0x5555;
    static final int FINISHER_RESET = 0x7777;

    /** Nothing written yet. */
    public static final int RUNNING = 0;
    /** The guest passed. */
    public static final int PASSED = 1;
    /** The guest failed with {@link #exitCode()}. */
    public static final int FAILED = 2;
    /** The guest asked for a reset, which this machine treats as the end of the run. */
    public static final int RESET = 3;

    private int status = RUNNING;
    private int exitCode;

    /** @return {@link #RUNNING}, {@link #PASSED}, {@link #FAILED} or {@link #RESET}. */
    public int status()
    {
        return status;
    }

    /** @return the exit code: 0 for pass and reset, the guest's code for fail. */
    public int exitCode()
    {
        return exitCode;
    }

    @Override
    public int read(final int offset, final int sizeBytes, final long icount)
    {
        return 0;
    }

    @Override
    public void write(final int offset, final int sizeBytes, final int value, final long icount)
    {
        if (offset != 0 || sizeBytes != 4 || status != RUNNING)
        {
            return;
        }
        switch (value & 0xFFFF)
        {
            case FINISHER_PASS:
                status = PASSED;
                exitCode = 0;
                break;
            case FINISHER_FAIL:
                status = FAILED;
                exitCode = value >>> 16;
                break;
            case FINISHER_RESET:
                status = RESET;
                exitCode = 0;
                break;
            default:
                break; // other values are ignored, as on QEMU
        }
    }

    @Override
    public void hashState(final StateHasher hasher)
    {
        hasher.add(status).add(exitCode);
    }

    /** Saves the status and exit code. */
    public void saveState(final StateWriter out)
    {
        out.putInt(status).putInt(exitCode);
    }

    /** Loads what {@link #saveState} saved. */
    public void loadState(final StateReader in)
    {
        status = in.getInt("finisher status", RUNNING, RESET);
        exitCode = in.getInt();
    }
}
