/*
 * honeyshark-asdb-prefixes - reads BGP routing-table dumps (MRT, as
 * RouteViews and RIPE RIS publish them) or pyasn IPASN text and prints
 * the prefix -> origin AS table, IPv4 then IPv6, wider prefixes first,
 * as IPASN text (so its output is also valid input).  honeyshark-asdb
 * turns that table into an MMDB file.
 *
 * Exit status: 0 written (also when an input ends inside its last record:
 * a warning, the routes before it kept), 1 bad input (garbage, a bad text
 * line, no route at all), 2 usage or I/O error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "asdb.h"
#include "mrt.h"

#define PROG "honeyshark-asdb-prefixes"

enum { EXIT_BAD_INPUT = 1, EXIT_USAGE_IO = 2 };
enum format { FMT_AUTO, FMT_MRT, FMT_IPASN };

static void usage(FILE *out)
{
    fprintf(out,
            "usage: " PROG " [-f auto|mrt|ipasn] [-m] [-q] INPUT...\n"
            "\n"
            "Reads BGP routing-table dumps and prints each prefix with its origin AS,\n"
            "IPv4 then IPv6, wider prefixes first, as pyasn IPASN text.\n"
            "\n"
            "  INPUT        an MRT file (TABLE_DUMP_V2 or TABLE_DUMP, uncompressed),\n"
            "               or IPASN text; '-' reads standard input:\n"
            "                 bzcat rib.20150301.0000.bz2 | " PROG " -\n"
            "  -f FORMAT    auto (default: MRT when the first bytes are an MRT\n"
            "               header, else IPASN), mrt or ipasn\n"
            "  -m           list the prefixes with several origins (MOAS) on stderr\n"
            "  -q           no summary on stderr\n"
            "  -h           this help\n"
            "\n"
            "Origin of a route: the last AS of its AS_PATH; when the path ends in an\n"
            "AS_SET, the smallest AS of the set.  Origin of a prefix: the one most\n"
            "routes (peers) name; ties go to the lowest AS number.  Default routes\n"
            "(/0) are left out.\n"
            "\n"
            "Exit status: 0 ok, 1 bad input, 2 usage or I/O error.\n");
}

typedef struct state {
    asdb_table_t *table;
    uint64_t defaults; /* /0 routes left out */
} state_t;

static int add_route(void *ctx, const asdb_prefix_t *prefix, uint32_t origin)
{
    state_t *s = ctx;
    if (prefix->len == 0) {
        s->defaults++;
        return 0;
    }
    return asdb_table_route(s->table, prefix, origin);
}

static const char *utc(uint32_t t, char *buf, size_t cap)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, cap, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buf;
}

/* Reads one input into s; returns an exit status (0 ok). */
static int read_input(state_t *s, const char *path, enum format fmt, bool quiet,
                      uint32_t *timestamp)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;
    if (!f) {
        fprintf(stderr, PROG ": cannot open %s: %s\n", path, strerror(errno));
        return EXIT_USAGE_IO;
    }
    asdb_reader_t r;
    asdb_reader_init(&r, f);
    size_t n = asdb_peek(&r);
    if (fmt == FMT_AUTO) {
        bool compressed = n >= 2 && ((r.peek[0] == 0x1f && r.peek[1] == 0x8b) ||
                                     (n >= 3 && memcmp(r.peek, "BZh", 3) == 0));
        fmt = compressed || mrt_looks_like(r.peek, n) ? FMT_MRT : FMT_IPASN;
    }
    int rc = 0;
    if (fmt == FMT_MRT) {
        mrt_parser_t p;
        mrt_init(&p, name, add_route, s, stderr);
        asdb_status_t st = mrt_read(&p, &r);
        if (st == ASDB_TRUNCATED) {
            fprintf(stderr, PROG ": warning: %s; the routes before it are kept\n", p.error);
        } else if (st != ASDB_OK) {
            fprintf(stderr, PROG ": %s\n",
                    st == ASDB_STOPPED ? "out of memory" : p.error);
            rc = st == ASDB_BAD_INPUT ? EXIT_BAD_INPUT : EXIT_USAGE_IO;
        }
        const mrt_stats_t *m = &p.stats;
        if (m->have_timestamp && m->first_timestamp > *timestamp)
            *timestamp = m->first_timestamp;
        if (!quiet) {
            char when[64] = "none";
            if (m->have_timestamp)
                utc(m->first_timestamp, when, sizeof when);
            fprintf(stderr,
                    PROG ": %s: MRT, %llu records (%llu RIB, %llu of other types skipped, "
                         "%llu malformed skipped), %llu routes with an origin (%llu from an "
                         "AS_SET, %llu from AS4_PATH), %llu without, %llu malformed entries "
                         "skipped, dump time %s\n",
                    name, (unsigned long long)m->records, (unsigned long long)m->rib_records,
                    (unsigned long long)m->skipped_records, (unsigned long long)m->bad_records,
                    (unsigned long long)m->entries, (unsigned long long)m->as_set_origins,
                    (unsigned long long)m->as4_origins, (unsigned long long)m->no_origin,
                    (unsigned long long)m->bad_entries, when);
        }
    } else {
        char err[ASDB_ERR_LEN];
        uint64_t lines = 0;
        asdb_status_t st = asdb_ipasn_read(&r, name, add_route, s, &lines, timestamp, err,
                                           sizeof err);
        if (st != ASDB_OK) {
            fprintf(stderr, PROG ": %s\n", st == ASDB_STOPPED ? "out of memory" : err);
            rc = st == ASDB_BAD_INPUT ? EXIT_BAD_INPUT : EXIT_USAGE_IO;
        } else if (!quiet) {
            fprintf(stderr, PROG ": %s: IPASN, %llu lines\n", name, (unsigned long long)lines);
        }
    }
    if (f != stdin)
        fclose(f);
    return rc;
}

int main(int argc, char **argv)
{
    enum format fmt = FMT_AUTO;
    bool quiet = false, list_moas = false;
    int opt;
    while ((opt = getopt(argc, argv, "f:mqh")) != -1) {
        switch (opt) {
        case 'f':
            if (strcmp(optarg, "auto") == 0)
                fmt = FMT_AUTO;
            else if (strcmp(optarg, "mrt") == 0)
                fmt = FMT_MRT;
            else if (strcmp(optarg, "ipasn") == 0)
                fmt = FMT_IPASN;
            else {
                fprintf(stderr, PROG ": -f takes auto, mrt or ipasn, not \"%s\"\n", optarg);
                return EXIT_USAGE_IO;
            }
            break;
        case 'm': list_moas = true; break;
        case 'q': quiet = true; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE_IO;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, PROG ": no input given ('-' reads standard input)\n");
        usage(stderr);
        return EXIT_USAGE_IO;
    }
    state_t s = {asdb_table_new(), 0};
    if (!s.table) {
        fprintf(stderr, PROG ": out of memory\n");
        return EXIT_USAGE_IO;
    }
    uint32_t timestamp = 0;
    int rc = 0;
    for (int i = optind; i < argc && rc == 0; i++)
        rc = read_input(&s, argv[i], fmt, quiet, &timestamp);
    asdb_row_t *rows = NULL;
    size_t n = 0;
    asdb_table_stats_t st;
    if (rc == 0 && asdb_table_rows(s.table, &rows, &n, &st) != ASDB_OK) {
        fprintf(stderr, PROG ": out of memory\n");
        rc = EXIT_USAGE_IO;
    }
    if (rc == 0 && n == 0) {
        fprintf(stderr, PROG ": no route with an origin AS in the input\n");
        rc = EXIT_BAD_INPUT;
    }
    if (rc == 0) {
        char buf[80];
        printf("; IP-ASN32-DAT file\n; written by " PROG " from");
        for (int i = optind; i < argc; i++)
            printf(" %s", argv[i]);
        printf("\n");
        if (timestamp)
            printf("; dump-timestamp: %u (%s)\n", (unsigned)timestamp,
                   utc(timestamp, buf, sizeof buf));
        printf("; prefixes: %zu (IPv4 %zu, IPv6 %zu); MOAS: %zu\n", st.prefixes, st.ipv4,
               st.ipv6, st.moas);
        for (size_t i = 0; i < n; i++) {
            printf("%s\t%u\n", asdb_prefix_format(&rows[i].prefix, buf, sizeof buf),
                   (unsigned)rows[i].origin);
            if (list_moas && rows[i].n_origins > 1)
                fprintf(stderr, "MOAS %s: origin %u (%u of %u routes; %u origins)\n", buf,
                        (unsigned)rows[i].origin, (unsigned)rows[i].votes,
                        (unsigned)rows[i].routes, (unsigned)rows[i].n_origins);
        }
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, PROG ": cannot write the output: %s\n", strerror(errno));
            rc = EXIT_USAGE_IO;
        }
        if (!quiet)
            fprintf(stderr,
                    PROG ": %zu prefixes (IPv4 %zu, IPv6 %zu) from %llu routes, %zu MOAS "
                         "(origin by majority, ties to the lowest AS), %llu default routes "
                         "left out%s%s\n",
                    st.prefixes, st.ipv4, st.ipv6, (unsigned long long)st.routes, st.moas,
                    (unsigned long long)s.defaults, timestamp ? ", dump time " : "",
                    timestamp ? utc(timestamp, buf, sizeof buf) : "");
    }
    free(rows);
    asdb_table_free(s.table);
    return rc;
}
