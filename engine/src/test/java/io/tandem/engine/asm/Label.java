package io.tandem.engine.asm;

/**
 * A position in an {@link Assembler}'s code, referenced by jumps, branches and {@code la} before
 * or after it is bound. A label is bound once, to the address of the next instruction at the
 * time of {@link Assembler#bind(Label)}.
 */
public final class Label
{
    private final String name;
    private boolean bound;
    private int address;

    Label(final String name)
    {
        this.name = name;
    }

    /** @return the name used in error messages. */
    public String name()
    {
        return name;
    }

    /** @return true once the label has been bound to an address. */
    public boolean isBound()
    {
        return bound;
    }

    /**
     * @return the bound address.
     * @throws IllegalStateException when the label is not bound yet.
     */
    public int address()
    {
        if (!bound)
        {
            throw new IllegalStateException("label " + name + " is not bound");
        }
        return address;
    }

    void bindTo(final int address)
    {
        if (bound)
        {
            throw new IllegalStateException(String.format(
                "label %s is already bound to 0x%08x", name, this.address));
        }
        this.bound = true;
        this.address = address;
    }

    @Override
    public String toString()
    {
        return bound ? String.format("%s@0x%08x", name, address) : name + "@unbound";
    }
}
