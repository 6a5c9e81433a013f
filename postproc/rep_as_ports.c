/*
 * rep_as_ports.c - for each attacking AS (ranked by attempts of --family,
 * --top N of them), its frames per destination port and time bucket,
 * placed before, at or after the bucket of its first attempt
 * (study 1 fig. 9-11).  Each AS shows its HSR_AS_PORTS_PER_AS busiest
 * ports; "offset" counts buckets from the first attempt.
 */
#include <stdio.h>
#include <stdlib.h>

#include "rep_internal.h"

typedef struct {
    uint64_t asn, port, frames;
    size_t rank;
} asport_t;

typedef struct {
    int64_t b;
    uint64_t frames;
    size_t as_rank, port_rank;
    const rep_attacker_t *as;
    uint64_t port;
} row_t;

typedef struct {
    const rep_rows_t *as; /* rep_attackers */
    const rep_rows_t *ap; /* the AS's ports, ranked */
    int top;
} arg_t;

/* Ports of the AS shown, from AGG_AS_PORT (asn, bucket, port). */
static int asport_key(const uint64_t *k, const uint64_t *v, uint64_t key[AGG_KEY_WORDS],
                      void *arg)
{
    const arg_t *a = arg;
    const rep_attacker_t *x = rep_rows_find(a->as, k[0], 0, 0);
    key[1] = k[2];
    return x && !(a->top > 0 && x->rank >= (size_t)a->top);
}

static hsr_status_t asport_add(const rep_ctx_t *c, void *row, uint64_t *sens, const uint64_t *k,
                               const uint64_t *v, void *arg)
{
    asport_t *p = row;
    p->asn = k[0];
    p->port = k[2];
    p->frames += v[0];
    return HSR_OK;
}

static int cmp_asport(const void *pa, const void *pb, const rep_ctx_t *ctx)
{
    const asport_t *a = pa, *b = pb;
    int c = rep_cmp_u64(a->asn, b->asn);
    if (c == 0)
        c = -rep_cmp_u64(a->frames, b->frames);
    return c ? c : rep_cmp_u64(a->port, b->port);
}

/* Rows: (AS, bucket, port) of each AS's busiest ports. */
static int row_key(const uint64_t *k, const uint64_t *v, uint64_t key[AGG_KEY_WORDS], void *arg)
{
    const asport_t *p = rep_rows_find(((const arg_t *)arg)->ap, k[0], k[2], 0);
    key[1] = k[1];
    key[2] = k[2];
    return p && p->rank < HSR_AS_PORTS_PER_AS;
}

static hsr_status_t row_add(const rep_ctx_t *c, void *row, uint64_t *sens, const uint64_t *k,
                            const uint64_t *v, void *arg)
{
    const arg_t *a = arg;
    row_t *r = row;
    r->as = rep_rows_find(a->as, k[0], 0, 0);
    r->as_rank = r->as->rank;
    r->port_rank = ((const asport_t *)rep_rows_find(a->ap, k[0], k[2], 0))->rank;
    r->port = k[2];
    r->b = (int64_t)k[1];
    r->frames += v[0];
    return HSR_OK;
}

static int cmp_rows(const void *pa, const void *pb, const rep_ctx_t *ctx)
{
    const row_t *a = pa, *b = pb;
    int c = rep_cmp_u64(a->as_rank, b->as_rank);
    if (c == 0)
        c = rep_cmp_u64(a->port_rank, b->port_rank);
    return c ? c : rep_cmp_i64(a->b, b->b);
}

static const rep_spec_t asport_spec = {
    .size = sizeof(asport_t), .map = AGG_AS_PORT, .key = asport_key, .add = asport_add,
    .cmp = cmp_asport,
};
static const rep_spec_t row_spec = {
    .size = sizeof(row_t), .map = AGG_AS_PORT, .key = row_key, .add = row_add, .cmp = cmp_rows,
};

hsr_status_t rep_as_ports(rep_ctx_t *c, out_table_t *t)
{
    const agg_state_t *st = c->st;
    rep_rows_t as, ap = {0}, rows = {0};
    int top = rep_top(REP_AS_PORTS, c->o), cut = 0;
    arg_t arg = {&as, &ap, top};
    hsr_status_t s = rep_attackers(c, &as);
    if (s != HSR_OK || (s = rep_rows_make(&ap, c, &asport_spec, 0, &arg)) != HSR_OK)
        goto cleanup;
    for (size_t i = 0; i < ap.n; i++) {
        asport_t *p = rep_rows_at(&ap, i), *prev = i ? rep_rows_at(&ap, i - 1) : NULL;
        p->rank = prev && prev->asn == p->asn ? prev->rank + 1 : 0;
        cut |= p->rank >= HSR_AS_PORTS_PER_AS;
    }
    if ((s = rep_rows_make(&rows, c, &row_spec, 0, &arg)) != HSR_OK)
        goto cleanup;

    out_chart_t *ch = out_chart(
        t, OUT_CHART_HEATMAP, "Destination ports of each attacking AS over time", "frames");
    ch->label[0] = out_col(t, "asn", 1);
    ch->label[1] = out_col(t, "as_org", 0);
    ch->mark = out_col(t, "first_attempt", 0);
    ch->y = out_col(t, "port", 0);
    ch->x = out_col(t, "bucket", 0);
    out_col(t, "offset", 1);
    out_col(t, "phase", 0);
    out_chart_series(ch, out_col(t, "frames", 1));
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
        out_note(t, "no frame carried %s: no attacking AS in the input",
                 c->o->family == AGG_FAM_RCE ? "rce.grade" : "shellshock.grade");
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
