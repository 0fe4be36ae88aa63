package io.tandem.node;

import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.FileArbiter;
import io.tandem.engine.replica.MemoryChannel;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PrimaryReplica;
import org.agrona.CloseHelper;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pair driven from one thread with in-memory channels and a hand-moved clock, so that every
 * fault is placed exactly: crashes, partitions, an unreachable arbiter, a slow backup.
 */
class PairTest
{
    private static final long TIMEOUT_NS = 200_000_000L;

    @TempDir
    Path arbiterDirectory;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final MemoryChannel logChannel = new MemoryChannel();
    private final MemoryChannel ackChannel = new MemoryChannel();
    private final ByteArrayOutputStream primaryConsole = new ByteArrayOutputStream();
    private final ByteArrayOutputStream backupConsole = new ByteArrayOutputStream();
    private final CountersManager counters = TestCounters.inMemory();
    private PrimaryNode primaryNode;
    private BackupNode backupNode;
    private PrimaryReplica primary;
    private BackupReplica backup;
    private boolean crashOnFirstOutput;

    /** The primary dies inside the call that released an output: nothing after it runs. */
    private static final class PrimaryCrash extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
    }

    private void primaryWrites(final byte b)
    {
        primaryConsole.write(b);
        if (crashOnFirstOutput)
        {
            throw new PrimaryCrash();
        }
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.closeAll(primaryNode, backupNode);
    }

    /** The pair as the node module composes it, its replicas stepped from this thread. */
    private void build(final String elfName, final PairConfig config) throws Exception
    {
        build(elfName, config, MachineContext.DEFAULT_CPU_ENGINE, MachineContext.DEFAULT_CPU_ENGINE);
    }

    /** Builds the pair with each machine on its own engine; a compiled one compiles what runs twice. */
    private void build(final String elfName, final PairConfig config, final CpuEngine primaryEngine,
        final CpuEngine backupEngine) throws Exception
    {
        final Path elf = TestGuests.guest(elfName);
        final byte[] digest = ElfDigest.sha256(elf);
        final FileArbiter arbiter = new FileArbiter(arbiterDirectory);
        primaryNode = new PrimaryNode(new PrimaryNodeContext().image(ElfReader.read(elf)).machine(machineContext(primaryEngine))
            .console(this::primaryWrites).channels(logChannel, ackChannel).arbiter(arbiter).config(config)
            .clock(clock).counters(counters));
        primaryNode.begin(digest);
        primary = primaryNode.replica();
        backupNode = new BackupNode(new BackupNodeContext().image(ElfReader.read(elf)).machine(machineContext(backupEngine))
            .console(backupConsole::write).channels(logChannel, ackChannel).arbiter(arbiter).config(config)
            .clock(clock).counters(counters));
        // The first entry (RUN_START) is checked by the backup's replayer as it takes it.
        backupNode.begin(digest, TIMEOUT_NS);
        backup = backupNode.replica();
    }

    /** As {@link #build(String, PairConfig)}, each machine with a network card that receives nothing. */
    private void buildWithNetwork(final String elfName, final PairConfig config) throws Exception
    {
        final Path elf = TestGuests.guest(elfName);
        final byte[] digest = ElfDigest.sha256(elf);
        final FileArbiter arbiter = new FileArbiter(arbiterDirectory);
        primaryNode = new PrimaryNode(new PrimaryNodeContext().image(ElfReader.read(elf))
            .machine(machineContext(MachineContext.DEFAULT_CPU_ENGINE)).network(PacketSource.NONE, (b, o, l) -> { })
            .console(this::primaryWrites).channels(logChannel, ackChannel).arbiter(arbiter).config(config)
            .clock(clock).counters(counters));
        primaryNode.begin(digest);
        primary = primaryNode.replica();
        backupNode = new BackupNode(new BackupNodeContext().image(ElfReader.read(elf))
            .machine(machineContext(MachineContext.DEFAULT_CPU_ENGINE)).network(PacketSource.NONE, (b, o, l) -> { })
            .console(backupConsole::write).channels(logChannel, ackChannel).arbiter(arbiter).config(config)
            .clock(clock).counters(counters));
        backupNode.begin(digest, TIMEOUT_NS);
        backup = backupNode.replica();
    }

    private static MachineContext machineContext(final CpuEngine engine)
    {
        return new MachineContext().ramMib(16).cpuEngine(engine).compileThreshold(2)
            .clock(new HostClock()).entropy(new HostEntropy());
    }

    private static PairConfig config()
    {
        return new PairConfig().failureTimeoutNs(TIMEOUT_NS).heartbeatIntervalNs(10_000_000L)
            .sliceInstructions(20_000).epochInstructions(20_000);
    }

    /** Steps both agents, moving the clock by a millisecond a round, until {@code rounds} pass or both stop. */
    private void step(final int rounds, final boolean stepPrimary, final boolean stepBackup)
    {
        for (int i = 0; i < rounds; i++)
        {
            clock.update(clock.nanoTime() + 1_000_000L);
            if (stepPrimary)
            {
                primary.doWork();
            }
            if (stepBackup)
            {
                backup.doWork();
            }
            if (primary.state() == PrimaryReplica.State.HALTED && backup.state() == BackupReplica.State.HALTED)
            {
                return;
            }
        }
    }

    private void assertBothEndedInTheSameState()
    {
        assertEquals(PrimaryReplica.State.HALTED, primary.state(), primary.haltReason());
        assertEquals(BackupReplica.State.HALTED, backup.state(), String.valueOf(backup.haltReason()));
        assertTrue(backup.haltReason().startsWith("the guest ended"), backup.haltReason());
        assertEquals(primary.machine().icount(), backup.machine().icount());
        assertEquals(primary.machine().stateHash(), backup.machine().stateHash());
    }

    @Test
    void primaryAndBackupEndAtTheSameIcountWithTheSameStateHash() throws Exception
    {
        build("traps.elf", config());
        step(100_000, true, true);
        assertBothEndedInTheSameState();
        assertTrue(primaryConsole.toString().contains("traps: all checks passed"), primaryConsole.toString());
        assertEquals("", backupConsole.toString(), "a following backup sends nothing");
    }

    @ParameterizedTest(name = "primary {0}, backup {1}")
    @CsvSource({"COMPILED, INTERPRETED", "INTERPRETED, COMPILED", "COMPILED, COMPILED"})
    void aPrimaryAndABackupOnDifferentEnginesPassEveryStateCheckAndEndAtTheSameState(
        final CpuEngine primaryEngine, final CpuEngine backupEngine) throws Exception
    {
        // State checks every 50 000 instructions: the backup compares its state with the primary's
        // all along, not only at the end.
        build("cpubench_quick.elf", config().stateCheckInstructions(50_000), primaryEngine, backupEngine);
        step(100_000, true, true);
        assertBothEndedInTheSameState();
        assertTrue(primary.machine().icount() > 30_000_000L, "ran the whole benchmark: " + primary.machine().icount());
        assertEquals(primaryEngine.optionName(), primary.machine().engine().name());
        assertEquals(backupEngine.optionName(), backup.machine().engine().name());
    }

    @Test
    void aBackupThatDivergesStopsAtTheNextStateCheckWithAReport() throws Exception
    {
        build("cpubench_quick.elf", config().stateCheckInstructions(100_000));
        step(20, true, true);
        assertEquals(BackupReplica.State.FOLLOWING, backup.state(), String.valueOf(backup.haltReason()));
        final long injectedAt = backup.machine().icount();
        backup.machine().writeRamInt(0x80F0_0000, 0x5EED); // a page the guest never touches
        step(20_000, true, true);
        assertEquals(BackupReplica.State.HALTED, backup.state());
        final String report = backup.haltReason();
        assertTrue(report.matches("replay diverged: replay diverged at instruction \\d+: state check failed .*"), report);
        assertTrue(report.contains("the RAM pages written since the last check differ") && report.contains("0x80f00000"),
            report);
        assertTrue(backup.machine().icount() - injectedAt <= 100_000 + config().sliceInstructions() + 8192,
            "caught at the next check: " + (backup.machine().icount() - injectedAt) + " instructions later");
        assertEquals("", backupConsole.toString(), "a diverged backup sends nothing");
    }

    @Test
    void aGuestWaitingOnItsTimerBoundsThePrimarysIdleToTheTimersDeadline() throws Exception
    {
        build("clock.elf", config()); // ticks of 10 ms, WFI between them, on the host's clock
        final java.util.List<Long> bounds = new java.util.ArrayList<>();
        primary.idleBound(bounds::add);
        for (int i = 0; i < 1_000 && bounds.isEmpty(); i++)
        {
            primary.doWork();
            backup.doWork();
        }
        assertTrue(!bounds.isEmpty(), "the guest waited in WFI and nobody was told its deadline");
        assertTrue(bounds.get(0) >= 0 && bounds.get(0) <= 10_000_000L, "bound " + bounds.get(0) + " ns");
    }

    @Test
    void thePrimaryPollsForAnAcknowledgementWhileAnOutputWaitsAndParksOnceTheSpinIsOver() throws Exception
    {
        // echo: one line out, then WFI with no timer armed, so its own idle bound is "none".
        final PairConfig config = config().ackSpinNs(3_000_000L).heartbeatIntervalNs(1_000_000_000L);
        buildWithNetwork("echo.elf", config);
        ackChannel.connected(false); // acks are lost: the output stays held
        for (int i = 0; i < 1_000 && primary.gate().heldBytes() == 0; i++)
        {
            primary.doWork();
            backup.doWork();
        }
        assertTrue(primary.gate().heldBytes() > 0, "the start-up line is held");
        final java.util.List<Long> bounds = new java.util.ArrayList<>();
        primary.idleBound(bounds::add);
        primary.doWork();
        assertTrue(bounds.contains(0L), "polls while the output waits: " + bounds);
        clock.update(clock.nanoTime() + 3_000_001L);
        bounds.clear();
        primary.doWork();
        primary.doWork();
        assertTrue(primary.gate().heldBytes() > 0);
        assertTrue(!bounds.contains(0L), "parks once the spin is over: " + bounds);
    }

    @Test
    void outputsWaitForTheBackupsAcknowledgement() throws Exception
    {
        build("hello.elf", config());
        ackChannel.connected(false); // acks are lost, the primary keeps running
        step(50, true, true);
        assertEquals("", primaryConsole.toString());
        assertTrue(primary.gate().heldBytes() > 0, "held " + primary.gate().heldBytes() + " state " + primary.state() + " icount " + primary.machine().icount() + " " + primary.haltReason());
        ackChannel.connected(true);
        step(50, true, true);
        assertTrue(primaryConsole.toString().startsWith("Hello from Tandem guest"), primaryConsole.toString());
    }

    @Test
    void whenTheBackupDiesThePrimaryGoesOnAloneAndStopsHoldingOutputs() throws Exception
    {
        build("traps.elf", config());
        step(5, true, true);
        logChannel.connected(false);
        ackChannel.connected(false);
        step(100_000, true, false);
        assertEquals(PrimaryReplica.State.HALTED, primary.state());
        assertTrue(primary.haltReason().startsWith("the guest ended"), primary.haltReason());
        assertTrue(primaryConsole.toString().contains("traps: all checks passed"), primaryConsole.toString());
        assertEquals(0, primary.gate().heldBytes());
        assertTrue(Files.exists(arbiterDirectory.resolve("tandem-generation-1")));
    }

    @Test
    void whenThePrimaryDiesTheBackupFinishesTheLogAndGoesLive() throws Exception
    {
        build("traps.elf", config());
        step(3, true, true);
        final long primaryIcountAtDeath = primary.machine().icount();
        logChannel.connected(false);
        ackChannel.connected(false);
        step(100_000, false, true);
        assertNotEquals(0, backup.wentLiveNs(), String.valueOf(backup.haltReason()));
        assertTrue(backup.wentLiveIcount() <= primaryIcountAtDeath);
        assertTrue(backup.haltReason().startsWith("the guest ended"), backup.haltReason());
        assertTrue(backupConsole.toString().contains("traps: all checks passed"), backupConsole.toString());
    }

    @Test
    void whenThePrimaryDiesJustAfterReleasingAnOutputTheBackupProducesItAgain() throws Exception
    {
        build("hello.elf", config());
        crashOnFirstOutput = true;
        boolean crashed = false;
        for (int i = 0; i < 10_000 && !crashed; i++)
        {
            clock.update(clock.nanoTime() + 1_000_000L);
            try
            {
                primary.doWork();
            }
            catch (final PrimaryCrash ex)
            {
                crashed = true; // released, and dead before it could tell the backup
            }
            backup.doWork();
        }
        assertTrue(crashed, "the primary never released an output");
        final String released = primaryConsole.toString();
        assertEquals(1, released.length());

        step(100_000, false, true);
        assertEquals(BackupReplica.State.HALTED, backup.state());
        assertTrue(backup.haltReason().contains("sent again"), backup.haltReason());
        assertTrue(Files.exists(arbiterDirectory.resolve("tandem-generation-1")), "the backup went to the arbiter");
        final String again = backupConsole.toString();
        assertTrue(again.startsWith(released + "ello from Tandem guest"),
            "the live backup must send the released output again (clients drop the duplicate): " + again);
    }

    @Test
    void aPeerThatHasNotSpokenYetIsStartingNotDeadButOnceHeardTheFailureTimeoutApplies() throws Exception
    {
        build("cpubench_quick.elf", config().startupTimeoutNs(2_000_000_000L));
        step(500, true, false); // 500 ms of a backup that has not started: over the failure timeout
        assertEquals(PrimaryReplica.State.PAIRED, primary.state(), String.valueOf(primary.haltReason()));
        step(5, true, true);
        assertEquals(PrimaryReplica.State.PAIRED, primary.state());
        step(300, true, false); // now it has spoken: 300 ms of silence is a failure
        assertEquals(PrimaryReplica.State.ALONE, primary.state(), String.valueOf(primary.haltReason()));
    }

    @Test
    void aPartitionWithBothReachingTheArbiterLeavesExactlyOneGoingOn() throws Exception
    {
        final Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            tearDown();
            final Path directory = arbiterDirectory.resolve("trial-" + trial);
            Files.createDirectories(directory);
            arbiterDirectory = directory;
            logChannel.connected(true);
            ackChannel.connected(true);
            build("traps.elf", config());
            step(1 + random.nextInt(5), true, true);
            logChannel.connected(false);
            ackChannel.connected(false);
            // Both sides keep running in whatever order until each has decided.
            for (int i = 0; i < 2_000 && (primary.state() == PrimaryReplica.State.PAIRED ||
                backup.state() == BackupReplica.State.FOLLOWING); i++)
            {
                clock.update(clock.nanoTime() + 1_000_000L);
                if (random.nextBoolean())
                {
                    primary.doWork();
                    backup.doWork();
                }
                else
                {
                    backup.doWork();
                    primary.doWork();
                }
            }
            final boolean primaryGoesOn = primary.state() == PrimaryReplica.State.ALONE ||
                (primary.state() == PrimaryReplica.State.HALTED && primary.haltReason().startsWith("the guest ended"));
            final boolean backupGoesOn = backup.wentLiveNs() != 0;
            assertTrue(primaryGoesOn ^ backupGoesOn, "trial " + trial + ": primary " + primary.state() + " / " +
                primary.haltReason() + ", backup " + backup.state() + " / " + backup.haltReason());
        }
    }

    @Test
    void whenTheArbiterIsUnreachableNobodyGoesLive() throws Exception
    {
        build("traps.elf", config());
        step(3, true, true);
        Files.delete(arbiterDirectory);
        logChannel.connected(false);
        ackChannel.connected(false);
        step(2_000, true, true);
        assertEquals(PrimaryReplica.State.HALTED, primary.state());
        assertTrue(primary.haltReason().contains("arbiter cannot be reached"), primary.haltReason());
        assertEquals(BackupReplica.State.HALTED, backup.state());
        assertTrue(backup.haltReason().contains("arbiter cannot be reached"), backup.haltReason());
        assertEquals(0, backup.wentLiveNs());
    }

    @Test
    void aSlowBackupSlowsThePrimaryAndTheLagStaysBounded() throws Exception
    {
        final PairConfig config = config().maxLagInstructions(2_000_000).sliceInstructions(100_000);
        build("cpubench_quick.elf", config);
        long maxLag = 0;
        for (int round = 0; round < 3_000 && primary.state() != PrimaryReplica.State.HALTED; round++)
        {
            clock.update(clock.nanoTime() + 100_000L);
            primary.doWork();
            if (round % 10 == 0)
            {
                backup.doWork(); // the backup gets a tenth of the turns
            }
            maxLag = Math.max(maxLag, primary.lagInstructions());
        }
        assertTrue(primary.lagPauses() > 0, "the primary was slowed");
        assertTrue(maxLag <= config.maxLagInstructions() + config.sliceInstructions(), "lag " + maxLag);
        assertEquals(PrimaryReplica.State.PAIRED, primary.state(), "nothing timed out");
    }
}
