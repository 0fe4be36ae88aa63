package io.tandem.engine.replica;

import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.StopReason;
import org.agrona.concurrent.IdleStrategy;

/**
 * Drives a replaying machine through its log to the end: the recorded RUN_END, a divergence,
 * or the end of a log that stops short (a torn journal, replayed up to its last entry).
 */
public final class ReplayRun
{
    /** How a replay ended. */
    public enum Outcome
    {
        /** The machine reached the recorded end with the recorded state hash. */
        MATCHED,
        /** The machine reached the recorded end in another state. */
        STATE_MISMATCH,
        /** The machine stopped following the log, or the log is damaged; see the report. */
        DIVERGED,
        /** The log ended without RUN_END; the machine was replayed to its last entry. */
        LOG_ENDED
    }

    private static final long CHUNK_INSTRUCTIONS = 50_000_000L;

    private ReplayRun()
    {
    }

    /**
     * @param machine  a loaded machine whose inputs are {@code replayer}.
     * @param replayer the replayer, already {@link Replayer#start started}.
     * @param idle     how to wait while a log still being written has nothing new.
     * @param report   receives one line describing the outcome.
     * @return the outcome.
     */
    public static Outcome run(
        final Machine machine, final Replayer replayer, final IdleStrategy idle, final StringBuilder report)
    {
        long stalledIcount = -1;
        long stalledSequence = -1;
        while (true)
        {
            if (replayer.failure() != null)
            {
                report.append(replayer.failure());
                return Outcome.DIVERGED;
            }
            final long now = machine.icount();
            if (replayer.atRunEnd() && now == replayer.runEndIcount())
            {
                return compareEnd(machine, replayer, report);
            }
            final long budget = replayer.atRunEnd() ? replayer.runEndIcount() - now : CHUNK_INSTRUCTIONS;
            if (budget < 0)
            {
                report.append("replay diverged: the machine is at instruction ").append(now)
                    .append(", past the recorded end at ").append(replayer.runEndIcount());
                return Outcome.DIVERGED;
            }
            final StopReason stop = machine.run(budget);
            machine.flushConsole();
            switch (stop)
            {
                case HALT:
                    if (machine.haltReason() == HaltReason.INPUTS_FAILED)
                    {
                        report.append(machine.haltMessage());
                        return Outcome.DIVERGED;
                    }
                    if (!(replayer.atRunEnd() && machine.icount() == replayer.runEndIcount()))
                    {
                        report.append("replay diverged: the machine halted at instruction ").append(machine.icount())
                            .append(" (").append(machine.haltMessage()).append(") but the log goes on");
                        if (replayer.hasNext())
                        {
                            report.append(" to instruction ").append(replayer.next().icount())
                                .append(" (sequence ").append(replayer.next().sequence()).append(')');
                        }
                        return Outcome.DIVERGED;
                    }
                    break;
                case INPUTS:
                case WFI:
                    if (replayer.ended())
                    {
                        report.append("the log ends at sequence ").append(replayer.lastSequence())
                            .append(" without RUN_END; replayed to instruction ").append(machine.icount())
                            .append(", state hash ").append(String.format("%016x", machine.stateHash()));
                        return Outcome.LOG_ENDED;
                    }
                    if (!replayer.hasNext() || (stop == StopReason.INPUTS && !replayer.checkpointReady(machine.icount())))
                    {
                        // The log is still being written: no entry yet, or not yet every entry
                        // logged at the check point the machine stands at.
                        idle.idle();
                        break;
                    }
                    if (replayer.atRunEnd() && machine.icount() < replayer.runEndIcount() && stop == StopReason.WFI)
                    {
                        report.append("replay diverged: the guest waits at instruction ").append(machine.icount())
                            .append(" but the recording ran on to ").append(replayer.runEndIcount());
                        return Outcome.DIVERGED;
                    }
                    if (machine.icount() == stalledIcount && replayer.lastSequence() == stalledSequence)
                    {
                        report.append("replay diverged: the log has ").append(
                            io.tandem.codec.EntryType.name(replayer.next().type())).append(" at instruction ")
                            .append(replayer.next().icount()).append(" (sequence ").append(replayer.next().sequence())
                            .append(") but the machine, at ").append(machine.icount()).append(", does not take it");
                        return Outcome.DIVERGED;
                    }
                    stalledIcount = machine.icount();
                    stalledSequence = replayer.lastSequence();
                    break;
                default:
                    idle.reset();
                    break;
            }
        }
    }

    private static Outcome compareEnd(final Machine machine, final Replayer replayer, final StringBuilder report)
    {
        final long hash = machine.stateHash();
        final long recorded = replayer.runEndStateHash();
        if (hash == recorded && machine.cpu().pc() == replayer.runEndPc())
        {
            report.append(String.format("replay matched the recording: instruction %d, state hash %016x",
                machine.icount(), hash));
            return Outcome.MATCHED;
        }
        report.append(String.format(
            "replay reached the recorded end at instruction %d in another state: hash %016x pc 0x%08x, " +
            "recorded %016x pc 0x%08x", machine.icount(), hash, machine.cpu().pc(), recorded, replayer.runEndPc()));
        return Outcome.STATE_MISMATCH;
    }
}
