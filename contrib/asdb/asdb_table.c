/*
 * asdb_table.c - the prefix -> origin tally: every route votes for its
 * origin; a prefix's origin is the one with most votes, ties going to the
 * lowest AS number.  An open-addressing hash table keyed by prefix; memory
 * grows with the distinct (prefix, origin) pairs of the input.
 */
#include "asdb.h"

#include <stdlib.h>
#include <string.h>

typedef struct vote {
    uint32_t asn, count;
} vote_t;

typedef struct slot {
    asdb_prefix_t prefix;
    bool used;
    uint32_t routes;
    vote_t first;     /* nearly every prefix has one origin */
    vote_t *more;     /* the others */
    uint32_t n_more, cap_more;
} slot_t;

struct asdb_table {
    slot_t *slots;
    size_t cap, used;
};

static uint64_t hash_prefix(const asdb_prefix_t *p)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    h = (h ^ p->family) * 1099511628211ull;
    h = (h ^ p->len) * 1099511628211ull;
    for (int i = 0; i < (p->family == 4 ? 4 : 16); i++)
        h = (h ^ p->addr[i]) * 1099511628211ull;
    return h ^ (h >> 29);
}

asdb_table_t *asdb_table_new(void)
{
    asdb_table_t *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->cap = 1024;
    t->slots = calloc(t->cap, sizeof *t->slots);
    if (!t->slots) {
        free(t);
        return NULL;
    }
    return t;
}

void asdb_table_free(asdb_table_t *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->cap; i++)
        free(t->slots[i].more);
    free(t->slots);
    free(t);
}

static slot_t *find(slot_t *slots, size_t cap, const asdb_prefix_t *p)
{
    size_t i = (size_t)hash_prefix(p) & (cap - 1);
    while (slots[i].used && asdb_prefix_cmp(&slots[i].prefix, p) != 0)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static bool grow(asdb_table_t *t)
{
    size_t cap = t->cap * 2;
    slot_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].used)
            *find(slots, cap, &t->slots[i].prefix) = t->slots[i];
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return true;
}

static void bump(uint32_t *n)
{
    if (*n != UINT32_MAX)
        (*n)++;
}

asdb_status_t asdb_table_add(asdb_table_t *t, const asdb_prefix_t *prefix, uint32_t origin)
{
    if (origin == 0)
        return ASDB_OK;
    if ((t->used + 1) * 10 > t->cap * 7 && !grow(t))
        return ASDB_NOMEM;
    slot_t *s = find(t->slots, t->cap, prefix);
    if (!s->used) {
        memset(s, 0, sizeof *s);
        s->used = true;
        s->prefix = *prefix;
        s->first.asn = origin;
        t->used++;
    }
    bump(&s->routes);
    if (s->first.asn == origin) {
        bump(&s->first.count);
        return ASDB_OK;
    }
    for (uint32_t i = 0; i < s->n_more; i++) {
        if (s->more[i].asn == origin) {
            bump(&s->more[i].count);
            return ASDB_OK;
        }
    }
    if (s->n_more == s->cap_more) {
        uint32_t cap = s->cap_more ? s->cap_more * 2 : 2;
        vote_t *m = realloc(s->more, cap * sizeof *m);
        if (!m)
            return ASDB_NOMEM;
        s->more = m;
        s->cap_more = cap;
    }
    s->more[s->n_more++] = (vote_t){origin, 1};
    return ASDB_OK;
}

int asdb_table_route(void *ctx, const asdb_prefix_t *prefix, uint32_t origin)
{
    return asdb_table_add(ctx, prefix, origin) != ASDB_OK;
}

static int row_cmp(const void *a, const void *b)
{
    return asdb_prefix_cmp(&((const asdb_row_t *)a)->prefix, &((const asdb_row_t *)b)->prefix);
}

asdb_status_t asdb_table_rows(const asdb_table_t *t, asdb_row_t **rows, size_t *n,
                              asdb_table_stats_t *stats)
{
    asdb_row_t *out = malloc((t->used ? t->used : 1) * sizeof *out);
    asdb_table_stats_t st = {0};
    size_t k = 0;
    if (!out)
        return ASDB_NOMEM;
    for (size_t i = 0; i < t->cap; i++) {
        const slot_t *s = &t->slots[i];
        if (!s->used)
            continue;
        vote_t best = s->first;
        for (uint32_t j = 0; j < s->n_more; j++) {
            const vote_t *v = &s->more[j];
            if (v->count > best.count || (v->count == best.count && v->asn < best.asn))
                best = *v;
        }
        out[k++] = (asdb_row_t){s->prefix, best.asn, best.count, s->routes, 1 + s->n_more};
        st.routes += s->routes;
        if (s->n_more)
            st.moas++;
        if (s->prefix.family == 4)
            st.ipv4++;
        else
            st.ipv6++;
    }
    qsort(out, k, sizeof *out, row_cmp);
    st.prefixes = k;
    *rows = out;
    *n = k;
    if (stats)
        *stats = st;
    return ASDB_OK;
}
