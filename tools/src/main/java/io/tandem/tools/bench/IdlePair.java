package io.tandem.tools.bench;

import io.tandem.node.Pair;
import io.tandem.node.PairContext;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What an idle pair costs, alone in its JVM: the pair as {@code tandem bench latency} builds it,
 * left 2 s to settle after its guest says it listens, then the CPU time of this JVM's threads over
 * the given seconds, per thread ({@link IdleCpu}). Steadier than the bench's 5 s after a load run.
 * <p>
 * {@code java -cp tools/target/tandem.jar io.tandem.tools.bench.IdlePair echo|kvstore ipc|udp [seconds]}
 * (with the launcher's JVM flags; seconds default to 10).
 */
public final class IdlePair
{
    private static final long SETTLE_MS = 2000;

    private IdlePair()
    {
    }

    /** @param args guest (echo or kvstore), link (ipc or udp), seconds measured (default 10). */
    public static void main(final String[] args)
    {
        final boolean kvstore = "kvstore".equals(args[0]);
        final PairSetup.Link link = PairSetup.Link.valueOf(args[1].toUpperCase(Locale.ROOT));
        final long seconds = args.length > 2 ? Long.parseLong(args[2]) : 10;
        final Path elf = GuestFiles.locate(null).elf(kvstore ? "kvstore.elf" : "echo.elf");
        try (WorkDirectory work = WorkDirectory.under(WorkDirectory.defaultRoot(), "idle-"))
        {
            final PairContext context = PairSetup.context(elf, kvstore ? 7000 : 7007, link, PairSetup.config(100), work);
            try (Pair pair = new Pair(context))
            {
                PairSetup.awaitListening(pair, elf);
                SoloServer.sleepMs(SETTLE_MS);
                final IdleCpu.Figures cpu = IdleCpu.measure(seconds * 1_000_000_000L);
                System.out.printf(Locale.ROOT, "idle %s pair %s: %.2f %% of one core over %d s (%s)%n", args[0], link,
                    cpu.percentOfCore, seconds, cpu.busiest);
            }
        }
    }
}
