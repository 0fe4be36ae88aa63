package io.tandem.engine.mem;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuestMemoryTest
{
    private final GuestRam ram = new GuestRam(64 * 1024);
    private final List<int[]> writes = new ArrayList<>();
    private final GuestMemory memory = new GuestMemory(ram, (offset, length) -> writes.add(new int[] {offset, length}));

    @AfterEach
    void tearDown()
    {
        ram.close();
    }

    @Test
    void everyDeviceWriteIsReportedSoDecodedCodeIsForgotten()
    {
        final long base = Integer.toUnsignedLong(MemoryMap.RAM_BASE);
        memory.putInt(base + 8, 1);
        memory.putU16(base + 20, 2);
        memory.copyIn(base + 100, new UnsafeBuffer(new byte[10]), 0, 10);
        memory.zero(base + 200, 3);
        assertEquals(4, writes.size());
        assertArrayEquals(new int[] {8, 4}, writes.get(0));
        assertArrayEquals(new int[] {20, 2}, writes.get(1));
        assertArrayEquals(new int[] {100, 10}, writes.get(2));
        assertArrayEquals(new int[] {200, 3}, writes.get(3));
    }

    @Test
    void readsDoNotReport()
    {
        final long base = Integer.toUnsignedLong(MemoryMap.RAM_BASE);
        memory.getInt(base);
        memory.getLong(base);
        memory.copyOut(base, new UnsafeBuffer(new byte[16]), 0, 16);
        assertTrue(writes.isEmpty());
    }

    @Test
    void containsAcceptsOnlyRangesInsideRam()
    {
        final long base = Integer.toUnsignedLong(MemoryMap.RAM_BASE);
        assertTrue(memory.contains(base, 64 * 1024));
        assertFalse(memory.contains(base, 64 * 1024 + 1));
        assertFalse(memory.contains(base - 1, 2));
        assertFalse(memory.contains(0x1000_0000L, 4));
        assertFalse(memory.contains(base + (1L << 32), 4));
        assertFalse(memory.contains(-1L, 1));
        assertFalse(memory.contains(base, -1));
    }
}
