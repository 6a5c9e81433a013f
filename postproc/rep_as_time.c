/*
 * rep_as_time.c - per AS x time bucket: frames (per sensor), distinct
 * sources, Shellshock attempts by grade and the top destination ports.
 * --top N keeps the N busiest AS of each bucket; the others are summed into
 * one "other" row per bucket, whose sources are counted exactly (a source
 * seen in two of those AS counts once).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rep_internal.h"

typedef struct {
    rep_row_t head; /* folded: past --top in its bucket */
    int64_t b;
    uint64_t asn;
    uint64_t frames, g[4], sources;
    rep_topk_t ports;
} row_t;

#define OTHER_ASN (AGG_ASN_UNKNOWN - 1)

/* From AGG_AS (bucket, asn, sensor): frames, attempts by grade. */
static int row_key(const uint64_t *k, const uint64_t *v, uint64_t key[AGG_KEY_WORDS], void *arg)
{
    key[1] = k[1];
    return 1;
}

static hsr_status_t add(const rep_ctx_t *c, void *row, uint64_t *sens, const uint64_t *k,
                        const uint64_t *v, void *arg)
{
    row_t *r = row;
    if (r->frames == 0) {
        r->b = (int64_t)k[0];
        r->asn = k[1];
        rep_topk_init(&r->ports, HSR_TOP_PORTS_IN_CELL);
    }
    sens[c->pos[k[2]]] += v[0];
    r->frames += v[0];
    for (int g = 1; g <= 3; g++)
        r->g[g] += rep_gv(c, v)[g];
    return HSR_OK;
}

static int cmp_rows(const void *pa, const void *pb, const rep_ctx_t *ctx)
{
    const row_t *a = pa, *b = pb;
    int c = rep_cmp_i64(a->b, b->b);
    if (c == 0)
        c = (a->head.kind == REP_ROW_OTHER) - (b->head.kind == REP_ROW_OTHER);
    if (c == 0)
        c = -rep_cmp_u64(a->frames, b->frames);
    if (c == 0)
        c = rep_cmp_u64(a->asn, b->asn);
    return c;
}

/* --top N applies per bucket: each bucket has its "other" row. */
static int same_bucket(const void *a, const void *b)
{
    return ((const row_t *)a)->b == ((const row_t *)b)->b;
}

static void other_key(const void *row, uint64_t key[AGG_KEY_WORDS])
{
    key[0] = (uint64_t)((const row_t *)row)->b;
    key[1] = OTHER_ASN;
}

static void fold(void *other, const void *row)
{
    row_t *o = other;
    const row_t *r = row;
    o->b = r->b;
    o->frames += r->frames;
    for (int g = 1; g <= 3; g++)
        o->g[g] += r->g[g];
    rep_topk_init(&o->ports, HSR_TOP_PORTS_IN_CELL);
}

static const rep_spec_t spec = {
    .size = sizeof(row_t), .sensors = 1, .map = AGG_AS, .key = row_key, .add = add, .cmp = cmp_rows,
    .same_group = same_bucket, .other_key = other_key, .fold = fold,
};

static void put_row(rep_ctx_t *c, out_table_t *t, const rep_rows_t *rows, const row_t *r)
{
    char ports[256], label[48];
    out_row(t);
    rep_bucket_cell(c, t, r->b);
    if (r->head.kind == REP_ROW_OTHER) {
        snprintf(label, sizeof(label), "(%llu AS)", (unsigned long long)r->head.folded);
        out_str(t, "other");
        out_str(t, label);
    } else {
        rep_asn_cell(t, r->asn);
        rep_org_cell(c, t, r->asn);
    }
    rep_sensor_cells(c, t, rep_rows_sens(rows, r));
    out_int(t, (int64_t)r->frames);
    out_int(t, (int64_t)r->sources);
    out_int(t, (int64_t)(r->g[1] + r->g[2] + r->g[3]));
    for (int g = 1; g <= 3; g++)
        out_int(t, (int64_t)r->g[g]);
    rep_topk_ports(&r->ports, ports, sizeof(ports));
    out_str(t, ports);
}

/* Sources and ports of the "other" rows: distinct over the AS they sum. */
static hsr_status_t other_sources_ports(rep_ctx_t *c, rep_rows_t *rows)
{
    const agg_state_t *st = c->st;
    agg_map_t seen, ports;
    hsr_status_t s = agg_map_init(&seen, 1);
    if (s != HSR_OK)
        return s;
    if ((s = agg_map_init(&ports, 1)) != HSR_OK) {
        agg_map_free(&seen);
        return s;
    }
    const agg_map_t *m = &st->maps[AGG_AS_SRC];
    for (size_t i = agg_map_next(m, 0); i < m->cap && s == HSR_OK; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i);
        row_t *r = rep_rows_find(rows, k[0], k[1], 0);
        if (!r || r->head.kind != REP_ROW_FOLDED)
            continue;
        uint64_t key[AGG_KEY_WORDS] = {k[0], k[2], 0}, *v = agg_map_upsert(&seen, key);
        if (!v)
            s = HSR_ERR_NOMEM;
        else if (v[0]++ == 0)
            ((row_t *)rep_rows_find(rows, k[0], OTHER_ASN, 0))->sources++;
    }
    m = &st->maps[AGG_AS_PORT];
    for (size_t i = agg_map_next(m, 0); i < m->cap && s == HSR_OK; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i);
        row_t *r = rep_rows_find(rows, k[1], k[0], 0);
        if (!r || r->head.kind != REP_ROW_FOLDED)
            continue;
        uint64_t key[AGG_KEY_WORDS] = {k[1], k[2], 0}, *v = agg_map_upsert(&ports, key);
        if (!v)
            s = HSR_ERR_NOMEM;
        else
            v[0] += agg_map_val(m, i)[0];
    }
    for (size_t i = agg_map_next(&ports, 0); i < ports.cap && s == HSR_OK;
         i = agg_map_next(&ports, i + 1)) {
        const uint64_t *k = agg_map_key(&ports, i);
        row_t *o = rep_rows_find(rows, k[0], OTHER_ASN, 0);
        rep_topk_add(&o->ports, k[1], agg_map_val(&ports, i)[0]);
    }
    agg_map_free(&seen);
    agg_map_free(&ports);
    return s;
}

static hsr_status_t total_row(rep_ctx_t *c, out_table_t *t, const char *label)
{
    const agg_state_t *st = c->st;
    uint64_t *sens = calloc(c->nsensors ? c->nsensors : 1, sizeof(uint64_t)), frames, g[4], srcs;
    if (!sens)
        return HSR_ERR_NOMEM;
    rep_time_totals(c, sens, &frames, g);
    hsr_status_t s = rep_distinct(&st->maps[AGG_SRC_INFO], 0, -1, &srcs);
    rep_topk_t tk;
    rep_topk_init(&tk, HSR_TOP_PORTS_IN_CELL);
    const agg_map_t *m = &st->maps[AGG_PORT];
    agg_map_t ports;
    if (s == HSR_OK)
        s = agg_map_init(&ports, 1);
    if (s == HSR_OK) {
        for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
            uint64_t key[AGG_KEY_WORDS] = {agg_map_key(m, i)[0], 0, 0}, *v;
            if (!(v = agg_map_upsert(&ports, key))) {
                s = HSR_ERR_NOMEM;
                break;
            }
            v[0] += agg_map_val(m, i)[0];
        }
        for (size_t i = agg_map_next(&ports, 0); i < ports.cap; i = agg_map_next(&ports, i + 1))
            rep_topk_add(&tk, agg_map_key(&ports, i)[0], agg_map_val(&ports, i)[0]);
        agg_map_free(&ports);
    }
    if (s == HSR_OK) {
        char buf[256];
        out_footer(t);
        out_row(t);
        out_str(t, label);
        out_str(t, "");
        out_str(t, "");
        rep_sensor_cells(c, t, sens);
        out_int(t, (int64_t)frames);
        out_int(t, (int64_t)srcs);
        out_int(t, (int64_t)(g[1] + g[2] + g[3]));
        for (int j = 1; j <= 3; j++)
            out_int(t, (int64_t)g[j]);
        rep_topk_ports(&tk, buf, sizeof(buf));
        out_str(t, buf);
    }
    free(sens);
    return s;
}

hsr_status_t rep_as_time(rep_ctx_t *c, out_table_t *t)
{
    const agg_state_t *st = c->st;
    rep_rows_t rows;
    hsr_status_t s = rep_rows_make(&rows, c, &spec, rep_top(REP_AS_TIME, c->o), NULL);
    if (s != HSR_OK)
        goto cleanup;
    const agg_map_t *m = &st->maps[AGG_AS_SRC];
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i);
        row_t *r = rep_rows_find(&rows, k[0], k[1], 0);
        if (r)
            r->sources++;
    }
    m = &st->maps[AGG_AS_PORT];
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i);
        row_t *r = rep_rows_find(&rows, k[1], k[0], 0);
        if (r)
            rep_topk_add(&r->ports, k[2], agg_map_val(m, i)[0]);
    }
    if ((s = other_sources_ports(c, &rows)) != HSR_OK)
        goto cleanup;

    out_chart_t *ch = out_chart(t, OUT_CHART_LINES, "Frames per AS over time", "frames");
    ch->x = out_col(t, "bucket", 0);
    ch->label[0] = out_col(t, "asn", 1);
    ch->label[1] = out_col(t, "as_org", 0);
    rep_sensor_cols(c, t, "frames");
    out_chart_series(ch, out_col(t, "frames", 1));
    out_col(t, "sources", 1);
    rep_grade_cols(c, t, NULL);
    out_col(t, "top_ports", 0);
    for (size_t i = 0; i < rows.n; i++) {
        row_t *r = rep_rows_at(&rows, i);
        if (r->head.kind != REP_ROW_FOLDED)
            put_row(c, t, &rows, r);
    }
    s = total_row(c, t, c->total_label);
cleanup:
    rep_rows_free(&rows);
    return s;
}
