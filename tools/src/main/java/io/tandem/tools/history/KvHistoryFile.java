package io.tandem.tools.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.tools.kv.KvOp;
import io.tandem.tools.kv.KvStatus;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A history as JSON lines, one operation per line, as {@code tandem client --history} writes it
 * and {@code tandem check} reads it:
 * <pre>
 * {"client":0,"request":17,"op":"put","key":"k42","value":"c0r17","invoke_ns":81234,"complete_ns":81299,"status":"OK"}
 * {"client":1,"request":9,"op":"get","key":"k42","invoke_ns":81240,"complete_ns":81310,"status":"OK","read":"c0r17"}
 * {"client":1,"request":10,"op":"cas","key":"k7","expected":"c1r3","value":"c1r10","invoke_ns":...,"status":"TIMED_OUT"}
 * </pre>
 * {@code complete_ns} is absent when no reply came ({@code TIMED_OUT}): the operation may or may
 * not have taken effect. Times are one host's monotonic nanoseconds.
 */
public final class KvHistoryFile
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private KvHistoryFile()
    {
    }

    /** @return one line of JSON for the operation, without its newline. */
    public static String line(final KvOperation operation)
    {
        final ObjectNode node = JSON.createObjectNode();
        node.put("client", operation.client());
        node.put("request", operation.request());
        node.put("op", operation.op().name().toLowerCase(Locale.ROOT));
        node.put("key", operation.key());
        if (operation.expected() != null)
        {
            node.put("expected", operation.expected());
        }
        if (operation.value() != null)
        {
            node.put("value", operation.value());
        }
        node.put("invoke_ns", operation.invokeNs());
        if (!operation.indeterminate())
        {
            node.put("complete_ns", operation.completeNs());
        }
        node.put("status", operation.status().name());
        if (operation.read() != null)
        {
            node.put("read", operation.read());
        }
        try
        {
            return JSON.writeValueAsString(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Writes the operations, one per line. */
    public static void write(final Path file, final List<KvOperation> operations) throws IOException
    {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            for (final KvOperation operation : operations)
            {
                out.write(line(operation));
                out.newLine();
            }
        }
    }

    /**
     * @param file a history written by {@link #write}.
     * @return its operations.
     * @throws IOException              when the file cannot be read.
     * @throws IllegalArgumentException naming the line, when a line is not an operation.
     */
    public static List<KvOperation> read(final Path file) throws IOException
    {
        final List<KvOperation> operations = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String text;
            int number = 0;
            while ((text = in.readLine()) != null)
            {
                number++;
                if (text.isBlank())
                {
                    continue;
                }
                try
                {
                    operations.add(parse(JSON.readTree(text)));
                }
                catch (final JsonProcessingException | IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException(file + " line " + number + ": not an operation: " +
                        ex.getMessage().lines().findFirst().orElse(""), ex);
                }
            }
        }
        return operations;
    }

    private static KvOperation parse(final JsonNode node)
    {
        if (node == null || !node.isObject())
        {
            throw new IllegalArgumentException("not a JSON object");
        }
        final KvStatus status = KvStatus.valueOf(text(node, "status", true));
        final KvOp op = KvOp.valueOf(text(node, "op", true).toUpperCase(Locale.ROOT));
        final long invokeNs = number(node, "invoke_ns", true);
        final long completeNs = status == KvStatus.TIMED_OUT ? -1 : number(node, "complete_ns", true);
        if (status != KvStatus.TIMED_OUT && completeNs < invokeNs)
        {
            throw new IllegalArgumentException("complete_ns " + completeNs + " before invoke_ns " + invokeNs);
        }
        if ((op == KvOp.PUT || op == KvOp.CAS) && !node.hasNonNull("value"))
        {
            throw new IllegalArgumentException(op + " without a value");
        }
        if (op == KvOp.CAS && !node.hasNonNull("expected"))
        {
            throw new IllegalArgumentException("CAS without an expected value");
        }
        return new KvOperation((int)number(node, "client", true), number(node, "request", true), op,
            text(node, "key", true), text(node, "value", false), text(node, "expected", false), invokeNs, completeNs,
            status, text(node, "read", false));
    }

    private static String text(final JsonNode node, final String field, final boolean required)
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            if (required)
            {
                throw new IllegalArgumentException("no " + field);
            }
            return null;
        }
        if (!value.isTextual())
        {
            throw new IllegalArgumentException(field + " is not a string");
        }
        return value.asText();
    }

    private static long number(final JsonNode node, final String field, final boolean required)
    {
        final JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber())
        {
            throw new IllegalArgumentException(required && value == null ? "no " + field : field + " is not an integer");
        }
        return value.asLong();
    }
}
