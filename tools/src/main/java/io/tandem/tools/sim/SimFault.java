package io.tandem.tools.sim;

/** The kinds of fault a simulated run may draw, named as {@code tandem sim --faults} takes them. */
public enum SimFault
{
    /** The primary's process dies: it is never stepped again. */
    CRASH_PRIMARY,
    /** The backup's process dies. */
    CRASH_BACKUP,
    /** Nothing goes from the primary to the backup for a while (a one-way partition). */
    PARTITION_LOG,
    /** Nothing goes from the backup to the primary for a while. */
    PARTITION_ACK,
    /** Nothing goes either way for a while. */
    PARTITION_BOTH,
    /** Both links slow down to milliseconds for a while. */
    DELAY,
    /** The backup's thread gets a tenth of its turns for a while. */
    SLOW_BACKUP,
    /** The arbiter cannot be reached for a while. */
    ARBITER_OUTAGE,
    /** A quarter of the clients' datagrams, requests and replies, are lost for a while. */
    CLIENT_LOSS,
    /**
     * A third of the clients' datagrams arrive twice for a while, each copy with its own delay, so
     * that copies overtake later datagrams.
     */
    CLIENT_DUPLICATE,
    /** One replica's disk, drawn from the seed, fails every read, write and flush for a while. */
    DISK_ERRORS,
    /** Every disk request takes 0.1 to 3 ms for a while. */
    DISK_LATENCY;

    /** @return the name the command line takes: lower case, dashes. */
    public String optionName()
    {
        return OptionNames.of(this);
    }

    /**
     * @param name an {@link #optionName()}.
     * @return the fault.
     * @throws IllegalArgumentException naming the known ones.
     */
    public static SimFault parse(final String name)
    {
        return OptionNames.parse(SimFault.class, name, "fault");
    }
}
