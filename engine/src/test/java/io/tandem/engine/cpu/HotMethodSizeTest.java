package io.tandem.engine.cpu;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HotSpot refuses to JIT-compile a method of more than 8000 bytes of bytecode
 * (-XX:HugeMethodLimit): the interpreter loop must stay below it or it would run interpreted.
 */
class HotMethodSizeTest
{
    private static final int HUGE_METHOD_LIMIT = 8000;

    @Test
    void cpuExecuteLoopStaysUnderTheJitsHugeMethodLimit() throws Exception
    {
        final int size = bytecodeSize(Cpu.class, "public int execute(int)");
        assertTrue(size > 1000, "the loop was found and measured: " + size);
        assertTrue(size < HUGE_METHOD_LIMIT, "Cpu.execute is " + size + " bytes of bytecode");
    }

    @Test
    void decoderStaysUnderTheJitsHugeMethodLimit() throws Exception
    {
        final int size = bytecodeSize(Decoder.class, "static long decode(int, int, int)");
        assertTrue(size < HUGE_METHOD_LIMIT, "Decoder.decode is " + size + " bytes of bytecode");
    }

    /** @return the offset just past the last instruction of a method, from javap's listing. */
    private static int bytecodeSize(final Class<?> type, final String signature) throws Exception
    {
        final ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        final Path classes = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        final StringWriter out = new StringWriter();
        final int status = javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", "-cp",
            classes.toString(), type.getName());
        assertEquals(0, status, out.toString());
        final String listing = out.toString();
        final int start = listing.indexOf(signature);
        assertTrue(start >= 0, "method not found: " + signature);
        final int end = listing.indexOf("\n\n", start);
        final String body = listing.substring(start, end < 0 ? listing.length() : end);
        final Matcher instruction = Pattern.compile("\\n\\s+(\\d+): (\\w+)").matcher(body);
        int lastOffset = -1;
        String lastOpcode = "";
        while (instruction.find())
        {
            lastOffset = Integer.parseInt(instruction.group(1));
            lastOpcode = instruction.group(2);
        }
        assertTrue(lastOffset >= 0, "no bytecode listed for " + signature);
        // The last instruction is a return or goto: 1 or 3 bytes.
        return lastOffset + (lastOpcode.startsWith("goto") ? 3 : 1);
    }
}
