package io.tandem.tools;

import io.tandem.node.ElfDigest;
import io.tandem.codec.RunStart;
import io.tandem.engine.cpu.compiler.CompiledEngine;
import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.StreamConsoleSink;
import io.tandem.engine.dev.StreamConsoleSource;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.elf.ElfImage;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.SoloRun;
import io.tandem.engine.wake.WakeableIdleStrategy;
import io.tandem.engine.replica.Recorder;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalSnapshots;
import io.tandem.transport.net.UdpBridge;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tandem run}: one guest, alone, on this host's clock and entropy. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs a guest ELF solo: prints its console and exits with its exit code.")
final class RunCommand implements Callable<Integer>
{
    @Mixin
    CpuOption cpu = new CpuOption();

    static final int DEFAULT_DISK_MIB = 16;
    /** How far to run before looking again for a point where a snapshot can be taken. */
    static final long SNAPSHOT_RETRY_INSTRUCTIONS = 1_000;

    @Parameters(index = "0", paramLabel = "FILE.elf", description = "RV32IMAC guest ELF")
    Path elf;

    @Option(names = "--ram", paramLabel = "MiB", description = "guest RAM in MiB (default: ${DEFAULT-VALUE})")
    int ramMib = MachineContext.DEFAULT_RAM_MIB;

    @Option(names = "--max-instructions", paramLabel = "N", description = "stop after N instructions (exit 0)")
    long maxInstructions = Long.MAX_VALUE;

    @Option(names = "--stats", description = "print instructions, wall time and MIPS to stderr at the end")
    boolean stats;

    @Option(names = "--clock", paramLabel = "host|virtual",
        description = "mtime from the host clock (default) or from the instruction count (reproducible)")
    String clock = "host";

    @Option(names = "--net", paramLabel = "udp:[HOST:]PORT[=GUESTPORT]",
        description = "bridge the guest's network card to a host UDP socket (HOST defaults to 127.0.0.1, "
            + "GUESTPORT to PORT)")
    String net;

    @Option(names = "--disk", paramLabel = "FILE", description = "disk image for the guest's block device")
    Path disk;

    @Option(names = "--disk-size", paramLabel = "MiB",
        description = "size of the disk image when FILE does not exist yet (default: ${DEFAULT-VALUE})")
    int diskSizeMib = DEFAULT_DISK_MIB;

    @Option(names = "--record", paramLabel = "DIR",
        description = "record every non-deterministic input into a journal in DIR (new or empty), for `tandem replay`")
    Path record;

    @Option(names = "--snapshot-every", paramLabel = "N",
        description = "with --record: save the machine's state every N instructions into DIR/snapshots, "
            + "for `tandem restore`")
    long snapshotEvery;

    @Option(names = "--state-check-every", paramLabel = "N",
        description = "with --record: log a state check every N instructions (registers, CSRs, devices and the "
            + "pages written since the last), which a replay compares to stop at a divergence; 0 for none "
            + "(default: ${DEFAULT-VALUE})")
    long stateCheckEvery = Recorder.DEFAULT_STATE_CHECK_INSTRUCTIONS;

    @Option(names = "--entropy-seed", paramLabel = "SEED",
        description = "seed for the entropy CSR instead of the host's SecureRandom (reproducible)")
    Long entropySeed;

    @Override
    public Integer call()
    {
        final ElfImage image = ElfReader.read(elf);
        final MachineContext context = new MachineContext()
            .ramMib(ramMib)
            .consoleSink(new StreamConsoleSink(System.out))
            .consoleSource(new StreamConsoleSource(System.in));
        switch (clock)
        {
            case "host": break;
            case "virtual": context.clock(new VirtualClock()); break;
            default: throw new IllegalArgumentException("--clock must be host or virtual: " + clock);
        }
        if (entropySeed != null)
        {
            context.entropy(new SeededEntropy(entropySeed));
        }
        if (maxInstructions < 0)
        {
            throw new IllegalArgumentException("--max-instructions must not be negative: " + maxInstructions);
        }

        if (snapshotEvery < 0 || (snapshotEvery > 0 && record == null))
        {
            throw new IllegalArgumentException("--snapshot-every needs --record and a positive count: " + snapshotEvery);
        }
        if (diskSizeMib < 1)
        {
            throw new IllegalArgumentException("--disk-size must be at least 1 MiB: " + diskSizeMib);
        }
        final NetSpec netSpec = net == null ? null : NetSpec.parse(net);
        // A signal's exit waits until this closes: after the journal is finished, the disk closed
        // and what the run printed flushed.
        try (StopOnSignal stop = StopOnSignal.install(StopOnSignal.DEFAULT_GRACE))
        {
            try
            {
                return runWithDevices(context, image, netSpec, stop);
            }
            finally
            {
                System.out.flush();
                System.err.flush();
            }
        }
    }

    /**
     * How the machine's thread waits while its guest does: until a datagram comes to the bridge's
     * socket, the disk wakes it or the guest's timer is due.
     */
    private final WakeableIdleStrategy idle = new WakeableIdleStrategy();

    private int runWithDevices(
        final MachineContext context, final ElfImage image, final NetSpec netSpec, final StopOnSignal stop)
    {
        try (FileBlockStore store = disk == null ? null : FileBlockStore.open(disk, (long)diskSizeMib << 20);
            UdpBridge bridge = netSpec == null ? null :
                UdpBridge.polled(netSpec.bind, netSpec.guestPort, context.macAddress());
            WakeableIdleStrategy watching = idle; // closed before the bridge: its selector lets the socket go
            ChronicleJournal journal = record == null ? null : ChronicleJournal.create(record))
        {
            context.blockStore(store).network(bridge, bridge);
            if (bridge != null)
            {
                bridge.watchedBy(idle, () -> true); // the machine's thread waits on the socket and reads it
            }
            final Recorder recorder = journal == null ? null :
                new Recorder(LiveInputs.from(context), journal.appender(), Recorder.DEFAULT_EPOCH_INSTRUCTIONS);
            if (recorder != null)
            {
                context.inputs(recorder);
            }
            return runMachine(context, image, recorder, journal, store, stop);
        }
    }

    private int runMachine(final MachineContext context, final ElfImage image, final Recorder recorder,
        final ChronicleJournal journal, final FileBlockStore store, final StopOnSignal stop)
    {
        try (Machine machine = new Machine(context))
        {
            machine.load(image);
            if (machine.disk() != null)
            {
                machine.disk().wakeOnCompletion(idle); // with disk I/O on its own thread
            }
            if (recorder != null)
            {
                recorder.start(ElfDigest.sha256(elf), context.ramBytes(), context.interruptCheckInstructions(),
                    RunStart.deviceFlags(context.hasNetwork(), context.blockStore() != null));
                recorder.stateChecks(machine, stateCheckEvery);
            }
            final long startNs = System.nanoTime();
            final SoloRun.Outcome outcome = snapshotEvery > 0 ?
                runWithSnapshots(machine, recorder, JournalSnapshots.of(journal.directory()), store, stop) :
                SoloRun.run(machine, maxInstructions, idle, stop);
            final long elapsedNs = System.nanoTime() - startNs;
            machine.flushConsole();
            if (recorder != null)
            {
                recorder.finish(machine.icount(), machine.stateHash(), machine.cpu().pc(),
                    machine.haltReason().ordinal(), machine.exitCode());
                journal.finish();
                System.err.printf("tandem: recorded %d entries (%d bytes) to %s; final icount %d, state hash %016x%n",
                    recorder.statistics().totalEntries(), recorder.statistics().totalBytes(), journal.directory(),
                    machine.icount(), machine.stateHash());
            }

            final PrintStream err = System.err;
            if (stats)
            {
                err.printf("engine: %s%ninstructions: %d%nwall time: %.3f s%nMIPS: %.1f%n", machine.engine().name(),
                    machine.icount(), elapsedNs / 1e9, machine.icount() * 1e3 / Math.max(1, elapsedNs));
                if (machine.engine() instanceof CompiledEngine)
                {
                    err.printf("regions: compiled by HotSpot's %s%n", CompiledEngine.regionJitTier());
                }
            }
            switch (outcome)
            {
                case INSTRUCTION_LIMIT:
                    err.printf("tandem: stopped at the instruction limit (%d) at pc 0x%08x%n",
                        machine.icount(), machine.cpu().pc());
                    return 0;
                case WAITS_FOREVER:
                    err.printf("tandem: the guest waits (WFI) at pc 0x%08x for an interrupt that nothing can raise%n",
                        machine.cpu().pc());
                    return ExitCodes.GUEST_WAITS_FOREVER;
                case STOPPED:
                    err.printf("tandem: stopped on request at instruction %d at pc 0x%08x%n",
                        machine.icount(), machine.cpu().pc());
                    return 0;
                default:
                    break;
            }
            if (machine.haltReason() == HaltReason.LOCKED_UP)
            {
                err.println("tandem: " + machine.haltMessage());
                return ExitCodes.GUEST_LOCKED_UP;
            }
            if (machine.haltReason() == HaltReason.RESET_REQUESTED)
            {
                err.println("tandem: " + machine.haltMessage());
            }
            return machine.exitCode();
        }
    }

    /**
     * Runs in pieces of {@link #snapshotEvery} instructions and saves a snapshot after each: at
     * the first point where no disk request is in live I/O, which is a few instructions later at
     * most when one was (its completion enters at the next check point).
     */
    private SoloRun.Outcome runWithSnapshots(final Machine machine, final Recorder recorder,
        final JournalSnapshots snapshots, final FileBlockStore store, final StopOnSignal stop)
    {
        final byte[] digest = ElfDigest.sha256(elf);
        long next = machine.icount() + snapshotEvery;
        while (true)
        {
            final SoloRun.Outcome outcome = SoloRun.run(machine, Math.min(next, maxInstructions), idle, stop);
            if (outcome != SoloRun.Outcome.INSTRUCTION_LIMIT || machine.icount() >= maxInstructions)
            {
                return outcome;
            }
            if (!machine.stateSavable())
            {
                next = machine.icount() + SNAPSHOT_RETRY_INSTRUCTIONS;
                continue;
            }
            snapshots.save(machine, digest, recorder.lastSequence(), store);
            next = machine.icount() + snapshotEvery;
        }
    }
}
