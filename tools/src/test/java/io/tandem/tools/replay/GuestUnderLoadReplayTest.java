package io.tandem.tools.replay;

import io.tandem.engine.dev.FileBlockStore;
import io.tandem.engine.replica.ReplayRun;
import io.tandem.tools.kv.KvClient;
import io.tandem.tools.kv.KvProtocol;
import io.tandem.tools.kv.KvStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guests serving concurrent clients through the real UDP bridge, recorded into a Chronicle
 * journal and replayed on a machine with another clock, entropy, host identity and its own copy
 * of the disk image as it was before the recording: every replay reaches the recorded icount and
 * state hash, prints the same console and sends the same frames, byte for byte.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GuestUnderLoadReplayTest
{
    private static final long DISK_BYTES = 8L << 20;
    private static final int ECHO_PORT = 7007;
    private static final int CLIENTS = 3;
    private static final int REQUESTS_PER_CLIENT = 100;
    private static final String[] KEPT_KEYS = {"kept-1", "kept-2", "kept-3"};

    @TempDir
    Path dir;

    @Test
    void aKvstoreUnderConcurrentClientsReplaysRunAfterRunToTheSameStateConsoleFramesAndDisk() throws Exception
    {
        final Path elf = Guests.guest("kvstore.elf");
        final Path image = imageWithKeptKeys(elf);
        // The disk is state: each replay starts from its own copy of the image the recording starts from.
        final Path firstReplayImage = Files.copy(image, dir.resolve("replay-1.img"));
        final Path secondReplayImage = Files.copy(image, dir.resolve("replay-2.img"));

        final Path journal = dir.resolve("kvstore-journal");
        final RecordingGuest.Recorded recorded;
        final Map<KvStatus, Integer> statuses;
        try (RecordingGuest guest = RecordingGuest.start(elf, KvProtocol.DEFAULT_PORT, image, journal))
        {
            statuses = KvMixLoad.run(guest.address(), CLIENTS, REQUESTS_PER_CLIENT, 42);
            recorded = guest.stopAndFinish();
        }
        assertEquals(CLIENTS * REQUESTS_PER_CLIENT, statuses.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(0, statuses.getOrDefault(KvStatus.TIMED_OUT, 0), "every request answered: " + statuses);
        assertTrue(statuses.getOrDefault(KvStatus.OK, 0) > 0, statuses.toString());
        assertTrue(recorded.console.contains(KEPT_KEYS.length + " keys loaded"), recorded.console);
        // At least one reply frame per request (CAS also sends a GET first).
        assertTrue(recorded.framesSent.size() >= CLIENTS * REQUESTS_PER_CLIENT,
            "frames sent: " + recorded.framesSent.size());

        assertReplaysAsRecorded(recorded, GuestReplay.replay(elf, journal, firstReplayImage));
        assertReplaysAsRecorded(recorded, GuestReplay.replay(elf, journal, secondReplayImage));
        assertEquals(-1, Files.mismatch(image, firstReplayImage), "the replay wrote what the recording wrote");
        assertEquals(-1, Files.mismatch(image, secondReplayImage), "the replay wrote what the recording wrote");
    }

    @Test
    void aKvstoreReplayedFromTheDiskAsTheRecordingLeftItDoesNotMatch() throws Exception
    {
        final Path elf = Guests.guest("kvstore.elf");
        final Path image = newImage("kv.img");
        final Path journal = dir.resolve("kvstore-journal");
        final RecordingGuest.Recorded recorded;
        try (RecordingGuest guest = RecordingGuest.start(elf, KvProtocol.DEFAULT_PORT, image, journal))
        {
            putKeptKeys(guest);
            recorded = guest.stopAndFinish();
        }
        assertTrue(recorded.console.contains("0 keys loaded"), recorded.console);

        // The image now holds the keys: a guest booting from it loads them, which takes other
        // instructions, and misses the point where the log hands it the first frame.
        final GuestReplay.Replayed replayed = GuestReplay.replay(elf, journal, Files.copy(image, dir.resolve("after.img")));
        assertEquals(ReplayRun.Outcome.DIVERGED, replayed.outcome, replayed.report);
        assertTrue(replayed.report.startsWith("replay diverged"), replayed.report);
    }

    @Test
    void anEchoGuestUnderConcurrentClientsReplaysRunAfterRunToTheSameStateConsoleAndFrames() throws Exception
    {
        final Path elf = Guests.guest("echo.elf");
        final Path journal = dir.resolve("echo-journal");
        final RecordingGuest.Recorded recorded;
        final long roundTrips;
        try (RecordingGuest guest = RecordingGuest.start(elf, ECHO_PORT, null, journal))
        {
            roundTrips = EchoLoad.run(guest.address(), CLIENTS, REQUESTS_PER_CLIENT);
            recorded = guest.stopAndFinish();
        }
        assertEquals(CLIENTS * REQUESTS_PER_CLIENT, roundTrips);
        assertTrue(recorded.framesSent.size() >= roundTrips, "frames sent: " + recorded.framesSent.size());

        assertReplaysAsRecorded(recorded, GuestReplay.replay(elf, journal, null));
        assertReplaysAsRecorded(recorded, GuestReplay.replay(elf, journal, null));
    }

    private static void assertReplaysAsRecorded(final RecordingGuest.Recorded recorded, final GuestReplay.Replayed replayed)
    {
        assertEquals(ReplayRun.Outcome.MATCHED, replayed.outcome, replayed.report);
        assertEquals(recorded.icount, replayed.icount);
        assertEquals(recorded.stateHash, replayed.stateHash);
        assertTrue(recorded.console.contains("listening"), recorded.console);
        assertEquals(recorded.console, replayed.console);
        assertFalse(recorded.framesSent.isEmpty(), "the recording sent frames");
        assertFramesEqual(recorded.framesSent, replayed.framesSent);
    }

    private static void assertFramesEqual(final List<byte[]> recorded, final List<byte[]> replayed)
    {
        assertEquals(recorded.size(), replayed.size(), "frames sent");
        for (int i = 0; i < recorded.size(); i++)
        {
            assertArrayEquals(recorded.get(i), replayed.get(i), "frame " + i + " of " + recorded.size());
        }
    }

    /** A disk image on which the kvstore guest already keeps a few keys: the recording starts from data. */
    private Path imageWithKeptKeys(final Path elf) throws Exception
    {
        final Path image = newImage("kv.img");
        try (RecordingGuest guest = RecordingGuest.start(elf, KvProtocol.DEFAULT_PORT, image, dir.resolve("seeding")))
        {
            putKeptKeys(guest);
            guest.stopAndFinish();
        }
        return image;
    }

    private static void putKeptKeys(final RecordingGuest guest)
    {
        try (KvClient client = KvClient.connect(guest.address()))
        {
            for (final String key : KEPT_KEYS)
            {
                assertEquals(KvStatus.OK, client.put(key, "value of " + key).status());
            }
        }
    }

    private Path newImage(final String name) throws IOException
    {
        final Path image = dir.resolve(name);
        FileBlockStore.open(image, DISK_BYTES).close();
        return image;
    }
}
