package io.tandem.engine.replica;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.SoloRun;
import io.tandem.engine.machine.StopReason;
import io.tandem.engine.mem.MemoryMap;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.function.Consumer;

import static io.tandem.engine.replica.RecordReplayTest.guest;
import static io.tandem.engine.replica.RecordReplayTest.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorder logs incremental state checks; a replay compares each one at its instruction count
 * and, when something was made to differ in between, stops at the next check with a report of
 * what differs.
 */
class StateCheckTest
{
    private static final int RAM_MIB = 16;
    private static final long CHECK_EVERY = 200_000;
    private static final long INJECT_AFTER = 3_000_001;
    private static final String GUEST = "cpubench_quick.elf";

    private static MemoryLog log;
    private static long checks;
    private static long recordedIcount;

    @BeforeAll
    static void record() throws Exception
    {
        final Path elf = guest(GUEST);
        log = new MemoryLog();
        final MachineContext context = new MachineContext().ramMib(RAM_MIB)
            .clock(new HostClock()).entropy(new HostEntropy()).hostId(7);
        final Recorder recorder = new Recorder(LiveInputs.from(context), log, Recorder.DEFAULT_EPOCH_INSTRUCTIONS);
        context.inputs(recorder);
        try (Machine machine = new Machine(context))
        {
            machine.load(ElfReader.read(elf));
            recorder.start(sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
            recorder.stateChecks(machine, CHECK_EVERY);
            SoloRun.run(machine, Long.MAX_VALUE);
            recordedIcount = machine.icount();
            recorder.finish(machine.icount(), machine.stateHash(), machine.cpu().pc(), machine.haltReason().ordinal(),
                machine.exitCode());
            checks = recorder.statistics().entries(EntryType.STATE_HASH);
        }
        log.finish();
    }

    /** @return the instruction count of the first state check logged after {@code icount}. */
    private static long firstCheckAfter(final long icount)
    {
        final LogEntry entry = new LogEntry();
        int offset = 0;
        while (offset < log.length())
        {
            entry.wrapForRead(log.bytes(), offset);
            if (entry.type() == EntryType.STATE_HASH && entry.icount() > icount)
            {
                return entry.icount();
            }
            offset += entry.length();
        }
        throw new AssertionError("no state check after " + icount);
    }

    /**
     * Replays, applying {@code change} to the replaying machine right after the first check
     * following {@link #INJECT_AFTER} (a run that ends on the check-point grid holds the check
     * point before it returns); the next check must catch it. This guest survives the changes
     * below for that long rather than failing its own self-checks first.
     */
    private static String replayWith(final Consumer<Machine> change, final ReplayRun.Outcome expected) throws Exception
    {
        final Path elf = guest(GUEST);
        final Replayer replayer = new Replayer(log.reader());
        final MachineContext context = new MachineContext().ramMib(RAM_MIB)
            .clock(new VirtualClock(3)).entropy(new SeededEntropy(99)).hostId(1).inputs(replayer);
        try (Machine machine = new Machine(context))
        {
            machine.load(ElfReader.read(elf));
            replayer.stateHashSource(machine::stateHash);
            replayer.stateCheckSource(machine);
            replayer.start(sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
            final long injectAt = firstCheckAfter(INJECT_AFTER);
            if (change != null)
            {
                while (machine.icount() < injectAt)
                {
                    assertEquals(StopReason.BUDGET, machine.run(injectAt - machine.icount()));
                }
                change.accept(machine);
            }
            final StringBuilder report = new StringBuilder();
            assertEquals(expected, ReplayRun.run(machine, replayer, NoOpIdleStrategy.INSTANCE, report), report.toString());
            if (expected == ReplayRun.Outcome.DIVERGED)
            {
                assertEquals(firstCheckAfter(injectAt), machine.icount(), "stopped at the next check: " + report);
            }
            return report.toString();
        }
    }

    @Test
    void anUntouchedReplayPassesEveryCheck() throws Exception
    {
        // Checks are logged at check points, on a grid: a little more than CHECK_EVERY apart.
        assertTrue(checks >= recordedIcount / CHECK_EVERY * 9 / 10, "checks logged: " + checks);
        replayWith(null, ReplayRun.Outcome.MATCHED);
    }

    @Test
    void aFlippedRegisterIsCaughtAndNamed() throws Exception
    {
        final String report = replayWith(m -> m.cpu().register(27, m.cpu().register(27) ^ 0x100),
            ReplayRun.Outcome.DIVERGED);
        assertTrue(report.contains("replay diverged at instruction " + firstCheckAfter(firstCheckAfter(INJECT_AFTER)) +
            ": state check failed"), report);
        assertTrue(report.matches("(?s).*register x\\d+ is 0x[0-9a-f]{8} here, 0x[0-9a-f]{8} in the log.*"), report);
    }

    @Test
    void aFlippedRamByteIsCaughtAndItsPageNamed() throws Exception
    {
        final int address = MemoryMap.RAM_BASE + (RAM_MIB << 20) - 4096 * 3 + 100; // a page the guest leaves alone
        final String report = replayWith(m -> m.writeRamInt(address, m.ram().getInt(address) ^ 1),
            ReplayRun.Outcome.DIVERGED);
        assertTrue(report.contains("the RAM pages written since the last check differ"), report);
        assertTrue(report.contains(String.format("0x%08x", address & ~0xFFF)), report);
    }

    @Test
    void aChangedDeviceIsCaught() throws Exception
    {
        final String report = replayWith(m -> m.plic().write(4 * 7, 4, 3, m.icount()), ReplayRun.Outcome.DIVERGED);
        assertTrue(report.contains("device state differs"), report);
    }
}
