/*
 * virtio-mmio version 2 ("modern") transport and split virtqueues, plus
 * the virtio-net and virtio-blk drivers built on them.
 *
 * The QEMU "virt" board (and Tandem) have 8 virtio-mmio slots at
 * 0x1000_1000 + i * 0x1000, PLIC interrupt 1 + i. QEMU plugs the first
 * -device into the highest free slot, so drivers always probe.
 *
 * Completion: every queue is serviced by looking at its used ring, so a
 * driver can poll (spin on the used ring) or sleep: virtio_wait() executes
 * WFI until an external interrupt is pending (mie.MEIE set, mstatus.MIE
 * left as the program has it), claims every pending PLIC source, acks the
 * device's InterruptStatus and completes the claim. Interrupt mode is the
 * default; virtio_set_polling(1) switches every wait to a spin.
 * A program that takes external interrupts as traps (mstatus.MIE = 1)
 * calls virtio_handle_irq(claimed source) from its trap handler instead.
 */
#ifndef VIRTIO_H
#define VIRTIO_H

#include "tandem.h"

/* ---- Transport -------------------------------------------------------- */
#define VIRTIO_MMIO_BASE        0x10001000u
#define VIRTIO_MMIO_STRIDE      0x1000u
#define VIRTIO_MMIO_SLOTS       8u
#define VIRTIO_MMIO_IRQ(slot)   (1u + (slot))
#define VIRTIO_MMIO_MAGIC       0x74726976u     /* "virt" */

#define VIRTIO_ID_NET           1u
#define VIRTIO_ID_BLOCK         2u

/* Device status bits */
#define VIRTIO_STATUS_ACKNOWLEDGE       1u
#define VIRTIO_STATUS_DRIVER            2u
#define VIRTIO_STATUS_DRIVER_OK         4u
#define VIRTIO_STATUS_FEATURES_OK       8u
#define VIRTIO_STATUS_NEEDS_RESET       64u
#define VIRTIO_STATUS_FAILED            128u

/* Feature bits (64-bit feature space) */
#define VIRTIO_F_VERSION_1      (1ull << 32)

/* Errors returned by the drivers (negative; device statuses are >= 0) */
#define VIRTIO_ENODEV           (-1)    /* no such device in any slot */
#define VIRTIO_EFEATURES        (-2)    /* device lacks VERSION_1 or refused FEATURES_OK */
#define VIRTIO_EQUEUE           (-3)    /* queue missing or already live */
#define VIRTIO_EDEVICE          (-4)    /* device set NEEDS_RESET / returned nonsense */
#define VIRTIO_EINVAL           (-5)    /* bad argument */

/* ---- Split virtqueue -------------------------------------------------- */
#define VIRTQ_MAX_SIZE          32u

#define VIRTQ_DESC_F_NEXT       1u
#define VIRTQ_DESC_F_WRITE      2u

struct virtq_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};

struct virtq_avail {
    uint16_t flags;
    uint16_t idx;
    uint16_t ring[VIRTQ_MAX_SIZE];
    uint16_t used_event;
};

struct virtq_used_elem {
    uint32_t id;
    uint32_t len;
};

struct virtq_used {
    uint16_t flags;
    uint16_t idx;
    struct virtq_used_elem ring[VIRTQ_MAX_SIZE];
    uint16_t avail_event;
};

struct virtio_dev;

/* One queue. The rings live in the struct (the descriptor table first:
   declare queues with VIRTQ_ALIGN, see virtq_setup). */
struct virtq {
    struct virtq_desc desc[VIRTQ_MAX_SIZE];     /* 16-byte aligned */
    struct virtq_avail avail;                   /* 2-byte aligned */
    struct virtq_used used __attribute__((aligned(4)));
    struct virtio_dev *dev;
    uint16_t index;             /* queue number on the device */
    uint16_t size;              /* entries actually used (power of 2) */
    uint16_t free_head;         /* first free descriptor, size = none */
    uint16_t num_free;
    uint16_t last_used;         /* next used-ring entry to consume */
    uint16_t pad;
    void *token[VIRTQ_MAX_SIZE];        /* per chain head, for the caller */
    uint8_t in_flight[VIRTQ_MAX_SIZE];  /* chain heads the device holds */
    uint32_t bad_used;                  /* used entries refused */
};
#define VIRTQ_ALIGN __attribute__((aligned(16)))

/* A buffer handed to the device: readable (out) or writable (in). */
struct virtq_buf {
    void *addr;
    uint32_t len;
};

struct virtio_dev {
    uint32_t base;              /* MMIO base of the slot */
    uint32_t slot;
    uint32_t irq;               /* PLIC source */
    uint32_t device_id;
    uint64_t features;          /* negotiated */
    uint32_t irq_count;         /* interrupts acknowledged */
};

/* Finds the first slot at or after *slot (0 to start) holding a version 2
   device with the given id; fills d and advances *slot past it.
   Returns 0, or VIRTIO_ENODEV. */
int  virtio_find(uint32_t device_id, uint32_t *slot, struct virtio_dev *d);

/* Reset, ACKNOWLEDGE, DRIVER, feature negotiation (VERSION_1 is required
   and always added to `wanted`), FEATURES_OK (checked). The negotiated set
   is left in d->features. Then set up queues and call virtio_driver_ok. */
int  virtio_init(struct virtio_dev *d, uint64_t wanted);

/* Sets up queue `index` with min(QueueNumMax, max_size) entries (rounded
   down to a power of two). Returns 0 or VIRTIO_EQUEUE. */
int  virtq_setup(struct virtio_dev *d, struct virtq *q, uint32_t index,
                 uint32_t max_size);

/* DRIVER_OK; registers d for virtio_wait and enables its PLIC source. */
void virtio_driver_ok(struct virtio_dev *d);

/* Status register, and device failure (NEEDS_RESET or FAILED). */
uint32_t virtio_status(const struct virtio_dev *d);
int  virtio_broken(const struct virtio_dev *d);

/* Device config space: byte and 32-bit reads at `off`. */
uint8_t  virtio_config8(const struct virtio_dev *d, uint32_t off);
uint32_t virtio_config32(const struct virtio_dev *d, uint32_t off);
uint64_t virtio_config64(const struct virtio_dev *d, uint32_t off);

/* Adds a chain of nout readable then nin writable buffers; the device
   sees it after virtq_kick. Returns the head descriptor or -1 when there
   are not enough free descriptors. token comes back from virtq_pop. */
int  virtq_add(struct virtq *q, const struct virtq_buf *bufs,
               uint32_t nout, uint32_t nin, void *token);
void virtq_kick(struct virtq *q);

/* Takes one completed chain off the used ring and frees its descriptors.
   Returns 1 (with *len = bytes written by the device, *token), or 0. */
int  virtq_pop(struct virtq *q, uint32_t *len, void **token);
int  virtq_has_used(const struct virtq *q);

/* Interrupts of one device: reads InterruptStatus and acks it; returns
   the bits (1 = used buffer, 2 = config change). */
uint32_t virtio_ack_irq(struct virtio_dev *d);

/* Handles a PLIC source claimed by the caller (acks the device). Returns 1
   if it belonged to a registered device. Does not complete the claim. */
int  virtio_handle_irq(uint32_t irq);

/* Sleeps until some registered device interrupts (WFI), then claims,
   acks and completes every pending PLIC source. In polling mode returns
   at once. Callers re-check their used rings afterwards. */
void virtio_wait(void);
void virtio_set_polling(int on);

/* ---- virtio-net (device id 1) ----------------------------------------- */
#define VIRTIO_NET_F_MAC        (1ull << 5)
#define VIRTIO_NET_HDR_LEN      12u     /* virtio_net_hdr_v1 */
#define VIRTIO_NET_FRAME_MAX    1526u   /* largest frame a buffer takes */
#define VIRTIO_NET_BUF_LEN      (VIRTIO_NET_HDR_LEN + VIRTIO_NET_FRAME_MAX)
#define VIRTIO_NET_RX_QUEUE     0u
#define VIRTIO_NET_TX_QUEUE     1u

struct virtio_net_stats {
    uint32_t rx_frames;         /* frames handed to the caller */
    uint32_t rx_too_large;      /* device reported more than the buffer */
    uint32_t rx_too_short;      /* not even a virtio header */
    uint32_t tx_frames;
    uint32_t tx_too_large;      /* caller's frame refused */
};

/* Finds and starts the first virtio-net device: MAC from config (or the
   QEMU default 52:54:00:12:34:56 if the device has no MAC feature),
   RX queue filled. Returns 0 or a VIRTIO_E* error. */
int  vnet_init(void);
const uint8_t *vnet_mac(void);
struct virtio_dev *vnet_device(void);

/* Next received frame (without the virtio header) or NULL. The frame
   stays valid until vnet_rx_release; hold at most one at a time. */
const uint8_t *vnet_rx(uint32_t *len);
void vnet_rx_release(void);

/* Transmit buffer for a frame of up to VIRTIO_NET_FRAME_MAX bytes; waits
   (virtio_wait) while every TX buffer is in flight. Fill it and call
   vnet_tx_send with the frame length. */
uint8_t *vnet_tx_buffer(void);
int  vnet_tx_send(uint32_t len);

const struct virtio_net_stats *vnet_stats(void);

/* ---- virtio-blk (device id 2) ----------------------------------------- */
#define VIRTIO_BLK_F_FLUSH      (1ull << 9)
#define VIRTIO_BLK_SECTOR_SIZE  512u

#define VIRTIO_BLK_T_IN         0u
#define VIRTIO_BLK_T_OUT        1u
#define VIRTIO_BLK_T_FLUSH      4u

#define VIRTIO_BLK_S_OK         0
#define VIRTIO_BLK_S_IOERR      1
#define VIRTIO_BLK_S_UNSUPP     2

/* Finds and starts the first virtio-blk device; negotiates FLUSH when
   offered. Returns 0 or a VIRTIO_E* error. */
int  vblk_init(void);
struct virtio_dev *vblk_device(void);
uint64_t vblk_capacity(void);           /* in 512-byte sectors */
int  vblk_has_flush(void);

/* Synchronous requests (one at a time). Return VIRTIO_BLK_S_OK, the
   device's IOERR/UNSUPP status, or a negative VIRTIO_E* error. Requests
   past the end of the disk are refused with VIRTIO_EINVAL. Large
   transfers are split into requests of at most VBLK_MAX_SECTORS. */
#define VBLK_MAX_SECTORS        128u
int  vblk_read(uint64_t sector, void *buf, uint32_t count);
int  vblk_write(uint64_t sector, const void *buf, uint32_t count);
int  vblk_flush(void);                  /* OK at once without FLUSH */

#endif
