package io.tandem.node;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.wake.WakeSignal;

import java.util.function.IntSupplier;

/**
 * Wakes a backup in the primary's process for a frame from the shared UDP bridge only once the
 * backup no longer follows (it went live and polls the bridge itself): a following backup has
 * nothing to do with a frame, and woken for each one it took a core from the primary at the
 * moment the primary needed it. Read from the state the backup publishes at the end of each duty
 * cycle (an acquire read): until that store the backup's thread is running, and it polls the
 * bridge before it parks again, so no frame waits for a park to end.
 */
final class LiveBackupWake implements WakeSignal
{
    private static final int FOLLOWING = BackupReplica.State.FOLLOWING.ordinal();

    private final WakeSignal backup;
    private final IntSupplier backupState;

    /**
     * @param backup      the backup thread's signal.
     * @param backupState the state the backup publishes (its counters' {@code state()}, a
     *                    {@link BackupReplica.State} ordinal).
     */
    LiveBackupWake(final WakeSignal backup, final IntSupplier backupState)
    {
        this.backup = backup;
        this.backupState = backupState;
    }

    @Override
    public void wake()
    {
        if (backupState.getAsInt() != FOLLOWING)
        {
            backup.wake();
        }
    }
}
