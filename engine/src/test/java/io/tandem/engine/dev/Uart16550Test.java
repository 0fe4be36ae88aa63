package io.tandem.engine.dev;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;

import org.junit.jupiter.api.Test;

import io.tandem.engine.machine.StateHasher;

/** The 16550 console UART: LSR, the receive FIFO, IER/IIR, the interrupt line into the PLIC, DLAB. */
class Uart16550Test
{
    private static final int RBR_THR = 0;
    private static final int IER = 1;
    private static final int IIR_FCR = 2;
    private static final int LCR = 3;
    private static final int MCR = 4;
    private static final int LSR = 5;
    private static final int MSR = 6;
    private static final int SCR = 7;
    private static final int IRQ = 10;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final ArrayDeque<Integer> input = new ArrayDeque<>();
    private final Plic plic = new Plic();
    private final Uart16550 uart = new Uart16550(output::write, () -> input.isEmpty() ? -1 : input.poll(), plic, IRQ);

    Uart16550Test()
    {
        // Route the UART's source to context 0 so that its line is visible as MEIP.
        plic.write(4 * IRQ, 4, 1, 0);
        plic.write(0x2000, 4, 1 << IRQ, 0);
    }

    private int read(final int register)
    {
        return uart.read(register, 1, 0);
    }

    private void write(final int register, final int value)
    {
        uart.write(register, 1, value, 0);
    }

    private void type(final String text)
    {
        for (final char c : text.toCharArray())
        {
            input.add((int)c);
        }
    }

    private boolean linePending()
    {
        return (plic.read(0x1000, 4, 0) & (1 << IRQ)) != 0;
    }

    @Test
    void transmittedBytesGoToTheConsoleSink()
    {
        for (final char c : "hi!\n".toCharArray())
        {
            write(RBR_THR, c);
        }
        assertArrayEquals("hi!\n".getBytes(), output.toByteArray());
    }

    @Test
    void lineStatusShowsTheTransmitterAlwaysEmptyAndDataReadyOnlyWithInput()
    {
        assertEquals(0x60, read(LSR));
        type("x");
        assertEquals(0x60, read(LSR), "input enters only when the machine polls");
        uart.pollInput();
        assertEquals(0x61, read(LSR));
        assertEquals('x', read(RBR_THR));
        assertEquals(0x60, read(LSR));
    }

    @Test
    void receiveFifoDeliversBytesInOrderAndHoldsSixteen()
    {
        type("abcdefghijklmnopqrst"); // 20 bytes
        uart.pollInput();
        assertEquals(4, input.size(), "the rest waits in the source");
        final StringBuilder got = new StringBuilder();
        while ((read(LSR) & 1) != 0)
        {
            got.append((char)read(RBR_THR));
        }
        assertEquals("abcdefghijklmnop", got.toString());
        uart.pollInput();
        got.setLength(0);
        while ((read(LSR) & 1) != 0)
        {
            got.append((char)read(RBR_THR));
        }
        assertEquals("qrst", got.toString());
    }

    @Test
    void receiveBufferReadsZeroWhenEmpty()
    {
        assertEquals(0, read(RBR_THR));
    }

    @Test
    void fifoControlClearsTheReceiveFifo()
    {
        type("abc");
        uart.pollInput();
        write(IIR_FCR, 0x03); // enable FIFOs, clear RX
        assertEquals(0x60, read(LSR));
        assertEquals(0, read(RBR_THR));
    }

    @Test
    void interruptIdentificationReportsNoneThenReceivedDataWithPriorityOverTransmitterEmpty()
    {
        assertEquals(0x01, read(IIR_FCR));
        write(IIR_FCR, 0x01);
        assertEquals(0xC1, read(IIR_FCR), "FIFO-enabled bits");
        write(IER, 0x03);
        type("z");
        uart.pollInput();
        assertEquals(0xC4, read(IIR_FCR), "received data outranks transmitter empty");
        read(RBR_THR);
        assertEquals(0xC2, read(IIR_FCR), "then transmitter empty, acknowledged by this read");
        assertEquals(0xC1, read(IIR_FCR));
    }

    @Test
    void enablingTheTransmitterInterruptRaisesItAtOnce()
    {
        assertFalse(linePending());
        write(IER, 0x02);
        assertTrue(linePending());
        assertTrue(plic.externalInterrupt());
        assertEquals(0x02, read(IIR_FCR) & 0x0F);
        assertFalse(linePending(), "reading IIR acknowledged it");
        write(RBR_THR, 'a');
        assertTrue(linePending(), "each transmitted byte empties the holding register again");
    }

    @Test
    void receiveInterruptLineFollowsTheFifo()
    {
        write(IER, 0x01);
        assertFalse(linePending());
        type("ab");
        uart.pollInput();
        assertTrue(linePending());
        read(RBR_THR);
        assertTrue(linePending(), "one byte left");
        read(RBR_THR);
        assertFalse(linePending());
    }

    @Test
    void disabledInterruptsKeepTheLineLow()
    {
        type("ab");
        uart.pollInput();
        write(RBR_THR, 'x');
        assertFalse(linePending());
        assertEquals(0x01, read(IIR_FCR) & 0x0F);
    }

    @Test
    void interruptEnableKeepsItsLowFourBits()
    {
        write(IER, 0xFF);
        assertEquals(0x0F, read(IER));
    }

    @Test
    void divisorLatchReplacesDataAndInterruptEnableWhileDlabIsSet()
    {
        write(IER, 0x01);
        write(LCR, 0x83);
        write(RBR_THR, 0x0C);
        write(IER, 0x00);
        assertEquals(0x0C, read(RBR_THR));
        assertEquals(0x00, read(IER));
        assertEquals(0x83, read(LCR));
        assertEquals(0, output.size(), "divisor writes are not transmitted");
        write(LCR, 0x03);
        assertEquals(0x01, read(IER), "IER was not touched by the divisor write");
        assertEquals(0x03, read(LCR));
    }

    @Test
    void scratchModemControlAndModemStatusRegisters()
    {
        write(SCR, 0xA5);
        assertEquals(0xA5, read(SCR));
        write(MCR, 0xFF);
        assertEquals(0x1F, read(MCR));
        assertEquals(0xB0, read(MSR));
        write(LSR, 0x00);
        assertEquals(0x60, read(LSR), "LSR is read-only");
    }

    @Test
    void stateHashCoversRegistersAndReceivedBytes()
    {
        final long initial = hash();
        type("q");
        uart.pollInput();
        final long withInput = hash();
        assertNotEquals(initial, withInput);
        write(SCR, 1);
        assertNotEquals(withInput, hash());
    }

    private long hash()
    {
        final StateHasher hasher = new StateHasher();
        uart.hashState(hasher);
        return hasher.hash();
    }
}
