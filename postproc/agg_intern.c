/*
 * agg_intern.c - string interning, see agg_intern.h.
 */
#include "agg_intern.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_str(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ^ (h >> 29);
}

static int rehash(agg_intern_t *t, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof(uint32_t));
    if (!slots)
        return 0;
    for (size_t id = 0; id < t->n; id++) {
        size_t i = (size_t)hash_str(t->strs[id], t->lens[id]) & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)id + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return 1;
}

static hsr_status_t add(agg_intern_t *t, const char *s, size_t n, uint32_t *id)
{
    if (t->n >= UINT32_MAX - 1)
        return HSR_ERR_TOO_MANY;
    if (t->n == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 64;
        char **strs = realloc(t->strs, ncap * sizeof(char *));
        if (!strs)
            return HSR_ERR_NOMEM;
        t->strs = strs;
        uint32_t *lens = realloc(t->lens, ncap * sizeof(uint32_t));
        if (!lens)
            return HSR_ERR_NOMEM;
        t->lens = lens;
        t->cap = ncap;
    }
    if ((t->n + 1) * 2 > t->nslots && !rehash(t, t->nslots * 2))
        return HSR_ERR_NOMEM;
    char *copy = malloc(n + 1);
    if (!copy)
        return HSR_ERR_NOMEM;
    memcpy(copy, s, n);
    copy[n] = '\0';
    t->strs[t->n] = copy;
    t->lens[t->n] = (uint32_t)n;
    size_t i = (size_t)hash_str(s, n) & (t->nslots - 1);
    while (t->slots[i])
        i = (i + 1) & (t->nslots - 1);
    t->slots[i] = (uint32_t)t->n + 1;
    *id = (uint32_t)t->n++;
    return HSR_OK;
}

hsr_status_t agg_intern_init(agg_intern_t *t)
{
    memset(t, 0, sizeof(*t));
    if (!rehash(t, 256))
        return HSR_ERR_NOMEM;
    uint32_t id;
    return add(t, "", 0, &id); /* id 0: unknown */
}

void agg_intern_free(agg_intern_t *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->strs[i]);
    free(t->strs);
    free(t->lens);
    free(t->slots);
    memset(t, 0, sizeof(*t));
}

hsr_status_t agg_intern(agg_intern_t *t, const char *s, size_t n, uint32_t *id)
{
    if (n == 0 || !s) {
        *id = 0;
        return HSR_OK;
    }
    if (n > UINT32_MAX / 2)
        return HSR_ERR_TOO_MANY;
    size_t i = (size_t)hash_str(s, n) & (t->nslots - 1);
    while (t->slots[i]) {
        uint32_t cand = t->slots[i] - 1;
        if (t->lens[cand] == n && memcmp(t->strs[cand], s, n) == 0) {
            *id = cand;
            return HSR_OK;
        }
        i = (i + 1) & (t->nslots - 1);
    }
    return add(t, s, n, id);
}
