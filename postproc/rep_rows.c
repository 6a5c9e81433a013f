/*
 * rep_rows.c - keyed row lists, the report skeleton (rep_rows_make), the
 * ranked attacking AS and totals for report builders, and rep_build(),
 * which runs one builder.
 */
#define _GNU_SOURCE /* qsort_r */
#include <stdlib.h>
#include <string.h>

#include "rep_internal.h"

#define ROUND8(n) (((n) + 7u) & ~(size_t)7u)

hsr_status_t rep_rows_init(rep_rows_t *r, size_t size, size_t nsens)
{
    memset(r, 0, sizeof(*r));
    r->size = ROUND8(size);
    r->nsens = nsens;
    hsr_status_t s = agg_map_init(&r->idx, 1);
    if (s != HSR_OK)
        memset(&r->idx, 0, sizeof(r->idx)); /* freeable: agg_map_init leaves it dangling */
    return s;
}

void rep_rows_free(rep_rows_t *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->rows[i]);
    free(r->rows);
    agg_map_free(&r->idx);
    memset(r, 0, sizeof(*r));
}

void *rep_rows_get(rep_rows_t *r, uint64_t k0, uint64_t k1, uint64_t k2)
{
    uint64_t key[AGG_KEY_WORDS] = {k0, k1, k2};
    uint64_t *v = agg_map_upsert(&r->idx, key);
    if (!v)
        return NULL;
    if (v[0])
        return (void *)(uintptr_t)v[0];
    if (r->n == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 64;
        void **nr = realloc(r->rows, ncap * sizeof(void *));
        if (!nr)
            return NULL;
        r->rows = nr;
        r->cap = ncap;
    }
    void *row = calloc(1, r->size + r->nsens * sizeof(uint64_t));
    if (!row)
        return NULL;
    r->rows[r->n++] = row;
    v[0] = (uint64_t)(uintptr_t)row;
    return row;
}

void *rep_rows_find(const rep_rows_t *r, uint64_t k0, uint64_t k1, uint64_t k2)
{
    uint64_t key[AGG_KEY_WORDS] = {k0, k1, k2};
    const uint64_t *v = agg_map_find(&r->idx, key);
    return v ? (void *)(uintptr_t)v[0] : NULL;
}

uint64_t *rep_rows_sens(const rep_rows_t *r, const void *row)
{
    return (uint64_t *)((char *)row + r->size);
}

typedef struct {
    rep_cmp_t cmp;
    const rep_ctx_t *c;
} sort_arg_t;

static int cmp_ptr(const void *a, const void *b, void *arg)
{
    const sort_arg_t *sa = arg;
    return sa->cmp(*(void *const *)a, *(void *const *)b, sa->c);
}

void rep_rows_sort(rep_rows_t *r, rep_cmp_t cmp, const rep_ctx_t *c)
{
    sort_arg_t sa = {cmp, c};
    if (r->n > 1)
        qsort_r(r->rows, r->n, sizeof(void *), cmp_ptr, &sa);
}

/* Sums the rows past the first top of their group into "other" rows. */
static hsr_status_t fold_rows(rep_rows_t *r, const rep_spec_t *sp, int top)
{
    size_t n = r->n, rank = 0;
    for (size_t i = 0; i < n; i++) {
        rep_row_t *row = r->rows[i];
        /* r->rows moves when an "other" row is added: read it each time. */
        rank = i > 0 && (!sp->same_group || sp->same_group(r->rows[i - 1], row)) ? rank + 1 : 0;
        if (rank < (size_t)top)
            continue;
        uint64_t key[AGG_KEY_WORDS] = {0, 0, 0};
        sp->other_key(row, key);
        rep_row_t *o = rep_rows_get(r, key[0], key[1], key[2]);
        if (!o)
            return HSR_ERR_NOMEM;
        row->kind = REP_ROW_FOLDED;
        o->kind = REP_ROW_OTHER;
        o->folded++;
        sp->fold(o, row);
        uint64_t *os = rep_rows_sens(r, o), *rs = rep_rows_sens(r, row);
        for (size_t j = 0; j < r->nsens; j++)
            os[j] += rs[j];
    }
    return HSR_OK;
}

hsr_status_t rep_rows_make(rep_rows_t *r, const rep_ctx_t *c, const rep_spec_t *sp, int top,
                           void *arg)
{
    hsr_status_t s = rep_rows_init(r, sp->size, sp->sensors ? c->nsensors : 0);
    if (s != HSR_OK)
        return s;
    const agg_map_t *m = &c->st->maps[sp->map];
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i), *v = agg_map_val(m, i);
        uint64_t key[AGG_KEY_WORDS] = {k[0], 0, 0};
        if (sp->key && !sp->key(k, v, key, arg))
            continue;
        void *row = rep_rows_get(r, key[0], key[1], key[2]);
        if (!row)
            return HSR_ERR_NOMEM;
        if ((s = sp->add(c, row, rep_rows_sens(r, row), k, v, arg)) != HSR_OK)
            return s;
    }
    rep_rows_sort(r, sp->cmp, c);
    if (!sp->fold || top <= 0)
        return HSR_OK;
    if ((s = fold_rows(r, sp, top)) == HSR_OK)
        rep_rows_sort(r, sp->cmp, c);
    return s;
}

/* Attacking AS: entries of AGG_AS (bucket, asn, sensor) with attempts of
 * the family (arg: the report's context). */
static int attacker_key(const uint64_t *k, const uint64_t *v, uint64_t key[AGG_KEY_WORDS],
                        void *arg)
{
    const uint64_t *g = rep_gv(arg, v);
    key[0] = k[1];
    return g[1] + g[2] + g[3] != 0;
}

static hsr_status_t attacker_add(const rep_ctx_t *c, void *row, uint64_t *sens, const uint64_t *k,
                                 const uint64_t *v, void *arg)
{
    rep_attacker_t *x = row;
    if (x->attempts == 0)
        x->first = AGG_TIME_UNKNOWN;
    const uint64_t *g = rep_gv(c, v);
    x->asn = k[1];
    x->attempts += g[1] + g[2] + g[3];
    if ((int64_t)k[0] < x->first)
        x->first = (int64_t)k[0];
    return HSR_OK;
}

static int attacker_cmp(const void *pa, const void *pb, const rep_ctx_t *c)
{
    const rep_attacker_t *a = pa, *b = pb;
    int d = -rep_cmp_u64(a->attempts, b->attempts);
    return d ? d : rep_cmp_u64(a->asn, b->asn);
}

hsr_status_t rep_attackers(const rep_ctx_t *c, rep_rows_t *r)
{
    static const rep_spec_t spec = {
        .size = sizeof(rep_attacker_t), .map = AGG_AS, .key = attacker_key,
        .add = attacker_add, .cmp = attacker_cmp,
    };
    hsr_status_t s = rep_rows_make(r, c, &spec, 0, (void *)c);
    for (size_t i = 0; s == HSR_OK && i < r->n; i++)
        ((rep_attacker_t *)rep_rows_at(r, i))->rank = i;
    return s;
}

void rep_time_totals(const rep_ctx_t *c, uint64_t *sens, uint64_t *frames, uint64_t g[4])
{
    const agg_map_t *m = &c->st->maps[AGG_TIME];
    memset(sens, 0, c->nsensors * sizeof(uint64_t));
    memset(g, 0, 4 * sizeof(uint64_t));
    *frames = 0;
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i), *v = agg_map_val(m, i);
        sens[c->pos[k[1]]] += v[0];
        *frames += v[0];
        for (int j = 1; j <= 3; j++)
            g[j] += rep_gv(c, v)[j];
    }
}

hsr_status_t rep_distinct(const agg_map_t *map, int word, int val, uint64_t *count)
{
    agg_map_t seen;
    hsr_status_t s = agg_map_init(&seen, 1);
    if (s != HSR_OK)
        return s;
    for (size_t i = agg_map_next(map, 0); i < map->cap; i = agg_map_next(map, i + 1)) {
        const uint64_t *k = agg_map_key(map, i);
        if (k[word] == 0 || (val >= 0 && agg_map_val(map, i)[val] == 0))
            continue;
        uint64_t key[AGG_KEY_WORDS] = {k[word], 0, 0};
        if (!agg_map_upsert(&seen, key)) {
            agg_map_free(&seen);
            return HSR_ERR_NOMEM;
        }
    }
    *count = seen.len;
    agg_map_free(&seen);
    return HSR_OK;
}

hsr_status_t rep_build(rep_id_t id, const agg_state_t *st, const rep_opts_t *o, out_table_t *t)
{
    rep_ctx_t c;
    char title[160];
    out_table_init(t, rep_info[id].name,
                   rep_family_text(&(rep_ctx_t){.o = o}, rep_info[id].title, title, sizeof(title)));
    hsr_status_t s = rep_ctx_init(&c, st, o);
    if (s == HSR_OK)
        s = rep_info[id].build(&c, t);
    if (s == HSR_OK) {
        if (st->sum.frames_counted && !st->sum.with_asn && id != REP_OS && id != REP_TIMELINE &&
            id != REP_PORTS)
            out_note(t, "no frame carried src.asn: AS columns are unknown (was tshark run with "
                        "the honeyshark plugin and an ASN database?)");
        if (st->sum.frames_counted && !st->sum.with_country &&
            (id == REP_COUNTRY || id == REP_MULTIPORT))
            out_note(t, "no frame carried src.country: countries are unknown (was tshark run "
                        "with the honeyshark plugin and a country database?)");
        if (st->sum.sensor_overflow)
            out_note(t, "more than %d destinations: the rest are summed in \"(other)\"",
                     HSR_MAX_SENSORS - 1);
    }
    rep_ctx_free(&c);
    if (s == HSR_OK && t->oom)
        s = HSR_ERR_NOMEM;
    return s;
}
