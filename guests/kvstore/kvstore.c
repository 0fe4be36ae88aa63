/*
 * Key-value server on UDP 10.0.2.15:7000 over virtio-net, state in RAM
 * written through to a virtio-blk disk, at-most-once per client.
 * Wire format and disk layout: kvstore/README.md.
 *
 * Console: one start-up line, plus one line per refused (corrupt) disk
 * record at load time; nothing per request.
 * Exit codes (finisher): 2 no network device, 3 no disk, 4 disk too small,
 * 5 disk holds a different layout, 6 disk I/O error.
 */
#include "tandem.h"
#include "net.h"
#include "virtio.h"

#define KV_PORT         7000u

/* ---- Limits ----------------------------------------------------------- */
#define KEY_MAX         64u
#define VALUE_MAX       1024u
#define SLOTS           2048u           /* hash buckets, a power of two */
#define CLIENT_BITS     8u
#define CLIENTS         (1u << CLIENT_BITS)     /* at-most-once table: 256 */

/* ---- Disk layout (512-byte sectors) ----------------------------------- */
#define SECTOR          512u
#define SB_SECTOR       0u
#define SLOT_SECTORS    3u              /* 1536 bytes per slot */
#define SLOT_BYTES      (SLOT_SECTORS * SECTOR)
#define SLOT_FIRST      8u
#define CLIENT_SECTORS  3u              /* 1536 bytes per client record */
#define CLIENT_BYTES    (CLIENT_SECTORS * SECTOR)
#define CLIENT_FIRST    (SLOT_FIRST + SLOTS * SLOT_SECTORS)
#define DISK_SECTORS    (CLIENT_FIRST + CLIENTS * CLIENT_SECTORS)

#define SB_MAGIC        "TANDEMKV"
#define SB_VERSION      1u
#define SLOT_MAGIC      0x3153564Bu     /* "KVS1" */
#define CLIENT_MAGIC    0x3143564Bu     /* "KVC1" */

/* ---- Wire format ------------------------------------------------------ */
#define PROTO_VERSION   1u
#define OP_GET          1u
#define OP_PUT          2u
#define OP_DELETE       3u
#define OP_CAS          4u

#define ST_OK           0u
#define ST_NOT_FOUND    1u
#define ST_CAS_MISMATCH 2u
#define ST_BAD_REQUEST  3u
#define ST_TOO_LARGE    4u
#define ST_FULL         5u
#define ST_STALE        6u

#define REQ_HDR         16u
#define RESP_HDR        16u

/* Exit codes */
#define EXIT_NO_NET     2
#define EXIT_NO_DISK    3
#define EXIT_DISK_SMALL 4
#define EXIT_DISK_LAYOUT 5
#define EXIT_DISK_IO    6

/* ---- On-disk records (also the in-RAM images, written as they are) ---- */
struct superblock {
    char     magic[8];
    uint32_t version;
    uint32_t slot_count;
    uint32_t slot_sectors;
    uint32_t slot_first;
    uint32_t client_count;
    uint32_t client_sectors;
    uint32_t client_first;
    uint32_t total_sectors;
    uint32_t key_max;
    uint32_t value_max;
    uint32_t crc;               /* CRC-32 of bytes 0..47 */
};

#define SLOT_EMPTY      0u      /* never used: all-zero header */
#define SLOT_LIVE       1u
#define SLOT_DELETED    2u      /* tombstone: keeps probe chains intact */
#define SLOT_HDR        32u

struct slot {
    uint32_t magic;
    uint32_t crc;               /* CRC-32 of bytes 8 .. 32+key+value */
    uint32_t index;             /* its own slot number */
    uint8_t  state;
    uint8_t  reserved0;
    uint16_t key_len;
    uint16_t value_len;
    uint16_t reserved1;
    uint32_t client_id;         /* last change: who ... */
    uint32_t request_no;        /* ... and which request */
    uint32_t reserved2;
    uint8_t  data[SLOT_BYTES - SLOT_HDR];       /* key, then value */
};

#define CLIENT_HDR      32u

struct client {
    uint32_t magic;
    uint32_t crc;               /* CRC-32 of bytes 8 .. 32+resp_len */
    uint32_t index;             /* its own record number */
    uint32_t client_id;
    uint32_t request_no;        /* highest request applied */
    uint8_t  status;            /* its response */
    uint8_t  op;
    uint16_t resp_len;
    uint32_t last_use;          /* use_clock when it last applied a request */
    uint32_t reserved;
    uint8_t  resp[CLIENT_BYTES - CLIENT_HDR];   /* response value */
};

_Static_assert(sizeof(struct superblock) == 52, "superblock layout");
_Static_assert(sizeof(struct slot) == SLOT_BYTES, "slot layout");
_Static_assert(sizeof(struct client) == CLIENT_BYTES, "client layout");
_Static_assert(SLOT_HDR + KEY_MAX + VALUE_MAX <= SLOT_BYTES, "slot size");
_Static_assert(CLIENT_HDR + VALUE_MAX <= CLIENT_BYTES, "client size");

static struct slot slots[SLOTS] __attribute__((aligned(16)));
static struct client clients[CLIENTS] __attribute__((aligned(16)));
static uint8_t sector_buf[SECTOR] __attribute__((aligned(16)));
static uint8_t slot_bad[SLOTS];         /* refused at load: a tombstone */
static uint8_t client_bad[CLIENTS];     /* refused at load: never reused */
static uint32_t live_keys;
static uint32_t use_clock;              /* counts applied requests: the LRU order */
static uint32_t reply_seq;

/* Counters (not printed; visible to a debugger through the symbol). */
struct kv_stats {
    uint32_t requests;
    uint32_t ignored_short;     /* shorter than the request header */
    uint32_t replayed;          /* same requestNo: remembered response */
    uint32_t stale;
    uint32_t applied;
    uint32_t recovered;         /* client records rebuilt from slot stamps */
    uint32_t evicted;           /* least recently used client records taken over */
} kv_stats;

/* ---- CRC-32 (IEEE, reflected, table built at start-up) ----------------- */
static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32(const void *p, uint32_t n)
{
    const uint8_t *b = p;
    uint32_t c = 0xFFFFFFFFu;
    while (n--)
        c = crc_table[(c ^ *b++) & 0xFF] ^ (c >> 8);
    return ~c;
}

/* ---- Little-endian field access (request bytes are unaligned) ---------- */
static inline uint32_t le16(const uint8_t *p)
{
    return p[0] | ((uint32_t)p[1] << 8);
}
static inline uint32_t le32(const uint8_t *p)
{
    return p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}
static inline void put_le16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static int bytes_eq(const uint8_t *a, const uint8_t *b, uint32_t n)
{
    while (n--)
        if (*a++ != *b++)
            return 0;
    return 1;
}

static int all_zero(const void *p, uint32_t n)
{
    const uint8_t *b = p;
    while (n--)
        if (*b++)
            return 0;
    return 1;
}

/* ---- Disk access ------------------------------------------------------ */
static void disk_fail(const char *what, int status)
{
    printf("kvstore: disk %s failed (status %d)\n", what, status);
    exit(EXIT_DISK_IO);
}

static void disk_write(uint32_t sector, const void *buf, uint32_t count)
{
    int s = vblk_write(sector, buf, count);
    if (s != VIRTIO_BLK_S_OK)
        disk_fail("write", s);
}

static void disk_read(uint32_t sector, void *buf, uint32_t count)
{
    int s = vblk_read(sector, buf, count);
    if (s != VIRTIO_BLK_S_OK)
        disk_fail("read", s);
}

static void disk_flush(void)
{
    int s = vblk_flush();
    if (s != VIRTIO_BLK_S_OK)
        disk_fail("flush", s);
}

static uint32_t sectors_for(uint32_t bytes)
{
    return (bytes + SECTOR - 1) / SECTOR;
}

/* Seals slot i (checksum) and writes the sectors its contents occupy. */
static void slot_store(uint32_t i)
{
    struct slot *s = &slots[i];
    uint32_t used = SLOT_HDR + s->key_len + s->value_len;
    s->magic = SLOT_MAGIC;
    s->index = i;
    s->crc = crc32((const uint8_t *)s + 8, used - 8);
    disk_write(SLOT_FIRST + i * SLOT_SECTORS, s, sectors_for(used));
}

static void client_store(uint32_t i)
{
    struct client *c = &clients[i];
    uint32_t used = CLIENT_HDR + c->resp_len;
    c->magic = CLIENT_MAGIC;
    c->index = i;
    c->crc = crc32((const uint8_t *)c + 8, used - 8);
    disk_write(CLIENT_FIRST + i * CLIENT_SECTORS, c, sectors_for(used));
}

/* ---- Superblock, format, load ----------------------------------------- */
static void superblock_fill(struct superblock *sb)
{
    memset(sb, 0, sizeof *sb);
    memcpy(sb->magic, SB_MAGIC, 8);
    sb->version = SB_VERSION;
    sb->slot_count = SLOTS;
    sb->slot_sectors = SLOT_SECTORS;
    sb->slot_first = SLOT_FIRST;
    sb->client_count = CLIENTS;
    sb->client_sectors = CLIENT_SECTORS;
    sb->client_first = CLIENT_FIRST;
    sb->total_sectors = DISK_SECTORS;
    sb->key_max = KEY_MAX;
    sb->value_max = VALUE_MAX;
    sb->crc = crc32(sb, offsetof(struct superblock, crc));
}

/* Zeroes every record, then writes the superblock (last, so an
   interrupted format leaves a disk that is formatted again). */
static void format_disk(void)
{
    /* slots[] is still all zero here: write it out as the zero source */
    disk_write(SLOT_FIRST, slots, SLOTS * SLOT_SECTORS);
    disk_write(CLIENT_FIRST, clients, CLIENTS * CLIENT_SECTORS);
    memset(sector_buf, 0, SECTOR);
    superblock_fill((struct superblock *)sector_buf);
    disk_write(SB_SECTOR, sector_buf, 1);
    disk_flush();
}

static int slot_valid(uint32_t i)
{
    const struct slot *s = &slots[i];
    if (s->magic != SLOT_MAGIC || s->index != i ||
        (s->state != SLOT_LIVE && s->state != SLOT_DELETED) ||
        s->key_len > KEY_MAX || s->value_len > VALUE_MAX ||
        (s->state == SLOT_LIVE && s->key_len == 0))
        return 0;
    return s->crc == crc32((const uint8_t *)s + 8,
                           SLOT_HDR + s->key_len + s->value_len - 8);
}

static int client_valid(uint32_t i)
{
    const struct client *c = &clients[i];
    if (c->magic != CLIENT_MAGIC || c->index != i ||
        c->resp_len > VALUE_MAX || c->status > ST_STALE)
        return 0;
    return c->crc == crc32((const uint8_t *)c + 8,
                           CLIENT_HDR + c->resp_len - 8);
}

static int client_find(uint32_t id, int create);

static void load_disk(void)
{
    disk_read(SLOT_FIRST, slots, SLOTS * SLOT_SECTORS);
    disk_read(CLIENT_FIRST, clients, CLIENTS * CLIENT_SECTORS);

    for (uint32_t i = 0; i < CLIENTS; i++) {
        if (all_zero(&clients[i], CLIENT_HDR))
            continue;
        if (!client_valid(i)) {
            printf("kvstore: client record %u: bad checksum, refused\n", i);
            client_bad[i] = 1;
        } else if (clients[i].last_use > use_clock) {
            use_clock = clients[i].last_use;
        }
    }
    for (uint32_t i = 0; i < SLOTS; i++) {
        struct slot *s = &slots[i];
        if (all_zero(s, SLOT_HDR))
            continue;
        if (!slot_valid(i)) {
            printf("kvstore: slot %u: bad checksum, refused\n", i);
            slot_bad[i] = 1;
            continue;
        }
        if (s->state == SLOT_LIVE)
            live_keys++;
    }

    /* A slot is written before its client record: a stamp newer than the
       client record means the reply was never sent. Complete the record
       (the response of every slot-changing request is OK, no value). */
    for (uint32_t i = 0; i < SLOTS; i++) {
        const struct slot *s = &slots[i];
        if (slot_bad[i] || s->state == SLOT_EMPTY || s->request_no == 0)
            continue;
        int c = client_find(s->client_id, 1);
        if (c < 0 || clients[c].request_no >= s->request_no)
            continue;
        clients[c].request_no = s->request_no;
        clients[c].status = ST_OK;
        clients[c].op = 0;
        clients[c].resp_len = 0;
        client_store((uint32_t)c);
        kv_stats.recovered++;
    }
    if (kv_stats.recovered)
        disk_flush();
}

/* Opens the disk: checks size and superblock, formats or loads. */
static void open_disk(void)
{
    int err = vblk_init();
    if (err) {
        printf("kvstore: no usable virtio-blk disk (error %d)\n", err);
        exit(EXIT_NO_DISK);
    }
    uint64_t cap = vblk_capacity();
    if (cap < DISK_SECTORS) {
        printf("kvstore: disk too small: %u sectors, the layout needs %u "
               "(%u bytes)\n", (uint32_t)cap, DISK_SECTORS,
               DISK_SECTORS * SECTOR);
        exit(EXIT_DISK_SMALL);
    }

    disk_read(SB_SECTOR, sector_buf, 1);
    struct superblock want;
    superblock_fill(&want);
    if (!bytes_eq(sector_buf, (const uint8_t *)want.magic, 8)) {
        format_disk();          /* no superblock (zeroed or foreign disk) */
        return;
    }
    if (!bytes_eq(sector_buf, (const uint8_t *)&want, sizeof want)) {
        const struct superblock *sb = (const struct superblock *)sector_buf;
        printf("kvstore: disk holds another layout (version %u, %u slots);"
               " expected version %u, %u slots\n",
               sb->version, sb->slot_count, SB_VERSION, SLOTS);
        exit(EXIT_DISK_LAYOUT);
    }
    load_disk();
}

/* ---- Tables ----------------------------------------------------------- */
static uint32_t key_hash(const uint8_t *k, uint32_t n)
{
    uint32_t h = 2166136261u;           /* FNV-1a */
    while (n--)
        h = (h ^ *k++) * 16777619u;
    return h;
}

/* Slot holding the key, or -1; *free_slot gets the first reusable slot
   (empty or tombstone) on the probe path, or -1. */
static int slot_find(const uint8_t *key, uint32_t klen, int *free_slot)
{
    uint32_t i = key_hash(key, klen) & (SLOTS - 1);
    *free_slot = -1;
    for (uint32_t n = 0; n < SLOTS; n++, i = (i + 1) & (SLOTS - 1)) {
        const struct slot *s = &slots[i];
        if (slot_bad[i] || s->state == SLOT_DELETED) {
            if (*free_slot < 0)
                *free_slot = (int)i;
            continue;
        }
        if (s->state == SLOT_EMPTY) {
            if (*free_slot < 0)
                *free_slot = (int)i;
            return -1;          /* end of the probe chain */
        }
        if (s->key_len == klen && bytes_eq(s->data, key, klen))
            return (int)i;
    }
    return -1;
}

/* The valid record that has gone longest without applying a request. */
static int client_victim(void)
{
    int victim = -1;
    for (uint32_t i = 0; i < CLIENTS; i++) {
        if (client_bad[i])
            continue;
        if (victim < 0 || clients[i].last_use < clients[victim].last_use)
            victim = (int)i;
    }
    return victim;
}

/* Record of client `id`, or -1. With create, claims an unused record, or
   when the table is full takes over the least recently used one (-1 only
   if every record was refused at load). Taking over in place keeps every
   probe chain unbroken: a record, once used, never becomes free again. */
static int client_find(uint32_t id, int create)
{
    uint32_t i = (id * 2654435761u) >> (32 - CLIENT_BITS);
    for (uint32_t n = 0; n < CLIENTS; n++, i = (i + 1) & (CLIENTS - 1)) {
        struct client *c = &clients[i];
        if (client_bad[i])
            continue;
        if (c->magic == 0) {
            if (!create)
                return -1;
            memset(c, 0, CLIENT_HDR);
            c->magic = CLIENT_MAGIC;
            c->client_id = id;
            return (int)i;
        }
        if (c->client_id == id)
            return (int)i;
    }
    if (!create)
        return -1;
    int v = client_victim();
    if (v >= 0) {
        memset(&clients[v], 0, CLIENT_HDR);
        clients[v].magic = CLIENT_MAGIC;
        clients[v].client_id = id;
        kv_stats.evicted++;
    }
    return v;
}

/* ---- Requests --------------------------------------------------------- */
static uint8_t reply[RESP_HDR + VALUE_MAX];

static void send_reply(const struct udp_peer *to, uint32_t status,
                       uint32_t client_id, uint32_t request_no,
                       const uint8_t *value, uint32_t value_len)
{
    reply[0] = PROTO_VERSION;
    reply[1] = (uint8_t)status;
    put_le16(reply + 2, value_len);
    put_le32(reply + 4, client_id);
    put_le32(reply + 8, request_no);
    put_le32(reply + 12, ++reply_seq);
    memcpy(reply + RESP_HDR, value, value_len);
    net_udp_send(to, reply, RESP_HDR + value_len);
}

/* Applies a new request; returns its status and points *value (length *vlen) at the
   response value. Slot changes are written to disk here. */
static uint32_t apply(const uint8_t *req, uint32_t len, uint32_t client_id,
                      uint32_t request_no, const uint8_t **value,
                      uint32_t *vlen)
{
    uint32_t op = req[1];
    uint32_t klen = le16(req + 2);
    uint32_t value_len = le16(req + 12);
    uint32_t exp_len = le16(req + 14);

    *vlen = 0;
    if (op < OP_GET || op > OP_CAS || klen < 1 || klen > KEY_MAX)
        return ST_BAD_REQUEST;
    if (value_len > VALUE_MAX || exp_len > VALUE_MAX)
        return ST_TOO_LARGE;
    if (len != REQ_HDR + klen + exp_len + value_len)
        return ST_BAD_REQUEST;
    if (op != OP_CAS && exp_len != 0)
        return ST_BAD_REQUEST;
    if ((op == OP_GET || op == OP_DELETE) && value_len != 0)
        return ST_BAD_REQUEST;

    const uint8_t *key = req + REQ_HDR;
    const uint8_t *expected = key + klen;
    const uint8_t *val = expected + exp_len;
    int free_slot;
    int i = slot_find(key, klen, &free_slot);
    struct slot *s = i >= 0 ? &slots[i] : NULL;

    switch (op) {
    case OP_GET:
        if (!s)
            return ST_NOT_FOUND;
        *value = s->data + s->key_len;
        *vlen = s->value_len;
        return ST_OK;

    case OP_PUT:
        if (!s) {
            if (free_slot < 0)
                return ST_FULL;
            i = free_slot;
            s = &slots[i];
            memset(s, 0, SLOT_HDR);
            s->key_len = (uint16_t)klen;
            memcpy(s->data, key, klen);
            slot_bad[i] = 0;
            live_keys++;
        }
        break;

    case OP_DELETE:
        if (!s)
            return ST_NOT_FOUND;
        s->state = SLOT_DELETED;
        s->key_len = 0;
        s->value_len = 0;
        s->client_id = client_id;
        s->request_no = request_no;
        slot_store((uint32_t)i);
        live_keys--;
        return ST_OK;

    case OP_CAS:
        if (!s)
            return ST_NOT_FOUND;
        if (s->value_len != exp_len ||
            !bytes_eq(s->data + s->key_len, expected, exp_len)) {
            *value = s->data + s->key_len;
            *vlen = s->value_len;
            return ST_CAS_MISMATCH;
        }
        break;
    }

    /* PUT, or CAS that matched: store the new value. */
    s->state = SLOT_LIVE;
    s->value_len = (uint16_t)value_len;
    memcpy(s->data + klen, val, value_len);
    s->client_id = client_id;
    s->request_no = request_no;
    slot_store((uint32_t)i);
    return ST_OK;
}

static void on_request(const struct udp_peer *from, const uint8_t *req,
                       uint32_t len)
{
    kv_stats.requests++;
    if (len < REQ_HDR) {
        kv_stats.ignored_short++;       /* no header: nobody to answer */
        return;
    }
    uint32_t client_id = le32(req + 4);
    uint32_t request_no = le32(req + 8);
    if (req[0] != PROTO_VERSION || request_no == 0) {
        send_reply(from, ST_BAD_REQUEST, client_id, request_no, NULL, 0);
        return;
    }

    int ci = client_find(client_id, 0);
    if (ci >= 0) {
        struct client *c = &clients[ci];
        if (request_no < c->request_no) {
            kv_stats.stale++;
            send_reply(from, ST_STALE, client_id, request_no, NULL, 0);
            return;
        }
        if (request_no == c->request_no) {
            kv_stats.replayed++;
            send_reply(from, c->status, client_id, request_no, c->resp,
                       c->resp_len);
            return;
        }
    } else {
        ci = client_find(client_id, 1);
        if (ci < 0) {
            send_reply(from, ST_FULL, client_id, request_no, NULL, 0);
            return;
        }
    }

    const uint8_t *value = NULL;
    uint32_t vlen = 0;
    uint32_t status = apply(req, len, client_id, request_no, &value, &vlen);

    struct client *c = &clients[ci];
    c->request_no = request_no;
    c->status = (uint8_t)status;
    c->op = req[1];
    c->resp_len = (uint16_t)vlen;
    c->last_use = ++use_clock;
    memcpy(c->resp, value, vlen);
    client_store((uint32_t)ci);
    disk_flush();
    kv_stats.applied++;

    send_reply(from, status, client_id, request_no, c->resp, vlen);
}

int main(void)
{
    crc_init();
    int err = net_init();
    if (err) {
        printf("kvstore: no usable virtio-net device (error %d)\n", err);
        return EXIT_NO_NET;
    }
    open_disk();
    net_udp_bind(KV_PORT, on_request);
    printf("kvstore: listening on %s:%u, %u keys loaded\n", NET_IP_STR,
           KV_PORT, live_keys);
    net_serve();
}
