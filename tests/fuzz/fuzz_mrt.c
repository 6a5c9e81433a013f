/*
 * fuzz_mrt.c - the AS-database builder's readers (contrib/asdb) on
 * arbitrary bytes: the MRT reader over a buffer and over a stream must
 * agree (status, counts, routes), the IPASN reader reads the same bytes as
 * text, and the tally's rows must be sorted, with a real origin that has
 * the most votes.  Besides "no crash, no out-of-bounds read" (ASan/UBSan).
 * Built as a libFuzzer target with HONEYSHARK_FUZZ, else as a program that
 * runs the corpus files (corpus/mrt) as a test.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asdb.h"
#include "mrt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checks the rows of t and returns how many there are. */
static size_t check_rows(const asdb_table_t *t)
{
    asdb_row_t *rows;
    size_t n;
    if (asdb_table_rows(t, &rows, &n, NULL) != ASDB_OK)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const asdb_row_t *r = &rows[i];
        if (r->origin == 0 || r->votes == 0 || r->votes > r->routes || r->n_origins == 0)
            abort();
        if (r->prefix.len > (r->prefix.family == 4 ? 32 : 128))
            abort();
        if (i && asdb_prefix_cmp(&rows[i - 1].prefix, &r->prefix) >= 0)
            abort(); /* sorted, and each prefix once */
        if (r->n_origins == 1 && r->votes != r->routes)
            abort();
    }
    free(rows);
    return n;
}

static asdb_status_t read_mrt(const uint8_t *data, size_t size, bool stream, mrt_stats_t *stats,
                              size_t *rows)
{
    asdb_table_t *t = asdb_table_new();
    if (!t)
        return ASDB_NOMEM;
    mrt_parser_t p;
    mrt_init(&p, "fuzz", asdb_table_route, t, NULL);
    asdb_status_t st;
    if (stream) {
        FILE *f = fmemopen((void *)data, size, "rb");
        if (!f) {
            asdb_table_free(t);
            return ASDB_IO;
        }
        asdb_reader_t r;
        asdb_reader_init(&r, f);
        st = mrt_read(&p, &r);
        fclose(f);
    } else {
        st = mrt_read_buffer(&p, data, size);
    }
    if (st != ASDB_OK && p.error[0] == '\0')
        abort(); /* every stop says why */
    *stats = p.stats;
    *rows = check_rows(t);
    asdb_table_free(t);
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mrt_stats_t a, b;
    size_t rows_a, rows_b;
    asdb_status_t sa = read_mrt(data, size, false, &a, &rows_a);
    if (size > 0) { /* glibc's fmemopen refuses an empty buffer */
        asdb_status_t sb = read_mrt(data, size, true, &b, &rows_b);
        if (sa != sb || rows_a != rows_b || a.records != b.records || a.entries != b.entries ||
            a.bad_records != b.bad_records || a.bad_entries != b.bad_entries ||
            a.no_origin != b.no_origin || a.first_timestamp != b.first_timestamp)
            abort(); /* the two walkers disagree */
    }
    if (a.rib_records + a.skipped_records + a.bad_records > a.records)
        abort();

    if (size > 0) {
        FILE *f = fmemopen((void *)data, size, "rb");
        if (f) {
            asdb_table_t *t = asdb_table_new();
            asdb_reader_t r;
            char err[ASDB_ERR_LEN];
            uint32_t ts = 0;
            asdb_reader_init(&r, f);
            err[0] = '\0';
            asdb_status_t st = asdb_ipasn_read(&r, "fuzz", asdb_table_route, t, NULL, &ts, err,
                                               sizeof err);
            if (st != ASDB_OK && strncmp(err, "fuzz:", 5) != 0)
                abort(); /* every error names the line */
            check_rows(t);
            asdb_table_free(t);
            fclose(f);
        }
    }
    return 0;
}
