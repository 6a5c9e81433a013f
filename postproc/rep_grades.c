/*
 * rep_grades.c - Shellshock attempts by grade per AS and time bucket
 * (study 1 fig. 12).  The --top N AS with most attempts get their own rows;
 * the others are summed per bucket into "other".
 */
#include <stdio.h>
#include <stdlib.h>

#include "rep_internal.h"

typedef struct {
    int64_t b;
    uint64_t asn, g[4];
    size_t rank; /* of its AS; SIZE_MAX for "other" */
} row_t;

#define OTHER_ASN (AGG_ASN_UNKNOWN - 1)

typedef struct {
    const rep_rows_t *as; /* rep_attackers */
    int top;
    const rep_ctx_t *c;
} arg_t;

/* The AS of an AGG_AS entry (bucket, asn, sensor) if it is past --top. */
static int past_top(const arg_t *a, const uint64_t *k, const rep_attacker_t **x)
{
    *x = rep_rows_find(a->as, k[1], 0, 0);
    return a->top > 0 && (*x)->rank >= (size_t)a->top;
}

/* Entries with attempts; the AS past --top are one "other" row per bucket. */
static int row_key(const uint64_t *k, const uint64_t *v, uint64_t key[AGG_KEY_WORDS], void *arg)
{
    const rep_attacker_t *x;
    const uint64_t *g = rep_gv(((const arg_t *)arg)->c, v);
    if (!(g[1] + g[2] + g[3]))
        return 0;
    key[1] = past_top(arg, k, &x) ? OTHER_ASN : k[1];
    return 1;
}

static hsr_status_t add(const rep_ctx_t *c, void *row, uint64_t *sens, const uint64_t *k,
                        const uint64_t *v, void *arg)
{
    row_t *r = row;
    const rep_attacker_t *x;
    int other = past_top(arg, k, &x);
    r->b = (int64_t)k[0];
    r->asn = other ? OTHER_ASN : k[1];
    r->rank = other ? SIZE_MAX : x->rank;
    for (int g = 1; g <= 3; g++)
        r->g[g] += rep_gv(c, v)[g];
    return HSR_OK;
}

static int cmp_rows(const void *pa, const void *pb, const rep_ctx_t *ctx)
{
    const row_t *a = pa, *b = pb;
    int c = rep_cmp_u64(a->rank, b->rank);
    return c ? c : rep_cmp_i64(a->b, b->b);
}

static const rep_spec_t spec = {
    .size = sizeof(row_t), .map = AGG_AS, .key = row_key, .add = add, .cmp = cmp_rows,
};

hsr_status_t rep_grades(rep_ctx_t *c, out_table_t *t)
{
    rep_rows_t as, rows = {0};
    int top = rep_top(REP_GRADES, c->o);
    hsr_status_t s = rep_attackers(c, &as);
    arg_t arg = {&as, top, c};
    if (s != HSR_OK || (s = rep_rows_make(&rows, c, &spec, 0, &arg)) != HSR_OK)
        goto cleanup;

    char text[160];
    out_chart_t *ch = out_chart(
        t, OUT_CHART_COLUMNS,
        rep_family_text(c, "Shellshock attempts per AS over time, by grade", text, sizeof(text)),
        "attempts");
    ch->grades = 1;
    ch->label[0] = out_col(t, "asn", 1);
    ch->label[1] = out_col(t, "as_org", 0);
    ch->x = out_col(t, "bucket", 0);
    char col[32];
    out_chart_series(ch, out_col(t, rep_gcol(c, "green", col, sizeof(col)), 1));
    out_chart_series(ch, out_col(t, rep_gcol(c, "yellow", col, sizeof(col)), 1));
    out_chart_series(ch, out_col(t, rep_gcol(c, "red", col, sizeof(col)), 1));
    out_col(t, rep_gcol(c, "attempts", col, sizeof(col)), 1);
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
        out_note(t, "no frame carried %s: no %s attempt in the input",
                 c->o->family == AGG_FAM_RCE ? "rce.grade" : "shellshock.grade",
                 rep_family_name(c->o->family));
cleanup:
    rep_rows_free(&as);
    rep_rows_free(&rows);
    return s;
}
