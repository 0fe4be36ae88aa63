package io.tandem.tools;

import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.node.Pair;
import io.tandem.node.JoinFigures;
import io.tandem.node.PairRole;
import io.tandem.engine.replica.ReplicaCounters;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code tandem primary}: the primary of a pair in this process, its backup in another
 * ({@code tandem backup}) over Aeron UDP.
 */
@Command(
    name = "primary",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the primary of a fault-tolerant pair; its backup runs in another process",
        "or host (tandem backup), over Aeron UDP. Waits for the backup, then records",
        "the guest and sends it the log; outputs wait for its acknowledgement. If the",
        "backup falls silent, the primary claims the arbiter and goes on alone.",
        "Stopped on purpose (Ctrl-C, SIGTERM, --duration), it hands over: its guest",
        "stops, the backup acknowledges the log's end and goes live there at once;",
        "with --stay (or asked by tandem switchover) it then follows the new primary",
        "as its backup. A backup of this pair that went live takes a backup of its own.",
        "  tandem primary --arbiter-dir /shared/arb       (kvstore on udp 127.0.0.1:7001)",
        "  tandem primary --arbiter-dir /shared/arb --log-channel backup-host:40101 \\",
        "      --ack-channel primary-host:40102 --net udp:0.0.0.0:7000",
        "Exit codes: 0 ended (duration, Ctrl-C or SIGTERM, guest ended), 1 halted",
        "(lost the arbiter or cannot reach it, or a role change failed), 2 bad input (an arbiter that does not",
        "answer at start too), 3 no backup in --connect-timeout."})
final class PrimaryCommand extends SideCommand
{
    private final Histogram ackTotal = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private Histogram ackInterval;
    private long lastIcount;
    private long lastEntries;
    private long lastBytes;
    private PrimaryReplica.State reportedState = PrimaryReplica.State.PAIRED;
    private long reportedBackupsLeft;

    @Override
    PairRole role()
    {
        return PairRole.PRIMARY;
    }

    @Override
    String defaultNet()
    {
        return "udp:127.0.0.1:7001=7000";
    }

    @Override
    String channelsText(final String logChannel, final String ackChannel)
    {
        return "log to udp " + logChannel + ", acknowledgements on udp " + ackChannel;
    }

    @Override
    SideCommand otherRole()
    {
        return new BackupCommand();
    }

    @Override
    void adoptState(final Pair pair)
    {
        final ReplicaCounters p = pair.primaryCounters();
        reportedState = pair.primaryState();
        reportedBackupsLeft = p.backupsLeft();
        lastIcount = p.icount();
        lastEntries = p.logEntries();
        lastBytes = p.logBytes();
    }

    @Override
    String events(final Pair pair, final PrintStream err, final double atS)
    {
        final ReplicaCounters p = pair.primaryCounters();
        if (p.failure() != null)
        {
            return "the primary's thread failed";
        }
        final PrimaryReplica.State state = pair.primaryState();
        if (state == reportedState)
        {
            return null;
        }
        reportedState = state;
        if (state == PrimaryReplica.State.ALONE && p.backupsLeft() != reportedBackupsLeft)
        {
            reportedBackupsLeft = p.backupsLeft();
            err.printf(Locale.ROOT, "[%5.1fs] primary: the backup stopped on purpose and will not go live: going on " +
                "ALONE at instruction %d without a failover; outputs are no longer held%n", atS, p.icount());
            return null;
        }
        if (state == PrimaryReplica.State.ALONE)
        {
            err.printf(Locale.ROOT, "[%5.1fs] primary: the backup fell silent (last acknowledgement %s ago): won " +
                "the arbiter, going on ALONE at instruction %d; outputs are no longer held%n", atS,
                FigureText.ms(System.nanoTime() - p.lastHeardNs()), p.icount());
            return null;
        }
        if (state == PrimaryReplica.State.PAIRED)
        {
            final JoinFigures join = pair.lastJoin();
            err.printf(Locale.ROOT, "[%5.1fs] primary: a new backup joined by state transfer: PAIRED again at " +
                "instruction %d (generation %d); guest stopped %s, whole transfer %s%n", atS, p.icount(),
                join.generation(), FigureText.ms(join.pauseNs()), FigureText.ms(join.transferNs()));
            return null;
        }
        final String reason = pair.primaryHaltReason();
        if (PrimaryReplica.HANDED_OVER.equals(reason))
        {
            return null; // a planned stop under way: said once the node has stopped
        }
        err.printf(Locale.ROOT, "[%5.1fs] primary: HALTED at instruction %d: %s%n", atS, p.icount(), reason);
        return String.valueOf(reason).startsWith("the guest ended") ? "the guest ended" : "the primary halted";
    }

    @Override
    void figures(final Pair pair, final PrintStream err, final double atS, final double intervalS)
    {
        final ReplicaCounters p = pair.primaryCounters();
        final long icount = p.icount();
        final double mips = (icount - lastIcount) / intervalS / 1e6;
        final long entries = p.logEntries();
        final long bytes = p.logBytes();
        ackInterval = pair.ackLatencyInterval(ackInterval);
        ackTotal.add(ackInterval);
        final StringBuilder line = new StringBuilder(200);
        line.append(String.format(Locale.ROOT, "[%5.1fs] primary %-6s | MIPS %6.1f", atS, pair.primaryState(), mips));
        if (pair.primaryState() == PrimaryReplica.State.PAIRED)
        {
            line.append(" | backup lag ").append(FigureText.lag(Math.max(0, icount - p.peerIcount()), mips))
                .append(String.format(Locale.ROOT, " | log %s/s %s entries/s | held %s | ack %s",
                FigureText.bytes((bytes - lastBytes) / intervalS), FigureText.count((long)((entries - lastEntries) / intervalS)),
                FigureText.bytes(p.heldBytes()), FigureText.latency(ackInterval)));
        }
        err.println(line);
        lastIcount = icount;
        lastEntries = entries;
        lastBytes = bytes;
    }

    @Override
    int summary(final Pair pair, final PrintStream err, final double runS, final String ending)
    {
        final ReplicaCounters p = pair.primaryCounters();
        ackTotal.add(pair.ackLatencyInterval(ackInterval));
        err.printf(Locale.ROOT, "%n--- summary: %.1f s, %s ---%n", runS, ending);
        err.printf(Locale.ROOT, "primary: %s, %d instructions, %.1f MIPS average%s%n", pair.primaryState(), p.icount(),
            p.icount() / runS / 1e6, pair.primaryHaltReason() != null ? " (" + pair.primaryHaltReason() + ")" : "");
        err.printf(Locale.ROOT, "failovers %d, backups that left on purpose %d%n", p.failovers(), p.backupsLeft());
        err.printf(Locale.ROOT, "log: %s in %d entries; ack latency, entry sent to ack seen (%d samples): %s%n",
            FigureText.bytes(p.logBytes()), p.logEntries(), ackTotal.getTotalCount(), FigureText.percentiles(ackTotal));
        if (p.failure() != null)
        {
            err.println("the primary's thread failed: " + p.failure());
            return HALTED;
        }
        return "the primary halted".equals(ending) ? HALTED : 0;
    }

    @Override
    void stopped(final Pair pair, final PrintStream err)
    {
        final String reason = pair.primaryHaltReason();
        final Pair.StateAt handOver = pair.primaryHandOver();
        if (PrimaryReplica.HANDED_OVER.equals(reason) && handOver != null)
        {
            err.printf(Locale.ROOT, "tandem primary: stopped at instruction %d, state hash %016x: handed over to the " +
                "backup, which goes live there%n", handOver.icount(), handOver.stateHash());
        }
        else if (PrimaryReplica.HAND_OVER_UNACKNOWLEDGED.equals(reason))
        {
            err.println("tandem primary: " + reason);
        }
    }
}
