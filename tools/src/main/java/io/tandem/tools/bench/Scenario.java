package io.tandem.tools.bench;

/** One end-to-end measurement of {@code tandem bench}. */
interface Scenario
{
    /** @return its name on the command line and in the results. */
    String name();

    /** Adds its steps and their planned lengths to the progress plan, before anything runs. */
    void plan(BenchRun run);

    /** Runs it, recording into {@code run.results()} and printing a short summary. */
    void run(BenchRun run);
}
