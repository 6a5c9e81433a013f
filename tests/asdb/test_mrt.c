/*
 * test_mrt.c - the AS-database builder's pure-C reader (contrib/asdb):
 * MRT TABLE_DUMP_V2 IPv4 and IPv6 RIBs (plain and ADDPATH), legacy
 * TABLE_DUMP with AS4_PATH, origin rules (AS_SEQUENCE, AS_SET, no path),
 * the per-prefix tally (nesting, MOAS majority, ties), 4-byte ASNs,
 * truncation at every byte length, garbage, malformed records and
 * entries, and the IPASN text reader.  The MRT files are written here
 * with mrtw.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asdb.h"
#include "mrt.h"
#include "mrtw.h"
#include "unit.h"

#define T0 1425168000u /* 2015-03-01 00:00:00 UTC */

/* ---- helpers ---------------------------------------------------------------- */

/* Reads w with the buffer walker into a fresh table; returns the status. */
static asdb_status_t read_buf(const uint8_t *b, size_t n, asdb_table_t **table, mrt_parser_t *p)
{
    *table = asdb_table_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(*table);
    mrt_init(p, "t.mrt", asdb_table_route, *table, NULL);
    return mrt_read_buffer(p, b, n);
}

/* The same through the stream reader (fmemopen). */
static asdb_status_t read_stream(const uint8_t *b, size_t n, asdb_table_t **table,
                                 mrt_parser_t *p)
{
    *table = asdb_table_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(*table);
    mrt_init(p, "t.mrt", asdb_table_route, *table, NULL);
    static const uint8_t empty[1];
    FILE *f = fmemopen((void *)(n ? b : empty), n ? n : 1, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    if (n == 0)
        fgetc(f); /* fmemopen refuses size 0: read the one byte away */
    asdb_reader_t r;
    asdb_reader_init(&r, f);
    r.offset = 0;
    asdb_status_t st = mrt_read(p, &r);
    fclose(f);
    return st;
}

/* The table's rows as "prefix=origin" joined by spaces. */
static const char *rows_text(asdb_table_t *t, asdb_table_stats_t *st)
{
    static char out[4096];
    asdb_row_t *rows;
    size_t n;
    CU_ASSERT_EQUAL_FATAL(asdb_table_rows(t, &rows, &n, st), ASDB_OK);
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && k < sizeof out - 100; i++) {
        char buf[80];
        k += (size_t)snprintf(out + k, sizeof out - k, "%s%s=%u", i ? " " : "",
                              asdb_prefix_format(&rows[i].prefix, buf, sizeof buf),
                              (unsigned)rows[i].origin);
    }
    free(rows);
    return out;
}

#define ROUTES(...) sizeof((const mrtw_route_t[]){__VA_ARGS__}) / sizeof(mrtw_route_t),        \
                    (const mrtw_route_t[]){__VA_ARGS__}

/* ---- RIBs and origin rules ------------------------------------------------- */

static void test_ipv4_rib_nested(void)
{
    mrtw_t w = {0};
    mrtw_peer_index(&w, T0, 3);
    /* written narrow first: the output order must not depend on it */
    mrtw_rib(&w, T0, "10.1.2.0/24", false, ROUTES({0, "64496 64502"}));
    mrtw_rib(&w, T0, "10.0.0.0/8", false, ROUTES({0, "64496 64500"}, {1, "64497 64500"}));
    mrtw_rib(&w, T0, "10.1.0.0/16", false, ROUTES({2, "64498 64499 64501"}));
    mrtw_rib(&w, T0, "9.0.0.0/8", false, ROUTES({2, "64498 64503"}));
    asdb_table_t *t;
    mrt_parser_t p;
    CU_ASSERT_EQUAL(read_buf(w.b, w.n, &t, &p), ASDB_OK);
    CU_ASSERT_EQUAL(p.stats.records, 5);
    CU_ASSERT_EQUAL(p.stats.rib_records, 4);
    CU_ASSERT_EQUAL(p.stats.entries, 5);
    CU_ASSERT_EQUAL(p.stats.peers, 3);
    CU_ASSERT_EQUAL(p.stats.first_timestamp, T0);
    CU_ASSERT(p.stats.have_timestamp);
    asdb_table_stats_t st;
    HS_ASSERT_STR(rows_text(t, &st),
                  "9.0.0.0/8=64503 10.0.0.0/8=64500 10.1.0.0/16=64501 10.1.2.0/24=64502");
    CU_ASSERT_EQUAL(st.prefixes, 4);
    CU_ASSERT_EQUAL(st.moas, 0);
    CU_ASSERT_EQUAL(st.routes, 5);
    asdb_table_free(t);
    mrtw_free(&w);
}

static void test_ipv6_rib_and_4byte(void)
{
    mrtw_t w = {0};
    mrtw_peer_index(&w, T0, 2);
    mrtw_rib(&w, T0, "2001:db8:1::/48", false, ROUTES({0, "64496 4200000001"}));
    mrtw_rib(&w, T0, "2001:db8::/32", false, ROUTES({1, "4294967294 65536"}));
    mrtw_rib(&w, T0, "2001:db8:1:2::/64", true, ROUTES({0, "64496 4294967295"}));
    mrtw_rib(&w, T0, "198.18.0.0/15", true, ROUTES({1, "64496 70000"}, {0, "70000"}));
    asdb_table_t *t;
    mrt_parser_t p;
    CU_ASSERT_EQUAL(read_buf(w.b, w.n, &t, &p), ASDB_OK);
    CU_ASSERT_EQUAL(p.stats.entries, 5);
    asdb_table_stats_t st;
    HS_ASSERT_STR(rows_text(t, &st), "198.18.0.0/15=70000 2001:db8::/32=65536 "
                                     "2001:db8:1::/48=4200000001 2001:db8:1:2::/64=4294967295");
    CU_ASSERT_EQUAL(st.ipv4, 1);
    CU_ASSERT_EQUAL(st.ipv6, 3);
    asdb_table_free(t);
    mrtw_free(&w);
}

static void test_moas_majority_and_tie(void)
{
    mrtw_t w = {0};
    mrtw_peer_index(&w, T0, 4);
    /* majority: 64511 twice, 64510 once (64510 first and lower) */
    mrtw_rib(&w, T0, "192.0.2.0/24", false,
             ROUTES({0, "64496 64510"}, {1, "64497 64511"}, {2, "64498 64511"}));
    /* ties: the lowest AS, whichever comes first */
    mrtw_rib(&w, T0, "198.51.100.0/24", false, ROUTES({0, "64496 64521"}, {1, "64497 64520"}));
    mrtw_rib(&w, T0, "203.0.113.0/24", false, ROUTES({0, "64496 64520"}, {1, "64497 64521"}));
    /* the same prefix in two records votes together */
    mrtw_rib(&w, T0, "100.64.0.0/10", false, ROUTES({0, "64496 64530"}));
    mrtw_rib(&w, T0, "100.64.0.0/10", false, ROUTES({1, "64497 64531"}, {2, "64498 64531"}));
    asdb_table_t *t;
    mrt_parser_t p;
    CU_ASSERT_EQUAL(read_buf(w.b, w.n, &t, &p), ASDB_OK);
    asdb_table_stats_t st;
    HS_ASSERT_STR(rows_text(t, &st), "100.64.0.0/10=64531 192.0.2.0/24=64511 "
                                     "198.51.100.0/24=64520 203.0.113.0/24=64520");
    CU_ASSERT_EQUAL(st.moas, 4);
    asdb_row_t *rows;
    size_t n;
    CU_ASSERT_EQUAL_FATAL(asdb_table_rows(t, &rows, &n, NULL), ASDB_OK);
    CU_ASSERT_EQUAL_FATAL(n, 4);
    CU_ASSERT_EQUAL(rows[1].votes, 2);
    CU_ASSERT_EQUAL(rows[1].routes, 3);
    CU_ASSERT_EQUAL(rows[1].n_origins, 2);
    free(rows);
    asdb_table_free(t);
    mrtw_free(&w);
}

/* The path rules, table-driven on mrt_path_origin through real records. */
static const struct {
    const char *path;
    uint32_t origin;
    uint64_t from_set, no_origin;
} path_cases[] = {
    {"64496 64500", 64500, 0, 0},
    {"64500", 64500, 0, 0},
    {"64496 {64511,64502,64505}", 64502, 1, 0},   /* AS_SET last: smallest */
    {"{64511,64502} 64500", 64500, 0, 0},         /* AS_SET not last */
    {"64496 {64503}", 64503, 1, 0},
    {"64496 64497 64497 64497", 64497, 0, 0},     /* prepending */
    {"", 0, 0, 1},                                /* empty AS_PATH */
    {NULL, 0, 0, 1},                              /* no AS_PATH */
    {"64496 0", 0, 0, 1},                         /* AS 0 is no origin */
};

static void test_path_rules(void)
{
    for (size_t i = 0; i < sizeof path_cases / sizeof path_cases[0]; i++) {
        mrtw_t w = {0};
        mrtw_rib(&w, T0, "192.0.2.0/24", false, ROUTES({0, path_cases[i].path}));
        asdb_table_t *t;
        mrt_parser_t p;
        CU_ASSERT_EQUAL(read_buf(w.b, w.n, &t, &p), ASDB_OK);
        asdb_row_t *rows;
        size_t n;
        CU_ASSERT_EQUAL_FATAL(asdb_table_rows(t, &rows, &n, NULL), ASDB_OK);
        uint32_t got = n ? rows[0].origin : 0;
        if (got != path_cases[i].origin)
            fprintf(stderr, "\n  path \"%s\": origin %u, want %u\n",
                    path_cases[i].path ? path_cases[i].path : "(none)", (unsigned)got,
                    (unsigned)path_cases[i].origin);
        CU_ASSERT_EQUAL(got, path_cases[i].origin);
        CU_ASSERT_EQUAL(p.stats.as_set_origins, path_cases[i].from_set);
        CU_ASSERT_EQUAL(p.stats.no_origin, path_cases[i].no_origin);
        free(rows);
        asdb_table_free(t);
        mrtw_free(&w);
    }
}

static void test_confed_and_bad_segment(void)
{
    /* AS_CONFED_SEQUENCE after the sequence: ignored */
    static const uint8_t confed[] = {2, 2, 0, 0, 0xfb, 0xf0, 0, 0, 0xfb, 0xf4,
                                     3, 1, 0, 0, 0xfd, 0xe8};
    uint32_t origin, len;
    bool set;
    size_t at = 0;
    CU_ASSERT_PTR_NULL(mrt_path_origin(confed, sizeof confed, 4, &origin, &len, &set, &at));
    CU_ASSERT_EQUAL(origin, 64500);
    CU_ASSERT_EQUAL(len, 2);
    /* segment type 7: unknown */
    static const uint8_t bad_type[] = {2, 1, 0, 0, 0xfb, 0xf0, 7, 1, 0, 0, 0, 1};
    CU_ASSERT_PTR_NOT_NULL(mrt_path_origin(bad_type, sizeof bad_type, 4, &origin, &len, &set, &at));
    CU_ASSERT_EQUAL(at, 6);
    /* count beyond the value */
    static const uint8_t overrun[] = {2, 3, 0, 0, 0xfb, 0xf0};
    CU_ASSERT_PTR_NOT_NULL(mrt_path_origin(overrun, sizeof overrun, 4, &origin, &len, &set, &at));
    /* 2-byte ASNs */
    static const uint8_t two[] = {2, 2, 0xfb, 0xf0, 0x00, 0xd1};
    CU_ASSERT_PTR_NULL(mrt_path_origin(two, sizeof two, 2, &origin, &len, &set, &at));
    CU_ASSERT_EQUAL(origin, 209);
}

static void test_legacy_table_dump(void)
{
    mrtw_t w = {0};
    mrtw_table_dump(&w, T0, "192.0.2.0/24", "64496 64500", NULL);
    /* AS_TRANS in AS_PATH, the real origin in AS4_PATH */
    mrtw_table_dump(&w, T0, "198.51.100.0/24", "64496 23456", "4200000005");
    /* AS4_PATH longer than AS_PATH: ignored (RFC 6793) */
    mrtw_table_dump(&w, T0, "203.0.113.0/24", "23456", "4200000006 4200000007");
    mrtw_table_dump(&w, T0, "2001:db8::/32", "64496 {64600,64599}", NULL);
    asdb_table_t *t;
    mrt_parser_t p;
    CU_ASSERT_EQUAL(read_buf(w.b, w.n, &t, &p), ASDB_OK);
    CU_ASSERT_EQUAL(p.stats.rib_records, 4);
    CU_ASSERT_EQUAL(p.stats.as4_origins, 1);
    CU_ASSERT_EQUAL(p.stats.as_set_origins, 1);
    HS_ASSERT_STR(rows_text(t, NULL), "192.0.2.0/24=64500 198.51.100.0/24=4200000005 "
                                      "203.0.113.0/24=23456 2001:db8::/32=64599");
    asdb_table_free(t);
    mrtw_free(&w);
}

static void test_skipped_types(void)
{
    mrtw_t w = {0};
    mrtw_peer_index(&w, T0, 1);
    size_t s = mrtw_begin(&w, T0, 13, 3); /* RIB_IPV4_MULTICAST */
    mrtw_bytes(&w, "abcdefgh", 8);
    mrtw_end(&w, s);
    s = mrtw_begin(&w, T0, 16, 4); /* BGP4MP_MESSAGE_AS4 */
    mrtw_bytes(&w, "x", 1);
    mrtw_end(&w, s);
    s = mrtw_begin(&w, T0, 13, 6); /* RIB_GENERIC, empty */
    mrtw_end(&w, s);
    mrtw_rib(&w, T0, "192.0.2.0/24", false, ROUTES({0, "64500"}));
    asdb_table_t *t;
    mrt_parser_t p;
    CU_ASSERT_EQUAL(read_buf(w.b, w.n, &t, &p), ASDB_OK);
    CU_ASSERT_EQUAL(p.stats.records, 5);
    CU_ASSERT_EQUAL(p.stats.skipped_records, 3);
    CU_ASSERT_EQUAL(p.stats.entries, 1);
    asdb_table_free(t);
    mrtw_free(&w);
}

/* ---- hostile input --------------------------------------------------------- */

/* Cut a file after every byte count: a record boundary reads OK with the
 * routes of the whole records, anything else is TRUNCATED with the same
 * routes and the offset of the cut record; both walkers agree. */
static void test_truncated_every_length(void)
{
    mrtw_t w = {0};
    size_t bounds[8], nb = 0;
    uint64_t routes_at[8];
    bounds[nb] = 0, routes_at[nb++] = 0;
    mrtw_peer_index(&w, T0, 2);
    bounds[nb] = w.n, routes_at[nb++] = 0;
    mrtw_rib(&w, T0, "10.0.0.0/8", false, ROUTES({0, "64496 64500"}, {1, "64500"}));
    bounds[nb] = w.n, routes_at[nb++] = 2;
    mrtw_rib(&w, T0, "2001:db8::/32", true, ROUTES({1, "64497 {64540,64541}"}));
    bounds[nb] = w.n, routes_at[nb++] = 3;
    mrtw_table_dump(&w, T0 + 1, "192.0.2.0/24", "64496 23456", "4200000005");
    bounds[nb] = w.n, routes_at[nb++] = 4;
    unsigned failures = 0;
    for (size_t k = 0; k <= w.n; k++) {
        size_t j = 0;
        while (j + 1 < nb && bounds[j + 1] <= k)
            j++;
        bool boundary = bounds[j] == k;
        for (int walker = 0; walker < 2; walker++) {
            /* a copy of exactly k bytes, so ASan sees any read past the end */
            uint8_t *cut = malloc(k ? k : 1);
            CU_ASSERT_PTR_NOT_NULL_FATAL(cut);
            memcpy(cut, w.b, k);
            asdb_table_t *t;
            mrt_parser_t p;
            asdb_status_t st = walker ? read_stream(cut, k, &t, &p) : read_buf(cut, k, &t, &p);
            char want[64];
            snprintf(want, sizeof want, "t.mrt: offset %zu: ", bounds[j]);
            bool ok = st == (boundary ? ASDB_OK : ASDB_TRUNCATED) &&
                      p.stats.entries == routes_at[j] && p.stats.bad_records == 0 &&
                      (boundary || strncmp(p.error, want, strlen(want)) == 0);
            if (!ok && failures++ < 5)
                fprintf(stderr, "\n  cut at %zu (%s walker): %s, %llu routes, \"%s\"\n", k,
                        walker ? "stream" : "buffer", asdb_strerror(st),
                        (unsigned long long)p.stats.entries, p.error);
            CU_ASSERT(ok);
            asdb_table_free(t);
            free(cut);
        }
    }
    mrtw_free(&w);
}

static void test_garbage(void)
{
    asdb_table_t *t;
    mrt_parser_t p;
    /* an unknown MRT type at offset 0 */
    static const uint8_t junk[] = "this is not an MRT file at all";
    CU_ASSERT_EQUAL(read_buf(junk, sizeof junk - 1, &t, &p), ASDB_BAD_INPUT);
    HS_ASSERT_STR(p.error, "t.mrt: offset 0: not an MRT record header (unknown MRT type)");
    asdb_table_free(t);
    /* compressed input gets a hint */
    static const uint8_t bz[] = "BZh91AY&SY\x01\x02\x03\x04";
    CU_ASSERT_EQUAL(read_buf(bz, sizeof bz - 1, &t, &p), ASDB_BAD_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(p.error, "bzcat"));
    asdb_table_free(t);
    static const uint8_t gz[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x00\x00";
    CU_ASSERT_EQUAL(read_stream(gz, sizeof gz - 1, &t, &p), ASDB_BAD_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(p.error, "zcat"));
    asdb_table_free(t);
    /* garbage after good records: they are kept, the offset is the garbage's */
    mrtw_t w = {0};
    mrtw_rib(&w, T0, "192.0.2.0/24", false, ROUTES({0, "64500"}));
    size_t good = w.n;
    mrtw_bytes(&w, "\x00\x00\x00\x01\x77\x77\x00\x00\x00\x00\x00\x00", 12);
    CU_ASSERT_EQUAL(read_stream(w.b, w.n, &t, &p), ASDB_BAD_INPUT);
    char want[80];
    snprintf(want, sizeof want, "t.mrt: offset %zu: not an MRT record header (unknown MRT type)",
             good);
    HS_ASSERT_STR(p.error, want);
    CU_ASSERT_EQUAL(p.stats.entries, 1);
    asdb_table_free(t);
    /* a length above the cap is garbage, and costs no memory */
    w.n = good;
    mrtw_bytes(&w, "\x00\x00\x00\x01\x00\x0d\x00\x02\x7f\xff\xff\xff", 12);
    CU_ASSERT_EQUAL(read_stream(w.b, w.n, &t, &p), ASDB_BAD_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(p.error, "above 16 MiB"));
    asdb_table_free(t);
    /* a length within the cap but past the end: truncated, not a big allocation */
    w.n = good;
    mrtw_bytes(&w, "\x00\x00\x00\x01\x00\x0d\x00\x02\x00\xff\xff\xff", 12);
    CU_ASSERT_EQUAL(read_stream(w.b, w.n, &t, &p), ASDB_TRUNCATED);
    asdb_table_free(t);
    mrtw_free(&w);
    CU_ASSERT(!mrt_looks_like(junk, sizeof junk - 1));
    CU_ASSERT(!mrt_looks_like((const uint8_t *)"\0\0\0\1\0\x0d\0\1", 8)); /* short */
}

/* A RIB record whose body is written by hand (prefix 192.0.2.0/24). */
static void raw_rib(mrtw_t *w, const uint8_t *body, size_t n)
{
    size_t s = mrtw_begin(w, T0, 13, 2);
    mrtw_bytes(w, body, n);
    mrtw_end(w, s);
}

static void test_malformed_records(void)
{
    static const struct {
        const char *what;
        uint8_t body[40];
        size_t n;
        uint64_t bad_records, bad_entries;
        const char *warning; /* its start */
    } cases[] = {
        {"prefix length 33", {0, 0, 0, 1, 33, 192, 0, 2, 0, 1, 0, 0}, 12, 1, 0,
         "t.mrt: offset 16: IPv4 prefix length above 32"},
        {"more entries than written", {0, 0, 0, 1, 24, 192, 0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0}, 18,
         1, 0, "t.mrt: offset 30: RIB has fewer entries"},
        {"attribute length past the record",
         {0, 0, 0, 1, 24, 192, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 0x40, 1, 1, 0}, 22, 1, 0,
         "t.mrt: offset 30: RIB entry attributes longer"},
        {"bytes after the last entry", {0, 0, 0, 1, 24, 192, 0, 2, 0, 0, 0xaa}, 11, 1, 0,
         "t.mrt: offset 22: bytes after the last RIB entry"},
        {"AS_PATH segment past its attribute (entry skipped)",
         {0, 0, 0, 1, 24, 192, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7, 0x40, 2, 4, 2, 5, 0, 0}, 25, 0,
         1, "t.mrt: offset 33: AS_PATH segment longer than the attribute"},
        {"attribute header cut (entry skipped)",
         {0, 0, 0, 1, 24, 192, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x40}, 19, 0, 1,
         "t.mrt: offset 30: path attribute header cut short"},
        {"peer beyond the peer table (entry skipped)",
         {0, 0, 0, 1, 24, 192, 0, 2, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0}, 18, 0, 1,
         "t.mrt: offset 22: RIB entry names peer 9 of 2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mrtw_t w = {0};
        mrtw_peer_index(&w, T0, 2);
        size_t peer_len = w.n;
        raw_rib(&w, cases[i].body, cases[i].n);
        mrtw_rib(&w, T0, "198.51.100.0/24", false, ROUTES({1, "64501"}));
        /* the warning's offsets above assume the peer table's size */
        CU_ASSERT_EQUAL_FATAL(peer_len, 12 + 4 + 2 + 4 + 2 + (1 + 4 + 4 + 4) + (1 + 4 + 16 + 4));
        char *log = NULL;
        size_t log_len = 0;
        FILE *warn = open_memstream(&log, &log_len);
        CU_ASSERT_PTR_NOT_NULL_FATAL(warn);
        asdb_table_t *t = asdb_table_new();
        mrt_parser_t p;
        mrt_init(&p, "t.mrt", asdb_table_route, t, warn);
        CU_ASSERT_EQUAL(mrt_read_buffer(&p, w.b, w.n), ASDB_OK);
        fclose(warn);
        /* offsets in the cases are relative to the RIB record: shift them */
        char want[160];
        unsigned off;
        const char *rest = strchr(cases[i].warning + 14, ':');
        sscanf(cases[i].warning, "t.mrt: offset %u:", &off);
        snprintf(want, sizeof want, "t.mrt: offset %zu%s", off + peer_len, rest);
        bool ok = p.stats.bad_records == cases[i].bad_records &&
                  p.stats.bad_entries == cases[i].bad_entries && p.stats.entries == 1 &&
                  log && strncmp(log, want, strlen(want)) == 0;
        if (!ok)
            fprintf(stderr, "\n  %s: %llu bad records, %llu bad entries, %llu routes, log \"%s\""
                            " want \"%s\"\n",
                    cases[i].what, (unsigned long long)p.stats.bad_records,
                    (unsigned long long)p.stats.bad_entries, (unsigned long long)p.stats.entries,
                    log ? log : "", want);
        CU_ASSERT(ok);
        /* the good record after the bad one is read */
        HS_ASSERT_STR(rows_text(t, NULL), "198.51.100.0/24=64501");
        free(log);
        asdb_table_free(t);
        mrtw_free(&w);
    }
}

static void test_malformed_peer_table(void)
{
    mrtw_t w = {0};
    size_t s = mrtw_begin(&w, T0, 13, 1);
    mrtw_bytes(&w, "\x01\x02\x03\x04\x00\x02vv\x00\x05\x02", 11); /* 5 peers, 1 byte of them */
    mrtw_end(&w, s);
    mrtw_rib(&w, T0, "192.0.2.0/24", false, ROUTES({3, "64500"}));
    asdb_table_t *t;
    mrt_parser_t p;
    CU_ASSERT_EQUAL(read_buf(w.b, w.n, &t, &p), ASDB_OK);
    CU_ASSERT_EQUAL(p.stats.bad_records, 1);
    CU_ASSERT_EQUAL(p.stats.entries, 1); /* no peer table: peer indexes unchecked */
    asdb_table_free(t);
    mrtw_free(&w);
}

/* ---- IPASN ------------------------------------------------------------------- */

static asdb_status_t read_text(const char *text, asdb_table_t *t, char *err, size_t cap,
                               uint32_t *ts)
{
    FILE *f = fmemopen((void *)text, strlen(text), "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    asdb_reader_t r;
    asdb_reader_init(&r, f);
    err[0] = '\0';
    asdb_status_t st = asdb_ipasn_read(&r, "t.dat", asdb_table_route, t, NULL, ts, err, cap);
    fclose(f);
    return st;
}

static void test_ipasn_good(void)
{
    asdb_table_t *t = asdb_table_new();
    char err[ASDB_ERR_LEN];
    uint32_t ts = 0;
    CU_ASSERT_EQUAL(read_text("; IP-ASN32-DAT file\n"
                              "; dump-timestamp: 1425168000 (2015-03-01)\n"
                              "\n"
                              "1.0.0.0/24\t13335\n"
                              "1.0.0.0/8  64500\r\n"
                              "   ; indented comment\n"
                              "2001:db8::/32\t4200000001\n"
                              "1.0.0.0/24\t64499\n"
                              "1.0.0.0/24\t13335", /* no final newline */
                              t, err, sizeof err, &ts),
                    ASDB_OK);
    HS_ASSERT_STR(err, "");
    CU_ASSERT_EQUAL(ts, 1425168000u);
    asdb_table_stats_t st;
    HS_ASSERT_STR(rows_text(t, &st), "1.0.0.0/8=64500 1.0.0.0/24=13335 2001:db8::/32=4200000001");
    CU_ASSERT_EQUAL(st.moas, 1);
    asdb_table_free(t);
}

static void test_ipasn_bad_lines(void)
{
    static const struct {
        const char *text, *error;
    } cases[] = {
        {"1.0.0.0/24\t1\nfoo\n", "t.dat:2: no '/' in the prefix"},
        {"1.0.0.999/24\t1\n", "t.dat:1: not an IPv4 or IPv6 address"},
        {"; c\n1.0.0.0/33\t1\n", "t.dat:2: IPv4 prefix length above 32"},
        {"2001:db8::/129\t1\n", "t.dat:1: IPv6 prefix length above 128"},
        {"1.0.0.0/x\t1\n", "t.dat:1: prefix length is not a number"},
        {"1.0.0.1/24\t1\n", "t.dat:1: address has bits set past the prefix length"},
        {"1.0.0.0/24\n", "t.dat:1: want a tab or blanks"},
        {"1.0.0.0/24\tAS13335\n", "t.dat:1: AS number is not a number"},
        {"1.0.0.0/24\t0\n", "t.dat:1: AS number not within"},
        {"1.0.0.0/24\t4294967296\n", "t.dat:1: AS number not within"},
        {"1.0.0.0/24\t1 2\n", "t.dat:1: text after the AS number"},
        {"1.0.0.0/24\t-1\n", "t.dat:1: AS number is not a number"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        asdb_table_t *t = asdb_table_new();
        char err[ASDB_ERR_LEN];
        CU_ASSERT_EQUAL(read_text(cases[i].text, t, err, sizeof err, NULL), ASDB_BAD_INPUT);
        if (strncmp(err, cases[i].error, strlen(cases[i].error)) != 0)
            fprintf(stderr, "\n  case %zu: \"%s\", want \"%s...\"\n", i, err, cases[i].error);
        CU_ASSERT(strncmp(err, cases[i].error, strlen(cases[i].error)) == 0);
        asdb_table_free(t);
    }
    /* a line too long, and binary data */
    char *longline = malloc(ASDB_MAX_LINE + 100);
    memset(longline, '1', ASDB_MAX_LINE + 50);
    longline[ASDB_MAX_LINE + 50] = '\0';
    asdb_table_t *t = asdb_table_new();
    char err[ASDB_ERR_LEN];
    CU_ASSERT_EQUAL(read_text(longline, t, err, sizeof err, NULL), ASDB_BAD_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "t.dat:1: line longer than"));
    free(longline);
    FILE *f = fmemopen((void *)"1.0.0.0/24\t1\n\0\0", 15, "rb");
    asdb_reader_t r;
    asdb_reader_init(&r, f);
    CU_ASSERT_EQUAL(asdb_ipasn_read(&r, "t.dat", asdb_table_route, t, NULL, NULL, err, sizeof err),
                    ASDB_BAD_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "t.dat:2: NUL byte"));
    fclose(f);
    asdb_table_free(t);
}

static void test_prefix_helpers(void)
{
    asdb_prefix_t p;
    static const uint8_t a[] = {10, 1, 255, 255};
    asdb_prefix_set(&p, 4, 12, a, 4);
    char buf[80];
    HS_ASSERT_STR(asdb_prefix_format(&p, buf, sizeof buf), "10.0.0.0/12");
    asdb_prefix_set(&p, 4, 17, a, 3);
    HS_ASSERT_STR(asdb_prefix_format(&p, buf, sizeof buf), "10.1.128.0/17");
    asdb_prefix_t q;
    asdb_prefix_set(&q, 6, 0, a, 0);
    CU_ASSERT(asdb_prefix_cmp(&p, &q) < 0); /* IPv4 first */
    HS_ASSERT_STR(asdb_strerror(ASDB_TRUNCATED), "the input ends inside its last record");
}

static CU_TestInfo tests[] = {
    {"IPv4 RIB, nested prefixes in output order", test_ipv4_rib_nested},
    {"IPv6 RIB, ADDPATH, 4-byte ASNs", test_ipv6_rib_and_4byte},
    {"MOAS: majority, ties to the lowest AS", test_moas_majority_and_tie},
    {"origin rules: sequence, AS_SET, none", test_path_rules},
    {"confederations, bad segments, 2-byte paths", test_confed_and_bad_segment},
    {"legacy TABLE_DUMP with AS4_PATH", test_legacy_table_dump},
    {"other types and subtypes skipped", test_skipped_types},
    {"truncated at every byte length", test_truncated_every_length},
    {"garbage headers", test_garbage},
    {"malformed records and entries skipped", test_malformed_records},
    {"malformed PEER_INDEX_TABLE", test_malformed_peer_table},
    {"IPASN text", test_ipasn_good},
    {"IPASN bad lines", test_ipasn_bad_lines},
    {"prefix helpers", test_prefix_helpers},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("asdb (MRT, IPASN, origins)", tests)
