/*
 * agg_intern.h - one id per distinct string (addresses, AS names,
 * countries, OS labels), so aggregate keys stay integers.
 *
 * Id 0 is the empty string and stands for "unknown".  Ids depend on the
 * order strings were seen: reports sort by the strings, never by ids.
 */
#ifndef AGG_INTERN_H
#define AGG_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "hsr_status.h"

typedef struct {
    char **strs;     /* by id */
    uint32_t *lens;  /* by id */
    size_t n, cap;   /* ids in use, allocated */
    uint32_t *slots; /* hash table of id+1, 0 empty */
    size_t nslots;
} agg_intern_t;

hsr_status_t agg_intern_init(agg_intern_t *t);
void agg_intern_free(agg_intern_t *t);

/* The id of s[0..n) (added if new). */
hsr_status_t agg_intern(agg_intern_t *t, const char *s, size_t n, uint32_t *id);

static inline const char *agg_intern_str(const agg_intern_t *t, uint64_t id)
{
    return id < t->n ? t->strs[id] : "";
}

#endif /* AGG_INTERN_H */
