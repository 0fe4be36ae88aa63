package io.tandem.tools.bench;

import io.tandem.engine.machine.CpuEngine;
import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PrimaryReplica;
import io.tandem.node.Pair;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Guest MIPS of the CPU benchmark run to its end: alone, recording a journal, replaying that
 * journal, and as the primary and the replaying backup of a pair over Aeron IPC; then, when
 * installed, QEMU on the same ELF with {@code -icount shift=0} and plain (TCG). Then the same
 * benchmark built with the C extension ({@code cpubench_rvc.elf}, {@code cpubench_quick_rvc.elf}
 * with {@code --quick}) against the build without it, alone on each engine. Everything in one run
 * on one machine, so the ratios are the figures to quote.
 */
final class MipsScenario implements Scenario
{
    private static final long PAIR_DEADLINE_NS = TimeUnit.MINUTES.toNanos(10);
    /** The names a pair gives its replicas' threads. */
    private static final String PRIMARY_THREAD = "tandem-primary";
    private static final String BACKUP_THREAD = "tandem-backup";
    /** The C / no C steps' lengths in solo steps: six runs each, the interpreted ones at about a sixth of the speed. */
    private static final double COMPILED_C_STEP = 1.5;
    private static final double INTERPRETED_C_STEP = 9;

    @Override
    public String name()
    {
        return "mips";
    }

    @Override
    public void plan(final BenchRun run)
    {
        final double seconds = run.size() == BenchSize.FULL ? 11 : 0.5;
        run.progress().plan(4, seconds);
        if (run.qemu() && QemuRun.installed())
        {
            run.progress().plan(2, seconds / 2);
        }
        run.progress().plan(1, COMPILED_C_STEP * seconds);    // compressed against uncompressed, compiled
        run.progress().plan(1, INTERPRETED_C_STEP * seconds); // and interpreted
    }

    @Override
    public void run(final BenchRun run)
    {
        final Path elf = run.guests().elf(run.size().cpuGuest);
        final double seconds = run.size() == BenchSize.FULL ? 11 : 0.5;
        try (WorkDirectory scratch = run.workDirectory("mips-"))
        {
            run.progress().step("mips: " + elf.getFileName() + " solo (after an untimed warm-up run)", seconds);
            // Machines of one process share compiled region classes, and HotSpot's compilation of
            // them: the configurations after the first would run on code the first one warmed.
            // An untimed run of the same guest first warms it for all of them alike.
            CpuRuns.solo(elf);
            final CpuRuns.Timing solo = CpuRuns.solo(elf);
            report(run, "solo", solo, solo);
            run.progress().step("mips: " + elf.getFileName() + " recording a journal", seconds);
            final Path journal = scratch.path().resolve("journal");
            report(run, "recording", CpuRuns.record(elf, journal), solo);
            run.progress().step("mips: replaying that journal", seconds);
            report(run, "replaying the journal", CpuRuns.replay(elf, journal), solo);
            run.progress().step("mips: " + elf.getFileName() + " as a pair over Aeron IPC (after an untimed warm-up pair)",
                seconds);
            // The pair's own paths (recorder, Aeron, replayer, acknowledgements) are compiled while
            // the first pair runs: without a warm-up it would be timed with a cold JIT, unlike solo.
            pairTimings(run, elf);
            final CpuRuns.Timing[] pair = pairTimings(run, elf);
            report(run, "pair primary", pair[0], solo);
            report(run, "pair backup (replaying)", pair[1], solo);
            qemu(run, elf, solo, seconds);
            compressed(run, elf, seconds);
        }
    }

    /**
     * The benchmark built with C against the build without it, on each engine: the two alternated
     * as without, with, with, without (so that a drift of the host's speed weighs on both alike),
     * after an untimed run of each: the compiled engine compiles regions per code, and HotSpot
     * compiles the interpreter's loop again once compressed code reaches cases it had not seen
     * (without it, one interpreted round gave 0.60 where the next gave 1.03);
     * the figure is the ratio of their summed MIPS. MIPS here are per second of the machine
     * thread's CPU time: on a host that other processes load, wall-clock MIPS of runs a minute
     * apart moved by 1.5x and more, and their ratio with them.
     */
    private void compressed(final BenchRun run, final Path uncompressed, final double seconds)
    {
        final String name = uncompressed.getFileName().toString();
        final Path withC = run.guests().elf(name.replace(".elf", "_rvc.elf"));
        for (final CpuEngine engine : CpuEngine.values())
        {
            final String engineName = engine.name().toLowerCase(Locale.ROOT);
            run.progress().step("mips: " + withC.getFileName() + " against " + name + ", " + engineName,
                (engine == CpuEngine.COMPILED ? COMPILED_C_STEP : INTERPRETED_C_STEP) * seconds);
            CpuRuns.soloThreadCpu(uncompressed, engine);
            CpuRuns.soloThreadCpu(withC, engine);
            final CpuRuns.Timing without1 = CpuRuns.soloThreadCpu(uncompressed, engine);
            final CpuRuns.Timing with1 = CpuRuns.soloThreadCpu(withC, engine);
            final CpuRuns.Timing with2 = CpuRuns.soloThreadCpu(withC, engine);
            final CpuRuns.Timing without2 = CpuRuns.soloThreadCpu(uncompressed, engine);
            final double withMips = with1.mips() + with2.mips();
            final double withoutMips = without1.mips() + without2.mips();
            final double ratio = withMips / withoutMips;
            final String configuration = "C / no C, " + engineName;
            run.results().figure(name(), configuration, "cpu-MIPS with C", withMips / 2, "MIPS");
            run.results().figure(name(), configuration, "cpu-MIPS without C", withoutMips / 2, "MIPS");
            run.results().figure(name(), configuration, "with C / without", ratio, "x");
            run.summary().printf(Locale.ROOT, "mips     %-26s %8.1f cpu-MIPS with C, %.1f without: %5.2f x " +
                "(rounds %.2f, %.2f; %d and %d instructions)%n", configuration, withMips / 2, withoutMips / 2, ratio,
                with1.mips() / without1.mips(), with2.mips() / without2.mips(), with1.instructions, without1.instructions);
        }
        run.results().note("mips: C / no C is the same benchmark source built with -march=rv32imac and with " +
            "rv32ima (about half its instructions 16-bit), the same instruction count, run without, with, with, " +
            "without on each engine after an untimed run of each; its MIPS are instructions per " +
            "second of the machine thread's CPU time");
    }

    /** @return the primary's and the backup's timings of one pair running {@code elf} to its end. */
    private static CpuRuns.Timing[] pairTimings(final BenchRun run, final Path elf)
    {
        try (WorkDirectory work = run.workDirectory("mips-pair-");
            Pair pair = new Pair(PairSetup.context(elf, 0, PairSetup.Link.IPC, PairSetup.config(run.failureTimeoutMs()), work)))
        {
            // Counted from here: the driver is up and both replicas run.
            final long startNs = System.nanoTime();
            final long primaryStart = pair.primaryCounters().icount();
            final long backupStart = pair.backupCounters().icount();
            // The machine threads' CPU: what each replica spends per instruction, apart from what
            // the other threads (the other replica, the driver, the JIT, other processes) take from the cores.
            final long primaryStartCpuNs = NamedThreadCpu.of(PRIMARY_THREAD);
            final long backupStartCpuNs = NamedThreadCpu.of(BACKUP_THREAD);
            long primaryEndNs = 0;
            long backupEndNs = 0;
            long primaryCpuNs = -1;
            long backupCpuNs = -1;
            while ((primaryEndNs == 0 || backupEndNs == 0) && System.nanoTime() - startNs < PAIR_DEADLINE_NS)
            {
                SoloServer.sleepMs(1);
                if (primaryEndNs == 0 && pair.primaryState() == PrimaryReplica.State.HALTED)
                {
                    primaryEndNs = System.nanoTime();
                    primaryCpuNs = cpuSince(PRIMARY_THREAD, primaryStartCpuNs);
                }
                if (backupEndNs == 0 && pair.backupState() == BackupReplica.State.HALTED)
                {
                    backupEndNs = System.nanoTime();
                    backupCpuNs = cpuSince(BACKUP_THREAD, backupStartCpuNs);
                }
                if (pair.primaryCounters().failure() != null || pair.backupCounters().failure() != null)
                {
                    throw new IllegalStateException("a replica failed: " + (pair.primaryCounters().failure() != null ?
                        pair.primaryCounters().failure() : pair.backupCounters().failure()));
                }
            }
            if (primaryEndNs == 0 || backupEndNs == 0)
            {
                throw new IllegalStateException("the pair did not finish " + elf.getFileName() + " within " +
                    TimeUnit.NANOSECONDS.toMinutes(PAIR_DEADLINE_NS) + " minutes");
            }
            return new CpuRuns.Timing[] {
                new CpuRuns.Timing(pair.primaryCounters().icount() - primaryStart, primaryEndNs - startNs, primaryCpuNs),
                new CpuRuns.Timing(pair.backupCounters().icount() - backupStart, backupEndNs - startNs, backupCpuNs)};
        }
    }

    /** @return CPU nanoseconds of the named thread since {@code startCpuNs}, or -1 when either is unknown. */
    private static long cpuSince(final String thread, final long startCpuNs)
    {
        final long nowNs = NamedThreadCpu.of(thread);
        return startCpuNs < 0 || nowNs < 0 ? -1 : nowNs - startCpuNs;
    }

    private void qemu(final BenchRun run, final Path elf, final CpuRuns.Timing solo, final double seconds)
    {
        if (!run.qemu())
        {
            run.results().note("mips: QEMU left out (--no-qemu)");
            return;
        }
        if (!QemuRun.installed())
        {
            run.results().note("mips: qemu-system-riscv32 is not installed: no QEMU figures");
            run.summary().println("mips     QEMU: qemu-system-riscv32 not installed, left out");
            return;
        }
        run.progress().step("mips: the same ELF under QEMU -icount shift=0", seconds / 2);
        final long icountNs = QemuRun.wallNs(elf, true);
        run.progress().step("mips: the same ELF under QEMU (TCG, no icount)", seconds / 2);
        final long plainNs = QemuRun.wallNs(elf, false);
        // QEMU does not count instructions: its MIPS use Tandem's exact count for the same ELF.
        final CpuRuns.Timing withIcount = new CpuRuns.Timing(solo.instructions, icountNs);
        final CpuRuns.Timing plain = new CpuRuns.Timing(solo.instructions, plainNs);
        report(run, "QEMU -icount shift=0", withIcount, solo);
        report(run, "QEMU TCG", plain, solo);
        run.results().note("mips: QEMU's time is the wall time of the whole process (start-up included), its MIPS " +
            "Tandem's instruction count over that time");
    }

    private void report(final BenchRun run, final String configuration, final CpuRuns.Timing timing,
        final CpuRuns.Timing solo)
    {
        final double ratio = timing.mips() / solo.mips();
        run.results().figure(name(), configuration, "MIPS", timing.mips(), "MIPS");
        run.results().figure(name(), configuration, "MIPS / solo", ratio, "x");
        run.results().figure(name(), configuration, "instructions", timing.instructions, "instructions");
        run.results().figure(name(), configuration, "wall time", timing.elapsedNs / 1e9, "s");
        if (timing.threadCpuNs < 0)
        {
            run.summary().printf(Locale.ROOT, "mips     %-26s %8.1f MIPS  %5.2f x solo  (%d instructions in %.2f s)%n",
                configuration, timing.mips(), ratio, timing.instructions, timing.elapsedNs / 1e9);
            return;
        }
        // Instructions per second of the machine thread's own CPU: below solo's, the thread does more
        // per instruction; at solo's while the wall-clock MIPS is lower, it waited for a core.
        final double cpuRatio = timing.cpuMips() / solo.cpuMips();
        run.results().figure(name(), configuration, "cpu-MIPS", timing.cpuMips(), "MIPS");
        run.results().figure(name(), configuration, "cpu-MIPS / solo", cpuRatio, "x");
        run.results().figure(name(), configuration, "machine thread CPU", timing.threadCpuNs / 1e9, "s");
        run.summary().printf(Locale.ROOT, "mips     %-26s %8.1f MIPS  %5.2f x solo  (%d instructions in %.2f s; " +
            "machine thread %.2f s CPU, %.1f cpu-MIPS, %.2f x solo's)%n", configuration, timing.mips(), ratio,
            timing.instructions, timing.elapsedNs / 1e9, timing.threadCpuNs / 1e9, timing.cpuMips(), cpuRatio);
    }
}
