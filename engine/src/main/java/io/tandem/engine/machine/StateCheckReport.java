package io.tandem.engine.machine;

import io.tandem.codec.StateCheck;
import io.tandem.engine.mem.MemoryMap;
import io.tandem.engine.mem.WrittenPages;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Says what differs between two state checks taken at the same instruction count: pc, each
 * register that differs with both values, CSRs, devices, and the written pages (how many on each
 * side and, from this side, which). Runs once, when a replica stops on a divergence.
 */
final class StateCheckReport
{
    private static final int MAX_REGISTERS_LISTED = 8;

    private StateCheckReport()
    {
    }

    /**
     * @param pagesHere     indices of pages this machine wrote in the interval, the first {@code listed}.
     * @param pagesHereCount how many it wrote.
     */
    static String describe(final long icount, final DirectBuffer logged, final int loggedOffset,
        final DirectBuffer own, final int ownOffset, final int[] pagesHere, final int pagesHereCount)
    {
        final StringBuilder text = new StringBuilder(String.format("replay diverged at instruction %d: state check failed",
            icount));
        final int pcLogged = logged.getInt(loggedOffset + StateCheck.PC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final int pcOwn = own.getInt(ownOffset + StateCheck.PC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        text.append(String.format(" (pc 0x%08x here", pcOwn));
        if (pcOwn != pcLogged)
        {
            text.append(String.format(", 0x%08x in the log", pcLogged));
        }
        text.append("):");
        int registers = 0;
        for (int i = 1; i < 32; i++)
        {
            final int offset = StateCheck.REGISTERS_OFFSET + 4 * (i - 1);
            final int a = own.getInt(ownOffset + offset, ByteOrder.LITTLE_ENDIAN);
            final int b = logged.getInt(loggedOffset + offset, ByteOrder.LITTLE_ENDIAN);
            if (a != b && registers++ < MAX_REGISTERS_LISTED)
            {
                text.append(String.format(" register x%d is 0x%08x here, 0x%08x in the log;", i, a, b));
            }
        }
        if (registers > MAX_REGISTERS_LISTED)
        {
            text.append(' ').append(registers - MAX_REGISTERS_LISTED).append(" more registers differ;");
        }
        if (differs(logged, loggedOffset, own, ownOffset, StateCheck.CSR_HASH_OFFSET))
        {
            text.append(" CSRs differ;");
        }
        if (differs(logged, loggedOffset, own, ownOffset, StateCheck.DEVICE_HASH_OFFSET))
        {
            text.append(" device state differs;");
        }
        final int pagesLogged = logged.getInt(loggedOffset + StateCheck.PAGES_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (differs(logged, loggedOffset, own, ownOffset, StateCheck.PAGES_HASH_OFFSET) || pagesLogged != pagesHereCount)
        {
            text.append(" the RAM pages written since the last check differ (").append(pagesHereCount)
                .append(" here, ").append(pagesLogged).append(" in the log; here:");
            for (int i = 0; i < Math.min(pagesHereCount, pagesHere.length); i++)
            {
                text.append(String.format(" 0x%08x", MemoryMap.RAM_BASE + (pagesHere[i] << WrittenPages.PAGE_SHIFT)));
            }
            text.append(pagesHereCount > pagesHere.length ? " ...);" : ");");
        }
        if (text.charAt(text.length() - 1) == ';')
        {
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }

    private static boolean differs(final DirectBuffer logged, final int loggedOffset, final DirectBuffer own,
        final int ownOffset, final int field)
    {
        return logged.getLong(loggedOffset + field, ByteOrder.LITTLE_ENDIAN) !=
            own.getLong(ownOffset + field, ByteOrder.LITTLE_ENDIAN);
    }
}
