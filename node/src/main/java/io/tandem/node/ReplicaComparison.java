package io.tandem.node;

import io.tandem.engine.replica.ReplicaCounters;
import io.tandem.codec.EntryType;
import io.tandem.codec.Heartbeat;
import io.tandem.codec.LogEntry;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PairConfig;
import io.tandem.engine.replica.PairLogWriter;
import io.tandem.engine.replica.PrimaryReplica;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Ends a pair's run in one process without a failover and compares its replicas: the primary's
 * machine stops first; a STATE_HASH entry at its final instruction count lets the backup replay
 * up to exactly there (heartbeats meanwhile keep it from taking the silence for a crash); then the
 * backup stops and both machines' state hashes are compared. A guest that ended compares where
 * both halted.
 */
final class ReplicaComparison
{
    private ReplicaComparison()
    {
    }

    /**
     * @param primaryNode the primary, running.
     * @param backupNode  its backup, following.
     * @param config      the pair's timings (the heartbeat interval).
     * @param timeoutNs   how long the backup may take to catch up.
     * @return the comparison.
     */
    static StateComparison stopAndCompare(
        final PrimaryNode primaryNode, final BackupNode backupNode, final PairConfig config, final long timeoutNs)
    {
        final PrimaryReplica primary = primaryNode.replica();
        final BackupReplica backup = backupNode.replica();
        final Machine primaryMachine = primaryNode.machine();
        final Machine backupMachine = backupNode.machine();
        final PairLogWriter log = primaryNode.log();
        final ReplicaCounters backupFigures = backupNode.counters();
        primaryNode.stop();
        final long primaryIcount = primaryMachine.icount();
        final long primaryHash = primaryMachine.stateHash();
        String problem = null;
        final boolean guestEnded = primary.state() == PrimaryReplica.State.HALTED &&
            String.valueOf(primary.haltReason()).startsWith("the guest ended");
        if (primary.state() == PrimaryReplica.State.HALTED && !guestEnded)
        {
            problem = "the primary halted: " + primary.haltReason();
        }
        else if (primary.state() == PrimaryReplica.State.ALONE || (!guestEnded && !log.channelOpen()))
        {
            problem = "the primary had lost its backup (" + primary.state() + ")";
        }
        else if (!guestEnded)
        {
            primaryNode.recorder().stateHash(primaryIcount, primaryHash, primaryMachine.cpu().pc());
        }
        final UnsafeBuffer heartbeat = new UnsafeBuffer(ByteBuffer.allocateDirect(LogEntry.HEADER_LENGTH + Heartbeat.TIME_LENGTH));
        final LogEntry entry = new LogEntry();
        final long deadlineNs = System.nanoTime() + timeoutNs;
        long lastHeartbeatNs = 0;
        while (problem == null)
        {
            final long now = System.nanoTime();
            final long backupIcount = backupFigures.icount();
            final int backupState = backupFigures.state();
            if (guestEnded ? backupState == BackupReplica.State.HALTED.ordinal() : backupIcount == primaryIcount)
            {
                break;
            }
            if (backupState != BackupReplica.State.FOLLOWING.ordinal() && !guestEnded)
            {
                problem = "the backup stopped following (" + BackupReplica.State.values()[backupState] + ")";
                break;
            }
            if (backupFigures.failure() != null)
            {
                problem = "the backup failed: " + backupFigures.failure();
                break;
            }
            if (now - deadlineNs > 0)
            {
                problem = "the backup did not catch up within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNs) +
                    " s (at instruction " + backupIcount + " of " + primaryIcount + ")";
                break;
            }
            if (!guestEnded && now - lastHeartbeatNs > config.heartbeatIntervalNs() / 2)
            {
                entry.wrap(heartbeat, 0).type(EntryType.HEARTBEAT).sequence(0).icount(primaryIcount)
                    .payloadLong(Heartbeat.TIME_OFFSET, now);
                log.send(heartbeat, 0, entry.seal(Heartbeat.TIME_LENGTH));
                lastHeartbeatNs = now;
            }
            sleepQuietly();
        }
        backupNode.stop();
        final long backupIcount = backupMachine.icount();
        final long backupHash = backupMachine.stateHash();
        if (problem == null && backup.state() == BackupReplica.State.HALTED && !guestEnded)
        {
            problem = "the backup halted: " + backup.haltReason();
        }
        return new StateComparison(primaryIcount, primaryHash, backupIcount, backupHash, problem);
    }

    private static void sleepQuietly()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
