package io.tandem.tools.pair;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces, A and B, each joined by a veth pair to a bridge in this namespace,
 * all on one private /24: this namespace is {@code .1}, A {@code .2}, B {@code .3}. Names carry
 * this JVM's pid, so that concurrent builds do not collide; {@link #close()} removes it all.
 */
final class Namespaces implements AutoCloseable
{
    private final String tag = Long.toString(ProcessHandle.current().pid() % 100_000);
    private final String subnet;
    private final List<String> created = new ArrayList<>();

    /** @return true when this process may create namespaces (root with {@code ip netns}). */
    static boolean available()
    {
        try
        {
            final String name = "tndprobe" + ProcessHandle.current().pid() % 100_000;
            if (run(List.of("ip", "netns", "add", name)) != 0)
            {
                return false;
            }
            run(List.of("ip", "netns", "del", name));
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    Namespaces() throws IOException
    {
        subnet = "10.213." + (ProcessHandle.current().pid() % 250) + ".";
        final String bridge = "tbr" + tag;
        must("ip", "link", "add", bridge, "type", "bridge");
        created.add("link:" + bridge);
        must("ip", "addr", "add", subnet + "1/24", "dev", bridge);
        must("ip", "link", "set", bridge, "up");
        for (final String side : new String[] {"a", "b"})
        {
            final String ns = namespace(side);
            must("ip", "netns", "add", ns);
            created.add("netns:" + ns);
            final String outside = "t" + side + tag;
            must("ip", "link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", ns);
            created.add("link:" + outside);
            must("ip", "link", "set", outside, "master", bridge);
            must("ip", "link", "set", outside, "up");
            must("ip", "netns", "exec", ns, "ip", "addr", "add", address(side) + "/24", "dev", "eth0");
            must("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up");
            must("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        }
    }

    /** @return the namespace of side {@code a} or {@code b}. */
    String namespace(final String side)
    {
        return "tnd" + tag + side;
    }

    /** @return the address of side {@code a} or {@code b}, or of this namespace for {@code host}. */
    String address(final String side)
    {
        return subnet + switch (side)
        {
            case "a" -> "2";
            case "b" -> "3";
            default -> "1";
        };
    }

    /** @return the command prefix that runs a command in side {@code side}'s namespace. */
    List<String> in(final String side)
    {
        return List.of("ip", "netns", "exec", namespace(side));
    }

    /** Cuts side {@code side} off the bridge, as a pulled cable would. */
    void cut(final String side) throws IOException
    {
        must("ip", "link", "set", "t" + side + tag, "down");
    }

    private static void must(final String... command) throws IOException
    {
        if (run(List.of(command)) != 0)
        {
            throw new IOException("failed: " + String.join(" ", command));
        }
    }

    private static int run(final List<String> command) throws IOException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            if (process.exitValue() != 0 && !output.isBlank())
            {
                System.err.println(String.join(" ", command) + ": " + output.strip());
            }
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), ex);
        }
    }

    @Override
    public void close() throws IOException
    {
        for (int i = created.size() - 1; i >= 0; i--)
        {
            final String[] item = created.get(i).split(":", 2);
            if ("netns".equals(item[0]))
            {
                run(List.of("ip", "netns", "del", item[1]));
            }
            else
            {
                run(List.of("ip", "link", "del", item[1]));
            }
        }
    }
}
