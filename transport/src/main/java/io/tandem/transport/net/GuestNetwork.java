package io.tandem.transport.net;

/**
 * Addresses of the small network the bridge presents to a guest. They are those of QEMU's user
 * networking, so one guest image speaks to both: the guest is 10.0.2.15, the host side is the
 * gateway 10.0.2.2.
 */
public final class GuestNetwork
{
    /** The guest's IPv4 address, 10.0.2.15. */
    public static final int GUEST_IP = 0x0A00_020F;
    /** The gateway's IPv4 address, 10.0.2.2: every client appears to come from here. */
    public static final int GATEWAY_IP = 0x0A00_0202;
    /** The gateway's MAC address (QEMU's user networking uses the same). */
    public static final byte[] GATEWAY_MAC = {0x52, 0x55, 0x0A, 0x00, 0x02, 0x02};

    /** Ethernet header bytes. */
    public static final int ETHERNET_HEADER = 14;
    /** IPv4 header bytes without options. */
    public static final int IPV4_HEADER = 20;
    /** UDP header bytes. */
    public static final int UDP_HEADER = 8;
    /** All headers in front of a UDP payload. */
    public static final int HEADERS = ETHERNET_HEADER + IPV4_HEADER + UDP_HEADER;
    /** Largest UDP payload in one unfragmented frame on a 1500-byte MTU. */
    public static final int MAX_UDP_PAYLOAD = 1500 - IPV4_HEADER - UDP_HEADER;

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int PROTOCOL_UDP = 17;

    private GuestNetwork()
    {
    }
}
