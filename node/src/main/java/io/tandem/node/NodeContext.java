package io.tandem.node;

import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.elf.ElfImage;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.replica.Arbiter;
import io.tandem.engine.replica.PairConfig;
import io.tandem.transport.journal.JournalAppender;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.CountersManager;

/**
 * What a replica node is built from, whichever its role: the guest, its machine's context, the
 * world it serves, the arbiter, the pair's timings, its journal and counters. {@link PrimaryNodeContext}
 * and {@link BackupNodeContext} add the channels of their role. Set what differs from the
 * defaults, then the node calls {@link #conclude()}, which checks the whole once.
 *
 * @param <C> the concrete context, returned by the setters.
 */
public abstract class NodeContext<C extends NodeContext<C>>
{
    private static final PacketSink DISCARD_FRAMES = (buffer, offset, length) -> { };
    private static final ConsoleSink DISCARD_CONSOLE = b -> { };

    private ElfImage image;
    private MachineContext machine;
    private PacketSource world;
    private PacketSink worldOut = DISCARD_FRAMES;
    private ConsoleSink console = DISCARD_CONSOLE;
    private Arbiter arbiter;
    private PairConfig config = new PairConfig();
    private NanoClock clock = SystemNanoClock.INSTANCE;
    private JournalAppender journal;
    private CountersManager counters;
    private IdleStrategy idle;
    private boolean concluded;
    private final String role;

    NodeContext(final String role, final String idlePropertyName)
    {
        this.role = role;
        idle = IdleStrategies.parse(System.getProperty(idlePropertyName, PairContext.DEFAULT_IDLE));
    }

    @SuppressWarnings("unchecked")
    private C self()
    {
        return (C)this;
    }

    /**
     * @param image the guest to load; null for a backup that joins by state transfer.
     * @return this.
     */
    public C image(final ElfImage image)
    {
        this.image = image;
        return self();
    }

    /**
     * @param machine the machine's context (RAM, clock, entropy, disk), without inputs or sinks:
     *                the node adds its own.
     * @return this.
     */
    public C machine(final MachineContext machine)
    {
        this.machine = machine;
        return self();
    }

    /**
     * @param world    frames from the network, or null for a machine without a network card.
     * @param worldOut where the frames the node lets out go.
     * @return this.
     */
    public C network(final PacketSource world, final PacketSink worldOut)
    {
        this.world = world;
        this.worldOut = worldOut != null ? worldOut : DISCARD_FRAMES;
        return self();
    }

    /**
     * @param console where the console bytes the node lets out go (discarded by default).
     * @return this.
     */
    public C console(final ConsoleSink console)
    {
        this.console = console != null ? console : DISCARD_CONSOLE;
        return self();
    }

    /**
     * @param arbiter decides who goes on when the pair splits.
     * @return this.
     */
    public C arbiter(final Arbiter arbiter)
    {
        this.arbiter = arbiter;
        return self();
    }

    /**
     * @param config the pair's timings and bounds.
     * @return this.
     */
    public C config(final PairConfig config)
    {
        this.config = config;
        return self();
    }

    /**
     * @param clock time for timeouts and heartbeats ({@link SystemNanoClock} by default).
     * @return this.
     */
    public C clock(final NanoClock clock)
    {
        this.clock = clock;
        return self();
    }

    /**
     * @param journal the node's journal, or null for none.
     * @return this.
     */
    public C journal(final JournalAppender journal)
    {
        this.journal = journal;
        return self();
    }

    /**
     * @param counters where the node's replica allocates its counters (a {@link CountersFile}'s).
     * @return this.
     */
    public C counters(final CountersManager counters)
    {
        this.counters = counters;
        return self();
    }

    /**
     * @param idle idle strategy of the node's thread.
     * @return this.
     */
    public C idle(final IdleStrategy idle)
    {
        this.idle = idle;
        return self();
    }

    /** @return the guest, or null. */
    public ElfImage image()
    {
        return image;
    }

    /** @return the machine's context. */
    public MachineContext machine()
    {
        return machine;
    }

    /** @return frames from the network, or null. */
    public PacketSource world()
    {
        return world;
    }

    /** @return where released frames go. */
    public PacketSink worldOut()
    {
        return worldOut;
    }

    /** @return where released console bytes go. */
    public ConsoleSink console()
    {
        return console;
    }

    /** @return the arbiter. */
    public Arbiter arbiter()
    {
        return arbiter;
    }

    /** @return the pair's timings. */
    public PairConfig config()
    {
        return config;
    }

    /** @return time for timeouts and heartbeats. */
    public NanoClock clock()
    {
        return clock;
    }

    /** @return the journal, or null. */
    public JournalAppender journal()
    {
        return journal;
    }

    /** @return where the replica allocates its counters. */
    public CountersManager counters()
    {
        return counters;
    }

    /** @return idle strategy of the node's thread. */
    public IdleStrategy idle()
    {
        return idle;
    }

    /**
     * Checks the context as a whole, once, and then asks the arbiter for the pair's current
     * generation: an arbiter this replica cannot reach (a directory missing or read-only, a cluster
     * down, or one that cannot answer on the egress address) would fail it only at a failover.
     *
     * @return this.
     * @throws IllegalArgumentException naming what is missing.
     * @throws ArbiterUnreachableException when the arbiter does not answer.
     */
    public C conclude()
    {
        if (concluded)
        {
            return self();
        }
        require(machine, "a machine context");
        require(arbiter, "an arbiter");
        require(config, "the pair's timings");
        require(clock, "a clock");
        require(counters, "counters (a CountersFile's manager)");
        require(idle, "an idle strategy");
        concludeChannels();
        if (arbiter.currentGeneration(config.pairName()) == Arbiter.UNREACHABLE_GENERATION)
        {
            throw new ArbiterUnreachableException(role, config.pairName(), arbiter.lastFailure());
        }
        concluded = true;
        return self();
    }

    /** Checks the role's own settings. */
    abstract void concludeChannels();

    final void require(final Object value, final String what)
    {
        if (value == null)
        {
            throw new IllegalArgumentException("a " + role + " node needs " + what);
        }
    }
}
