/*
 * rep_as_ports.c - for each attacking AS (ranked by Shellshock attempts,
 * --top N of them), its frames per destination port and time bucket,
 * placed before, at or after the bucket of its first attempt
 * (study 1 fig. 9-11).  Each AS shows its HSR_AS_PORTS_PER_AS busiest
 * ports; "offset" counts buckets from the first attempt.
 */
#include <stdio.h>
#include <stdlib.h>

#include "rep_internal.h"

typedef struct {
    uint64_t asn, attempts;
    int64_t first; /* bucket of the first attempt */
    size_t rank;
} as_t;

typedef struct {
    uint64_t asn, port, frames;
    size_t rank;
} asport_t;

typedef struct {
    int64_t b;
    uint64_t frames;
    size_t as_rank, port_rank;
    const as_t *as;
    uint64_t port;
} row_t;

static int cmp_as(const void *pa, const void *pb)
{
    const as_t *a = pa, *b = pb;
    int c = -rep_cmp_u64(a->attempts, b->attempts);
    return c ? c : rep_cmp_u64(a->asn, b->asn);
}

static int cmp_asport(const void *pa, const void *pb)
{
    const asport_t *a = pa, *b = pb;
    int c = rep_cmp_u64(a->asn, b->asn);
    if (c == 0)
        c = -rep_cmp_u64(a->frames, b->frames);
    return c ? c : rep_cmp_u64(a->port, b->port);
}

static int cmp_rows(const void *pa, const void *pb)
{
    const row_t *a = pa, *b = pb;
    int c = rep_cmp_u64(a->as_rank, b->as_rank);
    if (c == 0)
        c = rep_cmp_u64(a->port_rank, b->port_rank);
    return c ? c : rep_cmp_i64(a->b, b->b);
}

hsr_status_t rep_as_ports(rep_ctx_t *c, out_table_t *t)
{
    const agg_state_t *st = c->st;
    rep_rows_t as, ap, rows;
    hsr_status_t s;
    int top = rep_top(REP_AS_PORTS, c->o);
    rep_rows_init(&ap, sizeof(asport_t), 0);
    rep_rows_init(&rows, sizeof(row_t), 0);
    if ((s = rep_rows_init(&as, sizeof(as_t), 0)) != HSR_OK || !ap.idx.keys || !rows.idx.keys) {
        s = HSR_ERR_NOMEM;
        goto cleanup;
    }
    const agg_map_t *m = &st->maps[AGG_AS];
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i), *v = agg_map_val(m, i);
        uint64_t a = v[1] + v[2] + v[3];
        if (!a)
            continue;
        as_t *x = rep_rows_get(&as, k[1], 0, 0);
        if (!x) {
            s = HSR_ERR_NOMEM;
            goto cleanup;
        }
        if (x->attempts == 0)
            x->first = AGG_TIME_UNKNOWN;
        x->asn = k[1];
        x->attempts += a;
        if ((int64_t)k[0] < x->first)
            x->first = (int64_t)k[0];
    }
    rep_rows_sort(&as, cmp_as);
    for (size_t i = 0; i < as.n; i++)
        ((as_t *)rep_rows_at(&as, i))->rank = i;
    /* Ports of the AS shown, ranked per AS. */
    m = &st->maps[AGG_AS_PORT];
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i);
        as_t *x = rep_rows_find(&as, k[0], 0, 0);
        if (!x || (top > 0 && x->rank >= (size_t)top))
            continue;
        asport_t *p = rep_rows_get(&ap, k[0], k[2], 0);
        if (!p) {
            s = HSR_ERR_NOMEM;
            goto cleanup;
        }
        p->asn = k[0];
        p->port = k[2];
        p->frames += agg_map_val(m, i)[0];
    }
    rep_rows_sort(&ap, cmp_asport);
    int cut = 0;
    for (size_t i = 0; i < ap.n; i++) {
        asport_t *p = rep_rows_at(&ap, i), *prev = i ? rep_rows_at(&ap, i - 1) : NULL;
        p->rank = prev && prev->asn == p->asn ? prev->rank + 1 : 0;
        cut |= p->rank >= HSR_AS_PORTS_PER_AS;
    }
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i);
        asport_t *p = rep_rows_find(&ap, k[0], k[2], 0);
        if (!p || p->rank >= HSR_AS_PORTS_PER_AS)
            continue;
        row_t *r = rep_rows_get(&rows, k[0], k[1], k[2]);
        if (!r) {
            s = HSR_ERR_NOMEM;
            goto cleanup;
        }
        r->as = rep_rows_find(&as, k[0], 0, 0);
        r->as_rank = r->as->rank;
        r->port_rank = p->rank;
        r->port = k[2];
        r->b = (int64_t)k[1];
        r->frames += agg_map_val(m, i)[0];
    }
    rep_rows_sort(&rows, cmp_rows);

    out_col(t, "asn", 1);
    out_col(t, "as_org", 0);
    out_col(t, "first_attempt", 0);
    out_col(t, "port", 0);
    out_col(t, "bucket", 0);
    out_col(t, "offset", 1);
    out_col(t, "phase", 0);
    out_col(t, "frames", 1);
    for (size_t i = 0; i < rows.n; i++) {
        row_t *r = rep_rows_at(&rows, i);
        char port[32];
        out_row(t);
        rep_asn_cell(t, r->as->asn);
        rep_org_cell(c, t, r->as->asn);
        rep_bucket_cell(c, t, r->as->first);
        agg_port_label(r->port, port, sizeof(port));
        out_str(t, port);
        rep_bucket_cell(c, t, r->b);
        if (r->b == AGG_TIME_UNKNOWN || r->as->first == AGG_TIME_UNKNOWN) {
            out_unknown(t);
            out_unknown(t);
        } else {
            int64_t off = (r->b - r->as->first) / st->bucket.secs;
            out_int(t, off);
            out_str(t, off < 0 ? "before" : off == 0 ? "attack" : "after");
        }
        out_int(t, (int64_t)r->frames);
    }
    if (as.n == 0)
        out_note(t, "no frame carried shellshock.grade: no attacking AS in the input");
    if (top > 0 && as.n > (size_t)top)
        out_note(t, "%zu attacking AS; the %d with most attempts are shown", as.n, top);
    if (cut)
        out_note(t, "ports beyond each AS's %d busiest are not shown", HSR_AS_PORTS_PER_AS);
cleanup:
    rep_rows_free(&as);
    rep_rows_free(&ap);
    rep_rows_free(&rows);
    return s;
}
