package io.tandem.engine.machine;

/** Why {@link Machine#run(long)} returned. */
public enum StopReason
{
    /** The requested number of instructions retired: icount is exactly the target. */
    BUDGET,
    /** The hart waits for an interrupt (WFI) and none is pending. */
    WFI,
    /** The machine stopped for good; {@link Machine#haltReason()} says why. */
    HALT,
    /** The inputs cannot yet say what happens next (a replay at the end of what it has received). */
    INPUTS
}
