package io.tandem.tools.sim;

import java.util.Locale;

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

    /** @return the name {@code --faults} takes: lower case, dashes. */
    public String optionName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param name an {@link #optionName()}.
     * @return the fault.
     * @throws IllegalArgumentException naming the known ones.
     */
    public static SimFault parse(final String name)
    {
        for (final SimFault fault : values())
        {
            if (fault.optionName().equals(name))
            {
                return fault;
            }
        }
        final StringBuilder known = new StringBuilder();
        for (final SimFault fault : values())
        {
            known.append(known.length() == 0 ? "" : ", ").append(fault.optionName());
        }
        throw new IllegalArgumentException("unknown fault " + name + ": one of " + known);
    }
}
