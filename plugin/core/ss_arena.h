/*
 * ss_arena.h - a bump allocator for one scan's strings.
 *
 * A scan makes many small strings (command names, URLs, decoded values) that
 * all die together.  The arena hands them out from blocks and frees them in
 * one go; ss_arena_reset() keeps the first block, so scanning request after
 * request allocates nothing once the first block is big enough.
 */
#ifndef SS_ARENA_H
#define SS_ARENA_H

#include <stddef.h>

typedef struct ss_arena_block ss_arena_block_t;

typedef struct {
    ss_arena_block_t *head; /* newest block first */
    size_t used;            /* bytes used in head */
} ss_arena_t;

void ss_arena_init(ss_arena_t *arena);
/* Forgets every allocation; keeps one block for reuse. */
void ss_arena_reset(ss_arena_t *arena);
void ss_arena_free(ss_arena_t *arena);

/* n bytes aligned for any type; NULL only if out of memory. */
void *ss_arena_alloc(ss_arena_t *arena, size_t n);
/* A NUL-terminated copy of s[0..n) (s may hold NULs); NULL if out of memory. */
char *ss_arena_strndup(ss_arena_t *arena, const char *s, size_t n);

#endif /* SS_ARENA_H */
