package io.tandem.tools.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tandem report}: rebuilds the HTML report of a results directory, or compares two. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
        "Rebuilds report.html from a directory written by `tandem bench`, from its summary.json and .hlog files.",
        "  tandem report bench-results/2026-12-02T05-00-00",
        "  tandem report AFTER --compare BEFORE --output compare.html   both runs on the same plots, with ratios"})
public final class ReportCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "DIR", description = "results directory (the run to show: 'after')")
    Path directory;

    @Option(names = "--compare", paramLabel = "BEFORE", description = "an earlier results directory to compare with")
    Path before;

    @Option(names = "--output", paramLabel = "FILE",
        description = "where to write the HTML (default: DIR/report.html, or DIR/compare.html with --compare)")
    Path output;

    @Override
    public Integer call()
    {
        final ResultsDirectory after = ResultsDirectory.read(directory);
        final ResultsDirectory earlier = before == null ? null : ResultsDirectory.read(before);
        final Path target = output != null ? output :
            directory.resolve(earlier == null ? BenchResults.REPORT_FILE : "compare.html");
        BenchResults.write(target, HtmlReport.render(after, earlier));
        System.out.println("tandem report: wrote " + target + " (" + after.series().size() + " distributions, " +
            after.figures().size() + " figures" + (earlier != null ? ", compared with " + before : "") + ")");
        return 0;
    }
}
