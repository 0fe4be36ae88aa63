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
    ARBITER_OUTAGE;

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
