package io.tandem.engine.dev;

/**
 * Port: bytes typed at the guest's console. Polled by the machine between instructions (never
 * from another thread into guest-visible state), so that each byte enters at an instruction
 * count the machine chooses.
 */
@FunctionalInterface
public interface ConsoleSource
{
    /** A console with nothing to say. */
    ConsoleSource NONE = () -> -1;

    /** @return the next byte (0-255), or -1 when none is waiting. */
    int poll();
}
