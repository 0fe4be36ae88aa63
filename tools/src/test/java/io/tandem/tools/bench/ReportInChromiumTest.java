package io.tandem.tools.bench;

import io.tandem.tools.CommandLineRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report, opened in headless Chromium, draws its plots: the DOM Chromium dumps after
 * the page's script ran holds one {@code polyline.series} per line (none exist in the file as
 * written: the script makes them). Skipped only on a developer machine without Chromium; CI
 * sets {@value #REQUIRE_VARIABLE}=1 and then a missing Chromium fails the test.
 */
class ReportInChromiumTest
{
    static final String REQUIRE_VARIABLE = "TANDEM_REQUIRE_CHROMIUM";
    private static final Pattern SERIES = Pattern.compile("<polyline[^>]*class=\"series\"[^>]*data-label=\"([^\"]*)\"");

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void reportDrawsOneLinePerConfiguration(@TempDir final Path temp) throws Exception
    {
        final Path results = temp.resolve("results");
        ReportFixture.write(results, 1.0);
        final String html = Files.readString(results.resolve("report.html"), StandardCharsets.UTF_8);
        assertFalse(html.contains("<polyline"), "the lines are drawn by the page's script, not written in the file");
        assertFalse(html.contains("http://") && html.contains("<script src"), "self-contained");

        final String dom = dumpDom(chromium(), results.resolve("report.html"), temp);
        final List<String> labels = labels(dom);
        assertEquals(List.of("solo", "pair IPC", "first reply"), labels, dom);
        assertTrue(dom.contains("data-plots-drawn=\"2\""), "two plots drawn");
        assertFalse(dom.contains("class=\"plot-error\""), "the script reported no error");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void comparisonOverlaysBeforeAndAfter(@TempDir final Path temp) throws Exception
    {
        final Path before = temp.resolve("before");
        final Path after = temp.resolve("after");
        ReportFixture.write(before, 1.0);
        ReportFixture.write(after, 0.5);
        final CommandLineRun run = CommandLineRun.tandem("report", after.toString(), "--compare", before.toString());
        assertEquals(0, run.exitCode, run.toString());
        final Path compare = after.resolve("compare.html");
        final String html = Files.readString(compare, StandardCharsets.UTF_8);
        assertTrue(html.contains("&times;0.50"), "halved figures show a ratio of 0.50");

        final List<String> labels = labels(dumpDom(chromium(), compare, temp));
        assertEquals(2 * ReportFixture.SERIES, labels.size(), labels.toString());
        assertTrue(labels.containsAll(List.of("after: solo", "before: solo", "after: first reply", "before: first reply")),
            labels.toString());
    }

    private static List<String> labels(final String dom)
    {
        final List<String> labels = new ArrayList<>();
        final Matcher m = SERIES.matcher(dom);
        while (m.find())
        {
            labels.add(m.group(1));
        }
        return labels;
    }

    private static String chromium()
    {
        for (final String name : new String[] {"chromium", "chromium-browser"})
        {
            for (final String dir : String.valueOf(System.getenv("PATH")).split(File.pathSeparator))
            {
                if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, name)))
                {
                    return Paths.get(dir, name).toString();
                }
            }
        }
        if ("1".equals(System.getenv(REQUIRE_VARIABLE)))
        {
            throw new AssertionError(REQUIRE_VARIABLE + "=1 but chromium is not on the PATH: install Debian's chromium");
        }
        Assumptions.assumeTrue(false, "chromium is not installed (apt-get install chromium)");
        return null;
    }

    private static String dumpDom(final String chromium, final Path html, final Path temp) throws Exception
    {
        final Path profile = Files.createDirectories(temp.resolve("chromium-profile"));
        final Path dom = temp.resolve("dom-" + System.nanoTime() + ".html");
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        final Process process = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
            "--user-data-dir=" + profile, "--dump-dom", html.toUri().toString())
            .redirectOutput(dom.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "chromium did not finish in 90 s");
        assertEquals(0, process.exitValue(), "chromium's exit code");
        return Files.readString(dom, StandardCharsets.UTF_8);
    }
}
