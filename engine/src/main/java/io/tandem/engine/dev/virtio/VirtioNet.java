package io.tandem.engine.dev.virtio;

import io.tandem.engine.dev.PacketSink;
import io.tandem.engine.dev.PacketSource;
import io.tandem.engine.dev.Plic;
import io.tandem.engine.machine.StateHasher;
import io.tandem.engine.mem.GuestMemory;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * virtio-net (device id 1): queue 0 receives, queue 1 transmits, with the MAC address in config
 * space. Every frame is preceded by the 12-byte {@code virtio_net_hdr_v1}; no offloads are offered.
 * <p>
 * Incoming frames wait in the {@link PacketSource} until the machine, between instructions, finds
 * a receive buffer for them (the bounce-buffer discipline). Frames longer than
 * {@link #MAX_FRAME_BYTES}, or than the guest's buffer, are dropped and counted, never truncated.
 */
public final class VirtioNet implements VirtioDevice
{
    /** Virtio device id of a network card. */
    public static final int DEVICE_ID = 1;
    /** Largest Ethernet frame carried, without FCS: 1500-byte MTU plus the 14-byte header. */
    public static final int MAX_FRAME_BYTES = 1514;
    /** The header that precedes every frame in guest buffers. */
    public static final int NET_HEADER_BYTES = 12;
    /** Queue sizes offered. */
    public static final int QUEUE_SIZE = 256;

    static final long FEATURE_MAC = 1L << 5;
    private static final int STAGING_BYTES = 64 * 1024;
    private static final int RECEIVE_QUEUE = 0;
    private static final int TRANSMIT_QUEUE = 1;

    private final byte[] mac;
    private final PacketSource source;
    private final PacketSink sink;
    private final GuestMemory memory;
    private final VirtioMmio transport;
    private final DescriptorChain chain = new DescriptorChain(QUEUE_SIZE);
    private final UnsafeBuffer transmitBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(STAGING_BYTES));
    /** virtio_net_hdr_v1 (no offloads, num_buffers = 1) followed by the frame, as the guest sees it. */
    private final UnsafeBuffer receiveStaging = new UnsafeBuffer(ByteBuffer.allocateDirect(STAGING_BYTES));
    /** The frame part of {@link #receiveStaging}: the source writes here at offset 0. */
    private final UnsafeBuffer receiveFrame = new UnsafeBuffer(
        receiveStaging.addressOffset() + NET_HEADER_BYTES, STAGING_BYTES - NET_HEADER_BYTES);
    private boolean framePending;
    private int pendingLength;

    private long framesReceived;
    private long framesSent;
    private long receiveDropped;
    private long transmitDropped;

    /**
     * @param memory guest memory for DMA.
     * @param plic   the interrupt controller.
     * @param irq    this device's PLIC source.
     * @param mac    the six-byte MAC address the guest reads from config space.
     * @param source incoming frames.
     * @param sink   outgoing frames.
     */
    public VirtioNet(
        final GuestMemory memory, final Plic plic, final int irq, final byte[] mac,
        final PacketSource source, final PacketSink sink)
    {
        if (mac.length != 6)
        {
            throw new IllegalArgumentException("a MAC address has 6 bytes: " + mac.length);
        }
        this.mac = mac.clone();
        this.source = source;
        this.sink = sink;
        this.memory = memory;
        this.transport = new VirtioMmio(this, memory, plic, irq);
        receiveStaging.setMemory(0, NET_HEADER_BYTES, (byte)0);
        receiveStaging.putShort(NET_HEADER_BYTES - 2, (short)1, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the MMIO transport to map on the bus. */
    public VirtioMmio transport()
    {
        return transport;
    }

    @Override
    public int deviceId()
    {
        return DEVICE_ID;
    }

    @Override
    public long features()
    {
        return FEATURE_MAC;
    }

    @Override
    public int queueCount()
    {
        return 2;
    }

    @Override
    public int queueMaxSize(final int queue)
    {
        return QUEUE_SIZE;
    }

    @Override
    public int readConfig(final int offset, final int sizeBytes)
    {
        int value = 0;
        for (int i = 0; i < sizeBytes; i++)
        {
            final int index = offset + i;
            final int b = index < mac.length ? mac[index] & 0xFF : 0;
            value |= b << (8 * i);
        }
        return value;
    }

    @Override
    public void service(final VirtioMmio transport)
    {
        if ((transport.takeNotifiedQueues() & (1 << TRANSMIT_QUEUE)) != 0 || transport.queue(TRANSMIT_QUEUE).hasAvailable())
        {
            transmit(transport.queue(TRANSMIT_QUEUE));
        }
        receive(transport.queue(RECEIVE_QUEUE));
    }

    private void transmit(final Virtqueue queue)
    {
        boolean used = false;
        while (queue.peek(chain))
        {
            queue.consume();
            final long total = chain.readableBytes();
            if (chain.writableBytes() != 0 || total < NET_HEADER_BYTES)
            {
                throw new VirtioDeviceException("transmit chain without a net header or with device-writable buffers");
            }
            if (total - NET_HEADER_BYTES > MAX_FRAME_BYTES)
            {
                transmitDropped++;
            }
            else
            {
                int position = 0;
                for (int i = 0; i < chain.count; i++)
                {
                    memory.copyOut(chain.address[i], transmitBuffer, position, chain.length[i]);
                    position += chain.length[i];
                }
                sink.send(transmitBuffer, NET_HEADER_BYTES, position - NET_HEADER_BYTES);
                framesSent++;
            }
            queue.pushUsed(chain.head, 0);
            used = true;
        }
        if (used)
        {
            transport.usedBuffers(queue);
        }
    }

    private void receive(final Virtqueue queue)
    {
        boolean used = false;
        while (queue.hasAvailable())
        {
            if (!framePending)
            {
                final int length = source.poll(receiveFrame);
                if (length < 0)
                {
                    break;
                }
                if (length < 14 || length > MAX_FRAME_BYTES)
                {
                    receiveDropped++; // runt or oversized: no guest buffer ever sees it
                    continue;
                }
                pendingLength = length;
                framePending = true;
            }
            queue.peek(chain);
            if (chain.readableBytes() != 0)
            {
                throw new VirtioDeviceException("receive chain with device-readable buffers");
            }
            if (chain.writableBytes() < NET_HEADER_BYTES + pendingLength)
            {
                // The guest's buffer is too small: drop the frame, keep the buffer for the next one.
                receiveDropped++;
                framePending = false;
                continue;
            }
            queue.consume();
            writeFrame(pendingLength);
            queue.pushUsed(chain.head, NET_HEADER_BYTES + pendingLength);
            framePending = false;
            framesReceived++;
            used = true;
        }
        if (used)
        {
            transport.usedBuffers(queue);
        }
    }

    /** Scatters the staged header and frame into the chain's buffers. */
    private void writeFrame(final int length)
    {
        int remaining = NET_HEADER_BYTES + length;
        int position = 0;
        for (int i = 0; i < chain.count && remaining > 0; i++)
        {
            final int piece = (int)Math.min(Integer.toUnsignedLong(chain.length[i]), remaining);
            memory.copyIn(chain.address[i], receiveStaging, position, piece);
            position += piece;
            remaining -= piece;
        }
    }

    @Override
    public void reset()
    {
        // A frame taken from the source but not delivered stays pending for the next driver.
    }

    /** @return frames delivered to the guest. */
    public long framesReceived()
    {
        return framesReceived;
    }

    /** @return frames the guest sent. */
    public long framesSent()
    {
        return framesSent;
    }

    /** @return incoming frames dropped: malformed, oversized, or larger than the guest's buffer. */
    public long receiveDropped()
    {
        return receiveDropped;
    }

    /** @return outgoing frames dropped because they were larger than {@link #MAX_FRAME_BYTES}. */
    public long transmitDropped()
    {
        return transmitDropped;
    }

    @Override
    public void hashState(final StateHasher hasher)
    {
        hasher.add(framesReceived).add(framesSent).add(receiveDropped).add(transmitDropped);
    }

    @Override
    public void saveState(final StateWriter out)
    {
        out.putLong(framesReceived).putLong(framesSent).putLong(receiveDropped).putLong(transmitDropped)
            .putBoolean(framePending).putInt(pendingLength);
        // A frame taken from the source but waiting for a receive buffer is the guest's next one.
        out.putBytes(receiveFrame, 0, framePending ? pendingLength : 0);
    }

    @Override
    public void loadState(final StateReader in)
    {
        framesReceived = in.getLong();
        framesSent = in.getLong();
        receiveDropped = in.getLong();
        transmitDropped = in.getLong();
        framePending = in.getBoolean();
        pendingLength = in.getInt("pending frame length", 0, MAX_FRAME_BYTES);
        final int staged = in.getBytes("pending frame", receiveFrame, 0, MAX_FRAME_BYTES);
        if (staged != (framePending ? pendingLength : 0))
        {
            throw in.error("pending frame of " + staged + " bytes where " + pendingLength + " were announced");
        }
    }
}
