/*
 * rep_ports.c - frames per destination port and protocol, ICMP as its own
 * row (study 1 table 2, study 2 table 1), with share and distinct sources.
 * Ranked by frames; --top N rows, the rest in one "other" row.
 */
#include <stdio.h>
#include <stdlib.h>

#include "rep_internal.h"

typedef struct {
    uint64_t port, frames, sources;
    int other;
} row_t;

#define OTHER_PORT (AGG_PORT_UNKNOWN - 1)

static int cmp_rows(const void *pa, const void *pb)
{
    const row_t *a = pa, *b = pb;
    int c = (a->other == 2) - (b->other == 2);
    if (c == 0)
        c = -rep_cmp_u64(a->frames, b->frames);
    if (c == 0)
        c = rep_cmp_u64(a->port, b->port);
    return c;
}

hsr_status_t rep_ports(rep_ctx_t *c, out_table_t *t)
{
    const agg_state_t *st = c->st;
    rep_rows_t rows;
    hsr_status_t s = rep_rows_init(&rows, sizeof(row_t), c->nsensors);
    if (s != HSR_OK)
        return s;
    int top = rep_top(REP_PORTS, c->o);
    uint64_t total = 0, srcs = 0;
    agg_map_t seen;
    if ((s = agg_map_init(&seen, 1)) != HSR_OK)
        goto cleanup;
    const agg_map_t *m = &st->maps[AGG_PORT];
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i), *v = agg_map_val(m, i);
        row_t *r = rep_rows_get(&rows, k[0], 0, 0);
        if (!r) {
            s = HSR_ERR_NOMEM;
            goto cleanup;
        }
        r->port = k[0];
        r->frames += v[0];
        total += v[0];
        rep_rows_sens(&rows, r)[c->pos[k[1]]] += v[0];
    }
    rep_rows_sort(&rows, cmp_rows);
    size_t n = rows.n, nother = 0;
    for (size_t i = (size_t)top; top > 0 && i < n; i++) {
        row_t *r = rep_rows_at(&rows, i), *o = rep_rows_get(&rows, OTHER_PORT, 0, 0);
        if (!o) {
            s = HSR_ERR_NOMEM;
            goto cleanup;
        }
        r->other = 1;
        o->other = 2;
        o->port = OTHER_PORT;
        o->frames += r->frames;
        uint64_t *os = rep_rows_sens(&rows, o), *rs = rep_rows_sens(&rows, r);
        for (size_t j = 0; j < c->nsensors; j++)
            os[j] += rs[j];
        nother++;
    }
    m = &st->maps[AGG_PORT_SRC];
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i);
        row_t *r = rep_rows_find(&rows, k[0], 0, 0);
        if (!r)
            continue;
        uint64_t key[AGG_KEY_WORDS] = {r->other ? OTHER_PORT : 0, k[1], 0}, *v;
        if (!(v = agg_map_upsert(&seen, key))) {
            s = HSR_ERR_NOMEM;
            goto cleanup;
        }
        if (r->other && v[0]++ == 0)
            ((row_t *)rep_rows_find(&rows, OTHER_PORT, 0, 0))->sources++;
        else if (!r->other)
            r->sources++;
        if (r->other) {
            uint64_t all[AGG_KEY_WORDS] = {0, k[1], 0};
            if (!agg_map_upsert(&seen, all)) {
                s = HSR_ERR_NOMEM;
                goto cleanup;
            }
        }
    }
    for (size_t i = agg_map_next(&seen, 0); i < seen.cap; i = agg_map_next(&seen, i + 1))
        srcs += agg_map_key(&seen, i)[0] == 0;
    rep_rows_sort(&rows, cmp_rows);

    out_col(t, "port", 0);
    rep_sensor_cols(c, t, "frames");
    out_col(t, "frames", 1);
    out_col(t, "share", 1);
    out_col(t, "sources", 1);
    t->chart = OUT_CHART_BARS;
    t->chart_value = 1 + (c->per_sensor ? (int)c->nsensors : 0);
    for (size_t i = 0; i < rows.n; i++) {
        row_t *r = rep_rows_at(&rows, i);
        char label[48];
        if (r->other == 1)
            continue;
        if (r->other == 2)
            snprintf(label, sizeof(label), "other (%zu ports)", nother);
        else
            agg_port_label(r->port, label, sizeof(label));
        out_row(t);
        if (r->port == AGG_PORT_UNKNOWN)
            out_unknown(t);
        else
            out_str(t, label);
        rep_sensor_cells(c, t, rep_rows_sens(&rows, r));
        out_int(t, (int64_t)r->frames);
        out_pct(t, rep_pct(r->frames, total));
        out_int(t, (int64_t)r->sources);
    }
    uint64_t *sens = calloc(c->nsensors ? c->nsensors : 1, sizeof(uint64_t)), frames, g[4];
    if (!sens) {
        s = HSR_ERR_NOMEM;
        goto cleanup;
    }
    rep_time_totals(c, sens, &frames, g);
    out_footer(t);
    out_row(t);
    out_str(t, c->total_label);
    rep_sensor_cells(c, t, sens);
    out_int(t, (int64_t)frames);
    out_pct(t, frames ? 100.0 : 0.0);
    out_int(t, (int64_t)srcs);
    free(sens);
cleanup:
    agg_map_free(&seen);
    rep_rows_free(&rows);
    return s;
}
