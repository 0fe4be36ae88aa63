/*
 * UDP echo server on 10.0.2.15:7007 over virtio-net: every datagram goes
 * back to its sender unchanged. Prints one start-up line, then sleeps in
 * WFI between packets. Never exits on its own (exit 2 without a network
 * device).
 */
#include "tandem.h"
#include "net.h"

#define ECHO_PORT 7007

static void on_datagram(const struct udp_peer *from, const uint8_t *data,
                        uint32_t len)
{
    net_udp_send(from, data, len);
}

int main(void)
{
    int err = net_init();
    if (err) {
        printf("echo: no usable virtio-net device (error %d)\n", err);
        return 2;
    }
    net_udp_bind(ECHO_PORT, on_datagram);
    printf("echo: listening on %s:%u\n", NET_IP_STR, ECHO_PORT);
    net_serve();
}
