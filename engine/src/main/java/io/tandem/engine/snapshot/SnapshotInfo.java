package io.tandem.engine.snapshot;

import java.util.Arrays;

/**
 * What a snapshot is of: where the machine stood, which guest on which machine, and which
 * journal entry it follows.
 *
 * @param icount          instructions retired when the state was saved.
 * @param journalSequence sequence number of the last journal entry logged up to that point, or
 *                        -1 when the machine was not recorded.
 * @param stateHash       the machine's state hash at that point.
 * @param ramBytes        guest RAM size.
 * @param checkInterval   the machine's interrupt check interval in instructions.
 * @param network         the machine has a network card.
 * @param disk            the machine has a disk.
 * @param elfSha256       SHA-256 of the guest ELF the machine was loaded from.
 * @param createdMs       wall-clock time of the save, for people only.
 */
public record SnapshotInfo(long icount, long journalSequence, long stateHash, int ramBytes, int checkInterval,
    boolean network, boolean disk, byte[] elfSha256, long createdMs)
{
    /** @return true when both were taken from the same guest ELF. */
    public boolean sameElf(final byte[] otherSha256)
    {
        return Arrays.equals(elfSha256, otherSha256);
    }

    @Override
    public String toString()
    {
        return String.format("instruction %d, journal sequence %d, state hash %016x, %d MiB RAM%s%s",
            icount, journalSequence, stateHash, ramBytes >> 20, network ? ", network card" : "", disk ? ", disk" : "");
    }
}
