package io.tandem.engine.snapshot;

/** The sections of a snapshot, one per component, by the tag that names each in the file. */
public enum SnapshotSection
{
    /** icount, pc, registers and the hart's CSRs, reservation, WFI and lock-up state. */
    CPU(1),
    /** The core-local interruptor. */
    CLINT(2),
    /** The platform-level interrupt controller. */
    PLIC(3),
    /** The console UART. */
    UART(4),
    /** The test finisher. */
    FINISHER(5),
    /** The virtio network card, when the machine has one. */
    NET(6),
    /** The virtio block device and its requests in flight, when the machine has one. */
    DISK(7),
    /** The machine's own run state: halt reason, a check point due. */
    MACHINE(8),
    /** Positions of input sources that are functions of their position (virtual clock, seeded entropy). */
    INPUTS(9),
    /** Guest RAM, all-zero pages left out. */
    RAM(10);

    private final int tag;

    SnapshotSection(final int tag)
    {
        this.tag = tag;
    }

    /** @return the tag written in the file. */
    public int tag()
    {
        return tag;
    }

    /** @return the section with a tag, or null. */
    public static SnapshotSection ofTag(final int tag)
    {
        for (final SnapshotSection section : values())
        {
            if (section.tag == tag)
            {
                return section;
            }
        }
        return null;
    }
}
