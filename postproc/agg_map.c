/*
 * agg_map.c - open-addressing counter map, see agg_map.h.
 */
#include "agg_map.h"

#include <stdlib.h>
#include <string.h>

#define AGG_MAP_MIN_CAP 64

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

static uint64_t hash_key(const uint64_t *k)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < AGG_KEY_WORDS; i++)
        h = mix(h ^ (k[i] + 0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1)));
    return h;
}

static int alloc_slots(agg_map_t *m, size_t cap)
{
    m->keys = malloc(cap * AGG_KEY_WORDS * sizeof(uint64_t));
    m->vals = m->nval ? calloc(cap * m->nval, sizeof(uint64_t)) : NULL;
    m->used = calloc(cap, 1);
    if (!m->keys || (m->nval && !m->vals) || !m->used) {
        free(m->keys);
        free(m->vals);
        free(m->used);
        /* Left safe to agg_map_free() again. */
        m->keys = NULL;
        m->vals = NULL;
        m->used = NULL;
        return 0;
    }
    m->cap = cap;
    return 1;
}

hsr_status_t agg_map_init(agg_map_t *m, unsigned nval)
{
    memset(m, 0, sizeof(*m));
    if (nval > AGG_MAX_VALS)
        return HSR_ERR_TOO_MANY;
    m->nval = nval;
    return alloc_slots(m, AGG_MAP_MIN_CAP) ? HSR_OK : HSR_ERR_NOMEM;
}

void agg_map_free(agg_map_t *m)
{
    free(m->keys);
    free(m->vals);
    free(m->used);
    memset(m, 0, sizeof(*m));
}

static size_t probe(const agg_map_t *m, const uint64_t *key, int *found)
{
    size_t mask = m->cap - 1, i = (size_t)hash_key(key) & mask;
    while (m->used[i]) {
        if (memcmp(m->keys + i * AGG_KEY_WORDS, key, AGG_KEY_WORDS * sizeof(uint64_t)) == 0) {
            *found = 1;
            return i;
        }
        i = (i + 1) & mask;
    }
    *found = 0;
    return i;
}

static int grow(agg_map_t *m)
{
    agg_map_t old = *m;
    if (!alloc_slots(m, old.cap * 2)) {
        *m = old;
        return 0;
    }
    m->len = 0;
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.used[i])
            continue;
        int found;
        size_t j = probe(m, old.keys + i * AGG_KEY_WORDS, &found);
        m->used[j] = 1;
        memcpy(m->keys + j * AGG_KEY_WORDS, old.keys + i * AGG_KEY_WORDS,
               AGG_KEY_WORDS * sizeof(uint64_t));
        if (m->nval)
            memcpy(m->vals + j * m->nval, old.vals + i * old.nval, m->nval * sizeof(uint64_t));
        m->len++;
    }
    free(old.keys);
    free(old.vals);
    free(old.used);
    return 1;
}

uint64_t *agg_map_upsert(agg_map_t *m, const uint64_t key[AGG_KEY_WORDS])
{
    int found;
    size_t i = probe(m, key, &found);
    if (found)
        return m->vals + i * m->nval;
    if ((m->len + 1) * 10 > m->cap * 7) {
        if (!grow(m))
            return NULL;
        i = probe(m, key, &found);
    }
    m->used[i] = 1;
    memcpy(m->keys + i * AGG_KEY_WORDS, key, AGG_KEY_WORDS * sizeof(uint64_t));
    m->len++;
    /* vals were zeroed by calloc and are never cleared elsewhere. */
    return m->vals + i * m->nval;
}

uint64_t *agg_map_find(const agg_map_t *m, const uint64_t key[AGG_KEY_WORDS])
{
    int found;
    size_t i = probe(m, key, &found);
    return found ? m->vals + i * m->nval : NULL;
}

size_t agg_map_next(const agg_map_t *m, size_t i)
{
    while (i < m->cap && !m->used[i])
        i++;
    return i;
}
