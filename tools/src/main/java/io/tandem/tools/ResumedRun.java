package io.tandem.tools;

import io.tandem.engine.dev.HostClock;
import io.tandem.engine.dev.HostEntropy;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.StreamConsoleSink;
import io.tandem.engine.dev.StreamConsoleSource;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.LiveInputs;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.SoloRun;
import io.tandem.engine.replica.TakeoverClock;
import io.tandem.transport.net.UdpBridge;

import java.io.PrintStream;

/**
 * A restored machine going on live, as the service restarted: its inputs switch from the journal
 * to the world (the host clock, never behind the last time the guest saw; host entropy; the
 * console; a UDP bridge), disk requests whose completion the journal never logged are issued
 * again, and it runs until the guest ends or a signal stops it.
 */
final class ResumedRun
{
    private ResumedRun()
    {
    }

    /** @return the exit code: the guest's, or 0 when stopped. */
    static int goLive(final ReplayingMachine replay, final NetSpec netSpec, final ResumeFrames frames,
        final PrintStream err)
    {
        if (replay.machine.haltReason() != HaltReason.NONE)
        {
            err.println("tandem: nothing to resume: " + replay.machine.haltMessage());
            return replay.machine.exitCode();
        }
        if (netSpec != null && replay.machine.network() == null)
        {
            throw new IllegalArgumentException("--bridge: the recorded machine has no network card");
        }
        try (StopOnSignal stop = StopOnSignal.install(StopOnSignal.DEFAULT_GRACE);
            UdpBridge bridge = netSpec == null ? null :
                new UdpBridge(netSpec.bind, netSpec.guestPort, MachineContext.DEFAULT_MAC_ADDRESS))
        {
            final LiveInputs live = new LiveInputs(new TakeoverClock(new HostClock(), replay.replayer::lastClockTicks),
                new HostEntropy(), new MachineContext().hostId(), new StreamConsoleSource(System.in),
                bridge == null ? PacketSource.NONE : bridge);
            replay.inputs.switchTo(live);
            frames.goLive(bridge, new StreamConsoleSink(System.out));
            final int reissued = replay.machine.reissuePendingIo();
            err.printf("tandem: resumed live at instruction %d%s%n", replay.machine.icount(),
                reissued > 0 ? " (" + reissued + " disk requests issued again)" : "");
            final SoloRun.Outcome outcome = SoloRun.run(replay.machine, Long.MAX_VALUE, stop);
            replay.machine.flushConsole();
            err.printf("tandem: final icount %d, state hash %016x%n", replay.machine.icount(),
                replay.machine.stateHash());
            if (outcome == SoloRun.Outcome.WAITS_FOREVER)
            {
                return ExitCodes.GUEST_WAITS_FOREVER;
            }
            if (replay.machine.haltReason() == HaltReason.LOCKED_UP)
            {
                err.println("tandem: " + replay.machine.haltMessage());
                return ExitCodes.GUEST_LOCKED_UP;
            }
            return outcome == SoloRun.Outcome.STOPPED ? 0 : replay.machine.exitCode();
        }
    }
}
