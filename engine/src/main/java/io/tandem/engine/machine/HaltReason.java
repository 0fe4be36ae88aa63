package io.tandem.engine.machine;

/** Why a machine stopped for good. */
public enum HaltReason
{
    /** Still running. */
    NONE,
    /** The guest wrote "pass" to the test finisher. */
    PASSED,
    /** The guest wrote "fail" with an exit code to the test finisher. */
    FAILED,
    /** The guest asked the test finisher for a reset; the run ends there. */
    RESET_REQUESTED,
    /** A trap could not be taken because its handler trapped at once; see {@link Machine#haltMessage()}. */
    LOCKED_UP,
    /** The machine's inputs cannot go on: a replay that no longer follows its log. */
    INPUTS_FAILED
}
