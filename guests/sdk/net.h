/*
 * A minimal network stack over virtio-net: Ethernet II, ARP (answers
 * requests for our address), IPv4 (no options, no fragments) and UDP.
 *
 * Our address is 10.0.2.15, the guest address of QEMU's user network.
 * There is no ARP table: a reply goes to the MAC, IP address and port the
 * request came from. Anything malformed is dropped and counted in
 * net_stats: short frames, bad lengths, bad IP header checksum, IP options
 * or fragments, bad UDP checksum (a zero checksum means "none" and is
 * accepted), unknown protocols and ports, frames larger than a receive
 * buffer. Nothing is printed.
 */
#ifndef NET_H
#define NET_H

#include "tandem.h"

#define NET_IP_ADDR     0x0A00020Fu     /* 10.0.2.15 (host byte order) */
#define NET_IP_STR      "10.0.2.15"
#define NET_UDP_MAX     1472u           /* UDP payload in a 1500-byte MTU */
#define NET_MAX_PORTS   4u

/* Where a datagram came from (and where its reply goes). */
struct udp_peer {
    uint8_t  mac[6];
    uint16_t port;              /* sender's UDP port */
    uint32_t ip;                /* sender's IPv4 address, host order */
    uint16_t local_port;        /* the port it was sent to */
};

typedef void (*udp_handler_fn)(const struct udp_peer *from,
                               const uint8_t *data, uint32_t len);

struct net_stats {
    uint32_t rx_frames;         /* frames looked at */
    uint32_t rx_udp;            /* datagrams delivered to a handler */
    uint32_t arp_replies;       /* ARP requests for us answered */
    uint32_t tx_udp;            /* datagrams sent */
    uint32_t drop_short;        /* shorter than the headers they claim */
    uint32_t drop_too_large;    /* larger than a receive buffer (driver) */
    uint32_t drop_not_for_us;   /* other MAC (unicast/multicast) or IP */
    uint32_t drop_ethertype;    /* neither IPv4 nor ARP */
    uint32_t drop_arp;          /* not an Ethernet/IPv4 request for us */
    uint32_t drop_ip_header;    /* version != 4 or options (IHL != 5) */
    uint32_t drop_ip_length;    /* total length < 20 or beyond the frame */
    uint32_t drop_ip_checksum;
    uint32_t drop_ip_fragment;  /* MF set or fragment offset != 0 */
    uint32_t drop_ip_protocol;  /* not UDP */
    uint32_t drop_udp_length;   /* UDP length < 8 or beyond the IP payload */
    uint32_t drop_udp_checksum;
    uint32_t drop_udp_port;     /* no handler bound */
    uint32_t drop_tx;           /* replies that could not be sent */
};

/* Starts the virtio-net device. Returns 0 or a VIRTIO_E* error (< 0). */
int  net_init(void);
const uint8_t *net_mac(void);

/* Registers the handler for datagrams to `port` (at most NET_MAX_PORTS).
   Returns 0, or -1 when the table is full. */
int  net_udp_bind(uint16_t port, udp_handler_fn fn);

/* Sends `len` bytes (<= NET_UDP_MAX) from to->local_port to the peer.
   Returns 0 or -1. The UDP checksum is always filled in. */
int  net_udp_send(const struct udp_peer *to, const void *data, uint32_t len);

/* Handles every frame received so far (handlers run from here).
   Returns the number of frames looked at. */
int  net_poll(void);

/* Runs forever: net_poll, then sleep (WFI) until the next interrupt. */
void net_serve(void) __attribute__((noreturn));

const struct net_stats *net_get_stats(void);

/* Internet checksum helpers (one's complement sum, big-endian words). */
uint32_t net_csum_add(uint32_t sum, const uint8_t *p, uint32_t len);
uint16_t net_csum_fold(uint32_t sum);

#endif
