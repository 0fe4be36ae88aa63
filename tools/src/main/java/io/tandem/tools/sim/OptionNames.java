package io.tandem.tools.sim;

import java.util.Locale;

/** Enum constants as command-line options name them: lower case, dashes for underscores. */
final class OptionNames
{
    private OptionNames()
    {
    }

    /** @return the option name of {@code constant}. */
    static String of(final Enum<?> constant)
    {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param type what to parse into.
     * @param name an option name.
     * @param what what the constants are, for the error.
     * @return the constant.
     * @throws IllegalArgumentException naming every known one.
     */
    static <E extends Enum<E>> E parse(final Class<E> type, final String name, final String what)
    {
        final StringBuilder known = new StringBuilder();
        for (final E constant : type.getEnumConstants())
        {
            if (of(constant).equals(name))
            {
                return constant;
            }
            known.append(known.length() == 0 ? "" : ", ").append(of(constant));
        }
        throw new IllegalArgumentException("unknown " + what + " " + name + ": one of " + known);
    }
}
