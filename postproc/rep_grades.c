/*
 * rep_grades.c - Shellshock attempts by grade per AS and time bucket
 * (study 1 fig. 12).  The --top N AS with most attempts get their own rows;
 * the others are summed per bucket into "other".
 */
#include <stdio.h>
#include <stdlib.h>

#include "rep_internal.h"

typedef struct {
    uint64_t asn, attempts;
    size_t rank;
} as_t;

typedef struct {
    int64_t b;
    uint64_t asn, g[4];
    size_t rank; /* of its AS; SIZE_MAX for "other" */
} row_t;

#define OTHER_ASN (AGG_ASN_UNKNOWN - 1)

static int cmp_as(const void *pa, const void *pb)
{
    const as_t *a = pa, *b = pb;
    int c = -rep_cmp_u64(a->attempts, b->attempts);
    return c ? c : rep_cmp_u64(a->asn, b->asn);
}

static int cmp_rows(const void *pa, const void *pb)
{
    const row_t *a = pa, *b = pb;
    int c = rep_cmp_u64(a->rank, b->rank);
    return c ? c : rep_cmp_i64(a->b, b->b);
}

hsr_status_t rep_grades(rep_ctx_t *c, out_table_t *t)
{
    const agg_state_t *st = c->st;
    rep_rows_t as, rows;
    hsr_status_t s = rep_rows_init(&as, sizeof(as_t), 0);
    if (s != HSR_OK)
        return s;
    if ((s = rep_rows_init(&rows, sizeof(row_t), 0)) != HSR_OK) {
        rep_rows_free(&as);
        return s;
    }
    int top = rep_top(REP_GRADES, c->o);
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
        x->asn = k[1];
        x->attempts += a;
    }
    rep_rows_sort(&as, cmp_as);
    for (size_t i = 0; i < as.n; i++)
        ((as_t *)rep_rows_at(&as, i))->rank = i;
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i), *v = agg_map_val(m, i);
        if (!(v[1] + v[2] + v[3]))
            continue;
        as_t *x = rep_rows_find(&as, k[1], 0, 0);
        int other = top > 0 && x->rank >= (size_t)top;
        row_t *r = rep_rows_get(&rows, k[0], other ? OTHER_ASN : k[1], 0);
        if (!r) {
            s = HSR_ERR_NOMEM;
            goto cleanup;
        }
        r->b = (int64_t)k[0];
        r->asn = other ? OTHER_ASN : k[1];
        r->rank = other ? SIZE_MAX : x->rank;
        for (int g = 1; g <= 3; g++)
            r->g[g] += v[g];
    }
    rep_rows_sort(&rows, cmp_rows);

    out_col(t, "asn", 1);
    out_col(t, "as_org", 0);
    out_col(t, "bucket", 0);
    out_col(t, "green", 1);
    out_col(t, "yellow", 1);
    out_col(t, "red", 1);
    out_col(t, "attempts", 1);
    t->chart = OUT_CHART_BARS;
    t->chart_label[0] = 0;
    t->chart_label[1] = 2;
    t->chart_value = 6;
    uint64_t tot[4] = {0};
    for (size_t i = 0; i < rows.n; i++) {
        row_t *r = rep_rows_at(&rows, i);
        out_row(t);
        if (r->asn == OTHER_ASN) {
            char label[48];
            snprintf(label, sizeof(label), "(%zu AS)", as.n - (size_t)top);
            out_str(t, "other");
            out_str(t, label);
        } else {
            rep_asn_cell(t, r->asn);
            rep_org_cell(c, t, r->asn);
        }
        rep_bucket_cell(c, t, r->b);
        for (int g = 1; g <= 3; g++) {
            out_int(t, (int64_t)r->g[g]);
            tot[g] += r->g[g];
        }
        out_int(t, (int64_t)(r->g[1] + r->g[2] + r->g[3]));
    }
    out_footer(t);
    out_row(t);
    out_str(t, c->total_label);
    out_str(t, "");
    out_str(t, "");
    for (int g = 1; g <= 3; g++)
        out_int(t, (int64_t)tot[g]);
    out_int(t, (int64_t)(tot[1] + tot[2] + tot[3]));
    if (as.n == 0)
        out_note(t, "no frame carried shellshock.grade: no Shellshock attempt in the input");
cleanup:
    rep_rows_free(&as);
    rep_rows_free(&rows);
    return s;
}
