package io.tandem.tools;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.node.Pair;
import io.tandem.node.PairRole;
import io.tandem.engine.replica.ReplicaCounters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code tandem backup}: the backup of a pair in this process, its primary in another
 * ({@code tandem primary}) over Aeron UDP.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the backup of a fault-tolerant pair; its primary runs in another process",
        "or host (tandem primary), over Aeron UDP. Replays the primary's log, never",
        "past what it received, and acknowledges it. If the primary falls silent, the",
        "backup claims the arbiter, finishes the log and goes live: it binds its own",
        "client-facing address (--net) and serves as the new primary, recording a log",
        "of its own: a new backup joins it (--join), or after a switchover the old",
        "primary follows it.",
        "  tandem backup --arbiter-dir /shared/arb   (kvstore, live on udp 127.0.0.1:7002)",
        "  tandem backup --arbiter-dir /shared/arb --log-channel backup-host:40101 \\",
        "      --ack-channel primary-host:40102 --net udp:0.0.0.0:7000",
        "With --join, a new backup joins a running primary whose backup died: the",
        "primary's state (RAM, CPU, devices, disk) comes first, then its log; with the",
        "pair's same two options on either host (the channels swap with the roles).",
        "Exit codes: 0 ended (duration, Ctrl-C or SIGTERM, guest ended), 1 halted",
        "(lost the arbiter or cannot reach it, or a role change failed), 4 the log diverged (a state hash of",
        "the primary's that the replay does not reach), 2 bad input (an",
        "arbiter that does not answer at start too), 3 no primary in",
        "--connect-timeout, or its log does not fit this guest."})
final class BackupCommand extends SideCommand
{
    @Option(names = "--join", description = "join a running primary (alone since its backup died) by state " +
        "transfer: its state comes over the log's channel, then its log from that point on")
    boolean join;

    private long lastIcount;
    private long lastSequence;
    private BackupReplica.State reportedState = BackupReplica.State.FOLLOWING;
    private boolean replyReported;

    @Override
    boolean join()
    {
        return join;
    }

    @Override
    PairRole role()
    {
        return PairRole.BACKUP;
    }

    @Override
    String defaultNet()
    {
        return "udp:127.0.0.1:7002=7000";
    }

    @Override
    String channelsText(final String logChannel, final String ackChannel)
    {
        return "log on udp " + logChannel + ", acknowledgements to udp " + ackChannel;
    }

    @Override
    SideCommand otherRole()
    {
        return new PrimaryCommand();
    }

    @Override
    void adoptState(final Pair pair)
    {
        final ReplicaCounters b = pair.backupCounters();
        reportedState = pair.backupState();
        lastIcount = b.icount();
        lastSequence = b.sequence();
        replyReported = pair.firstLiveReplyNs() != 0;
    }

    @Override
    String events(final Pair pair, final PrintStream err, final double atS)
    {
        final ReplicaCounters b = pair.backupCounters();
        if (b.failure() != null)
        {
            return "the backup's thread failed";
        }
        final long wentLiveNs = b.wentLiveNs();
        if (!replyReported && pair.firstLiveReplyNs() != 0)
        {
            replyReported = true;
            err.printf(Locale.ROOT, "[%5.1fs] new primary: first reply %s after going live, %s after the last entry " +
                "from the old primary%n", atS, FigureText.ms(pair.firstLiveReplyNs() - wentLiveNs),
                FigureText.ms(pair.firstLiveReplyNs() - b.lastHeardNs()));
        }
        final BackupReplica.State state = pair.backupState();
        if (state == reportedState)
        {
            return null;
        }
        reportedState = state;
        final Pair.StateAt handOver = state == BackupReplica.State.LIVE ? pair.backupHandOver() : null;
        if (handOver != null)
        {
            err.printf(Locale.ROOT, "[%5.1fs] backup: the primary stopped and handed over at instruction %d, state " +
                "hash %016x (matched by the replay): won the arbiter and went LIVE as the new primary at once%s%n", atS,
                handOver.icount(), handOver.stateHash(),
                pair.address() != null ? "; serving udp " + FigureText.hostPort(pair.address()) : "");
            return null;
        }
        if (state == BackupReplica.State.LIVE)
        {
            err.printf(Locale.ROOT, "[%5.1fs] backup: the primary fell silent: won the arbiter, finished the log and " +
                "went LIVE as the new primary at instruction %d, %s after the last entry from the primary%s%n", atS,
                b.icount(), FigureText.ms(wentLiveNs - b.lastHeardNs()),
                pair.address() != null ? "; serving udp " + FigureText.hostPort(pair.address()) : "");
            return null;
        }
        final String reason = pair.backupHaltReason();
        err.printf(Locale.ROOT, "[%5.1fs] backup: HALTED at instruction %d: %s%n", atS, b.icount(), reason);
        return String.valueOf(reason).startsWith("the guest ended") ? "the guest ended" : "the backup halted";
    }

    @Override
    void figures(final Pair pair, final PrintStream err, final double atS, final double intervalS)
    {
        final ReplicaCounters b = pair.backupCounters();
        final long icount = b.icount();
        final double mips = (icount - lastIcount) / intervalS / 1e6;
        final long sequence = b.sequence();
        final StringBuilder line = new StringBuilder(200);
        line.append(String.format(Locale.ROOT, "[%5.1fs] backup %-9s | MIPS %6.1f", atS, pair.backupState(), mips));
        if (pair.backupState() == BackupReplica.State.FOLLOWING)
        {
            line.append(" | behind the log by ").append(FigureText.lag(Math.max(0, b.logIcount() - icount), mips))
                .append(String.format(Locale.ROOT, " | received up to entry %d (%s entries/s) | held %s", sequence,
                FigureText.count((long)((sequence - lastSequence) / intervalS)), FigureText.bytes(b.heldBytes())));
        }
        err.println(line);
        lastIcount = icount;
        lastSequence = sequence;
    }

    @Override
    void stopped(final Pair pair, final PrintStream err)
    {
        final String reason = pair.backupHaltReason();
        if (BackupReplica.LEFT.equals(reason) || BackupReplica.LEFT_UNTOLD.equals(reason))
        {
            err.println("tandem backup: " + reason);
        }
    }

    /** Says how the (last) backup of this process went live, if it did. */
    static void printWentLive(final Pair pair, final PrintStream err)
    {
        final ReplicaCounters b = pair.backupCounters();
        if (b.wentLiveNs() != 0 && b.handOvers() != 0)
        {
            err.printf(Locale.ROOT, "hand-over: live %s after the last entry from the primary; first reply %s%n",
                FigureText.ms(b.wentLiveNs() - b.lastHeardNs()), pair.firstLiveReplyNs() != 0 ?
                FigureText.ms(pair.firstLiveReplyNs() - b.lastHeardNs()) + " after it" : "none yet");
        }
        else if (b.wentLiveNs() != 0)
        {
            err.printf(Locale.ROOT, "failover: live %s after the last entry from the primary; first reply %s%n",
                FigureText.ms(b.wentLiveNs() - b.lastHeardNs()), pair.firstLiveReplyNs() != 0 ?
                FigureText.ms(pair.firstLiveReplyNs() - b.lastHeardNs()) + " after it" : "none yet");
        }
    }

    @Override
    int summary(final Pair pair, final PrintStream err, final double runS, final String ending)
    {
        final ReplicaCounters b = pair.backupCounters();
        err.printf(Locale.ROOT, "%n--- summary: %.1f s, %s ---%n", runS, ending);
        err.printf(Locale.ROOT, "backup: %s, %d instructions, %d entries received%s%n", pair.backupState(), b.icount(),
            b.sequence(), pair.backupHaltReason() != null ? " (" + pair.backupHaltReason() + ")" : "");
        printWentLive(pair, err);
        if (b.failure() != null)
        {
            err.println("the backup's thread failed: " + b.failure());
            return HALTED;
        }
        if ("the backup halted".equals(ending))
        {
            // A log that its replay contradicts (a state hash that differs) is a replay failure.
            return String.valueOf(pair.backupHaltReason()).startsWith("replay diverged") ? ExitCodes.REPLAY_FAILED : HALTED;
        }
        return 0;
    }
}
