package io.tandem.engine.elf;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A validated guest executable, as produced by {@link ElfReader}: where to start, what to load and
 * the addresses of its named symbols. Immutable; only the reader creates instances, so every image
 * satisfies the reader's checks (segments inside the 32-bit address space and not overlapping).
 */
public final class ElfImage
{
    private final String sourceName;
    private final int entry;
    private final List<ElfSegment> segments;
    private final Map<String, Integer> symbols;

    ElfImage(final String sourceName, final int entry, final List<ElfSegment> segments, final Map<String, Integer> symbols)
    {
        this.sourceName = sourceName;
        this.entry = entry;
        this.segments = segments;
        this.symbols = symbols;
    }

    /** @return the name the image was read from (a path as given, or the name passed to {@link ElfReader#parse}). */
    public String sourceName()
    {
        return sourceName;
    }

    /** @return the unsigned 32-bit guest address of the first instruction ({@code e_entry}). */
    public int entry()
    {
        return entry;
    }

    /** @return the loadable segments in program-header order; unmodifiable and never empty. */
    public List<ElfSegment> segments()
    {
        return segments;
    }

    /**
     * Named function, object and untyped symbols from {@code .symtab}, for harness look-ups such as
     * {@code tohost}. Undefined symbols and the psABI's {@code $x}/{@code $d} mapping symbols are
     * left out. Where several symbols share a name, a global one wins over a weak one, a weak one
     * over a local one, and otherwise the first in the table wins. Empty when the file has no
     * symbol table (for instance after {@code strip}).
     *
     * @return unmodifiable map from name to unsigned 32-bit value ({@code st_value}), sorted by name so
     *         that iteration order is the same on every run.
     */
    public Map<String, Integer> symbols()
    {
        return symbols;
    }

    /**
     * @param name symbol name, e.g. {@code "tohost"}.
     * @return the symbol's value as in {@link #symbols()}, or empty when there is no such symbol.
     */
    public OptionalInt symbol(final String name)
    {
        final Integer value = symbols.get(name);
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    @Override
    public String toString()
    {
        return String.format("ElfImage[%s entry=0x%08x segments=%s symbols=%d]", sourceName, entry, segments, symbols.size());
    }
}
