package io.tandem.tools.replay;

import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.elf.ElfReader;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.SoloRun;
import io.tandem.engine.replica.Recorder;
import io.tandem.transport.journal.ChronicleJournal;
import io.tandem.transport.journal.JournalAppender;
import io.tandem.transport.net.UdpBridge;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A guest recorded into a Chronicle journal while it serves a loopback UDP port through the real
 * bridge, on this host's clock and entropy: the recording side of a record/replay test. One
 * thread owns the machine, the recorder and the journal's appender from start to finish (a
 * Chronicle appender is single-threaded); the test thread only asks it to stop.
 */
final class RecordingGuest implements AutoCloseable
{
    /** The recording host's identity, which a replay must reproduce whatever its own. */
    static final int HOST_ID = 0x1234_5678;
    static final int RAM_MIB = 16;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** How the recording ended. */
    static final class Recorded
    {
        long icount;
        long stateHash;
        long entries;
        String console;
        List<byte[]> framesSent;
    }

    private final Path elf;
    private final UdpBridge bridge;
    private final CapturingPacketSink sent;
    private final FileBlockStore store;
    private final ChronicleJournal journal;
    private final ConsoleCapture console = new ConsoleCapture();
    private final Thread runner;
    // Set by the test thread, read by the machine thread between chunks.
    private volatile boolean stopRequested;
    private volatile Recorded recorded;
    private volatile Throwable failure;

    private RecordingGuest(final Path elf, final int guestPort, final Path disk, final Path journalDirectory)
    {
        this.elf = elf;
        bridge = new UdpBridge(new InetSocketAddress("127.0.0.1", 0), guestPort, MachineContext.DEFAULT_MAC_ADDRESS);
        sent = new CapturingPacketSink(bridge);
        store = disk == null ? null : FileBlockStore.open(disk, 0);
        journal = ChronicleJournal.create(journalDirectory);
        runner = new Thread(this::record, "recording-" + elf.getFileName());
        runner.setDaemon(true);
        runner.start();
    }

    /**
     * Starts recording a guest and waits until its console shows it is listening.
     *
     * @param elf              the guest.
     * @param guestPort        the guest's UDP port.
     * @param disk             an existing disk image, or null for none.
     * @param journalDirectory where the journal goes (new or empty).
     * @return the running recording.
     */
    static RecordingGuest start(final Path elf, final int guestPort, final Path disk, final Path journalDirectory)
        throws InterruptedException
    {
        final RecordingGuest guest = new RecordingGuest(elf, guestPort, disk, journalDirectory);
        try
        {
            guest.console.await("listening", Duration.ofSeconds(20));
        }
        catch (final AssertionError | InterruptedException ex)
        {
            guest.close();
            throw ex;
        }
        return guest;
    }

    private void record()
    {
        final MachineContext context = new MachineContext().ramMib(RAM_MIB)
            .clock(new HostClock()).entropy(new HostEntropy()).hostId(HOST_ID)
            .consoleSink(console)
            .network(bridge, sent)
            .blockStore(store);
        try (JournalAppender appender = journal.appender())
        {
            final Recorder recorder = new Recorder(LiveInputs.from(context), appender, Recorder.DEFAULT_EPOCH_INSTRUCTIONS);
            context.inputs(recorder);
            try (Machine machine = new Machine(context))
            {
                machine.load(ElfReader.read(elf));
                recorder.start(Guests.sha256(elf), context.ramBytes(), context.interruptCheckInstructions());
                final SoloRun.Outcome outcome = SoloRun.run(machine, Long.MAX_VALUE, () -> stopRequested);
                if (outcome != SoloRun.Outcome.STOPPED)
                {
                    throw new IllegalStateException("the guest ended by itself: " + outcome + ", " +
                        machine.haltReason() + " " + machine.haltMessage());
                }
                machine.flushConsole();
                final Recorded end = new Recorded();
                end.icount = machine.icount();
                end.stateHash = machine.stateHash();
                recorder.finish(end.icount, end.stateHash, machine.cpu().pc(),
                    machine.haltReason().ordinal(), machine.exitCode());
                journal.finish();
                end.entries = recorder.lastSequence();
                end.console = console.text();
                end.framesSent = sent.frames();
                recorded = end;
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
        finally
        {
            console.end();
        }
    }

    /** @return where clients send datagrams. */
    InetSocketAddress address()
    {
        return bridge.localAddress();
    }

    /**
     * Stops the machine between two chunks, logs RUN_END with its icount and state hash and
     * finishes the journal.
     *
     * @return how the recording ended.
     */
    Recorded stopAndFinish() throws InterruptedException
    {
        stopRequested = true;
        runner.join(STOP_TIMEOUT.toMillis());
        if (runner.isAlive())
        {
            throw new AssertionError("the recording machine did not stop within " + STOP_TIMEOUT);
        }
        if (failure != null)
        {
            throw new AssertionError("the recording failed; console: " + console.text(), failure);
        }
        return recorded;
    }

    @Override
    public void close() throws InterruptedException
    {
        stopRequested = true;
        runner.join(STOP_TIMEOUT.toMillis());
        if (runner.isAlive())
        {
            // Closing under a running machine would pull its devices away mid-instruction.
            throw new AssertionError("the recording machine did not stop within " + STOP_TIMEOUT);
        }
        bridge.close();
        if (store != null)
        {
            store.close();
        }
        journal.close();
    }
}
