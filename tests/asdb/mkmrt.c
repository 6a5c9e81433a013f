/*
 * mkmrt.c - writes a small TABLE_DUMP_V2 routing-table dump for the
 * end-to-end test and demos of honeyshark-asdb.
 *
 *   mkmrt [-t EPOCH] [-v 1|2] OUT.mrt
 *   mkmrt -l [-t EPOCH] OUT.mrt     legacy TABLE_DUMP records instead (a few
 *                                   IPv4 and IPv6 routes, one with AS4_PATH)
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mrtw.h"

#define R1(path) 1, (const mrtw_route_t[]){{0, path}}

int main(int argc, char **argv)
{
    unsigned variant = 1;
    bool legacy = false;
    long long ts = -1;
    int opt;
    while ((opt = getopt(argc, argv, "lt:v:")) != -1) {
        if (opt == 't')
            ts = atoll(optarg);
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
        fprintf(stderr, "usage: mkmrt [-l] [-t EPOCH] [-v 1|2] OUT.mrt\n");
        return 2;
    }
    uint32_t t = ts != -1 ? (uint32_t)ts : variant == 1 ? 1409529600u : 1577836800u;
    bool v2 = variant == 2;
    mrtw_t w = {0};
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
