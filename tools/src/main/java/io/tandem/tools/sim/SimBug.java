package io.tandem.tools.sim;

import java.util.Locale;

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
    DUPLICATE_APPLY;

    /** @return the name {@code --inject-bug} takes: lower case, dashes. */
    public String optionName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param name an {@link #optionName()}.
     * @return the bug.
     */
    public static SimBug parse(final String name)
    {
        for (final SimBug bug : values())
        {
            if (bug.optionName().equals(name))
            {
                return bug;
            }
        }
        throw new IllegalArgumentException("unknown bug " + name + ": early-release, grant-twice or duplicate-apply");
    }
}
