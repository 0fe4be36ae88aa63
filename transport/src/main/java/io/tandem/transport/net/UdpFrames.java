package io.tandem.transport.net;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static io.tandem.transport.net.GuestNetwork.ETHERNET_HEADER;
import static io.tandem.transport.net.GuestNetwork.HEADERS;
import static io.tandem.transport.net.GuestNetwork.IPV4_HEADER;

/**
 * Builds and parses the only frames the bridge (and a simulated network) deals in: Ethernet II + IPv4 (no options, no
 * fragments) + UDP. Network byte order is big-endian throughout.
 * <pre>
 *   0      6      12   14        34      36      38     40      42
 *  +------+------+----+---------+-------+-------+------+-------+---------
 *  | dst  | src  |type| IPv4    | sport | dport | len  | csum  | payload
 *  +------+------+----+---------+-------+-------+------+-------+---------
 * </pre>
 */
public final class UdpFrames
{
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;

    private UdpFrames()
    {
    }

    /**
     * Writes the headers in front of a payload already at {@code HEADERS} in {@code frame}.
     *
     * @return the frame length.
     */
    public static int writeHeaders(
        final MutableDirectBuffer frame, final byte[] dstMac, final byte[] srcMac,
        final int srcIp, final int dstIp, final int srcPort, final int dstPort, final int payloadLength)
    {
        frame.putBytes(0, dstMac);
        frame.putBytes(6, srcMac);
        frame.putShort(12, (short)GuestNetwork.ETHERTYPE_IPV4, NETWORK);

        final int ip = ETHERNET_HEADER;
        final int ipLength = IPV4_HEADER + GuestNetwork.UDP_HEADER + payloadLength;
        frame.putByte(ip, (byte)0x45);                 // version 4, 5 words
        frame.putByte(ip + 1, (byte)0);
        frame.putShort(ip + 2, (short)ipLength, NETWORK);
        frame.putShort(ip + 4, (short)0, NETWORK);       // identification
        frame.putShort(ip + 6, (short)0x4000, NETWORK);  // don't fragment
        frame.putByte(ip + 8, (byte)64);                 // TTL
        frame.putByte(ip + 9, (byte)GuestNetwork.PROTOCOL_UDP);
        frame.putShort(ip + 10, (short)0, NETWORK);
        frame.putInt(ip + 12, srcIp, NETWORK);
        frame.putInt(ip + 16, dstIp, NETWORK);
        frame.putShort(ip + 10, (short)ipChecksum(frame, ip), NETWORK);

        final int udp = ip + IPV4_HEADER;
        frame.putShort(udp, (short)srcPort, NETWORK);
        frame.putShort(udp + 2, (short)dstPort, NETWORK);
        frame.putShort(udp + 4, (short)(GuestNetwork.UDP_HEADER + payloadLength), NETWORK);
        frame.putShort(udp + 6, (short)0, NETWORK);      // no checksum: allowed on IPv4
        return HEADERS + payloadLength;
    }

    /** @return the IPv4 header checksum of the 20 bytes at {@code offset}. */
    static int ipChecksum(final DirectBuffer frame, final int offset)
    {
        int sum = 0;
        for (int i = 0; i < IPV4_HEADER; i += 2)
        {
            sum += frame.getShort(offset + i, NETWORK) & 0xFFFF;
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }

    /**
     * @return the UDP payload length of a well-formed IPv4/UDP frame from the guest, or -1 for
     * anything else (ARP, other protocols, options, fragments, bad lengths or checksum).
     */
    public static int udpPayloadLength(final DirectBuffer frame, final int offset, final int length)
    {
        if (length < HEADERS || (frame.getShort(offset + 12, NETWORK) & 0xFFFF) != GuestNetwork.ETHERTYPE_IPV4)
        {
            return -1;
        }
        final int ip = offset + ETHERNET_HEADER;
        if ((frame.getByte(ip) & 0xFF) != 0x45 || (frame.getByte(ip + 9) & 0xFF) != GuestNetwork.PROTOCOL_UDP ||
            (frame.getShort(ip + 6, NETWORK) & 0x3FFF) != 0 || ipChecksum(frame, ip) != 0)
        {
            return -1;
        }
        final int ipLength = frame.getShort(ip + 2, NETWORK) & 0xFFFF;
        final int udpLength = frame.getShort(ip + IPV4_HEADER + 4, NETWORK) & 0xFFFF;
        if (ipLength > length - ETHERNET_HEADER || udpLength != ipLength - IPV4_HEADER ||
            udpLength < GuestNetwork.UDP_HEADER)
        {
            return -1;
        }
        return udpLength - GuestNetwork.UDP_HEADER;
    }

    /** @return the UDP source port of a frame {@link #udpPayloadLength} accepted. */
    public static int sourcePort(final DirectBuffer frame, final int offset)
    {
        return frame.getShort(offset + ETHERNET_HEADER + IPV4_HEADER, NETWORK) & 0xFFFF;
    }

    /** @return the UDP destination port of a frame {@link #udpPayloadLength} accepted. */
    public static int destinationPort(final DirectBuffer frame, final int offset)
    {
        return frame.getShort(offset + ETHERNET_HEADER + IPV4_HEADER + 2, NETWORK) & 0xFFFF;
    }

    /** @return the IPv4 destination of a frame {@link #udpPayloadLength} accepted. */
    public static int destinationIp(final DirectBuffer frame, final int offset)
    {
        return frame.getInt(offset + ETHERNET_HEADER + 16, NETWORK);
    }
}
