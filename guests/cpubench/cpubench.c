/*
 * CPU-bound benchmark in the spirit of CoreMark: integer arithmetic, CRC32
 * (bitwise and table driven), sorting, a small matrix multiply, linked-list
 * walking and reversal, and a character-class state machine.
 *
 * ITERATIONS (set by the Makefile) only scales the run time. Iteration i
 * works on data set (i % NSETS); every pass over the same data set must
 * produce the same result (checked), and the printed checksum covers the
 * NSETS results only, so every build prints the same checksum as long as
 * ITERATIONS >= NSETS.
 */
#include "tandem.h"

#ifndef ITERATIONS
#define ITERATIONS 16
#endif
#define NSETS 8

#if ITERATIONS < NSETS
#error "ITERATIONS must be at least NSETS"
#endif

/* ---- Pseudo-random numbers (deterministic LCG + xorshift) ------------ */
static uint32_t rng_state;

static void rng_seed(uint32_t s)
{
    rng_state = s * 2654435761u + 0x9E3779B9u;
}

static uint32_t rng_next(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    uint32_t x = rng_state;
    x ^= x >> 15;
    x ^= x << 7;
    return x;
}

/* ---- CRC32 (IEEE, reflected) ----------------------------------------- */
static uint32_t crc_table[256];

static void crc32_init_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32_bitwise(const uint8_t *p, size_t n, uint32_t crc)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static uint32_t crc32_table(const uint8_t *p, size_t n, uint32_t crc)
{
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

static uint32_t crc32_word(uint32_t crc, uint32_t w)
{
    uint8_t b[4] = { (uint8_t)w, (uint8_t)(w >> 8), (uint8_t)(w >> 16),
                     (uint8_t)(w >> 24) };
    return crc32_table(b, 4, crc);
}

/* ---- Integer loop ---------------------------------------------------- */
static uint32_t __attribute__((noinline)) bench_int(uint32_t seed)
{
    uint32_t a = seed | 1, b = seed ^ 0x5A5A5A5Au, acc = 0;
    for (int i = 0; i < 2000; i++) {
        a = a * 31 + (b >> 3);
        b ^= a << 5;
        int32_t d = (int32_t)(a % 1000) - 500;
        acc += (uint32_t)(d * d) / ((b & 0xFF) + 1);
        acc ^= (a >> (i & 15)) + (uint32_t)((int32_t)b / 7);
        if (acc & 0x100)
            acc = (acc << 1) | (acc >> 31);
    }
    return acc;
}

/* ---- CRC over a pseudo-random buffer --------------------------------- */
#define CRC_LEN 1024
static uint8_t crc_buf[CRC_LEN];

static uint32_t __attribute__((noinline)) bench_crc(void)
{
    for (int i = 0; i < CRC_LEN; i++)
        crc_buf[i] = (uint8_t)rng_next();
    uint32_t c1 = crc32_bitwise(crc_buf, 256, 0);
    uint32_t c2 = crc32_table(crc_buf, CRC_LEN, 0);
    /* The two implementations must agree on the same bytes. */
    if (crc32_table(crc_buf, 256, 0) != c1) {
        printf("cpubench: FAIL crc implementations disagree\n");
        exit(2);
    }
    return c1 ^ (c2 * 3);
}

/* ---- Sorting --------------------------------------------------------- */
#define SORT_LEN 512
static int32_t sort_a[SORT_LEN], sort_b[SORT_LEN];

static void quicksort(int32_t *v, int lo, int hi)
{
    while (lo < hi) {
        int32_t pivot = v[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                int32_t t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                j--;
            }
        }
        /* Recurse into the smaller half, loop on the larger one. */
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
}

static void insertion_sort(int32_t *v, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t x = v[i];
        int j = i - 1;
        while (j >= 0 && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static uint32_t __attribute__((noinline)) bench_sort(void)
{
    for (int i = 0; i < SORT_LEN; i++)
        sort_a[i] = (int32_t)rng_next() >> 4;
    for (int i = 0; i < SORT_LEN / 4; i++)
        sort_b[i] = sort_a[i];
    quicksort(sort_a, 0, SORT_LEN - 1);
    insertion_sort(sort_b, SORT_LEN / 4);

    uint32_t h = 0;
    for (int i = 0; i < SORT_LEN; i++) {
        if (i > 0 && sort_a[i - 1] > sort_a[i]) {
            printf("cpubench: FAIL quicksort order\n");
            exit(2);
        }
        h = h * 33 + (uint32_t)sort_a[i];
    }
    for (int i = 0; i < SORT_LEN / 4; i++)
        h ^= (uint32_t)sort_b[i] << (i & 7);
    return h;
}

/* ---- Matrix multiply ------------------------------------------------- */
#define MAT_N 16
static int32_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];

static uint32_t __attribute__((noinline)) bench_matrix(void)
{
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            mat_a[i][j] = (int32_t)(rng_next() & 0xFFF) - 0x800;
            mat_b[i][j] = (int32_t)(rng_next() & 0xFFF) - 0x800;
        }
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t s = 0;
            for (int k = 0; k < MAT_N; k++)
                s += mat_a[i][k] * mat_b[k][j];
            mat_c[i][j] = s;
        }
    uint32_t h = 0;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++)
            h = (h << 3) ^ (h >> 29) ^ (uint32_t)mat_c[i][j];
    return h;
}

/* ---- Linked list ----------------------------------------------------- */
#define LIST_LEN 400
struct node {
    struct node *next;
    int32_t key;
    uint32_t data;
};
static struct node pool[LIST_LEN];

static struct node *list_reverse(struct node *head)
{
    struct node *prev = NULL;
    while (head) {
        struct node *next = head->next;
        head->next = prev;
        prev = head;
        head = next;
    }
    return prev;
}

static uint32_t __attribute__((noinline)) bench_list(void)
{
    /* Link the pool in a scrambled order so walking jumps around; the
       stride must be coprime to LIST_LEN (400 = 2^4 * 5^2) to visit every
       node once. */
    uint32_t step = 7 + (rng_next() % 64);
    while (step % 2 == 0 || step % 5 == 0)
        step++;
    struct node *head = NULL;
    uint32_t idx = 0;
    for (int i = 0; i < LIST_LEN; i++) {
        struct node *n = &pool[idx];
        n->key = (int32_t)(rng_next() & 0xFFFF) - 0x8000;
        n->data = (uint32_t)i;
        n->next = head;
        head = n;
        idx = (idx + step) % LIST_LEN;
    }

    uint32_t h = 0;
    for (int pass = 0; pass < 4; pass++) {
        int32_t lo = 0x7FFFFFFF, hi = -0x7FFFFFFF - 1;
        uint32_t count = 0;
        for (struct node *n = head; n; n = n->next) {
            if (n->key < lo)
                lo = n->key;
            if (n->key > hi)
                hi = n->key;
            n->data = n->data * 5 + (uint32_t)n->key;
            count++;
        }
        h = h * 31 + (uint32_t)lo + ((uint32_t)hi << 8) + count;
        head = list_reverse(head);
        h ^= head->data;
    }
    /* Remove every node with an odd key, then fold the rest. */
    struct node **pp = &head;
    while (*pp) {
        if ((*pp)->key & 1)
            *pp = (*pp)->next;
        else
            pp = &(*pp)->next;
    }
    for (struct node *n = head; n; n = n->next)
        h = (h ^ n->data) * 16777619u;
    return h;
}

/* ---- State machine over a string ------------------------------------- */
enum state { S_START, S_INT, S_FRAC, S_EXP_SIGN, S_EXP, S_WORD, S_INVALID };

#define TEXT_LEN 1024
static char text[TEXT_LEN + 1];

static uint32_t __attribute__((noinline)) bench_state(void)
{
    static const char alphabet[] = "0123456789.+-eE ,abcxyz";
    for (int i = 0; i < TEXT_LEN; i++)
        text[i] = alphabet[rng_next() % (sizeof(alphabet) - 1)];
    text[TEXT_LEN] = '\0';

    uint32_t counts[7] = { 0 };
    uint32_t transitions = 0;
    enum state st = S_START;
    for (const char *p = text;; p++) {
        char c = *p;
        int sep = c == ' ' || c == ',' || c == '\0';
        int digit = c >= '0' && c <= '9';
        enum state next = st;
        if (sep) {
            counts[st]++;
            next = S_START;
        } else {
            switch (st) {
            case S_START:
                next = digit ? S_INT : (c == '+' || c == '-') ? S_INT
                     : (c == '.') ? S_FRAC : S_WORD;
                break;
            case S_INT:
                next = digit ? S_INT : c == '.' ? S_FRAC
                     : (c == 'e' || c == 'E') ? S_EXP_SIGN : S_INVALID;
                break;
            case S_FRAC:
                next = digit ? S_FRAC : (c == 'e' || c == 'E') ? S_EXP_SIGN
                     : S_INVALID;
                break;
            case S_EXP_SIGN:
                next = (digit || c == '+' || c == '-') ? S_EXP : S_INVALID;
                break;
            case S_EXP:
                next = digit ? S_EXP : S_INVALID;
                break;
            case S_WORD:
                next = (digit || c == '.') ? S_INVALID : S_WORD;
                break;
            case S_INVALID:
                break;
            }
        }
        if (next != st)
            transitions++;
        st = next;
        if (c == '\0')
            break;
    }
    uint32_t h = transitions;
    for (int i = 0; i < 7; i++)
        h = h * 131 + counts[i];
    return h;
}

/* ---- One iteration --------------------------------------------------- */
static uint32_t run_once(uint32_t set)
{
    rng_seed(set + 1);
    uint32_t r = 0;
    r = crc32_word(r, bench_int(rng_next()));
    r = crc32_word(r, bench_crc());
    r = crc32_word(r, bench_sort());
    r = crc32_word(r, bench_matrix());
    r = crc32_word(r, bench_list());
    r = crc32_word(r, bench_state());
    return r;
}

#ifdef MEASURE
static uint64_t read_instret(void)
{
    uint32_t hi, lo;
    do {
        hi = csr_read(instreth);
        lo = csr_read(instret);
    } while (hi != csr_read(instreth));
    return ((uint64_t)hi << 32) | lo;
}
#endif

int main(void)
{
#ifdef MEASURE
    uint64_t start = read_instret();
#endif
    static uint32_t results[NSETS];
    crc32_init_table();

    printf("cpubench: start\n");
    for (uint32_t i = 0; i < ITERATIONS; i++) {
        uint32_t set = i % NSETS;
        uint32_t r = run_once(set);
        if (i < NSETS) {
            results[set] = r;
        } else if (results[set] != r) {
            printf("cpubench: FAIL iteration %u differs from the first pass"
                   " over data set %u\n", i, set);
            return 2;
        }
    }

    uint32_t checksum = 0;
    for (int s = 0; s < NSETS; s++)
        checksum = crc32_word(checksum, results[s]);
    printf("cpubench: checksum 0x%08x\n", checksum);
#ifdef MEASURE
    uint64_t n = read_instret() - start;
    printf("measure: iterations %u instret 0x%08x%08x\n", ITERATIONS,
           (uint32_t)(n >> 32), (uint32_t)n);
#endif
    printf("cpubench: done\n");
    return 0;
}
