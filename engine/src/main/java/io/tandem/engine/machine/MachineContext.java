package io.tandem.engine.machine;

import io.tandem.engine.dev.BlockStore;
import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.ConsoleSource;
import io.tandem.engine.dev.DiskMode;
import io.tandem.engine.dev.EntropySource;
import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostIdentity;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.MachineClock;
import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;

/**
 * Configuration of one {@link Machine}: sizes, the interrupt-check interval and the ports.
 * Defaults are named constants, overridable by {@code tandem.*} system properties.
 */
public final class MachineContext
{
    /** Default RAM size, MiB; property {@code tandem.ram.mib}. */
    public static final int DEFAULT_RAM_MIB = 64;
    /** Property name for the RAM size. */
    public static final String RAM_MIB_PROPERTY = "tandem.ram.mib";

    /**
     * Default distance in instructions between the machine's interrupt checks; property
     * {@code tandem.interrupt.check.instructions}. Interrupts raised by the guest's own actions
     * (CSR writes, device stores, WFI) are taken at once; those from outside (timer, console
     * input) wait for the next check, at most this many instructions (about 40 us at 200 MIPS).
     */
    public static final int DEFAULT_INTERRUPT_CHECK_INSTRUCTIONS = 8192;
    /** Property name for the interrupt check interval. */
    public static final String INTERRUPT_CHECK_PROPERTY = "tandem.interrupt.check.instructions";

    /**
     * Property: {@code true} to perform disk I/O on a thread of its own rather than at once on the
     * machine's thread; either way the guest sees each completion where the machine applies it.
     */
    public static final String DISK_IO_THREAD_PROPERTY = "tandem.disk.io.thread";

    /** Default engine; property {@code tandem.cpu} ({@code compiled} or {@code interpreted}). */
    public static final CpuEngine DEFAULT_CPU_ENGINE = CpuEngine.COMPILED;
    /** Property name for the engine. */
    public static final String CPU_ENGINE_PROPERTY = "tandem.cpu";
    /**
     * Default number of entries at a guest pc, run by the interpreter, after which the compiled
     * engine compiles the code there; property {@code tandem.cpu.compile.threshold}. HotSpot
     * compiles each generated class again on its own compiler threads, and on two cores every
     * lukewarm region's compilation competes with the guest: on cpubench a threshold of 1000
     * compiled 205 regions, 20 000 compiled 58 and ran the whole benchmark in about half the time.
     */
    public static final int DEFAULT_COMPILE_THRESHOLD = 20_000;
    /** Property name for the compile threshold. */
    public static final String COMPILE_THRESHOLD_PROPERTY = "tandem.cpu.compile.threshold";

    /** The MAC address QEMU gives its first network card, so guests see the same on both. */
    public static final byte[] DEFAULT_MAC_ADDRESS = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

    private int ramBytes = Integer.getInteger(RAM_MIB_PROPERTY, DEFAULT_RAM_MIB) << 20;
    private int interruptCheckInstructions = Integer.getInteger(INTERRUPT_CHECK_PROPERTY, DEFAULT_INTERRUPT_CHECK_INSTRUCTIONS);
    private CpuEngine cpuEngine = System.getProperty(CPU_ENGINE_PROPERTY) == null ?
        DEFAULT_CPU_ENGINE : CpuEngine.parse(System.getProperty(CPU_ENGINE_PROPERTY));
    private int compileThreshold = Integer.getInteger(COMPILE_THRESHOLD_PROPERTY, DEFAULT_COMPILE_THRESHOLD);
    private MachineClock clock;
    private EntropySource entropy;
    private ConsoleSink consoleSink = ConsoleSink.DISCARD;
    private ConsoleSource consoleSource = ConsoleSource.NONE;
    private PacketSource packetSource;
    private PacketSink packetSink;
    private byte[] macAddress = DEFAULT_MAC_ADDRESS.clone();
    private BlockStore blockStore;
    private DiskMode diskMode = DiskMode.PRIVATE;
    private boolean diskIoThread = Boolean.getBoolean(DISK_IO_THREAD_PROPERTY);
    private io.tandem.engine.dev.DiskLatency diskLatency;
    private Integer hostId;
    private MachineInputs inputs;

    /** @return the engine that runs the machine's instructions. */
    public CpuEngine cpuEngine()
    {
        return cpuEngine;
    }

    /** @param cpuEngine the engine that runs the machine's instructions. */
    public MachineContext cpuEngine(final CpuEngine cpuEngine)
    {
        this.cpuEngine = java.util.Objects.requireNonNull(cpuEngine, "cpuEngine");
        return this;
    }

    /** @return entries at a guest pc after which the compiled engine compiles the code there. */
    public int compileThreshold()
    {
        return compileThreshold;
    }

    /** @param compileThreshold entries at a guest pc before it is compiled, at least 1. */
    public MachineContext compileThreshold(final int compileThreshold)
    {
        if (compileThreshold < 1)
        {
            throw new IllegalArgumentException("the compile threshold must be at least 1: " + compileThreshold);
        }
        this.compileThreshold = compileThreshold;
        return this;
    }

    /** @return RAM size in bytes. */
    public int ramBytes()
    {
        return ramBytes;
    }

    /** @param ramBytes RAM size in bytes, a multiple of 4 KiB. */
    public MachineContext ramBytes(final int ramBytes)
    {
        this.ramBytes = ramBytes;
        return this;
    }

    /** @param ramMib RAM size in MiB. */
    public MachineContext ramMib(final int ramMib)
    {
        if (ramMib < 1 || ramMib > 1024)
        {
            throw new IllegalArgumentException("RAM must be between 1 and 1024 MiB: " + ramMib);
        }
        return ramBytes(ramMib << 20);
    }

    /** @return instructions between checks for externally raised interrupts. */
    public int interruptCheckInstructions()
    {
        return interruptCheckInstructions;
    }

    /** @param instructions instructions between interrupt checks, at least 1. */
    public MachineContext interruptCheckInstructions(final int instructions)
    {
        if (instructions < 1)
        {
            throw new IllegalArgumentException("interrupt check interval must be at least 1: " + instructions);
        }
        this.interruptCheckInstructions = instructions;
        return this;
    }

    /** @return the mtime source; a {@link HostClock} unless set. */
    public MachineClock clock()
    {
        if (clock == null)
        {
            clock = new HostClock();
        }
        return clock;
    }

    /** @param clock the mtime source. */
    public MachineContext clock(final MachineClock clock)
    {
        this.clock = clock;
        return this;
    }

    /** @return the entropy source; the host's unless set. */
    public EntropySource entropy()
    {
        if (entropy == null)
        {
            entropy = new HostEntropy();
        }
        return entropy;
    }

    /** @param entropy the entropy source for the seed CSR. */
    public MachineContext entropy(final EntropySource entropy)
    {
        this.entropy = entropy;
        return this;
    }

    /** @return where console output goes. */
    public ConsoleSink consoleSink()
    {
        return consoleSink;
    }

    /** @param consoleSink where console output goes. */
    public MachineContext consoleSink(final ConsoleSink consoleSink)
    {
        this.consoleSink = consoleSink;
        return this;
    }

    /**
     * Gives the machine a virtio-net card.
     *
     * @param source frames arriving for the guest.
     * @param sink   frames the guest sends.
     */
    public MachineContext network(final PacketSource source, final PacketSink sink)
    {
        this.packetSource = source;
        this.packetSink = sink;
        return this;
    }

    /** @return true when the machine has a network card. */
    public boolean hasNetwork()
    {
        return packetSource != null;
    }

    /** @return frames arriving for the guest, or null without a network card. */
    public PacketSource packetSource()
    {
        return packetSource;
    }

    /** @return frames the guest sends, or null without a network card. */
    public PacketSink packetSink()
    {
        return packetSink;
    }

    /** @return the network card's MAC address. */
    public byte[] macAddress()
    {
        return macAddress.clone();
    }

    /** @param macAddress the network card's MAC address, six bytes. */
    public MachineContext macAddress(final byte[] macAddress)
    {
        if (macAddress.length != 6)
        {
            throw new IllegalArgumentException("a MAC address has 6 bytes: " + macAddress.length);
        }
        this.macAddress = macAddress.clone();
        return this;
    }

    /** @param blockStore storage for a virtio-blk disk, or null for none. */
    public MachineContext blockStore(final BlockStore blockStore)
    {
        this.blockStore = blockStore;
        return this;
    }

    /** @return the disk's storage, or null without a disk. */
    public BlockStore blockStore()
    {
        return blockStore;
    }

    /** @return whether the disk image is this replica's own (the default) or shared with its peer. */
    public DiskMode diskMode()
    {
        return diskMode;
    }

    /** @param diskMode whether the disk image is this replica's own or shared with its peer. */
    public MachineContext diskMode(final DiskMode diskMode)
    {
        this.diskMode = diskMode;
        return this;
    }

    /** @return true when disk I/O runs on a thread of its own. */
    public boolean diskIoThread()
    {
        return diskIoThread;
    }

    /**
     * @param diskLatency when disk requests performed at once on the machine's thread complete
     *                    (a simulated disk's latency), or null for at once; not with an I/O thread.
     * @return this.
     */
    public MachineContext diskLatency(final io.tandem.engine.dev.DiskLatency diskLatency)
    {
        this.diskLatency = diskLatency;
        return this;
    }

    /** @return the simulated disk latency, or null. */
    public io.tandem.engine.dev.DiskLatency diskLatency()
    {
        return diskLatency;
    }

    /** @param diskIoThread true to run disk I/O on a thread of its own, false to do it at once. */
    public MachineContext diskIoThread(final boolean diskIoThread)
    {
        this.diskIoThread = diskIoThread;
        return this;
    }

    /** @return the host identity guests read; this host and process unless set. */
    public int hostId()
    {
        if (hostId == null)
        {
            hostId = HostIdentity.ofThisProcess();
        }
        return hostId;
    }

    /** @param hostId the host identity guests read. */
    public MachineContext hostId(final int hostId)
    {
        this.hostId = hostId;
        return this;
    }

    /**
     * @return the machine's inputs: as set (a recorder, a replayer), or live from this context's
     * ports.
     */
    public MachineInputs inputs()
    {
        if (inputs == null)
        {
            inputs = LiveInputs.from(this);
        }
        return inputs;
    }

    /** @param inputs the machine's inputs, replacing the live ports (record, replay). */
    public MachineContext inputs(final MachineInputs inputs)
    {
        this.inputs = inputs;
        return this;
    }

    /** @return where console input comes from. */
    public ConsoleSource consoleSource()
    {
        return consoleSource;
    }

    /** @param consoleSource where console input comes from. */
    public MachineContext consoleSource(final ConsoleSource consoleSource)
    {
        this.consoleSource = consoleSource;
        return this;
    }
}
