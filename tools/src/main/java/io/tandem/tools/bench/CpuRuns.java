package io.tandem.tools.bench;

import io.tandem.codec.EntryType;
import io.tandem.codec.LogEntry;
import io.tandem.codec.RunStart;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.elf.ElfImage;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.SoloRun;
import io.tandem.engine.replica.ReplayRun;
import io.tandem.engine.replica.Recorder;
import io.tandem.engine.replica.Replayer;
import io.tandem.node.ElfDigest;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalReader;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A guest run to its end in this thread, as {@code tandem run}, {@code run --record} and
 * {@code replay} run it: instructions and wall time of the machine's own loop (loading the ELF
 * and opening the journal are outside the timing).
 */
final class CpuRuns
{
    /** Instructions executed, the wall time they took and the CPU time of the machine's thread. */
    static final class Timing
    {
        final long instructions;
        final long elapsedNs;
        /** CPU nanoseconds of the thread that ran the machine over the same span, or -1 when not measured. */
        final long threadCpuNs;

        Timing(final long instructions, final long elapsedNs)
        {
            this(instructions, elapsedNs, -1);
        }

        Timing(final long instructions, final long elapsedNs, final long threadCpuNs)
        {
            this.instructions = instructions;
            this.elapsedNs = elapsedNs;
            this.threadCpuNs = threadCpuNs;
        }

        double mips()
        {
            return instructions * 1e3 / Math.max(1, elapsedNs);
        }

        /** @return instructions per microsecond of the machine thread's CPU, or NaN when not measured. */
        double cpuMips()
        {
            return threadCpuNs < 0 ? Double.NaN : instructions * 1e3 / Math.max(1, threadCpuNs);
        }
    }

    private CpuRuns()
    {
    }

    /**
     * Runs the guest alone to its end on {@code engine}, in this thread.
     *
     * @return the instructions and this thread's CPU time for them (not wall time): on a host
     * loaded by other processes, the machine's own speed.
     */
    static Timing soloThreadCpu(final Path elf, final CpuEngine engine)
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Machine machine = new Machine(new MachineContext().cpuEngine(engine).consoleSink(ConsoleSink.DISCARD)))
        {
            machine.load(ElfReader.read(elf));
            final long startNs = threads.getCurrentThreadCpuTime();
            SoloRun.run(machine, Long.MAX_VALUE);
            return new Timing(machine.icount(), threads.getCurrentThreadCpuTime() - startNs);
        }
    }

    /** Runs the guest alone to its end. */
    static Timing solo(final Path elf)
    {
        try (Machine machine = new Machine(new MachineContext().consoleSink(ConsoleSink.DISCARD)))
        {
            machine.load(ElfReader.read(elf));
            final long startCpuNs = NamedThreadCpu.current();
            final long startNs = System.nanoTime();
            SoloRun.run(machine, Long.MAX_VALUE);
            final long elapsedNs = System.nanoTime() - startNs;
            return new Timing(machine.icount(), elapsedNs, cpuSince(startCpuNs));
        }
    }

    /** Runs the guest to its end, recording into a new journal in {@code journal}. */
    static Timing record(final Path elf, final Path journalDirectory)
    {
        final MachineContext context = new MachineContext().consoleSink(ConsoleSink.DISCARD);
        try (ChronicleJournal journal = ChronicleJournal.create(journalDirectory))
        {
            final Recorder recorder = new Recorder(LiveInputs.from(context), journal.appender(),
                Recorder.DEFAULT_EPOCH_INSTRUCTIONS);
            context.inputs(recorder);
            try (Machine machine = new Machine(context))
            {
                machine.load(ElfReader.read(elf));
                recorder.start(ElfDigest.sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
                final long startCpuNs = NamedThreadCpu.current();
                final long startNs = System.nanoTime();
                SoloRun.run(machine, Long.MAX_VALUE);
                recorder.finish(machine.icount(), machine.stateHash(), machine.cpu().pc(),
                    machine.haltReason().ordinal(), machine.exitCode());
                final long elapsedNs = System.nanoTime() - startNs;
                final long cpuNs = cpuSince(startCpuNs);
                journal.finish();
                return new Timing(machine.icount(), elapsedNs, cpuNs);
            }
        }
    }

    /**
     * Replays a journal written by {@link #record} to its end.
     *
     * @throws IllegalStateException when the replay does not match the recording.
     */
    static Timing replay(final Path elf, final Path journalDirectory)
    {
        final ElfImage image = ElfReader.read(elf);
        try (ChronicleJournal journal = ChronicleJournal.open(journalDirectory))
        {
            final int ramBytes;
            final int checkInterval;
            try (JournalReader peek = journal.reader())
            {
                final UnsafeBuffer first = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.MAX_LENGTH));
                final int length = peek.poll(first);
                final LogEntry start = new LogEntry().wrapForRead(first, 0);
                if (length < 0 || start.validate(length, 0) < 0 || start.type() != EntryType.RUN_START)
                {
                    throw new IllegalStateException(journalDirectory + ": the journal does not begin with RUN_START");
                }
                ramBytes = start.payloadInt(RunStart.RAM_BYTES_OFFSET);
                checkInterval = start.payloadInt(RunStart.CHECK_INTERVAL_OFFSET);
            }
            try (JournalReader reader = journal.reader())
            {
                final Replayer replayer = new Replayer(reader);
                final MachineContext context = new MachineContext().ramBytes(ramBytes)
                    .interruptCheckInstructions(checkInterval).consoleSink(ConsoleSink.DISCARD).inputs(replayer);
                try (Machine machine = new Machine(context))
                {
                    machine.load(image);
                    replayer.stateHashSource(machine::stateHash);
                    replayer.start(ElfDigest.sha256(elf), ramBytes, checkInterval);
                    final StringBuilder report = new StringBuilder();
                    final long startCpuNs = NamedThreadCpu.current();
                    final long startNs = System.nanoTime();
                    final ReplayRun.Outcome outcome = ReplayRun.run(machine, replayer,
                        new BackoffIdleStrategy(100, 10, 1_000, 1_000_000), report);
                    final long elapsedNs = System.nanoTime() - startNs;
                    final long cpuNs = cpuSince(startCpuNs);
                    if (outcome != ReplayRun.Outcome.MATCHED)
                    {
                        throw new IllegalStateException("the replay did not match its recording: " + report);
                    }
                    return new Timing(machine.icount(), elapsedNs, cpuNs);
                }
            }
        }
    }

    /** @return the calling thread's CPU nanoseconds since {@code startCpuNs}, or -1 when not measured. */
    private static long cpuSince(final long startCpuNs)
    {
        return startCpuNs < 0 ? -1 : NamedThreadCpu.current() - startCpuNs;
    }
}
