/*
 * rep_ports.c - frames per destination port and protocol, ICMP as its own
 * row (study 1 table 2, study 2 table 1), with share and distinct sources.
 * Ranked by frames; --top N rows, the rest in one "other" row.
 */
#include <stdio.h>
#include <stdlib.h>

#include "rep_internal.h"

typedef struct {
    rep_row_t head;
    uint64_t port, frames, sources;
} row_t;

#define OTHER_PORT (AGG_PORT_UNKNOWN - 1)

/* From AGG_PORT (port, sensor): frames; arg: the total. */
static hsr_status_t add(const rep_ctx_t *c, void *row, uint64_t *sens, const uint64_t *k,
                        const uint64_t *v, void *arg)
{
    row_t *r = row;
    r->port = k[0];
    r->frames += v[0];
    *(uint64_t *)arg += v[0];
    sens[c->pos[k[1]]] += v[0];
    return HSR_OK;
}

static int cmp_rows(const void *pa, const void *pb, const rep_ctx_t *ctx)
{
    const row_t *a = pa, *b = pb;
    int c = (a->head.kind == REP_ROW_OTHER) - (b->head.kind == REP_ROW_OTHER);
    if (c == 0)
        c = -rep_cmp_u64(a->frames, b->frames);
    if (c == 0)
        c = rep_cmp_u64(a->port, b->port);
    return c;
}

static void other_key(const void *row, uint64_t key[AGG_KEY_WORDS])
{
    key[0] = OTHER_PORT;
}

static void fold(void *other, const void *row)
{
    row_t *o = other;
    const row_t *r = row;
    o->port = OTHER_PORT;
    o->frames += r->frames;
}

static const rep_spec_t spec = {
    .size = sizeof(row_t), .sensors = 1, .map = AGG_PORT, .add = add, .cmp = cmp_rows,
    .other_key = other_key, .fold = fold,
};

hsr_status_t rep_ports(rep_ctx_t *c, out_table_t *t)
{
    const agg_state_t *st = c->st;
    rep_rows_t rows;
    uint64_t total = 0, srcs = 0;
    agg_map_t seen = {0};
    hsr_status_t s = rep_rows_make(&rows, c, &spec, rep_top(REP_PORTS, c->o), &total);
    if (s != HSR_OK || (s = agg_map_init(&seen, 1)) != HSR_OK)
        goto cleanup;
    row_t *other = rep_rows_find(&rows, OTHER_PORT, 0, 0);
    size_t nother = other ? other->head.folded : 0;
    const agg_map_t *m = &st->maps[AGG_PORT_SRC];
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i);
        row_t *r = rep_rows_find(&rows, k[0], 0, 0);
        if (!r)
            continue;
        int folded = r->head.kind == REP_ROW_FOLDED;
        uint64_t key[AGG_KEY_WORDS] = {folded ? OTHER_PORT : 0, k[1], 0}, *v;
        if (!(v = agg_map_upsert(&seen, key))) {
            s = HSR_ERR_NOMEM;
            goto cleanup;
        }
        if (folded && v[0]++ == 0)
            other->sources++;
        else if (!folded)
            r->sources++;
        if (folded) {
            uint64_t all[AGG_KEY_WORDS] = {0, k[1], 0};
            if (!agg_map_upsert(&seen, all)) {
                s = HSR_ERR_NOMEM;
                goto cleanup;
            }
        }
    }
    for (size_t i = agg_map_next(&seen, 0); i < seen.cap; i = agg_map_next(&seen, i + 1))
        srcs += agg_map_key(&seen, i)[0] == 0;

    out_chart_t *ch = out_chart(t, OUT_CHART_BARS, "Frames per destination port", "frames");
    ch->label[0] = out_col(t, "port", 0);
    rep_chart_sensors(c, ch, rep_sensor_cols(c, t, "frames"));
    int frames_col = out_col(t, "frames", 1), share_col = out_col(t, "share", 1);
    if (!c->per_sensor)
        out_chart_series(ch, frames_col), ch->share = share_col;
    out_col(t, "sources", 1);
    for (size_t i = 0; i < rows.n; i++) {
        row_t *r = rep_rows_at(&rows, i);
        char label[48];
        if (r->head.kind == REP_ROW_FOLDED)
            continue;
        if (r->head.kind == REP_ROW_OTHER)
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
