/*
 * virtio-blk driver: one request queue (0), one request in flight.
 * A request is a chain of three descriptors: the 16-byte header (type,
 * reserved, sector; device-readable), the data (readable for OUT,
 * writable for IN) and the 1-byte status (writable). FLUSH has no data.
 */
#include "virtio.h"

struct blk_req_hdr {
    uint32_t type;
    uint32_t reserved;
    uint64_t sector;
};

static struct virtio_dev dev;
static struct virtq q VIRTQ_ALIGN;
static struct blk_req_hdr hdr __attribute__((aligned(16)));
static volatile uint8_t status;
static uint64_t capacity;
static int ready;

int vblk_init(void)
{
    uint32_t slot = 0;
    int err = virtio_find(VIRTIO_ID_BLOCK, &slot, &dev);
    if (err)
        return err;
    err = virtio_init(&dev, VIRTIO_BLK_F_FLUSH);
    if (err)
        return err;
    err = virtq_setup(&dev, &q, 0, 16);
    if (err)
        return err;
    capacity = virtio_config64(&dev, 0);
    virtio_driver_ok(&dev);
    ready = 1;
    return 0;
}

struct virtio_dev *vblk_device(void)
{
    return &dev;
}

uint64_t vblk_capacity(void)
{
    return capacity;
}

int vblk_has_flush(void)
{
    return (dev.features & VIRTIO_BLK_F_FLUSH) != 0;
}

/* Submits one request and waits for it. */
static int request(uint32_t type, uint64_t sector, void *buf, uint32_t len)
{
    struct virtq_buf b[3];
    uint32_t n = 0, nout;

    hdr.type = type;
    hdr.reserved = 0;
    hdr.sector = sector;
    status = 0xFF;

    b[n].addr = &hdr;
    b[n++].len = sizeof hdr;
    if (len != 0) {
        b[n].addr = buf;
        b[n++].len = len;
    }
    nout = (type == VIRTIO_BLK_T_OUT) ? n : 1;
    b[n].addr = (void *)&status;
    b[n++].len = 1;

    if (virtq_add(&q, b, nout, n - nout, NULL) < 0)
        return VIRTIO_EQUEUE;
    virtq_kick(&q);

    uint32_t used_len;
    while (!virtq_pop(&q, &used_len, NULL)) {
        if (virtio_broken(&dev))
            return VIRTIO_EDEVICE;
        virtio_wait();
    }
    uint8_t s = status;
    if (s > VIRTIO_BLK_S_UNSUPP)
        return VIRTIO_EDEVICE;  /* status byte never written */
    return s;
}

static int transfer(uint32_t type, uint64_t sector, uint8_t *buf,
                    uint32_t count)
{
    if (!ready)
        return VIRTIO_ENODEV;
    if (sector > capacity || count > capacity - sector)
        return VIRTIO_EINVAL;
    while (count > 0) {
        uint32_t n = count < VBLK_MAX_SECTORS ? count : VBLK_MAX_SECTORS;
        int s = request(type, sector, buf, n * VIRTIO_BLK_SECTOR_SIZE);
        if (s != VIRTIO_BLK_S_OK)
            return s;
        sector += n;
        buf += n * VIRTIO_BLK_SECTOR_SIZE;
        count -= n;
    }
    return VIRTIO_BLK_S_OK;
}

int vblk_read(uint64_t sector, void *buf, uint32_t count)
{
    return transfer(VIRTIO_BLK_T_IN, sector, buf, count);
}

int vblk_write(uint64_t sector, const void *buf, uint32_t count)
{
    return transfer(VIRTIO_BLK_T_OUT, sector, (uint8_t *)(uintptr_t)buf, count);
}

int vblk_flush(void)
{
    if (!ready)
        return VIRTIO_ENODEV;
    if (!vblk_has_flush())
        return VIRTIO_BLK_S_OK;
    return request(VIRTIO_BLK_T_FLUSH, 0, NULL, 0);
}
