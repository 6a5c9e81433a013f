/*
 * ss_arena.c - bump allocator, see ss_arena.h.
 */
#include "ss_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SS_ARENA_BLOCK_SIZE (64u * 1024u)
#define SS_ARENA_ALIGN 16u

struct ss_arena_block {
    ss_arena_block_t *next;
    size_t size; /* bytes in data[] */
    _Alignas(16) unsigned char data[];
};

static ss_arena_block_t *block_new(size_t size)
{
    ss_arena_block_t *b = malloc(sizeof(*b) + size);
    if (b) {
        b->next = NULL;
        b->size = size;
    }
    return b;
}

void ss_arena_init(ss_arena_t *arena)
{
    arena->head = NULL;
    arena->used = 0;
}

void ss_arena_reset(ss_arena_t *arena)
{
    if (!arena->head)
        return;
    /* Keep the oldest block (the standard-sized one), free the rest. */
    ss_arena_block_t *b = arena->head;
    while (b->next) {
        ss_arena_block_t *next = b->next;
        free(b);
        b = next;
    }
    arena->head = b;
    arena->used = 0;
}

void ss_arena_free(ss_arena_t *arena)
{
    ss_arena_block_t *b = arena->head;
    while (b) {
        ss_arena_block_t *next = b->next;
        free(b);
        b = next;
    }
    arena->head = NULL;
    arena->used = 0;
}

void *ss_arena_alloc(ss_arena_t *arena, size_t n)
{
    if (n > SIZE_MAX - SS_ARENA_ALIGN)
        return NULL;
    size_t need = (n + SS_ARENA_ALIGN - 1) & ~(size_t)(SS_ARENA_ALIGN - 1);
    if (need == 0)
        need = SS_ARENA_ALIGN;
    if (!arena->head || arena->head->size - arena->used < need) {
        size_t size = need > SS_ARENA_BLOCK_SIZE ? need : SS_ARENA_BLOCK_SIZE;
        ss_arena_block_t *b = block_new(size);
        if (!b)
            return NULL;
        /* The new block becomes head; the first one stays last, for reset. */
        b->next = arena->head;
        arena->head = b;
        arena->used = 0;
    }
    void *p = arena->head->data + arena->used;
    arena->used += need;
    return p;
}

char *ss_arena_strndup(ss_arena_t *arena, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = ss_arena_alloc(arena, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
