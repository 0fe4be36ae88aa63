package io.tandem.engine.mem;

/** Told of every host-side write into guest RAM, so that decoded code over it is forgotten. */
@FunctionalInterface
public interface RamWriteListener
{
    /**
     * @param ramOffset   first byte written, from the start of RAM.
     * @param lengthBytes bytes written.
     */
    void ramWritten(int ramOffset, int lengthBytes);
}
