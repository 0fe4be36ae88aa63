package io.tandem.engine.machine;

/** Why {@link Machine#run(long)} returned. */
public enum StopReason
{
    /** The requested number of instructions retired: icount is exactly the target. */
    BUDGET,
    /** The hart waits for an interrupt (WFI) and none is pending. */
    WFI,
    /** The machine stopped for good; {@link Machine#haltReason()} says why. */
    HALT
}
