/*
 * rep_multiport.c - sources with at least one attempt to one port (--port,
 * TCP/23 by default) and at least one to any other protocol/port, ranked by
 * all their attempts, with country and AS (study 2 table 2).  An attempt is
 * a TCP SYN without ACK, a UDP datagram or an ICMP echo request.
 */
#include <stdio.h>
#include <string.h>

#include "rep_internal.h"

typedef struct {
    uint64_t src, attempts, to_port, nother;
    rep_topk_t other;
} row_t;

/* From AGG_SRC_PORT (src, port): attempts; arg: the port key. */
static hsr_status_t add(const rep_ctx_t *c, void *row, uint64_t *sens, const uint64_t *k,
                        const uint64_t *v, void *arg)
{
    row_t *r = row;
    uint64_t n = v[0];
    if (r->src == 0) {
        r->src = k[0];
        rep_topk_init(&r->other, HSR_TOP_PORTS_IN_CELL);
    }
    r->attempts += n;
    if (k[1] == *(const uint64_t *)arg) {
        r->to_port += n;
    } else {
        r->nother++;
        rep_topk_add(&r->other, k[1], n);
    }
    return HSR_OK;
}

static int cmp_rows(const void *pa, const void *pb, const rep_ctx_t *ctx)
{
    const row_t *a = pa, *b = pb;
    int c = -rep_cmp_u64(a->attempts, b->attempts);
    return c ? c : rep_cmp_str(ctx, a->src, b->src);
}

static const rep_spec_t spec = {
    .size = sizeof(row_t), .map = AGG_SRC_PORT, .add = add, .cmp = cmp_rows,
};

/* --top N applies to the sources that qualify, when they are shown. */
hsr_status_t rep_multiport(rep_ctx_t *c, out_table_t *t)
{
    uint64_t port = c->o->has_port ? c->o->port : AGG_PORT_KEY(6, 23);
    int top = rep_top(REP_MULTIPORT, c->o);
    rep_rows_t rows;
    hsr_status_t s = rep_rows_make(&rows, c, &spec, 0, &port);
    if (s != HSR_OK)
        return rep_rows_free(&rows), s;

    char pl[32], col[48];
    agg_port_label(port, pl, sizeof(pl));
    out_chart_t *ch = out_chart(t, OUT_CHART_BARS,
                                "Attempts of each source: to the port, and to the others",
                                "attempts");
    ch->stacked = 1;
    out_col(t, "rank", 1);
    ch->label[0] = out_col(t, "source", 0);
    ch->label[1] = out_col(t, "country", 0);
    out_col(t, "asn", 1);
    out_col(t, "as_org", 0);
    out_col(t, "attempts", 1);
    snprintf(col, sizeof(col), "attempts:%s", pl);
    out_chart_series(ch, out_col(t, col, 1));
    out_chart_series(ch, out_col(t, "attempts:other", 1));
    out_col(t, "other_ports", 1);
    out_col(t, "top_other", 0);
    size_t shown = 0, qualify = 0;
    uint64_t sources_with_port = 0;
    for (size_t i = 0; i < rows.n; i++) {
        row_t *r = rep_rows_at(&rows, i);
        sources_with_port += r->to_port > 0;
        if (!r->to_port || !r->nother)
            continue;
        qualify++;
        if (top > 0 && shown >= (size_t)top)
            continue;
        uint64_t asn, cc;
        char buf[256];
        rep_src_info(c, r->src, &asn, &cc);
        out_row(t);
        out_int(t, (int64_t)++shown);
        out_str(t, rep_str(c, r->src));
        rep_str_cell(c, t, cc);
        rep_asn_cell(t, asn);
        rep_org_cell(c, t, asn);
        out_int(t, (int64_t)r->attempts);
        out_int(t, (int64_t)r->to_port);
        out_int(t, (int64_t)(r->attempts - r->to_port));
        out_int(t, (int64_t)r->nother);
        rep_topk_ports(&r->other, buf, sizeof(buf));
        out_str(t, buf);
    }
    out_note(t, "%zu of %llu sources with an attempt to %s also tried other ports%s", qualify,
             (unsigned long long)sources_with_port, pl,
             top > 0 && qualify > (size_t)top ? "; the top ones are shown" : "");
    rep_rows_free(&rows);
    return HSR_OK;
}
