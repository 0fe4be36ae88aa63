package io.tandem.node.sample;

import io.tandem.engine.replica.BackupReplica;
import io.tandem.engine.replica.PairConfig;
import io.tandem.node.Pair;
import io.tandem.node.PairContext;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A service embedding a fault-tolerant pair: serves the kvstore guest, reads its counters, fails over. */
public final class KvstoreService
{
    /** @param args the kvstore guest's ELF (default {@code guests/bin/kvstore.elf}). */
    public static void main(final String[] args) throws InterruptedException
    {
        run(Path.of(args.length > 0 ? args[0] : "guests/bin/kvstore.elf"), System.out);
    }

    static void run(final Path kvstoreElf, final PrintStream out) throws InterruptedException
    {
        try (Pair pair = new Pair(new PairContext()
            .elf(kvstoreElf)
            .network(new InetSocketAddress("127.0.0.1", 0), 7000)   // clients' UDP address, guest port
            .config(new PairConfig().failureTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200)))))
        {
            pair.console().await("listening", Duration.ofSeconds(10));
            out.println("serving " + pair.address() + "; tandem stat " + pair.workDirectory());
            out.println("primary at instruction " + pair.primaryCounters().icount() + ", backup lag " +
                pair.backupCounters().lag() + " instructions");
            pair.killPrimary();                                       // a crash, as far as the backup can tell
            while (pair.backupState() != BackupReplica.State.LIVE)
            {
                Thread.sleep(10);
            }
            out.println("failed over: the backup serves " + pair.address() + " (failovers " +
                pair.backupCounters().failovers() + ", generation " + pair.backupCounters().generation() + ")");
        }
    }
}
