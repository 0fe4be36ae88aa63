/* Ethernet II, ARP, IPv4 and UDP over the virtio-net driver. */
#include "net.h"
#include "virtio.h"

#define ETH_HLEN        14u
#define ETH_MIN_FRAME   60u             /* without FCS */
#define ETHERTYPE_IPV4  0x0800u
#define ETHERTYPE_ARP   0x0806u
#define ARP_LEN         28u
#define IP_HLEN         20u
#define IP_PROTO_UDP    17u
#define UDP_HLEN        8u

static struct net_stats stats;
static uint16_t ip_id;

static struct {
    uint16_t port;
    udp_handler_fn fn;
} ports[NET_MAX_PORTS];
static uint32_t nports;

/* ---- Byte-order helpers (frames are not aligned) ----------------------- */
static inline uint32_t get16(const uint8_t *p)
{
    return ((uint32_t)p[0] << 8) | p[1];
}
static inline uint32_t get32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | p[3];
}
static inline void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}
static inline void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

uint32_t net_csum_add(uint32_t sum, const uint8_t *p, uint32_t len)
{
    while (len >= 2) {
        sum += get16(p);
        p += 2;
        len -= 2;
    }
    if (len)
        sum += (uint32_t)p[0] << 8;
    /* fold now and then so a long buffer cannot overflow 32 bits */
    return (sum & 0xFFFFu) + (sum >> 16);
}

uint16_t net_csum_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xFFFFu) + (sum >> 16);
    return (uint16_t)~sum;
}

/* Sum of the UDP pseudo header. */
static uint32_t pseudo_sum(uint32_t src, uint32_t dst, uint32_t udp_len)
{
    return (src >> 16) + (src & 0xFFFFu) + (dst >> 16) + (dst & 0xFFFFu) +
           IP_PROTO_UDP + udp_len;
}

static const uint8_t broadcast[6] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

static int mac_eq(const uint8_t *a, const uint8_t *b)
{
    for (int i = 0; i < 6; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* ---- Set-up ----------------------------------------------------------- */
int net_init(void)
{
    return vnet_init();
}

const uint8_t *net_mac(void)
{
    return vnet_mac();
}

const struct net_stats *net_get_stats(void)
{
    stats.drop_too_large = vnet_stats()->rx_too_large +
                           vnet_stats()->rx_too_short;
    return &stats;
}

int net_udp_bind(uint16_t port, udp_handler_fn fn)
{
    for (uint32_t i = 0; i < nports; i++) {
        if (ports[i].port == port) {
            ports[i].fn = fn;
            return 0;
        }
    }
    if (nports >= NET_MAX_PORTS)
        return -1;
    ports[nports].port = port;
    ports[nports].fn = fn;
    nports++;
    return 0;
}

/* ---- Transmit --------------------------------------------------------- */
int net_udp_send(const struct udp_peer *to, const void *data, uint32_t len)
{
    if (len > NET_UDP_MAX) {
        stats.drop_tx++;
        return -1;
    }
    uint8_t *f = vnet_tx_buffer();
    if (f == NULL) {
        stats.drop_tx++;
        return -1;
    }
    uint32_t udp_len = UDP_HLEN + len;
    uint32_t ip_len = IP_HLEN + udp_len;
    uint8_t *ip = f + ETH_HLEN;
    uint8_t *udp = ip + IP_HLEN;

    memcpy(f, to->mac, 6);
    memcpy(f + 6, vnet_mac(), 6);
    put16(f + 12, ETHERTYPE_IPV4);

    ip[0] = 0x45;                       /* version 4, IHL 5 */
    ip[1] = 0;
    put16(ip + 2, ip_len);
    put16(ip + 4, ip_id++);
    put16(ip + 6, 0x4000);              /* DF, offset 0 */
    ip[8] = 64;                         /* TTL */
    ip[9] = IP_PROTO_UDP;
    put16(ip + 10, 0);
    put32(ip + 12, NET_IP_ADDR);
    put32(ip + 16, to->ip);
    put16(ip + 10, net_csum_fold(net_csum_add(0, ip, IP_HLEN)));

    put16(udp, to->local_port);
    put16(udp + 2, to->port);
    put16(udp + 4, udp_len);
    put16(udp + 6, 0);
    memcpy(udp + UDP_HLEN, data, len);
    uint32_t sum = pseudo_sum(NET_IP_ADDR, to->ip, udp_len);
    uint16_t c = net_csum_fold(net_csum_add(sum, udp, udp_len));
    put16(udp + 6, c == 0 ? 0xFFFFu : c);

    uint32_t flen = ETH_HLEN + ip_len;
    if (flen < ETH_MIN_FRAME) {
        memset(f + flen, 0, ETH_MIN_FRAME - flen);
        flen = ETH_MIN_FRAME;
    }
    if (vnet_tx_send(flen) != 0) {
        stats.drop_tx++;
        return -1;
    }
    stats.tx_udp++;
    return 0;
}

/* ---- Receive ---------------------------------------------------------- */
static void arp_input(const uint8_t *f, uint32_t len)
{
    const uint8_t *a = f + ETH_HLEN;
    if (len < ETH_HLEN + ARP_LEN) {
        stats.drop_short++;
        return;
    }
    if (get16(a) != 1 || get16(a + 2) != ETHERTYPE_IPV4 || a[4] != 6 ||
        a[5] != 4 || get16(a + 6) != 1 || get32(a + 24) != NET_IP_ADDR) {
        stats.drop_arp++;       /* not an Ethernet/IPv4 request for us */
        return;
    }
    uint8_t *r = vnet_tx_buffer();
    if (r == NULL) {
        stats.drop_tx++;
        return;
    }
    uint8_t *ra = r + ETH_HLEN;
    memcpy(r, a + 8, 6);                /* to the requester's MAC */
    memcpy(r + 6, vnet_mac(), 6);
    put16(r + 12, ETHERTYPE_ARP);
    put16(ra, 1);
    put16(ra + 2, ETHERTYPE_IPV4);
    ra[4] = 6;
    ra[5] = 4;
    put16(ra + 6, 2);                   /* reply */
    memcpy(ra + 8, vnet_mac(), 6);
    put32(ra + 14, NET_IP_ADDR);
    memcpy(ra + 18, a + 8, 10);         /* requester's MAC and IP */
    memset(r + ETH_HLEN + ARP_LEN, 0, ETH_MIN_FRAME - ETH_HLEN - ARP_LEN);
    if (vnet_tx_send(ETH_MIN_FRAME) == 0)
        stats.arp_replies++;
    else
        stats.drop_tx++;
}

static void ipv4_input(const uint8_t *f, uint32_t len)
{
    const uint8_t *ip = f + ETH_HLEN;
    if (len < ETH_HLEN + IP_HLEN) {
        stats.drop_short++;
        return;
    }
    if ((ip[0] >> 4) != 4 || (ip[0] & 0x0F) != 5) {
        stats.drop_ip_header++;
        return;
    }
    uint32_t ip_len = get16(ip + 2);
    if (ip_len < IP_HLEN || ip_len > len - ETH_HLEN) {
        stats.drop_ip_length++;
        return;
    }
    if (net_csum_fold(net_csum_add(0, ip, IP_HLEN)) != 0) {
        stats.drop_ip_checksum++;
        return;
    }
    if (get16(ip + 6) & 0x3FFFu) {      /* MF or a fragment offset */
        stats.drop_ip_fragment++;
        return;
    }
    if (get32(ip + 16) != NET_IP_ADDR) {
        stats.drop_not_for_us++;
        return;
    }
    if (ip[9] != IP_PROTO_UDP) {
        stats.drop_ip_protocol++;
        return;
    }

    const uint8_t *udp = ip + IP_HLEN;
    uint32_t avail = ip_len - IP_HLEN;
    if (avail < UDP_HLEN) {
        stats.drop_short++;
        return;
    }
    uint32_t udp_len = get16(udp + 4);
    if (udp_len < UDP_HLEN || udp_len > avail) {
        stats.drop_udp_length++;
        return;
    }
    uint32_t src = get32(ip + 12);
    if (get16(udp + 6) != 0) {          /* zero: no checksum was sent */
        uint32_t sum = pseudo_sum(src, NET_IP_ADDR, udp_len);
        if (net_csum_fold(net_csum_add(sum, udp, udp_len)) != 0) {
            stats.drop_udp_checksum++;
            return;
        }
    }

    uint32_t dport = get16(udp + 2);
    for (uint32_t i = 0; i < nports; i++) {
        if (ports[i].port == dport) {
            struct udp_peer from;
            memcpy(from.mac, f + 6, 6);
            from.port = (uint16_t)get16(udp);
            from.ip = src;
            from.local_port = (uint16_t)dport;
            stats.rx_udp++;
            ports[i].fn(&from, udp + UDP_HLEN, udp_len - UDP_HLEN);
            return;
        }
    }
    stats.drop_udp_port++;
}

static void frame_input(const uint8_t *f, uint32_t len)
{
    stats.rx_frames++;
    if (len < ETH_HLEN) {
        stats.drop_short++;
        return;
    }
    int bcast = mac_eq(f, broadcast);
    if (!bcast && !mac_eq(f, vnet_mac())) {
        stats.drop_not_for_us++;
        return;
    }
    uint32_t type = get16(f + 12);
    if (type == ETHERTYPE_ARP)
        arp_input(f, len);
    else if (type == ETHERTYPE_IPV4 && !bcast)
        ipv4_input(f, len);
    else if (type == ETHERTYPE_IPV4)
        stats.drop_not_for_us++;        /* broadcast IP: not ours */
    else
        stats.drop_ethertype++;
}

int net_poll(void)
{
    int n = 0;
    uint32_t len;
    const uint8_t *f;
    while ((f = vnet_rx(&len)) != NULL) {
        frame_input(f, len);
        vnet_rx_release();
        n++;
    }
    return n;
}

void net_serve(void)
{
    for (;;) {
        net_poll();
        virtio_wait();
    }
}
