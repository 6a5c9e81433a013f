/*
 * geo_cache.c - the answer for each source address, for one capture file.
 *
 * +------------------------------------------------------------------------+
 * | Open addressing with linear probing, keyed by the 16-byte address and  |
 * | the era (which dated databases answer); the table doubles from         |
 * | GEO_CACHE_MIN_SLOTS while under 3/4 full.  Strings                     |
 * | live in a bump arena freed all at once.  When max_entries addresses    |
 * | are held, the next insert empties everything and starts again: no      |
 * | per-entry eviction bookkeeping, memory stays bounded, and a hit is one |
 * | hash and a probe, with no allocation.                                   |
 * +------------------------------------------------------------------------+
 */
#include "geo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 65536u

typedef struct arena_block {
    struct arena_block *next;
    size_t size, used;
    char data[];
} arena_block_t;

typedef struct {
    geo_addr_t key;
    uint32_t era;
    int used;
    geo_info_t info;
} slot_t;

struct geo_cache {
    slot_t *slots;
    size_t n_slots; /* a power of two */
    size_t max_slots;
    size_t entries;
    size_t max_entries;
    arena_block_t *arena; /* newest first */
    size_t string_bytes;
    uint64_t hits, misses, flushes;
};

static uint64_t hash_addr(const geo_addr_t *a, uint32_t era)
{
    uint64_t x, y;
    memcpy(&x, a->b, 8);
    memcpy(&y, a->b + 8, 8);
    uint64_t h = x * 0x9e3779b97f4a7c15ull ^ (y + 0x632be59bd9b4e019ull + era);
    h ^= h >> 31;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return h;
}

static const char *arena_strdup(geo_cache_t *c, const char *s)
{
    size_t n = strlen(s) + 1;
    arena_block_t *b = c->arena;
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = malloc(sizeof *b + size);
        if (!b)
            return NULL;
        b->next = c->arena;
        b->size = size;
        b->used = 0;
        c->arena = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    b->used += n;
    c->string_bytes += n;
    return p;
}

/* Frees every block but the newest, which is kept for reuse. */
static void arena_reset(geo_cache_t *c)
{
    arena_block_t *keep = c->arena;
    if (!keep)
        return;
    for (arena_block_t *b = keep->next, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    keep->next = NULL;
    keep->used = 0;
    c->string_bytes = 0;
}

geo_cache_t *geo_cache_new(size_t max_entries)
{
    geo_cache_t *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    if (max_entries == 0)
        max_entries = GEO_CACHE_MAX_ENTRIES;
    c->max_entries = max_entries;
    /* Enough slots to keep max_entries under 3/4 load. */
    c->max_slots = GEO_CACHE_MIN_SLOTS;
    while (c->max_slots / 4 * 3 < max_entries)
        c->max_slots *= 2;
    c->n_slots = GEO_CACHE_MIN_SLOTS;
    c->slots = calloc(c->n_slots, sizeof *c->slots);
    if (!c->slots) {
        free(c);
        return NULL;
    }
    return c;
}

void geo_cache_free(geo_cache_t *c)
{
    if (!c)
        return;
    arena_reset(c);
    free(c->arena);
    free(c->slots);
    free(c);
}

void geo_cache_clear(geo_cache_t *c)
{
    if (!c)
        return;
    if (c->entries)
        memset(c->slots, 0, c->n_slots * sizeof *c->slots);
    c->entries = 0;
    arena_reset(c);
}

static slot_t *probe(slot_t *slots, size_t n_slots, const geo_addr_t *addr, uint32_t era)
{
    size_t mask = n_slots - 1;
    for (size_t i = (size_t)hash_addr(addr, era) & mask;; i = (i + 1) & mask) {
        slot_t *s = &slots[i];
        if (!s->used || (s->era == era && memcmp(s->key.b, addr->b, 16) == 0))
            return s;
    }
}

const geo_info_t *geo_cache_find(geo_cache_t *c, const geo_addr_t *addr, uint32_t era)
{
    slot_t *s = probe(c->slots, c->n_slots, addr, era);
    if (s->used) {
        c->hits++;
        return &s->info;
    }
    c->misses++;
    return NULL;
}

/* Doubles the table; 0 when out of memory (the old table stays). */
static int grow(geo_cache_t *c)
{
    size_t n = c->n_slots * 2;
    slot_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return 0;
    for (size_t i = 0; i < c->n_slots; i++) {
        if (c->slots[i].used)
            *probe(slots, n, &c->slots[i].key, c->slots[i].era) = c->slots[i];
    }
    free(c->slots);
    c->slots = slots;
    c->n_slots = n;
    return 1;
}

const geo_info_t *geo_cache_insert(geo_cache_t *c, const geo_addr_t *addr, uint32_t era,
                                   const geo_record_t *rec)
{
    slot_t *s = probe(c->slots, c->n_slots, addr, era);
    if (!s->used) {
        if (c->entries >= c->max_entries) {
            geo_cache_clear(c);
            c->flushes++;
        } else if (c->entries + 1 > c->n_slots / 4 * 3) {
            if (c->n_slots >= c->max_slots || !grow(c)) {
                geo_cache_clear(c);
                c->flushes++;
            }
        }
        s = probe(c->slots, c->n_slots, addr, era);
    }

    geo_info_t info = {.asn = rec->asn, .have = rec->have};
    const char *const src[4] = {rec->as_org, rec->country, rec->country_name, rec->net};
    const char **dst[4] = {&info.as_org, &info.country, &info.country_name, &info.net};
    const unsigned bit[4] = {GEO_HAVE_ORG, GEO_HAVE_COUNTRY, GEO_HAVE_COUNTRY_NAME, GEO_HAVE_NET};
    for (int i = 0; i < 4; i++) {
        if (!(rec->have & bit[i]))
            continue;
        *dst[i] = arena_strdup(c, src[i]);
        if (!*dst[i])
            return NULL;
    }
    if (rec->have) {
        char line[3 * GEO_STR_MAX + GEO_NET_STRLEN + 32];
        size_t n = 0;
        const char *sep = "";
#define GEO_PUT(...) \
    (n += (size_t)snprintf(line + n, n < sizeof line ? sizeof line - n : 0, __VA_ARGS__))
        if (rec->have & GEO_HAVE_ASN) {
            GEO_PUT("AS%u", (unsigned)rec->asn);
            sep = ", ";
        }
        if (rec->have & GEO_HAVE_ORG) {
            if (rec->have & GEO_HAVE_ASN)
                GEO_PUT(" (%s)", rec->as_org);
            else
                GEO_PUT("%s", rec->as_org);
            sep = ", ";
        }
        if (rec->have & GEO_HAVE_COUNTRY) {
            GEO_PUT("%s%s", sep, rec->country);
            sep = ", ";
        }
        if (rec->have & GEO_HAVE_COUNTRY_NAME) {
            if (rec->have & GEO_HAVE_COUNTRY)
                GEO_PUT(" (%s)", rec->country_name);
            else
                GEO_PUT("%s%s", sep, rec->country_name);
            sep = ", ";
        }
        if (rec->have & GEO_HAVE_NET)
            GEO_PUT("%s%s", sep, rec->net);
#undef GEO_PUT
        if (!(info.summary = arena_strdup(c, line)))
            return NULL;
    }
    if (!s->used) {
        s->used = 1;
        s->key = *addr;
        s->era = era;
        c->entries++;
    }
    s->info = info;
    return &s->info;
}

void geo_cache_get_stats(const geo_cache_t *c, geo_cache_stats_t *st)
{
    st->hits = c->hits;
    st->misses = c->misses;
    st->flushes = c->flushes;
    st->entries = c->entries;
    st->slots = c->n_slots;
    st->string_bytes = c->string_bytes;
}
