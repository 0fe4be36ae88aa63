/*
 * A program written against picolibc, the C library of Debian's cross toolchain, built for the
 * toolchain's rv32imac multilib: printf with 64-bit values (%lld, %llu, %llx; libgcc's 64-bit
 * division behind them and in the program), malloc, realloc and free, qsort and bsearch,
 * snprintf and strtoll. Every line it prints is the same on any machine that runs RV32IMAC as
 * the spec says; it checks its own results and exits 1 at the first wrong one.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

/* A deterministic 64-bit generator (splitmix64): the values cover the whole 64-bit range. */
static uint64_t mix_state = 0x9E3779B97F4A7C15ull;

static uint64_t next64(void)
{
    uint64_t z = (mix_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int compare_int64(const void *a, const void *b)
{
    const int64_t x = *(const int64_t *)a;
    const int64_t y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

struct record {
    char name[12];
    uint32_t key;
};

static int compare_record(const void *a, const void *b)
{
    const struct record *x = a;
    const struct record *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return strcmp(x->name, y->name);
}

static void sixty_four_bit_printf(void)
{
    printf("-- printf with 64-bit values\n");
    printf("%lld %lld\n", (long long)INT64_MIN, (long long)INT64_MAX);
    printf("%llu 0x%llx 0x%016llX\n", (unsigned long long)UINT64_MAX, 0x0123456789ABCDEFull,
           0xFEDCBA9876543210ull);
    printf("%" PRId64 " %" PRIu64 " %" PRIx64 "\n", (int64_t)-1234567890123456789ll,
           (uint64_t)10000000000000000000ull, (uint64_t)0xDEADBEEFCAFEF00Dull);
    printf("[%20lld] [%-20lld] [%+lld] [%020llu]\n", -42ll, 42ll, 7ll, 12345678901ull);
    for (int i = 0; i < 4; i++) {
        const uint64_t v = next64();
        const int64_t s = (int64_t)v;
        /* 64-bit division and remainder: libgcc's __udivdi3, __umoddi3, __divdi3, __moddi3 */
        const uint64_t d = (v >> 40) | 1;
        printf("%016llx %lld /%llu = %llu r %llu, %lld / -7 = %lld r %lld\n",
               (unsigned long long)v, (long long)s, (unsigned long long)d,
               (unsigned long long)(v / d), (unsigned long long)(v % d),
               (long long)s, (long long)(s / -7), (long long)(s % -7));
        check((v / d) * d + v % d == v, "unsigned 64-bit division");
        check((s / -7) * -7 + s % -7 == s, "signed 64-bit division");
    }
    char buf[64];
    const int n = snprintf(buf, sizeof buf, "%lld", (long long)INT64_MIN);
    check(n == 20 && strcmp(buf, "-9223372036854775808") == 0, "snprintf %lld");
    check(strtoll(buf, NULL, 10) == INT64_MIN, "strtoll of INT64_MIN");
    check(strtoull("ffffffffffffffff", NULL, 16) == UINT64_MAX, "strtoull base 16");
    printf("snprintf: %d characters, strtoll back: %lld\n", n, strtoll(buf, NULL, 10));
}

static void heap(void)
{
    printf("-- malloc, realloc and free\n");
    enum { BLOCKS = 64 };
    unsigned char *blocks[BLOCKS];
    size_t sizes[BLOCKS];
    uint32_t sum = 0;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < BLOCKS; i++) {
            sizes[i] = 1 + (size_t)(next64() % 3000);
            blocks[i] = malloc(sizes[i]);
            check(blocks[i] != NULL, "malloc");
            if (blocks[i] == NULL)
                return;
            memset(blocks[i], (int)(i + round), sizes[i]);
        }
        /* Free every other block, grow the rest: the freed space is reused. */
        for (int i = 0; i < BLOCKS; i += 2) {
            free(blocks[i]);
            blocks[i] = NULL;
        }
        for (int i = 1; i < BLOCKS; i += 2) {
            unsigned char *grown = realloc(blocks[i], sizes[i] * 2);
            check(grown != NULL, "realloc");
            if (grown == NULL)
                return;
            for (size_t k = 0; k < sizes[i]; k++)
                check(grown[k] == (unsigned char)(i + round), "realloc keeps the contents");
            memset(grown + sizes[i], 0xA5, sizes[i]);
            for (size_t k = 0; k < 2 * sizes[i]; k++)
                sum = sum * 31 + grown[k];
            blocks[i] = grown;
        }
        for (int i = 1; i < BLOCKS; i += 2)
            free(blocks[i]);
        printf("round %d: %d blocks, checksum 0x%08lx\n", round, BLOCKS, (unsigned long)sum);
    }
    /* The heap is bounded: a request larger than RAM fails cleanly. */
    void *huge = malloc((size_t)512 << 20);
    check(huge == NULL, "malloc of 512 MiB fails");
    printf("malloc of 512 MiB: %s\n", huge == NULL ? "NULL" : "not NULL");
    free(huge);
}

static void sorting(void)
{
    printf("-- qsort and bsearch\n");
    enum { N = 1000 };
    int64_t *values = malloc(N * sizeof *values);
    check(values != NULL, "malloc for qsort");
    if (values == NULL)
        return;
    for (int i = 0; i < N; i++)
        values[i] = (int64_t)next64() >> (i % 40);
    qsort(values, N, sizeof *values, compare_int64);
    int sorted = 1;
    for (int i = 1; i < N; i++)
        sorted &= values[i - 1] <= values[i];
    check(sorted, "qsort of 64-bit values");
    printf("%d values sorted: %s; min %lld, median %lld, max %lld\n", N, sorted ? "yes" : "no",
           (long long)values[0], (long long)values[N / 2], (long long)values[N - 1]);
    const int64_t *found = bsearch(&values[N / 3], values, N, sizeof *values, compare_int64);
    check(found != NULL && *found == values[N / 3], "bsearch finds a present value");
    free(values);

    static const char *const names[] = {"kiwi", "fig", "apple", "pear", "plum", "lime", "date", "yuzu"};
    struct record records[16];
    for (int i = 0; i < 16; i++) {
        strcpy(records[i].name, names[i % 8]);
        records[i].key = (uint32_t)(next64() % 4);
    }
    qsort(records, 16, sizeof records[0], compare_record);
    for (int i = 0; i < 16; i++)
        printf("%s%lu:%s", i ? " " : "", (unsigned long)records[i].key, records[i].name);
    printf("\n");
}

int main(void)
{
    printf("picolibc on RV32IMAC\n");
    sixty_four_bit_printf();
    heap();
    sorting();
    printf("%s\n", failures == 0 ? "all checks passed" : "some checks FAILED");
    return failures == 0 ? 0 : 1;
}
