package io.tandem.engine.replica;

import io.tandem.engine.dev.PacketSource;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Frames for the kvstore guest (guests/kvstore/README.md): PUT requests as Ethernet + IPv4 + UDP
 * datagrams to 10.0.2.15:7000, sent from a fixed peer, and the request numbers of its replies.
 */
public final class KvFrames implements PacketSource
{
    static final byte[] GUEST_MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    private static final byte[] PEER_MAC = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
    private static final int PEER_IP = 0x0A00_0202;
    private static final int GUEST_IP = 0x0A00_020F;
    private static final int PEER_PORT = 40_000;
    private static final int KV_PORT = 7000;
    private static final int HEADERS = 14 + 20 + 8;
    private static final int CLIENT_ID = 0x00C1_1E57;

    private final Queue<byte[]> frames = new ArrayDeque<>();

    /** Queues {@code count} PUTs of distinct keys, request numbers 1..count, values of {@code valueBytes}. */
    public KvFrames puts(final int count, final int valueBytes)
    {
        for (int i = 1; i <= count; i++)
        {
            frames.add(put(i, "key-" + i, valueBytes));
        }
        return this;
    }

    @Override
    public int poll(final MutableDirectBuffer buffer)
    {
        final byte[] frame = frames.poll();
        if (frame == null)
        {
            return -1;
        }
        buffer.putBytes(0, frame);
        return frame.length;
    }

    /** @return the request number a reply frame from the guest answers, or -1 for anything else. */
    public static int replyRequestNo(final DirectBuffer frame, final int offset, final int length)
    {
        if (length < HEADERS + 16 || (frame.getShort(offset + 12, ByteOrder.BIG_ENDIAN) & 0xFFFF) != 0x0800 ||
            (frame.getShort(offset + 14 + 20, ByteOrder.BIG_ENDIAN) & 0xFFFF) != KV_PORT)
        {
            return -1;
        }
        return frame.getInt(offset + HEADERS + 8, ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] put(final int requestNo, final String key, final int valueBytes)
    {
        final byte[] keyBytes = key.getBytes(StandardCharsets.US_ASCII);
        final int payload = 16 + keyBytes.length + valueBytes;
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[Math.max(60, HEADERS + payload)]);
        frame.putBytes(0, GUEST_MAC);
        frame.putBytes(6, PEER_MAC);
        frame.putShort(12, (short)0x0800, ByteOrder.BIG_ENDIAN);
        final int ip = 14;
        frame.putByte(ip, (byte)0x45);
        frame.putShort(ip + 2, (short)(20 + 8 + payload), ByteOrder.BIG_ENDIAN);
        frame.putShort(ip + 6, (short)0x4000, ByteOrder.BIG_ENDIAN);
        frame.putByte(ip + 8, (byte)64);
        frame.putByte(ip + 9, (byte)17);
        frame.putInt(ip + 12, PEER_IP, ByteOrder.BIG_ENDIAN);
        frame.putInt(ip + 16, GUEST_IP, ByteOrder.BIG_ENDIAN);
        int sum = 0;
        for (int i = 0; i < 20; i += 2)
        {
            sum += frame.getShort(ip + i, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        frame.putShort(ip + 10, (short)~sum, ByteOrder.BIG_ENDIAN);
        final int udp = ip + 20;
        frame.putShort(udp, (short)PEER_PORT, ByteOrder.BIG_ENDIAN);
        frame.putShort(udp + 2, (short)KV_PORT, ByteOrder.BIG_ENDIAN);
        frame.putShort(udp + 4, (short)(8 + payload), ByteOrder.BIG_ENDIAN); // checksum 0: none, allowed on IPv4
        final int request = HEADERS;
        frame.putByte(request, (byte)1);
        frame.putByte(request + 1, (byte)2); // PUT
        frame.putShort(request + 2, (short)keyBytes.length, ByteOrder.LITTLE_ENDIAN);
        frame.putInt(request + 4, CLIENT_ID, ByteOrder.LITTLE_ENDIAN);
        frame.putInt(request + 8, requestNo, ByteOrder.LITTLE_ENDIAN);
        frame.putShort(request + 12, (short)valueBytes, ByteOrder.LITTLE_ENDIAN);
        frame.putBytes(request + 16, keyBytes);
        for (int i = 0; i < valueBytes; i++)
        {
            frame.putByte(request + 16 + keyBytes.length + i, (byte)(requestNo * 7 + i));
        }
        return frame.byteArray();
    }
}
