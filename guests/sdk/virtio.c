/* virtio-mmio version 2 transport, split virtqueues, interrupt waiting. */
#include "virtio.h"

/* Register offsets of a virtio-mmio (version 2) slot */
#define VM_MAGIC                0x000u
#define VM_VERSION              0x004u
#define VM_DEVICE_ID            0x008u
#define VM_DEVICE_FEATURES      0x010u
#define VM_DEVICE_FEATURES_SEL  0x014u
#define VM_DRIVER_FEATURES      0x020u
#define VM_DRIVER_FEATURES_SEL  0x024u
#define VM_QUEUE_SEL            0x030u
#define VM_QUEUE_NUM_MAX        0x034u
#define VM_QUEUE_NUM            0x038u
#define VM_QUEUE_READY          0x044u
#define VM_QUEUE_NOTIFY         0x050u
#define VM_INTERRUPT_STATUS     0x060u
#define VM_INTERRUPT_ACK        0x064u
#define VM_STATUS               0x070u
#define VM_QUEUE_DESC_LOW       0x080u
#define VM_QUEUE_DESC_HIGH      0x084u
#define VM_QUEUE_DRIVER_LOW     0x090u
#define VM_QUEUE_DRIVER_HIGH    0x094u
#define VM_QUEUE_DEVICE_LOW     0x0a0u
#define VM_QUEUE_DEVICE_HIGH    0x0a4u
#define VM_CONFIG_GENERATION    0x0fcu
#define VM_CONFIG               0x100u

/* Orders our ring writes against the device (and its reads of them). */
static inline void mb(void) { __asm__ volatile("fence rw, rw" ::: "memory"); }

static inline uint32_t rd(const struct virtio_dev *d, uint32_t off)
{
    return mmio_read32(d->base + off);
}
static inline void wr(const struct virtio_dev *d, uint32_t off, uint32_t v)
{
    mmio_write32(d->base + off, v);
}

/* ---- Discovery and initialisation ------------------------------------- */
int virtio_find(uint32_t device_id, uint32_t *slot, struct virtio_dev *d)
{
    for (uint32_t i = *slot; i < VIRTIO_MMIO_SLOTS; i++) {
        uint32_t base = VIRTIO_MMIO_BASE + i * VIRTIO_MMIO_STRIDE;
        if (mmio_read32(base + VM_MAGIC) != VIRTIO_MMIO_MAGIC)
            continue;
        if (mmio_read32(base + VM_VERSION) != 2)
            continue;           /* legacy transport: not supported */
        uint32_t id = mmio_read32(base + VM_DEVICE_ID);
        if (id == 0 || id != device_id)
            continue;           /* 0 = empty slot */
        memset(d, 0, sizeof *d);
        d->base = base;
        d->slot = i;
        d->irq = VIRTIO_MMIO_IRQ(i);
        d->device_id = id;
        *slot = i + 1;
        return 0;
    }
    return VIRTIO_ENODEV;
}

int virtio_init(struct virtio_dev *d, uint64_t wanted)
{
    wr(d, VM_STATUS, 0);                        /* reset */
    for (uint32_t n = 0; rd(d, VM_STATUS) != 0; n++)
        if (n > 1000000)
            return VIRTIO_EDEVICE;
    wr(d, VM_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
    wr(d, VM_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);

    wr(d, VM_DEVICE_FEATURES_SEL, 0);
    uint64_t offered = rd(d, VM_DEVICE_FEATURES);
    wr(d, VM_DEVICE_FEATURES_SEL, 1);
    offered |= (uint64_t)rd(d, VM_DEVICE_FEATURES) << 32;

    if ((offered & VIRTIO_F_VERSION_1) == 0) {
        wr(d, VM_STATUS, rd(d, VM_STATUS) | VIRTIO_STATUS_FAILED);
        return VIRTIO_EFEATURES;
    }
    uint64_t use = offered & (wanted | VIRTIO_F_VERSION_1);
    wr(d, VM_DRIVER_FEATURES_SEL, 0);
    wr(d, VM_DRIVER_FEATURES, (uint32_t)use);
    wr(d, VM_DRIVER_FEATURES_SEL, 1);
    wr(d, VM_DRIVER_FEATURES, (uint32_t)(use >> 32));

    wr(d, VM_STATUS, rd(d, VM_STATUS) | VIRTIO_STATUS_FEATURES_OK);
    if ((rd(d, VM_STATUS) & VIRTIO_STATUS_FEATURES_OK) == 0) {
        wr(d, VM_STATUS, rd(d, VM_STATUS) | VIRTIO_STATUS_FAILED);
        return VIRTIO_EFEATURES;
    }
    d->features = use;
    return 0;
}

int virtq_setup(struct virtio_dev *d, struct virtq *q, uint32_t index,
                uint32_t max_size)
{
    wr(d, VM_QUEUE_SEL, index);
    if (rd(d, VM_QUEUE_READY) != 0)
        return VIRTIO_EQUEUE;
    uint32_t num_max = rd(d, VM_QUEUE_NUM_MAX);
    if (num_max == 0)
        return VIRTIO_EQUEUE;
    uint32_t want = max_size < VIRTQ_MAX_SIZE ? max_size : VIRTQ_MAX_SIZE;
    if (num_max < want)
        want = num_max;
    uint32_t size = 1;                          /* power of two <= want */
    while (size * 2 <= want)
        size *= 2;

    memset(q, 0, sizeof *q);
    q->dev = d;
    q->index = (uint16_t)index;
    q->size = (uint16_t)size;
    for (uint32_t i = 0; i < size; i++)
        q->desc[i].next = (uint16_t)(i + 1);
    q->free_head = 0;
    q->num_free = (uint16_t)size;

    wr(d, VM_QUEUE_NUM, size);
    wr(d, VM_QUEUE_DESC_LOW, (uint32_t)(uintptr_t)q->desc);
    wr(d, VM_QUEUE_DESC_HIGH, 0);
    wr(d, VM_QUEUE_DRIVER_LOW, (uint32_t)(uintptr_t)&q->avail);
    wr(d, VM_QUEUE_DRIVER_HIGH, 0);
    wr(d, VM_QUEUE_DEVICE_LOW, (uint32_t)(uintptr_t)&q->used);
    wr(d, VM_QUEUE_DEVICE_HIGH, 0);
    mb();
    wr(d, VM_QUEUE_READY, 1);
    return 0;
}

/* Devices whose interrupts virtio_wait services. */
static struct virtio_dev *registered[VIRTIO_MMIO_SLOTS];
static int polling;

void virtio_driver_ok(struct virtio_dev *d)
{
    wr(d, VM_STATUS, rd(d, VM_STATUS) | VIRTIO_STATUS_DRIVER_OK);
    registered[d->slot] = d;
    plic_set_priority(d->irq, 1);
    plic_enable(d->irq, 1);
    plic_set_threshold(0);
    csr_set(mie, MIP_MEIP);
}

uint32_t virtio_status(const struct virtio_dev *d)
{
    return rd(d, VM_STATUS);
}

int virtio_broken(const struct virtio_dev *d)
{
    return (rd(d, VM_STATUS) &
            (VIRTIO_STATUS_NEEDS_RESET | VIRTIO_STATUS_FAILED)) != 0;
}

/* ---- Config space (read until the generation is stable) --------------- */
uint8_t virtio_config8(const struct virtio_dev *d, uint32_t off)
{
    return mmio_read8(d->base + VM_CONFIG + off);
}

uint32_t virtio_config32(const struct virtio_dev *d, uint32_t off)
{
    uint32_t gen, v;
    do {
        gen = rd(d, VM_CONFIG_GENERATION);
        v = rd(d, VM_CONFIG + off);
    } while (gen != rd(d, VM_CONFIG_GENERATION));
    return v;
}

uint64_t virtio_config64(const struct virtio_dev *d, uint32_t off)
{
    uint32_t gen, lo, hi;
    do {
        gen = rd(d, VM_CONFIG_GENERATION);
        lo = rd(d, VM_CONFIG + off);
        hi = rd(d, VM_CONFIG + off + 4);
    } while (gen != rd(d, VM_CONFIG_GENERATION));
    return ((uint64_t)hi << 32) | lo;
}

/* ---- Virtqueue operations --------------------------------------------- */
int virtq_add(struct virtq *q, const struct virtq_buf *bufs, uint32_t nout,
              uint32_t nin, void *token)
{
    uint32_t n = nout + nin;
    if (n == 0 || n > q->num_free)
        return -1;
    uint16_t head = q->free_head, i = head, last = head;
    for (uint32_t k = 0; k < n; k++) {
        struct virtq_desc *dsc = &q->desc[i];
        dsc->addr = (uint32_t)(uintptr_t)bufs[k].addr;
        dsc->len = bufs[k].len;
        dsc->flags = (uint16_t)((k >= nout ? VIRTQ_DESC_F_WRITE : 0) |
                                (k + 1 < n ? VIRTQ_DESC_F_NEXT : 0));
        last = i;
        i = dsc->next;
    }
    q->free_head = q->desc[last].next;
    q->num_free = (uint16_t)(q->num_free - n);
    q->token[head] = token;
    q->in_flight[head] = 1;

    q->avail.ring[q->avail.idx & (q->size - 1)] = head;
    mb();                       /* descriptors and ring entry before idx */
    q->avail.idx++;
    return head;
}

void virtq_kick(struct virtq *q)
{
    mb();                       /* avail idx visible before the notify */
    wr(q->dev, VM_QUEUE_NOTIFY, q->index);
}

int virtq_has_used(const struct virtq *q)
{
    return *(volatile const uint16_t *)&q->used.idx != q->last_used;
}

int virtq_pop(struct virtq *q, uint32_t *len, void **token)
{
    uint32_t head, used_len;
    do {
        if (!virtq_has_used(q))
            return 0;
        mb();                   /* read the entry only after seeing idx */
        struct virtq_used_elem *e =
            &q->used.ring[q->last_used & (q->size - 1)];
        head = e->id;
        used_len = e->len;
        q->last_used++;
        if (head >= q->size || !q->in_flight[head]) {
            q->bad_used++;      /* device bug: skip the entry */
            head = VIRTQ_MAX_SIZE;
        }
    } while (head == VIRTQ_MAX_SIZE);
    q->in_flight[head] = 0;

    /* Return the chain to the free list. */
    uint32_t i = head, n = 1;
    while ((q->desc[i].flags & VIRTQ_DESC_F_NEXT) && n < q->size) {
        i = q->desc[i].next;
        n++;
    }
    q->desc[i].next = q->free_head;
    q->free_head = (uint16_t)head;
    q->num_free = (uint16_t)(q->num_free + n);

    if (len)
        *len = used_len;
    if (token)
        *token = q->token[head];
    return 1;
}

/* ---- Interrupts ------------------------------------------------------- */
uint32_t virtio_ack_irq(struct virtio_dev *d)
{
    uint32_t bits = rd(d, VM_INTERRUPT_STATUS);
    if (bits) {
        wr(d, VM_INTERRUPT_ACK, bits);
        d->irq_count++;
    }
    return bits;
}

int virtio_handle_irq(uint32_t irq)
{
    if (irq < 1 || irq > VIRTIO_MMIO_SLOTS)
        return 0;
    struct virtio_dev *d = registered[irq - 1];
    if (d == NULL)
        return 0;
    virtio_ack_irq(d);
    return 1;
}

void virtio_set_polling(int on)
{
    polling = on;
}

void virtio_wait(void)
{
    if (polling)
        return;
    /* An interrupt raised after the caller looked at its ring is still
       pending in the PLIC, so this WFI returns at once: no lost wake-up. */
    wfi();
    uint32_t irq;
    while ((irq = plic_claim()) != 0) {
        virtio_handle_irq(irq);
        plic_complete(irq);
    }
}
