/*
 * rep_country.c - Shellshock attempts per source country and sensor
 * (study 1, table 3), with grades, attacking sources and all frames.
 * Ranked by attempts, then frames; --top N rows, the rest in "other".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rep_internal.h"

typedef struct {
    rep_row_t head;
    uint64_t cc, frames, g[4], attempts, attackers, sources;
} row_t;

#define OTHER_CC UINT64_MAX

/* From AGG_COUNTRY (country, sensor): frames, attempts by grade; arg: the
 * total of attempts. */
static hsr_status_t add(const rep_ctx_t *c, void *row, uint64_t *sens, const uint64_t *k,
                        const uint64_t *v, void *arg)
{
    row_t *r = row;
    const uint64_t *gv = rep_gv(c, v);
    r->cc = k[0];
    r->frames += v[0];
    uint64_t a = gv[1] + gv[2] + gv[3];
    r->attempts += a;
    *(uint64_t *)arg += a;
    for (int g = 1; g <= 3; g++)
        r->g[g] += gv[g];
    sens[c->pos[k[1]]] += a;
    return HSR_OK;
}

static int cmp_rows(const void *pa, const void *pb, const rep_ctx_t *ctx)
{
    const row_t *a = pa, *b = pb;
    int c = (a->head.kind == REP_ROW_OTHER) - (b->head.kind == REP_ROW_OTHER);
    if (c == 0)
        c = -rep_cmp_u64(a->attempts, b->attempts);
    if (c == 0)
        c = -rep_cmp_u64(a->frames, b->frames);
    if (c == 0)
        c = rep_cmp_str(ctx, a->cc, b->cc);
    return c;
}

static void other_key(const void *row, uint64_t key[AGG_KEY_WORDS])
{
    key[0] = OTHER_CC;
}

static void fold(void *other, const void *row)
{
    row_t *o = other;
    const row_t *r = row;
    o->frames += r->frames;
    o->attempts += r->attempts;
    for (int g = 1; g <= 3; g++)
        o->g[g] += r->g[g];
}

static const rep_spec_t spec = {
    .size = sizeof(row_t), .sensors = 1, .map = AGG_COUNTRY, .add = add, .cmp = cmp_rows,
    .other_key = other_key, .fold = fold,
};

hsr_status_t rep_country(rep_ctx_t *c, out_table_t *t)
{
    const agg_state_t *st = c->st;
    rep_rows_t rows;
    uint64_t total_attempts = 0;
    hsr_status_t s = rep_rows_make(&rows, c, &spec, rep_top(REP_COUNTRY, c->o), &total_attempts);
    if (s != HSR_OK)
        goto cleanup;
    row_t *other = rep_rows_find(&rows, OTHER_CC, 0, 0);
    size_t nother = other ? other->head.folded : 0;
    /* Sources: each (country, source) pair once; "other" sums distinct
     * countries, and a source has one country per (country, src) key. */
    const agg_map_t *m = &st->maps[AGG_COUNTRY_SRC];
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i), *v = agg_map_val(m, i);
        row_t *r = rep_rows_find(&rows, k[0], 0, 0);
        if (!r)
            continue;
        if (r->head.kind == REP_ROW_FOLDED)
            r = other;
        r->sources++;
        r->attackers += v[1 + c->o->family] != 0;
    }

    out_chart_t *by_sensor = NULL, *by_grade;
    char text[160], col[32];
    if (c->per_sensor)
        by_sensor = out_chart(t, OUT_CHART_BARS,
                              rep_family_text(c, "Shellshock attempts per country and sensor",
                                              text, sizeof(text)),
                              "attempts");
    by_grade = out_chart(t, OUT_CHART_BARS,
                         rep_family_text(c, "Shellshock attempts per country, by grade", text,
                                         sizeof(text)),
                         "attempts");
    by_grade->stacked = by_grade->grades = 1;
    int cc_col = out_col(t, "country", 0), name_col = out_col(t, "name", 0);
    rep_chart_sensors(c, by_sensor, rep_sensor_cols(c, t, rep_gcol(c, "attempts", col, sizeof(col))));
    out_col(t, rep_gcol(c, "attempts", col, sizeof(col)), 1);
    out_col(t, "share", 1);
    out_chart_series(by_grade, out_col(t, rep_gcol(c, "green", col, sizeof(col)), 1));
    out_chart_series(by_grade, out_col(t, rep_gcol(c, "yellow", col, sizeof(col)), 1));
    out_chart_series(by_grade, out_col(t, rep_gcol(c, "red", col, sizeof(col)), 1));
    for (size_t i = 0; i < t->ncharts; i++)
        t->charts[i].label[0] = cc_col, t->charts[i].label[1] = name_col;
    out_col(t, "attacking_sources", 1);
    out_col(t, "frames", 1);
    out_col(t, "sources", 1);
    for (size_t i = 0; i < rows.n; i++) {
        row_t *r = rep_rows_at(&rows, i);
        if (r->head.kind == REP_ROW_FOLDED)
            continue;
        out_row(t);
        if (r->head.kind == REP_ROW_OTHER) {
            char label[48];
            snprintf(label, sizeof(label), "(%zu countries)", nother);
            out_str(t, "other");
            out_str(t, label);
        } else {
            rep_str_cell(c, t, r->cc);
            const char *name = r->cc ? rep_country_name(c, r->cc) : NULL;
            if (name)
                out_str(t, name);
            else
                out_unknown(t);
        }
        rep_sensor_cells(c, t, rep_rows_sens(&rows, r));
        out_int(t, (int64_t)r->attempts);
        out_pct(t, rep_pct(r->attempts, total_attempts));
        for (int g = 1; g <= 3; g++)
            out_int(t, (int64_t)r->g[g]);
        out_int(t, (int64_t)r->attackers);
        out_int(t, (int64_t)r->frames);
        out_int(t, (int64_t)r->sources);
    }
    /* Totals: distinct sources over all countries. */
    uint64_t *sens = calloc(c->nsensors ? c->nsensors : 1, sizeof(uint64_t)), attackers, srcs;
    row_t tot = {0};
    if (!sens) {
        s = HSR_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < rows.n; i++) {
        row_t *r = rep_rows_at(&rows, i);
        if (r->head.kind == REP_ROW_FOLDED)
            continue;
        tot.frames += r->frames;
        tot.attempts += r->attempts;
        for (int g = 1; g <= 3; g++)
            tot.g[g] += r->g[g];
        for (size_t j = 0; j < c->nsensors; j++)
            sens[j] += rep_rows_sens(&rows, r)[j];
    }
    if ((s = rep_distinct(&st->maps[AGG_COUNTRY_SRC], 1, 1 + c->o->family, &attackers)) == HSR_OK &&
        (s = rep_distinct(&st->maps[AGG_COUNTRY_SRC], 1, -1, &srcs)) == HSR_OK) {
        out_footer(t);
        out_row(t);
        out_str(t, c->total_label);
        out_str(t, "");
        rep_sensor_cells(c, t, sens);
        out_int(t, (int64_t)tot.attempts);
        out_pct(t, tot.attempts ? 100.0 : 0.0);
        for (int g = 1; g <= 3; g++)
            out_int(t, (int64_t)tot.g[g]);
        out_int(t, (int64_t)attackers);
        out_int(t, (int64_t)tot.frames);
        out_int(t, (int64_t)srcs);
    }
    free(sens);
cleanup:
    rep_rows_free(&rows);
    return s;
}
