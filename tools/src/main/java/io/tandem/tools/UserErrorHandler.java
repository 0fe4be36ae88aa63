package io.tandem.tools;

import io.tandem.engine.elf.ElfFormatException;
import io.tandem.engine.snapshot.SnapshotFormatException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.UncheckedIOException;

/**
 * Expected failures (bad files, bad options) become one clear line and an exit code; only a
 * host bug prints a stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler
{
    @Override
    public int handleExecutionException(final Exception ex, final CommandLine commandLine, final ParseResult parseResult)
        throws Exception
    {
        if (ex instanceof ElfFormatException || ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException ||
            ex instanceof SnapshotFormatException)
        {
            commandLine.getErr().println("tandem: " + ex.getMessage());
            commandLine.getErr().flush();
            return ExitCodes.BAD_INPUT;
        }
        throw ex;
    }
}
