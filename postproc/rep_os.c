/*
 * rep_os.c - source operating systems from src.os (p0f), as shares of
 * SYNs and of distinct sources (study 2 table 3).  Says so plainly when no
 * frame carries src.os at all.
 */
#include <stdlib.h>
#include <string.h>

#include "rep_internal.h"

typedef struct {
    uint64_t os, cls, cls_syns, syns, sources;
} row_t;

typedef struct {
    agg_map_t cls; /* (label, class) -> SYNs: the class shown is the one most seen */
    uint64_t total;
} arg_t;

/* From AGG_OS (label, class, sensor): SYNs. */
static hsr_status_t add(const rep_ctx_t *c, void *row, uint64_t *sens, const uint64_t *k,
                        const uint64_t *v, void *arg)
{
    arg_t *a = arg;
    row_t *r = row;
    uint64_t key[AGG_KEY_WORDS] = {k[0], k[1], 0}, *cv = agg_map_upsert(&a->cls, key);
    if (!cv)
        return HSR_ERR_NOMEM;
    r->os = k[0];
    r->syns += v[0];
    a->total += v[0];
    cv[0] += v[0];
    sens[c->pos[k[2]]] += v[0];
    return HSR_OK;
}

static int cmp_rows(const void *pa, const void *pb, const rep_ctx_t *ctx)
{
    const row_t *a = pa, *b = pb;
    int c = -rep_cmp_u64(a->syns, b->syns);
    return c ? c : rep_cmp_str(ctx, a->os, b->os);
}

static const rep_spec_t spec = {
    .size = sizeof(row_t), .sensors = 1, .map = AGG_OS, .add = add, .cmp = cmp_rows,
};

hsr_status_t rep_os(rep_ctx_t *c, out_table_t *t)
{
    const agg_state_t *st = c->st;
    out_chart_t *ch = out_chart(t, OUT_CHART_BARS, "Source operating systems (p0f), per SYN",
                                "SYNs");
    ch->label[0] = out_col(t, "os", 0);
    out_col(t, "class", 0);
    rep_chart_sensors(c, ch, rep_sensor_cols(c, t, "syns"));
    int syns = out_col(t, "syns", 1), share = out_col(t, "share", 1);
    if (!c->per_sensor)
        out_chart_series(ch, syns), ch->share = share;
    out_col(t, "sources", 1);
    out_col(t, "source_share", 1);
    if (st->sum.with_os == 0) {
        out_note(t, "the input has no src.os field: no OS was identified.  Run tshark with the "
                    "honeyshark plugin and a p0f signature file set in its preferences (with -e, "
                    "add -e src.os -e src.os_class)");
        return HSR_OK;
    }
    rep_rows_t rows = {0};
    arg_t a = {.total = 0};
    uint64_t srcs = 0;
    hsr_status_t s = agg_map_init(&a.cls, 1);
    if (s != HSR_OK) {
        memset(&a.cls, 0, sizeof(a.cls)); /* agg_map_init leaves it dangling */
        goto cleanup;
    }
    if ((s = rep_rows_make(&rows, c, &spec, 0, &a)) != HSR_OK)
        goto cleanup;
    const agg_map_t *cls = &a.cls, *m;
    uint64_t total = a.total;
    for (size_t i = agg_map_next(cls, 0); i < cls->cap; i = agg_map_next(cls, i + 1)) {
        const uint64_t *k = agg_map_key(cls, i), n = agg_map_val(cls, i)[0];
        row_t *r = rep_rows_find(&rows, k[0], 0, 0);
        if (r->cls_syns == 0 || n > r->cls_syns ||
            (n == r->cls_syns && rep_cmp_str(c, k[1], r->cls) < 0)) {
            r->cls = k[1];
            r->cls_syns = n;
        }
    }
    m = &st->maps[AGG_OS_SRC];
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        row_t *r = rep_rows_find(&rows, agg_map_key(m, i)[0], 0, 0);
        if (r)
            r->sources++;
    }
    if ((s = rep_distinct(m, 1, -1, &srcs)) != HSR_OK)
        goto cleanup;
    for (size_t i = 0; i < rows.n; i++) {
        row_t *r = rep_rows_at(&rows, i);
        out_row(t);
        if (r->os)
            out_str(t, rep_str(c, r->os));
        else
            out_str(t, "(no match)");
        rep_str_cell(c, t, r->cls);
        rep_sensor_cells(c, t, rep_rows_sens(&rows, r));
        out_int(t, (int64_t)r->syns);
        out_pct(t, rep_pct(r->syns, total));
        out_int(t, (int64_t)r->sources);
        out_pct(t, rep_pct(r->sources, srcs));
    }
    uint64_t *sens = calloc(c->nsensors ? c->nsensors : 1, sizeof(uint64_t));
    if (!sens) {
        s = HSR_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < rows.n; i++)
        for (size_t j = 0; j < c->nsensors; j++)
            sens[j] += rep_rows_sens(&rows, rep_rows_at(&rows, i))[j];
    out_footer(t);
    out_row(t);
    out_str(t, c->total_label);
    out_str(t, "");
    rep_sensor_cells(c, t, sens);
    out_int(t, (int64_t)total);
    out_pct(t, total ? 100.0 : 0.0);
    out_int(t, (int64_t)srcs);
    out_str(t, "");
    free(sens);
    out_note(t, "a source seen with several labels counts under each, so source shares may add "
                "up to more than 100%%");
cleanup:
    agg_map_free(&a.cls);
    rep_rows_free(&rows);
    return s;
}
