package io.tandem.tools;

import io.tandem.tools.bench.BenchCommand;
import io.tandem.tools.bench.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code tandem} command. */
@Command(
    name = "tandem",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Runs programs in a deterministic RISC-V machine.",
    subcommands = {RunCommand.class, ReplayCommand.class, InspectCommand.class, ClientCommand.class, PairCommand.class, ArbiterCommand.class,
        PrimaryCommand.class, BackupCommand.class, SwitchoverCommand.class, StatCommand.class, SnapshotCommand.class, RestoreCommand.class, BenchCommand.class,
        ReportCommand.class, CheckCommand.class, SimCommand.class, CommandLine.HelpCommand.class})
public final class Tandem
{
    /** @param args command-line arguments. */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting (for tests). */
    public static int execute(final String... args)
    {
        final CommandLine commandLine = new CommandLine(new Tandem());
        commandLine.setExecutionExceptionHandler(new UserErrorHandler());
        return commandLine.execute(args);
    }
}
