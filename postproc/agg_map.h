/*
 * agg_map.h - a hash map from a fixed-size integer key to counters.
 *
 * Every aggregate of the report is one of these: the key is up to
 * AGG_KEY_WORDS 64-bit words (bucket, AS, port, interned string ids...), the
 * value a fixed number of 64-bit counters.  Open addressing, linear probing,
 * grows at 70 % load; memory is proportional to the number of keys.
 */
#ifndef AGG_MAP_H
#define AGG_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "hsr_status.h"

#define AGG_KEY_WORDS 3
#define AGG_MAX_VALS 7

typedef struct {
    size_t cap, len;
    unsigned nval;
    uint64_t *keys;      /* cap * AGG_KEY_WORDS */
    uint64_t *vals;      /* cap * nval */
    unsigned char *used; /* cap */
} agg_map_t;

hsr_status_t agg_map_init(agg_map_t *m, unsigned nval);
void agg_map_free(agg_map_t *m);

/* The counters of key, inserted (zeroed) if new; NULL if out of memory. */
uint64_t *agg_map_upsert(agg_map_t *m, const uint64_t key[AGG_KEY_WORDS]);
/* The counters of key, NULL if absent. */
uint64_t *agg_map_find(const agg_map_t *m, const uint64_t key[AGG_KEY_WORDS]);

/* Iteration: for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) */
size_t agg_map_next(const agg_map_t *m, size_t i);
static inline const uint64_t *agg_map_key(const agg_map_t *m, size_t i)
{
    return m->keys + i * AGG_KEY_WORDS;
}
static inline uint64_t *agg_map_val(const agg_map_t *m, size_t i)
{
    return m->vals + i * m->nval;
}

#endif /* AGG_MAP_H */
