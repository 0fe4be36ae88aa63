package io.tandem.engine.dev;

/**
 * Port: entropy for the Zkr {@code seed} CSR. Non-deterministic by nature: a recording machine
 * logs each value, a replaying one answers from the log.
 */
@FunctionalInterface
public interface EntropySource
{
    /** @return sixteen bits of entropy in the low half. */
    int next16();
}
