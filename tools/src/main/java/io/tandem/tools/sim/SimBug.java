package io.tandem.tools.sim;

/**
 * A bug a simulated run can be built with on purpose, to show that the checks catch it: each is
 * found by some seed of a campaign ({@code SimulationBugsTest}).
 */
public enum SimBug
{
    /** None: the system as it is. */
    NONE,
    /** The primary lets outputs leave before the backup has acknowledged the log that explains them. */
    EARLY_RELEASE,
    /** The arbiter grants a generation to every claimant, so that both replicas may go on. */
    GRANT_TWICE,
    /**
     * A request sent again after a timeout is taken as a new one and applied twice, as it would be
     * by a server that lost its record of the requests it answered.
     */
    DUPLICATE_APPLY,
    /**
     * The backup does not wait at its bound: with nothing more in its log it runs on, past check
     * points whose entries have not arrived, ahead of what the primary has logged.
     */
    BACKUP_PAST_BOUND;

    /** @return the name the command line takes: lower case, dashes. */
    public String optionName()
    {
        return OptionNames.of(this);
    }

    /**
     * @param name an {@link #optionName()}.
     * @return the bug.
     * @throws IllegalArgumentException naming the known ones.
     */
    public static SimBug parse(final String name)
    {
        return OptionNames.parse(SimBug.class, name, "bug");
    }
}
