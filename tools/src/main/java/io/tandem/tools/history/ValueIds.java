package io.tandem.tools.history;

import java.util.HashMap;
import java.util.Map;

/** Small integer ids for the values of a history, so that states compare and hash as ints. */
final class ValueIds
{
    private final Map<String, Integer> ids = new HashMap<>();

    /** @return the id of {@code value} (0, 1, ... in order of first sight); null has no id and maps to -2. */
    int of(final String value)
    {
        if (value == null)
        {
            return -2; // never equal to a state: a reply that names no value matches none
        }
        return ids.computeIfAbsent(value, v -> ids.size());
    }
}
