/*
 * mkmrt.c - writes a small TABLE_DUMP_V2 routing-table dump for the
 * end-to-end test and demos of honeyshark-asdb.
 *
 *   mkmrt [-t EPOCH] [-v 1|2] OUT.mrt
 *   mkmrt -l [-t EPOCH] OUT.mrt     legacy TABLE_DUMP records instead (a few
 *                                   IPv4 and IPv6 routes, one with AS4_PATH)
 *   mkmrt -r SEED [-t EPOCH] OUT.mrt  2,000 pseudo-random RIB records (IPv4,
 *                                   IPv6, ADDPATH, AS_SETs, 4-byte ASNs, MOAS)
 *                                   for the cross-check with bgpdump
 *
 * Variant 1 (default time 2014-09-01 00:00 UTC) and variant 2 (default
 * 2020-01-01) differ in who originates some prefixes, so two databases
 * built from them give different answers for the same address:
 *
 *   prefix              variant 1          variant 2     what it tests
 *   10.0.0.0/8          64500              64500         nested prefixes:
 *   10.1.0.0/16         64501              64501           the most specific
 *   10.1.2.0/24         64502              64503           one wins
 *   10.2.0.0/16         64505 (ADDPATH)    64505
 *   192.0.2.0/24        64511 (2 of 3)     64511         MOAS majority
 *   198.51.100.0/24     64520 (tie 1:1)    64520         MOAS tie: lowest AS
 *   203.0.113.0/24      64525 (AS_SET)     64525         smallest of the set
 *   0.0.0.0/0           64496              64496         left out (default)
 *   81.2.69.0/24        20712              8560          honeyshark's demo
 *   89.160.0.0/16       29518              3301            capture's sources
 *   216.160.83.0/24     209                209
 *   175.16.0.0/16       4837               4134
 *   67.43.156.0/24      35908              35908
 *   2001:db8::/32       64540              64540         IPv6
 *   2001:db8:1::/48     4200000001         4200000001    4-byte AS
 *   2001:218::/32       2914               2914
 *   2002::/16           6939               6939          left out (aliased)
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mrtw.h"

#define R1(path) 1, (const mrtw_route_t[]){{0, path}}

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

/* An origin from a small pool (so prefixes share origins), some 4-byte. */
static uint32_t pool_as(void)
{
    static const uint32_t pool[] = {64500, 64501, 64502, 3356, 174, 13335,
                                    4200000001u, 4200000002u, 65536, 4294967294u};
    return pool[rnd(sizeof pool / sizeof pool[0])];
}

/* Pseudo-random RIB records: the cross-check's input. */
static void random_dump(mrtw_t *w, uint32_t t, unsigned records)
{
    enum { PEERS = 8 };
    mrtw_peer_index(w, t, PEERS);
    for (unsigned i = 0; i < records; i++) {
        uint8_t a[16] = {0};
        bool v6 = rnd(10) < 3;
        unsigned len = v6 ? 16 + rnd(49) : 8 + rnd(17);
        for (unsigned k = 0; k < (v6 ? 16u : 4u); k++)
            a[k] = (uint8_t)rnd(256);
        if (v6)
            a[0] = 0x20, a[1] = 0x01, a[2] = (uint8_t)(rnd(4)); /* 2001:0000-03xx::, away from 2001::/32 and 2002::/16 */
        if (v6 && a[2] == 0 && a[3] == 0)
            a[3] = 1;
        for (unsigned bit = len; bit < (v6 ? 128u : 32u); bit++)
            a[bit / 8] &= (uint8_t)~(0x80u >> (bit % 8));
        char addr[64], prefix[80];
        inet_ntop(v6 ? AF_INET6 : AF_INET, a, addr, sizeof addr);
        snprintf(prefix, sizeof prefix, "%s/%u", addr, len);
        uint32_t main_origin = pool_as();
        unsigned n = 1 + rnd(6);
        mrtw_route_t routes[6];
        char paths[6][160];
        for (unsigned e = 0; e < n; e++) {
            int k = snprintf(paths[e], sizeof paths[e], "%u", 64496 + e);
            for (unsigned h = rnd(3); h > 0; h--)
                k += snprintf(paths[e] + k, sizeof paths[e] - (size_t)k, " %u", 1000 + rnd(60000));
            uint32_t origin = rnd(5) == 0 ? pool_as() : main_origin;
            if (rnd(10) == 0)
                snprintf(paths[e] + k, sizeof paths[e] - (size_t)k, " {%u,%u,%u}", pool_as(),
                         origin, pool_as());
            else
                snprintf(paths[e] + k, sizeof paths[e] - (size_t)k, " %u", origin);
            routes[e] = (mrtw_route_t){(uint16_t)rnd(PEERS), paths[e]};
        }
        mrtw_rib(w, t, prefix, rnd(10) == 0, n, routes);
    }
}

int main(int argc, char **argv)
{
    unsigned variant = 1;
    bool legacy = false;
    long long seed = -1;
    long long ts = -1;
    int opt;
    while ((opt = getopt(argc, argv, "lr:t:v:")) != -1) {
        if (opt == 't')
            ts = atoll(optarg);
        else if (opt == 'r')
            seed = atoll(optarg);
        else if (opt == 'l')
            legacy = true;
        else if (opt == 'v')
            variant = (unsigned)atoi(optarg);
        else
            goto usage;
    }
    if (optind + 1 != argc || (variant != 1 && variant != 2) || (ts != -1 && ts < 100) ||
        ts > 0xffffffffLL) {
    usage:
        fprintf(stderr, "usage: mkmrt [-l | -r SEED] [-t EPOCH] [-v 1|2] OUT.mrt\n");
        return 2;
    }
    uint32_t t = ts != -1 ? (uint32_t)ts : variant == 1 ? 1409529600u : 1577836800u;
    bool v2 = variant == 2;
    mrtw_t w = {0};
    if (seed >= 0) {
        rng_state = 0x9e3779b97f4a7c15ull ^ (uint64_t)seed;
        random_dump(&w, t, 2000);
        goto save;
    }
    if (legacy) {
        mrtw_table_dump(&w, t, "10.0.0.0/8", "64496 64500", NULL);
        mrtw_table_dump(&w, t, "10.1.0.0/16", "64496 23456", "4200000001");
        mrtw_table_dump(&w, t, "192.0.2.0/24", "64496 {64511,64502}", NULL);
        mrtw_table_dump(&w, t, "2001:db8::/32", "64497 64540", NULL);
        goto save;
    }
    mrtw_peer_index(&w, t, 4);
    mrtw_rib(&w, t, "0.0.0.0/0", false, R1("64496"));
    mrtw_rib(&w, t, "10.0.0.0/8", false, 3,
             (const mrtw_route_t[]){{0, "64496 64500"}, {1, "64497 64500"}, {2, "64498 64500"}});
    mrtw_rib(&w, t, "10.1.0.0/16", false, R1("64497 64501"));
    mrtw_rib(&w, t, "10.1.2.0/24", false, R1(v2 ? "64498 64503" : "64498 64502"));
    mrtw_rib(&w, t, "10.2.0.0/16", true, 2,
             (const mrtw_route_t[]){{0, "64496 64505"}, {3, "64499 64505"}});
    mrtw_rib(&w, t, "192.0.2.0/24", false, 3,
             (const mrtw_route_t[]){{0, "64496 64510"}, {1, "64497 64511"}, {2, "64498 64511"}});
    mrtw_rib(&w, t, "198.51.100.0/24", false, 2,
             (const mrtw_route_t[]){{0, "64496 64521"}, {1, "64497 64520"}});
    mrtw_rib(&w, t, "203.0.113.0/24", false, R1("64496 64499 {64530,64525,64528}"));
    mrtw_rib(&w, t, "81.2.69.0/24", false, R1(v2 ? "64496 8560" : "64496 20712"));
    mrtw_rib(&w, t, "89.160.0.0/16", false, R1(v2 ? "64496 3301" : "64496 29518"));
    mrtw_rib(&w, t, "216.160.83.0/24", false, R1("64496 209"));
    mrtw_rib(&w, t, "175.16.0.0/16", false, R1(v2 ? "64496 4134" : "64496 4837"));
    mrtw_rib(&w, t, "67.43.156.0/24", false, R1("64496 35908"));
    mrtw_rib(&w, t, "2001:db8::/32", false, R1("64497 64540"));
    mrtw_rib(&w, t, "2001:db8:1::/48", false, R1("64497 4200000001"));
    mrtw_rib(&w, t, "2001:218::/32", false, R1("64497 2914"));
    mrtw_rib(&w, t, "2002::/16", false, R1("64497 6939"));
save:;
    bool ok = mrtw_save(&w, argv[optind]);
    mrtw_free(&w);
    if (!ok) {
        perror(argv[optind]);
        return 2;
    }
    return 0;
}
