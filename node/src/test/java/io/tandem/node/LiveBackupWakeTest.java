package io.tandem.node;

import io.tandem.engine.replica.BackupReplica;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A frame from the shared bridge wakes the backup of the same process only once it is live. */
class LiveBackupWakeTest
{
    @Test
    void aFollowingBackupIsNotWokenAndALiveOneIs()
    {
        final int[] state = {BackupReplica.State.FOLLOWING.ordinal()};
        final AtomicInteger wakes = new AtomicInteger();
        final LiveBackupWake wake = new LiveBackupWake(wakes::incrementAndGet, () -> state[0]);
        wake.wake();
        assertEquals(0, wakes.get());
        state[0] = BackupReplica.State.LIVE.ordinal();
        wake.wake();
        assertEquals(1, wakes.get());
    }
}
