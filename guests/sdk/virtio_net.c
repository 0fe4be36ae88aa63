/*
 * virtio-net driver: one RX queue (0) kept full of receive buffers, one
 * TX queue (1). Every frame is preceded by the 12-byte virtio_net_hdr_v1;
 * no offloads are negotiated, so the header is all zero on transmit and
 * ignored on receive.
 */
#include "virtio.h"

#define RX_BUFS 16u
#define TX_BUFS 16u

static struct virtio_dev dev;
static struct virtq rxq VIRTQ_ALIGN;
static struct virtq txq VIRTQ_ALIGN;
static uint8_t rx_buf[RX_BUFS][VIRTIO_NET_BUF_LEN] __attribute__((aligned(16)));
static uint8_t tx_buf[TX_BUFS][VIRTIO_NET_BUF_LEN] __attribute__((aligned(16)));
static uint8_t tx_busy[TX_BUFS];
static uint8_t mac[6];
static struct virtio_net_stats stats;
static int ready;

/* The frame vnet_rx handed out (index into rx_buf), or -1. */
static int rx_held = -1;
static uint32_t tx_cur;         /* buffer returned by vnet_tx_buffer */

static void rx_post(uint32_t i)
{
    struct virtq_buf b = { rx_buf[i], VIRTIO_NET_BUF_LEN };
    virtq_add(&rxq, &b, 0, 1, (void *)(uintptr_t)i);
}

int vnet_init(void)
{
    uint32_t slot = 0;
    int err = virtio_find(VIRTIO_ID_NET, &slot, &dev);
    if (err)
        return err;
    err = virtio_init(&dev, VIRTIO_NET_F_MAC);
    if (err)
        return err;
    if ((err = virtq_setup(&dev, &rxq, VIRTIO_NET_RX_QUEUE, RX_BUFS)) != 0 ||
        (err = virtq_setup(&dev, &txq, VIRTIO_NET_TX_QUEUE, TX_BUFS)) != 0)
        return err;

    if (dev.features & VIRTIO_NET_F_MAC) {
        for (uint32_t i = 0; i < 6; i++)
            mac[i] = virtio_config8(&dev, i);
    } else {
        static const uint8_t qemu_default[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
        memcpy(mac, qemu_default, 6);
    }

    for (uint32_t i = 0; i < rxq.size && i < RX_BUFS; i++)
        rx_post(i);
    virtio_driver_ok(&dev);
    virtq_kick(&rxq);
    ready = 1;
    return 0;
}

const uint8_t *vnet_mac(void)
{
    return mac;
}

struct virtio_dev *vnet_device(void)
{
    return &dev;
}

const struct virtio_net_stats *vnet_stats(void)
{
    return &stats;
}

const uint8_t *vnet_rx(uint32_t *len)
{
    if (!ready)
        return NULL;
    if (rx_held >= 0)
        vnet_rx_release();
    for (;;) {
        uint32_t used_len;
        void *token;
        if (!virtq_pop(&rxq, &used_len, &token))
            return NULL;
        uint32_t i = (uint32_t)(uintptr_t)token;
        if (i >= RX_BUFS)
            continue;           /* not ours: device bug, drop the entry */
        if (used_len > VIRTIO_NET_BUF_LEN) {
            stats.rx_too_large++;
        } else if (used_len < VIRTIO_NET_HDR_LEN) {
            stats.rx_too_short++;
        } else {
            stats.rx_frames++;
            rx_held = (int)i;
            *len = used_len - VIRTIO_NET_HDR_LEN;
            return rx_buf[i] + VIRTIO_NET_HDR_LEN;
        }
        rx_post(i);             /* refused: give the buffer back */
        virtq_kick(&rxq);
    }
}

void vnet_rx_release(void)
{
    if (rx_held < 0)
        return;
    rx_post((uint32_t)rx_held);
    rx_held = -1;
    virtq_kick(&rxq);
}

/* Takes finished transmissions off the TX used ring. */
static void tx_reclaim(void)
{
    uint32_t len;
    void *token;
    while (virtq_pop(&txq, &len, &token)) {
        uint32_t i = (uint32_t)(uintptr_t)token;
        if (i < TX_BUFS)
            tx_busy[i] = 0;
    }
}

uint8_t *vnet_tx_buffer(void)
{
    if (!ready)
        return NULL;
    for (;;) {
        tx_reclaim();
        for (uint32_t i = 0; i < TX_BUFS && i < txq.size; i++) {
            if (!tx_busy[i]) {
                tx_cur = i;
                return tx_buf[i] + VIRTIO_NET_HDR_LEN;
            }
        }
        if (virtio_broken(&dev))
            return NULL;
        virtio_wait();
    }
}

int vnet_tx_send(uint32_t len)
{
    if (len > VIRTIO_NET_FRAME_MAX) {
        stats.tx_too_large++;
        return VIRTIO_EINVAL;
    }
    uint32_t i = tx_cur;
    memset(tx_buf[i], 0, VIRTIO_NET_HDR_LEN);
    struct virtq_buf b = { tx_buf[i], VIRTIO_NET_HDR_LEN + len };
    if (virtq_add(&txq, &b, 1, 0, (void *)(uintptr_t)i) < 0)
        return VIRTIO_EQUEUE;   /* cannot happen: one descriptor per buffer */
    tx_busy[i] = 1;
    stats.tx_frames++;
    virtq_kick(&txq);
    return 0;
}
