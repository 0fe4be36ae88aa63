package io.tandem.engine.dev;

import io.tandem.engine.machine.StateHasher;
import io.tandem.engine.mem.MmioDevice;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;

/**
 * The console UART, a 16550 as on the {@code virt} board. Transmission is instantaneous
 * (THR is always empty); received bytes come from a {@link ConsoleSource} that the machine polls
 * between instructions into a 16-byte FIFO. The interrupt line (received data available,
 * transmitter empty) is driven into the PLIC.
 */
public final class Uart16550 implements MmioDevice
{
    private static final int FIFO_SIZE = 16;

    private static final int IER_RX = 0x01;
    private static final int IER_TX = 0x02;
    private static final int LCR_DLAB = 0x80;
    private static final int LSR_DATA_READY = 0x01;
    private static final int LSR_THR_EMPTY = 0x20;
    private static final int LSR_TRANSMITTER_EMPTY = 0x40;
    private static final int IIR_NONE = 0x01;
    private static final int IIR_TX_EMPTY = 0x02;
    private static final int IIR_RX_DATA = 0x04;
    private static final int IIR_FIFO_ENABLED = 0xC0;
    private static final int FCR_FIFO_ENABLE = 0x01;
    private static final int FCR_CLEAR_RX = 0x02;

    private final ConsoleSink output;
    private final ConsoleSource input;
    private final Plic plic;
    private final int irq;

    private final byte[] rxFifo = new byte[FIFO_SIZE];
    private int rxHead;
    private int rxCount;
    private int ier;
    private int lcr;
    private int mcr;
    private int scr;
    private int fcr;
    private int divisorLatch = 1;
    private boolean txInterruptPending;

    /**
     * @param output where transmitted bytes go.
     * @param input  where received bytes come from.
     * @param plic   the interrupt controller.
     * @param irq    this UART's PLIC source.
     */
    public Uart16550(final ConsoleSink output, final ConsoleSource input, final Plic plic, final int irq)
    {
        this.output = output;
        this.input = input;
        this.plic = plic;
        this.irq = irq;
    }

    /** Moves waiting input into the receive FIFO; called by the machine between instructions. */
    public void pollInput()
    {
        boolean received = false;
        while (rxCount < FIFO_SIZE)
        {
            final int b = input.poll();
            if (b < 0)
            {
                break;
            }
            rxFifo[(rxHead + rxCount) % FIFO_SIZE] = (byte)b;
            rxCount++;
            received = true;
        }
        if (received)
        {
            updateInterrupt();
        }
    }

    /** @return the console output port. */
    public ConsoleSink output()
    {
        return output;
    }

    @Override
    public int read(final int offset, final int sizeBytes, final long icount)
    {
        final int register = offset & 7;
        final int value;
        switch (register)
        {
            case 0:
                if ((lcr & LCR_DLAB) != 0)
                {
                    value = divisorLatch & 0xFF;
                }
                else if (rxCount > 0)
                {
                    value = rxFifo[rxHead] & 0xFF;
                    rxHead = (rxHead + 1) % FIFO_SIZE;
                    rxCount--;
                    updateInterrupt();
                }
                else
                {
                    value = 0;
                }
                break;
            case 1:
                value = (lcr & LCR_DLAB) != 0 ? (divisorLatch >>> 8) & 0xFF : ier;
                break;
            case 2:
                value = interruptIdentification();
                if ((value & 0x0F) == IIR_TX_EMPTY)
                {
                    txInterruptPending = false; // reading IIR acknowledges a THR-empty interrupt
                    updateInterrupt();
                }
                break;
            case 3:
                value = lcr;
                break;
            case 4:
                value = mcr;
                break;
            case 5:
                value = LSR_THR_EMPTY | LSR_TRANSMITTER_EMPTY | (rxCount > 0 ? LSR_DATA_READY : 0);
                break;
            case 6:
                value = 0xB0; // DCD, DSR, CTS asserted: a connected line
                break;
            default:
                value = scr;
                break;
        }
        return sizeBytes == 1 ? value : value & 0xFF;
    }

    private int interruptIdentification()
    {
        final int fifoBits = (fcr & FCR_FIFO_ENABLE) != 0 ? IIR_FIFO_ENABLED : 0;
        if ((ier & IER_RX) != 0 && rxCount > 0)
        {
            return fifoBits | IIR_RX_DATA;
        }
        if ((ier & IER_TX) != 0 && txInterruptPending)
        {
            return fifoBits | IIR_TX_EMPTY;
        }
        return fifoBits | IIR_NONE;
    }

    @Override
    public void write(final int offset, final int sizeBytes, final int value, final long icount)
    {
        final int register = offset & 7;
        final int b = value & 0xFF;
        switch (register)
        {
            case 0:
                if ((lcr & LCR_DLAB) != 0)
                {
                    divisorLatch = (divisorLatch & 0xFF00) | b;
                }
                else
                {
                    output.write((byte)b);
                    txInterruptPending = true; // sent at once: the holding register is empty again
                    updateInterrupt();
                }
                break;
            case 1:
                if ((lcr & LCR_DLAB) != 0)
                {
                    divisorLatch = (divisorLatch & 0xFF) | (b << 8);
                }
                else
                {
                    final boolean txEnabledNow = (b & IER_TX) != 0 && (ier & IER_TX) == 0;
                    ier = b & 0x0F;
                    if (txEnabledNow)
                    {
                        txInterruptPending = true;
                    }
                    updateInterrupt();
                }
                break;
            case 2:
                fcr = b & 0xC9;
                if ((b & FCR_CLEAR_RX) != 0)
                {
                    rxHead = 0;
                    rxCount = 0;
                    updateInterrupt();
                }
                break;
            case 3:
                lcr = b;
                break;
            case 4:
                mcr = b & 0x1F;
                break;
            case 7:
                scr = b;
                break;
            default:
                break; // LSR and MSR are read-only
        }
    }

    private void updateInterrupt()
    {
        plic.setLevel(irq, (interruptIdentification() & IIR_NONE) == 0);
    }

    @Override
    public void hashState(final StateHasher hasher)
    {
        hasher.add(ier).add(lcr).add(mcr).add(scr).add(fcr).add(divisorLatch).add(txInterruptPending ? 1 : 0)
            .add(rxCount);
        for (int i = 0; i < rxCount; i++)
        {
            hasher.add(rxFifo[(rxHead + i) % FIFO_SIZE]);
        }
    }

    /** Saves the registers and the receive FIFO's waiting bytes. */
    public void saveState(final StateWriter out)
    {
        out.putInt(ier).putInt(lcr).putInt(mcr).putInt(scr).putInt(fcr).putInt(divisorLatch)
            .putBoolean(txInterruptPending).putInt(rxHead).putInt(rxCount).putBytes(rxFifo, 0, FIFO_SIZE);
    }

    /** Loads what {@link #saveState} saved. */
    public void loadState(final StateReader in)
    {
        ier = in.getInt();
        lcr = in.getInt();
        mcr = in.getInt();
        scr = in.getInt();
        fcr = in.getInt();
        divisorLatch = in.getInt();
        txInterruptPending = in.getBoolean();
        rxHead = in.getInt("receive FIFO head", 0, FIFO_SIZE - 1);
        rxCount = in.getInt("receive FIFO count", 0, FIFO_SIZE);
        in.getBytes("receive FIFO", rxFifo);
    }
}
